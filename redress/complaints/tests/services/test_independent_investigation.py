"""Only a stage whose rule is an independent investigation (the statutory stage 2) has people
appointed, their reports and an adjudication; the local procedure's stage 2 is a review."""

import pytest

from redress.complaints.services import (
    stage2_record_adjudication,
    stage2_record_io_report,
    stage2_record_ip_report,
    stage_agree_statement,
    stage_appoint,
)
from redress.complaints.services.stage2 import has_independent_investigation
from redress.complaints.tests.factories import AppointmentFactory
from redress.procedures import rules
from redress.procedures.models import StageRule

from .helpers import D, complaint_with, nothing_written, stage_of

pytestmark = pytest.mark.django_db

S1 = {"received_date": D("2021-03-18"), "responded_date": D("2021-04-01"), "outcome": "upheld"}
S2 = {"received_date": D("2021-04-06")}


def _refusal(what: str) -> str:
    return (
        f"Stage 2 of the local complaints procedure is not an independent investigation, so it "
        f'has no {what}: its stage rule does not have "Independent investigation" set.'
    )


@pytest.fixture
def local_stage2():
    return stage_of(complaint_with(S1, S2, code="local"), 2)


@pytest.fixture
def statutory_stage2():
    return stage_of(complaint_with(S1, S2), 2)


def test_the_shipped_rules_say_which_stage_2_investigates(local_stage2, statutory_stage2):
    assert has_independent_investigation(statutory_stage2)
    assert not has_independent_investigation(local_stage2)
    flagged = StageRule.objects.filter(independent_investigation=True)
    assert [(r.procedure.code, r.stage) for r in flagged] == [("statutory", 2)]


@pytest.mark.parametrize(
    ("role", "label"),
    [
        ("investigating_officer", "investigating officer"),
        ("independent_person", "independent person"),
        ("adjudicator", "adjudicating officer"),
    ],
)
def test_no_one_is_appointed_to_a_local_stage_2(local_stage2, officer, role, label):
    with nothing_written(local_stage2), pytest.raises(rules.NoIndependentInvestigation) as err:
        stage_appoint(
            stage=local_stage2, role=role, name="Sam Lee", appointed_on=D("2021-04-07"), by=officer
        )
    assert err.value.message == _refusal(label)
    assert err.value.code == "no_independent_investigation"


def test_a_local_stage_2_records_no_reports(local_stage2):
    # Even with people appointed outside the services (an import of older records, say).
    AppointmentFactory(stage=local_stage2, role="investigating_officer", name="Sam Lee")
    AppointmentFactory(stage=local_stage2, role="independent_person", name="Jo Bloggs")
    for record, what in (
        (stage2_record_io_report, "investigating officer's report"),
        (stage2_record_ip_report, "independent person's report"),
    ):
        with nothing_written(local_stage2), pytest.raises(rules.NoIndependentInvestigation) as err:
            record(stage=local_stage2, received_on=D("2021-05-20"), by=None)
        assert err.value.message == _refusal(what)


def test_a_local_stage_2_records_no_adjudication(local_stage2):
    with nothing_written(local_stage2), pytest.raises(rules.NoIndependentInvestigation) as err:
        stage2_record_adjudication(stage=local_stage2, adjudicated_on=D("2021-06-01"), by=None)
    assert err.value.message == _refusal("adjudication")


def test_the_refusal_comes_before_the_other_checks(local_stage2):
    """Not "appoint the investigating officer first", which the user could never do."""
    with pytest.raises(rules.NoIndependentInvestigation):
        stage2_record_io_report(stage=local_stage2, received_on=D("2021-05-20"), by=None)


def test_a_statutory_stage_2_goes_on_as_before(statutory_stage2, officer):
    stage_appoint(
        stage=statutory_stage2,
        role="investigating_officer",
        name="Sam Lee",
        appointed_on=D("2021-04-07"),
        by=officer,
    )
    stage = stage2_record_io_report(stage=statutory_stage2, received_on=D("2021-05-20"), by=None)
    stage = stage2_record_adjudication(stage=stage, adjudicated_on=D("2021-05-24"), by=None)
    assert (stage.io_report_date, stage.adjudication_date) == (D("2021-05-20"), D("2021-05-24"))


def test_the_rule_decides_not_the_procedure_code(local_stage2, officer):
    """An authority whose local stage 2 is an investigation says so in its rule."""
    StageRule.objects.filter(procedure__code="local", stage=2).update(
        independent_investigation=True
    )
    appointment = stage_appoint(
        stage=local_stage2,
        role="investigating_officer",
        name="Sam Lee",
        appointed_on=D("2021-04-07"),
        by=officer,
    )
    assert appointment.stage == local_stage2


def test_a_stage_without_a_rule_has_no_investigation(local_stage2):
    StageRule.objects.filter(procedure__code="local", stage=2).delete()
    local_stage2.refresh_from_db()
    assert not has_independent_investigation(local_stage2)


def test_the_statement_of_complaint_is_agreed_on_a_local_stage_2_too(local_stage2):
    """A review also agrees what it looks into (see complaints/views/stage2.py)."""
    stage = stage_agree_statement(stage=local_stage2, agreed_on=D("2021-04-12"), by=None)
    assert stage.statement_agreed_date == D("2021-04-12")


def test_the_review_panel_is_still_appointed_at_stage_3(officer):
    """The panel roles are not the investigation's: the statutory stage 3 has no flag."""
    s2_done = {**S2, "responded_date": D("2021-05-20"), "outcome": "not_upheld"}
    stage3 = stage_of(complaint_with(S1, s2_done, {"received_date": D("2021-06-01")}), 3)
    appointment = stage_appoint(
        stage=stage3, role="panel_chair", name="Pat Chair", appointed_on=D("2021-06-02"), by=officer
    )
    assert appointment.role == "panel_chair"


def test_a_correction_cannot_give_a_review_an_investigations_dates(manager, local_stage2):
    from redress.complaints.services import stage_correct

    with nothing_written(local_stage2), pytest.raises(rules.NoIndependentInvestigation) as err:
        stage_correct(
            stage=local_stage2,
            changes={"adjudication_date": D("2021-04-20")},
            reason="Typo",
            by=manager,
        )
    assert err.value.message == _refusal("adjudication")
