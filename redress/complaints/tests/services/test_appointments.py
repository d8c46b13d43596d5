import pytest

from redress.accounts.models import Role, User
from redress.complaints.models import Appointment
from redress.complaints.services import appointment_remove, stage_appoint
from redress.complaints.state import refresh_complaints
from redress.complaints.tests.factories import AppointmentFactory, ComplaintFactory
from redress.procedures import rules

from .helpers import D, complaint_with, nothing_written, only_event, stage_of

pytestmark = pytest.mark.django_db

S1 = {"received_date": D("2021-03-18"), "responded_date": D("2021-04-01"), "outcome": "upheld"}
S2_OPEN = {"received_date": D("2021-04-06")}
S2_DONE = {**S2_OPEN, "responded_date": D("2021-06-01"), "outcome": "not_upheld"}
S3_OPEN = {"received_date": D("2021-06-10")}


def external(username, first, last):
    return User.objects.create_user(
        username=username, first_name=first, last_name=last, role=Role.INVESTIGATING_OFFICER
    )


@pytest.fixture
def stage2():
    return stage_of(complaint_with(S1, S2_OPEN), 2)


@pytest.fixture
def stage3():
    return stage_of(complaint_with(S1, S2_DONE, S3_OPEN), 3)


class TestAppoint:
    def test_appoints_a_user_by_their_name(self, officer, investigator, stage2):
        appointment = stage_appoint(
            stage=stage2,
            role="investigating_officer",
            user=investigator,
            appointed_on=D("2021-04-08"),
            by=officer,
        )
        assert (appointment.name, appointment.user, appointment.appointed_date) == (
            "Ivan Tester",
            investigator,
            D("2021-04-08"),
        )
        event = only_event("stage.appoint")
        assert event.actor == officer
        assert event.after["role"] == "investigating_officer"
        assert event.after["user"] == investigator.pk

    def test_appoints_someone_outside_redress_by_name(self, stage2):
        appointment = stage_appoint(
            stage=stage2, role="independent_person", name=" Jo Bloggs ", by=None
        )
        assert (appointment.name, appointment.user) == ("Jo Bloggs", None)

    def test_needs_a_name(self, stage2):
        with nothing_written(stage2), pytest.raises(rules.AppointmentNeedsName) as err:
            stage_appoint(stage=stage2, role="independent_person", by=None)
        assert err.value.message == (
            "Enter the name of the independent person, or choose their user account."
        )

    def test_the_role_belongs_to_its_stage(self):
        stage = stage_of(complaint_with(), 1)
        with nothing_written(stage), pytest.raises(rules.AppointmentNotForStage) as err:
            stage_appoint(stage=stage, role="investigating_officer", name="Jo Bloggs", by=None)
        assert (
            err.value.message == "The investigating officer is appointed at stage 2, not stage 1."
        )

    def test_an_unknown_role(self, stage2):
        with nothing_written(stage2), pytest.raises(rules.NotAChoice, match="not a valid role"):
            stage_appoint(stage=stage2, role="judge", name="Jo Bloggs", by=None)

    def test_not_twice(self, stage2):
        stage_appoint(stage=stage2, role="independent_person", name="Jo Bloggs", by=None)
        with nothing_written(stage2), pytest.raises(rules.AlreadyAppointed) as err:
            stage_appoint(stage=stage2, role="independent_person", name="jo bloggs", by=None)
        assert (
            err.value.message == "jo bloggs is already appointed to stage 2 as independent person."
        )

    def test_investigator_and_independent_person_are_different_people(self, investigator, stage2):
        stage_appoint(stage=stage2, role="investigating_officer", user=investigator, by=None)
        with nothing_written(stage2), pytest.raises(rules.SamePersonTwoRoles) as err:
            stage_appoint(stage=stage2, role="independent_person", user=investigator, by=None)
        assert err.value.message == (
            "Ivan Tester is already the investigating officer at stage 2; the independent "
            "person must be someone else."
        )

    def test_not_on_a_closed_stage(self):
        stage = stage_of(complaint_with(S1, S2_DONE), 2)
        with nothing_written(stage), pytest.raises(rules.AlreadyResponded):
            stage_appoint(stage=stage, role="independent_person", name="Jo Bloggs", by=None)

    def test_not_before_the_stage_was_received(self, stage2):
        with nothing_written(stage2), pytest.raises(rules.DateBefore):
            stage_appoint(
                stage=stage2,
                role="independent_person",
                name="Jo Bloggs",
                appointed_on=D("2021-04-05"),
                by=None,
            )


class TestIndependence:
    def test_the_stage_one_responder_cannot_investigate(self, responding_manager):
        complaint = complaint_with({**S1, "responded_by": responding_manager}, S2_OPEN)
        complaint.service_area.name = "South Safeguarding"
        complaint.service_area.save()
        stage = stage_of(complaint, 2)
        with nothing_written(stage), pytest.raises(rules.InvestigatorNotIndependent) as err:
            stage_appoint(
                stage=stage, role="investigating_officer", user=responding_manager, by=None
            )
        assert err.value.message == (
            "Rita Tester is not independent of South Safeguarding: they handled this complaint "
            "at stage 1, so cannot be appointed investigating officer."
        )

    def test_a_manager_of_the_service_cannot_investigate(self, responding_manager, stage2):
        other = ComplaintFactory(service_area=stage2.complaint.service_area)
        other.stages.update(allocated_to=responding_manager)
        refresh_complaints([other.pk])
        with nothing_written(stage2), pytest.raises(rules.InvestigatorNotIndependent) as err:
            stage_appoint(stage=stage2, role="independent_person", user=responding_manager, by=None)
        assert "they handle complaints about it" in err.value.message

    def test_the_adjudicator_is_a_senior_manager_and_need_not_be_independent(
        self, responding_manager, stage2
    ):
        stage2.complaint.stages.filter(number=1).update(responded_by=responding_manager)
        refresh_complaints([stage2.complaint_id])
        appointment = stage_appoint(
            stage=stage2, role="adjudicator", user=responding_manager, by=None
        )
        assert appointment.role == "adjudicator"


