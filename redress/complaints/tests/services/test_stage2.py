import pytest

from redress.complaints.models import Aspect
from redress.complaints.services import (
    aspect_add,
    stage2_record_adjudication,
    stage2_record_io_report,
    stage2_record_ip_report,
    stage_carry_over_reasons,
)
from redress.complaints.tests.factories import AppointmentFactory, AspectFactory
from redress.core.models import AuditEvent
from redress.procedures import rules
from redress.taxonomies.tests.factories import shipped_term

from .helpers import D, complaint_with, nothing_written, only_event, stage_of

pytestmark = pytest.mark.django_db

S1 = {"received_date": D("2021-03-18"), "responded_date": D("2021-04-01"), "outcome": "upheld"}
S2_OPEN = {"received_date": D("2021-04-06"), "statement_agreed_date": D("2021-04-20")}
S2_DONE = {**S2_OPEN, "responded_date": D("2021-06-01"), "outcome": "not_upheld"}


@pytest.fixture
def stage2():
    stage = stage_of(complaint_with(S1, S2_OPEN), 2)
    AppointmentFactory(
        stage=stage, role="investigating_officer", name="Sam Lee", appointed_date=D("2021-04-22")
    )
    AppointmentFactory(stage=stage, role="independent_person", name="Jo Bloggs")
    return stage


class TestReports:
    def test_records_the_investigating_officers_report(self, officer, stage2):
        stage = stage2_record_io_report(stage=stage2, received_on=D("2021-05-20"), by=officer)
        assert stage.io_report_date == D("2021-05-20")
        event = only_event("stage2.record_io_report")
        assert (event.actor, event.before, event.after) == (
            officer,
            {"io_report_date": None},
            {"io_report_date": "2021-05-20"},
        )

    def test_records_the_independent_persons_report(self, stage2):
        stage = stage2_record_ip_report(stage=stage2, received_on=D("2021-05-21"), by=None)
        assert stage.ip_report_date == D("2021-05-21")
        assert only_event("stage2.record_ip_report").after == {"ip_report_date": "2021-05-21"}

    def test_not_in_the_future(self, stage2):
        with nothing_written(stage2), pytest.raises(rules.DateInFuture) as err:
            stage2_record_io_report(stage=stage2, received_on=D("2022-01-11"), by=None)
        assert err.value.message == (
            "The investigating officer's report date, 11 January 2022, is in the future."
        )

    def test_not_before_the_statement_was_agreed(self, stage2):
        with nothing_written(stage2), pytest.raises(rules.DateBefore) as err:
            stage2_record_ip_report(stage=stage2, received_on=D("2021-04-19"), by=None)
        assert err.value.message == (
            "The independent person's report date, 19 April 2021, is before the date the "
            "statement of complaint was agreed (20 April 2021)."
        )

    def test_not_before_the_stage_was_received(self):
        stage = stage_of(complaint_with(S1, {"received_date": D("2021-04-06")}), 2)
        AppointmentFactory(stage=stage, role="investigating_officer", name="Sam Lee")
        with nothing_written(stage), pytest.raises(rules.DateBefore, match="date stage 2 was"):
            stage2_record_io_report(stage=stage, received_on=D("2021-04-05"), by=None)

    def test_not_before_the_investigator_was_appointed(self, stage2):
        with nothing_written(stage2), pytest.raises(rules.DateBefore) as err:
            stage2_record_io_report(stage=stage2, received_on=D("2021-04-21"), by=None)
        assert "before the date the investigating officer was appointed (22 April 2021)" in (
            err.value.message
        )

    def test_needs_someone_appointed(self):
        stage = stage_of(complaint_with(S1, S2_OPEN), 2)
        with nothing_written(stage), pytest.raises(rules.ReportNeedsAppointment) as err:
            stage2_record_ip_report(stage=stage, received_on=D("2021-05-21"), by=None)
        assert err.value.message == "Appoint the independent person before recording their report."
        assert err.value.field == "received_on"

    def test_recorded_once(self, stage2):
        stage2_record_io_report(stage=stage2, received_on=D("2021-05-20"), by=None)
        with nothing_written(stage2), pytest.raises(rules.AlreadyRecorded, match="20 May 2021"):
            stage2_record_io_report(stage=stage2, received_on=D("2021-05-21"), by=None)

    def test_only_at_stage_two(self):
        stage = stage_of(complaint_with(), 1)
        with nothing_written(stage), pytest.raises(rules.Stage2Only) as err:
            stage2_record_io_report(stage=stage, received_on=D("2021-05-20"), by=None)
        assert err.value.message == (
            "The investigating officer's report is recorded at stage 2 only, not stage 1."
        )

    def test_not_on_a_closed_stage(self):
        stage = stage_of(complaint_with(S1, S2_DONE), 2)
        AppointmentFactory(stage=stage, role="investigating_officer", name="Sam Lee")
        with nothing_written(stage), pytest.raises(rules.AlreadyResponded):
            stage2_record_io_report(stage=stage, received_on=D("2021-05-20"), by=None)


