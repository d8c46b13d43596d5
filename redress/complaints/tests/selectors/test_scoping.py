import pytest

from redress.accounts.models import Role, User
from redress.complaints.selectors import (
    complaints_listed_note,
    complaints_visible_to,
    sees_complaints,
    stages_visible_to,
    why_hidden,
)
from redress.complaints.state import refresh_complaints
from redress.complaints.tests.factories import AppointmentFactory, ComplaintFactory, StageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def complaints(responding_manager, investigator):
    allocated = ComplaintFactory(reference="ALLOCATED")
    allocated.stages.update(allocated_to=responding_manager)
    refresh_complaints([allocated.pk])
    appointed = ComplaintFactory(reference="APPOINTED")
    AppointmentFactory(
        stage=StageFactory(complaint=appointed, number=2), user=investigator, name="Ivan"
    )
    ComplaintFactory(reference="CHILD", complainant_type="child_young_person")
    ComplaintFactory(reference="OTHER")


def _visible(user):
    return sorted(complaints_visible_to(user).values_list("reference", flat=True))


def test_officers_and_managers_see_every_complaint(complaints, officer, manager):
    assert _visible(officer) == ["ALLOCATED", "APPOINTED", "CHILD", "OTHER"]
    assert _visible(manager) == ["ALLOCATED", "APPOINTED", "CHILD", "OTHER"]


def test_a_responding_manager_sees_complaints_allocated_to_them(complaints, responding_manager):
    assert _visible(responding_manager) == ["ALLOCATED"]


def test_an_investigator_sees_only_complaints_they_are_appointed_to(
    complaints, investigator, responding_manager
):
    assert _visible(investigator) == ["APPOINTED"]
    # An allocation alone does not open a complaint to an investigator.
    stray = StageFactory(complaint=ComplaintFactory(reference="STRAY"), number=2).complaint
    stray.stages.update(allocated_to=investigator)
    refresh_complaints([stray.pk])
    assert _visible(investigator) == ["APPOINTED"]


def test_a_participation_worker_sees_childrens_complaints(complaints):
    worker = User.objects.create_user("pat_worker", role=Role.PARTICIPATION_WORKER)
    assert _visible(worker) == ["CHILD"]

    # The note a list shows says what the rule above does.
    assert "made by children, young people or care leavers" in complaints_listed_note(worker)


def test_the_listed_note_of_someone_involved_names_allocation_and_appointment(
    responding_manager,
):
    assert complaints_listed_note(responding_manager) == (
        "Only complaints allocated to you, or that you are appointed to, are listed here."
    )


def test_the_listed_note_of_an_investigating_officer_names_appointment_alone(investigator):
    """They see only the complaints they are appointed to (`_involved_ids`), so the note does
    not promise the ones allocated to them."""
    assert complaints_listed_note(investigator) == (
        "Only complaints you are appointed to investigate are listed here."
    )


def test_an_executive_sees_no_complaint(complaints, executive):
    assert _visible(executive) == []
    assert not sees_complaints(executive)
    assert "Executive or board member" in why_hidden(executive)
    assert "Your home page shows the counts" in why_hidden(executive)


def test_an_inactive_user_sees_nothing(complaints, officer):
    officer.is_active = False
    assert _visible(officer) == []


def test_stages_follow_their_complaints(complaints, investigator):
    stages = stages_visible_to(investigator)
    assert sorted(stages.values_list("complaint__reference", "number")) == [
        ("APPOINTED", 1),
        ("APPOINTED", 2),
    ]
    assert "appointed to" in why_hidden(investigator)