class TestPanel:
    def test_the_stage_two_independent_person_cannot_sit_on_the_panel(self, stage3):
        ip = external("ip", "Jo", "Bloggs")
        AppointmentFactory(
            stage=stage_of(stage3.complaint, 2),
            role="independent_person",
            user=ip,
            name="Jo Bloggs",
        )
        with nothing_written(stage3), pytest.raises(rules.IndependentPersonOnPanel) as err:
            stage_appoint(stage=stage3, role="panel_member", user=ip, by=None)
        assert err.value.message == (
            "Jo Bloggs was the independent person at stage 2, so cannot sit on the stage 3 "
            "review panel."
        )

    def test_the_same_name_is_the_same_person(self, stage3):
        AppointmentFactory(
            stage=stage_of(stage3.complaint, 2), role="independent_person", name="Jo Bloggs"
        )
        with nothing_written(stage3), pytest.raises(rules.IndependentPersonOnPanel):
            stage_appoint(stage=stage3, role="panel_chair", name="JO BLOGGS", by=None)

    def test_the_stage_two_investigator_cannot_sit_on_the_panel(self, stage3):
        AppointmentFactory(
            stage=stage_of(stage3.complaint, 2), role="investigating_officer", name="Sam Lee"
        )
        with nothing_written(stage3), pytest.raises(rules.InvestigatorOnPanel):
            stage_appoint(stage=stage3, role="panel_member", name="Sam Lee", by=None)

    def test_three_members_one_chair(self, stage3):
        stage_appoint(stage=stage3, role="panel_chair", name="Ann Chair", by=None)
        with nothing_written(stage3), pytest.raises(rules.PanelHasChair) as err:
            stage_appoint(stage=stage3, role="panel_chair", name="Bob Chair", by=None)
        assert err.value.message == "The stage 3 review panel already has a chair, Ann Chair."
        stage_appoint(stage=stage3, role="panel_member", name="Cat Member", by=None)
        stage_appoint(stage=stage3, role="panel_member", name="Dan Member", by=None)
        with nothing_written(stage3), pytest.raises(rules.PanelFull) as err:
            stage_appoint(stage=stage3, role="panel_member", name="Eve Member", by=None)
        assert err.value.message == "The stage 3 review panel already has its 3 members."


def test_remove_an_appointment(officer, stage2):
    appointment = stage_appoint(stage=stage2, role="independent_person", name="Jo Bloggs", by=None)
    appointment_remove(appointment=appointment, by=officer, reason="Conflict of interest")
    assert not Appointment.objects.exists()
    event = only_event("stage.unappoint")
    assert event.before["name"] == "Jo Bloggs"
    assert event.after is None
    assert event.note == "Conflict of interest"


class TestIndependentPersonOutsideTheAuthority:
    def test_a_member_of_staff_cannot_be_the_independent_person(self, officer, stage2):
        with nothing_written(stage2), pytest.raises(rules.IndependentPersonIsStaff) as err:
            stage_appoint(stage=stage2, role="independent_person", user=officer, by=None)
        assert err.value.message == (
            "Olive Tester works for the authority (complaints officer), so cannot be the "
            "independent person: the independent person must be someone who neither works for "
            "the authority nor is a member of it."
        )
        assert err.value.field == "name"

    def test_nor_sit_on_the_review_panel(self, responding_manager, stage3):
        with nothing_written(stage3), pytest.raises(rules.IndependentPersonIsStaff):
            stage_appoint(stage=stage3, role="panel_member", user=responding_manager, by=None)

    def test_an_outside_investigator_account_can_be_the_independent_person(self, stage2):
        ip = external("ip", "Jo", "Bloggs")
        appointment = stage_appoint(stage=stage2, role="independent_person", user=ip, by=None)
        assert appointment.user == ip

    def test_the_investigating_officer_may_work_for_the_authority(self, officer, stage2):
        appointment = stage_appoint(
            stage=stage2, role="investigating_officer", user=officer, by=None
        )
        assert appointment.name == "Olive Tester"

    def test_someone_who_handled_stage_one_is_refused_by_name_too(self, responding_manager):
        complaint = complaint_with({**S1, "allocated_to": responding_manager}, S2_OPEN)
        stage = stage_of(complaint, 2)
        with nothing_written(stage), pytest.raises(rules.InvestigatorNotIndependent) as err:
            stage_appoint(stage=stage, role="independent_person", name="rita tester", by=None)
        assert "they handled this complaint at stage 1" in err.value.message

    def test_the_independent_person_is_not_the_investigator_by_name(self, stage2):
        stage_appoint(stage=stage2, role="investigating_officer", name="Sam Lee", by=None)
        with nothing_written(stage2), pytest.raises(rules.SamePersonTwoRoles):
            stage_appoint(stage=stage2, role="independent_person", name="Sam Lee", by=None)