class TestAdjudication:
    def test_after_both_reports(self, officer, stage2):
        stage2_record_io_report(stage=stage2, received_on=D("2021-05-20"), by=None)
        stage2_record_ip_report(stage=stage2, received_on=D("2021-05-21"), by=None)
        stage = stage2_record_adjudication(stage=stage2, adjudicated_on=D("2021-05-28"), by=officer)
        assert stage.adjudication_date == D("2021-05-28")
        assert only_event("stage2.record_adjudication").after == {"adjudication_date": "2021-05-28"}

    def test_needs_the_investigating_officers_report(self, stage2):
        with nothing_written(stage2), pytest.raises(rules.AdjudicationNeedsReport) as err:
            stage2_record_adjudication(stage=stage2, adjudicated_on=D("2021-05-28"), by=None)
        assert err.value.message == (
            "Record the date of the investigating officer's report before the adjudication."
        )
        assert err.value.field == "adjudicated_on"

    def test_needs_the_independent_persons_report_when_there_is_one(self, stage2):
        stage2_record_io_report(stage=stage2, received_on=D("2021-05-20"), by=None)
        with nothing_written(stage2), pytest.raises(rules.AdjudicationNeedsReport) as err:
            stage2_record_adjudication(stage=stage2, adjudicated_on=D("2021-05-28"), by=None)
        assert "independent person's report" in err.value.message

    def test_without_an_independent_person_the_investigators_report_is_enough(self):
        stage = stage_of(complaint_with(S1, S2_OPEN), 2)
        AppointmentFactory(stage=stage, role="investigating_officer", name="Sam Lee")
        stage2_record_io_report(stage=stage, received_on=D("2021-05-20"), by=None)
        stage = stage2_record_adjudication(stage=stage, adjudicated_on=D("2021-05-20"), by=None)
        assert stage.adjudication_date == D("2021-05-20")

    def test_not_before_a_report(self, stage2):
        stage2_record_io_report(stage=stage2, received_on=D("2021-05-20"), by=None)
        stage2_record_ip_report(stage=stage2, received_on=D("2021-05-24"), by=None)
        with nothing_written(stage2), pytest.raises(rules.AdjudicationBeforeReport) as err:
            stage2_record_adjudication(stage=stage2, adjudicated_on=D("2021-05-21"), by=None)
        assert err.value.message == (
            "The adjudication (21 May 2021) cannot come before the independent person's report "
            "(24 May 2021)."
        )

    def test_not_in_the_future(self, stage2):
        stage2_record_io_report(stage=stage2, received_on=D("2021-05-20"), by=None)
        stage2_record_ip_report(stage=stage2, received_on=D("2021-05-24"), by=None)
        with nothing_written(stage2), pytest.raises(rules.DateInFuture):
            stage2_record_adjudication(stage=stage2, adjudicated_on=D("2022-01-11"), by=None)

    def test_recorded_once(self, stage2):
        stage2_record_io_report(stage=stage2, received_on=D("2021-05-20"), by=None)
        stage2_record_ip_report(stage=stage2, received_on=D("2021-05-24"), by=None)
        stage2_record_adjudication(stage=stage2, adjudicated_on=D("2021-05-28"), by=None)
        with nothing_written(stage2), pytest.raises(rules.AlreadyRecorded):
            stage2_record_adjudication(stage=stage2, adjudicated_on=D("2021-05-28"), by=None)


class TestReasons:
    def test_carries_over_the_stage_one_reasons_without_findings(self, officer):
        complaint = complaint_with(S1, S2_OPEN)
        stage1, stage2 = stage_of(complaint, 1), stage_of(complaint, 2)
        AspectFactory(stage=stage1, finding="upheld")
        AspectFactory(
            stage=stage1,
            category=shipped_term("Delay"),
            subcategory=shipped_term("Delay", "Make a Decision"),
        )
        carried = stage_carry_over_reasons(stage=stage2, by=officer)
        assert [(str(a), a.finding) for a in carried] == [
            ("Service Quality / Poor Communication", ""),
            ("Delay / Make a Decision", ""),
        ]
        assert AuditEvent.objects.filter(action="aspect.add", actor=officer).count() == 2
        assert stage1.aspects.count() == 2
        assert Aspect.objects.filter(stage=stage2).count() == 2

    def test_leaves_out_what_stage_two_already_has(self):
        complaint = complaint_with(S1, S2_OPEN)
        stage1, stage2 = stage_of(complaint, 1), stage_of(complaint, 2)
        AspectFactory(stage=stage1)
        AspectFactory(stage=stage2)
        with nothing_written(stage2), pytest.raises(rules.NoReasonsToCarryOver) as err:
            stage_carry_over_reasons(stage=stage2, by=None)
        assert err.value.message == (
            "Stage 1 has no reasons for complaint that stage 2 does not already have."
        )

    def test_a_sub_category_of_another_branch_is_refused_at_stage_two(self):
        stage2 = stage_of(complaint_with(S1, S2_OPEN), 2)
        other_branch = shipped_term("Delay", "Make a Decision")
        with nothing_written(stage2), pytest.raises(rules.SubcategoryNotUnderCategory) as err:
            aspect_add(
                stage=stage2,
                category=shipped_term("Service Quality"),
                subcategory=other_branch,
                by=None,
            )
        assert err.value.message == "'Make a Decision' is not a sub-category of 'Service Quality'."
        assert err.value.field == "subcategory"
