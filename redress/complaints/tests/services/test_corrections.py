import pytest

from redress.complaints.services import stage_correct
from redress.complaints.tests.factories import AppointmentFactory, AspectFactory
from redress.procedures import rules

from .helpers import D, complaint_with, nothing_written, only_event, stage_of

pytestmark = pytest.mark.django_db

S1 = {"received_date": D("2021-03-18"), "responded_date": D("2021-04-01"), "outcome": "upheld"}


def test_a_manager_corrects_a_closed_stage(manager):
    stage = stage_of(complaint_with(S1), 1)
    stage = stage_correct(
        stage=stage,
        changes={"responded_date": D("2021-03-31"), "outcome": "partially_upheld"},
        reason="Letter was dated the 31st",
        by=manager,
    )
    assert (stage.responded_date, stage.outcome) == (D("2021-03-31"), "partially_upheld")
    event = only_event("stage.correct")
    assert event.actor == manager
    assert event.before == {"responded_date": "2021-04-01", "outcome": "upheld"}
    assert event.after == {"responded_date": "2021-03-31", "outcome": "partially_upheld"}
    assert event.note == "Letter was dated the 31st"


def test_clearing_the_response_reopens_the_stage(manager):
    stage = stage_of(complaint_with({**S1, "outcome": "withdrawn"}), 1)
    stage = stage_correct(
        stage=stage,
        changes={"responded_date": None, "outcome": ""},
        reason="Withdrawn in error",
        by=manager,
    )
    assert stage.is_open


def test_stage_one_received_is_the_complaints(manager):
    complaint = complaint_with(S1)
    stage_correct(
        stage=stage_of(complaint, 1),
        changes={"received_date": D("2021-03-17")},
        reason="Email arrived the day before",
        by=manager,
    )
    complaint.refresh_from_db()
    assert complaint.received_date == D("2021-03-17")


def test_only_a_manager(officer):
    stage = stage_of(complaint_with(S1), 1)
    with nothing_written(stage), pytest.raises(rules.CorrectionNeedsManager) as err:
        stage_correct(stage=stage, changes={"outcome": "not_upheld"}, reason="Typo", by=officer)
    assert (
        err.value.message == "Only a complaints manager can correct what was recorded on a stage."
    )


def test_needs_a_reason(manager):
    stage = stage_of(complaint_with(S1), 1)
    with nothing_written(stage), pytest.raises(rules.CorrectionNeedsReason):
        stage_correct(stage=stage, changes={"outcome": "not_upheld"}, reason=" ", by=manager)


def test_only_dates_and_outcome(manager):
    stage = stage_of(complaint_with(S1), 1)
    with nothing_written(stage), pytest.raises(rules.CorrectionFieldNotAllowed) as err:
        stage_correct(stage=stage, changes={"number": 2}, reason="Why", by=manager)
    assert err.value.message.startswith("'number' cannot be corrected here. Fields that can:")


def test_the_corrected_stage_must_make_sense(manager):
    stage = stage_of(complaint_with(S1), 1)
    with nothing_written(stage), pytest.raises(rules.DateBefore) as err:
        stage_correct(
            stage=stage, changes={"responded_date": D("2021-03-01")}, reason="Typo", by=manager
        )
    assert err.value.message == (
        "The response date, 1 March 2021, is before the date stage 1 was received (18 March 2021)."
    )
    with nothing_written(stage), pytest.raises(rules.NotAChoice):
        stage_correct(stage=stage, changes={"outcome": "sort of"}, reason="Typo", by=manager)


def test_stages_stay_in_order(manager):
    complaint = complaint_with(S1, {"received_date": D("2021-04-06")})
    stage = stage_of(complaint, 1)
    with nothing_written(stage), pytest.raises(rules.DateBefore) as err:
        stage_correct(
            stage=stage, changes={"responded_date": D("2021-04-07")}, reason="Typo", by=manager
        )
    assert err.value.message == (
        "The stage 2 request date, 6 April 2021, is before the stage 1 response (7 April 2021)."
    )
    with nothing_written(stage), pytest.raises(rules.PreviousStageNotCompleted):
        stage_correct(stage=stage, changes={"responded_date": None}, reason="Reopen", by=manager)


def test_a_correction_must_change_something(manager):
    stage = stage_of(complaint_with(S1), 1)
    with nothing_written(stage), pytest.raises(rules.NothingToCorrect):
        stage_correct(stage=stage, changes={"outcome": "upheld"}, reason="Same", by=manager)


def test_findings_on_a_closed_stage(manager):
    stage = stage_of(complaint_with(S1), 1)
    aspect = AspectFactory(stage=stage, finding="upheld")
    stage_correct(
        stage=stage, changes={}, findings={aspect.pk: "not_upheld"}, reason="Misread", by=manager
    )
    aspect.refresh_from_db()
    assert aspect.finding == "not_upheld"
    event = only_event("stage.correct")
    assert (event.before, event.after) == (
        {f"finding:{aspect.pk}": "upheld"},
        {f"finding:{aspect.pk}": "not_upheld"},
    )


def test_findings_only_on_the_stages_own_reasons(manager):
    complaint = complaint_with(S1, {"received_date": D("2021-04-06")})
    other = AspectFactory(stage=stage_of(complaint, 2))
    stage = stage_of(complaint, 1)
    with nothing_written(stage, other), pytest.raises(rules.FindingOnOtherStage):
        stage_correct(
            stage=stage, changes={}, findings={other.pk: "upheld"}, reason="Typo", by=manager
        )


# -- the stage 2 investigation's dates ------------------------------------------------------------

S2 = {
    "received_date": D("2021-04-06"),
    "statement_agreed_date": D("2021-04-20"),
    "io_report_date": D("2021-05-20"),
    "ip_report_date": D("2021-05-21"),
    "adjudication_date": D("2021-05-28"),
    "responded_date": D("2021-06-01"),
    "outcome": "not_upheld",
}


@pytest.fixture
def investigated():
    """A stage 2 investigated and answered, with its investigating officer (appointed on
    22 April 2021) and independent person."""
    stage = stage_of(complaint_with(S1, S2), 2)
    AppointmentFactory(
        stage=stage, role="investigating_officer", name="Sam Lee", appointed_date=D("2021-04-22")
    )
    AppointmentFactory(stage=stage, role="independent_person", name="Jo Bloggs")
    return stage


def test_a_manager_corrects_the_investigations_dates(manager, investigated):
    stage = stage_correct(
        stage=investigated,
        changes={
            "io_report_date": D("2021-05-19"),
            "ip_report_date": D("2021-05-20"),
            "adjudication_date": D("2021-05-27"),
        },
        reason="The reports were emailed a day earlier",
        by=manager,
    )
    stage.refresh_from_db()
    assert (stage.io_report_date, stage.ip_report_date, stage.adjudication_date) == (
        D("2021-05-19"),
        D("2021-05-20"),
        D("2021-05-27"),
    )
    event = only_event("stage.correct")
    assert event.before == {
        "io_report_date": "2021-05-20",
        "ip_report_date": "2021-05-21",
        "adjudication_date": "2021-05-28",
    }
    assert event.after == {
        "io_report_date": "2021-05-19",
        "ip_report_date": "2021-05-20",
        "adjudication_date": "2021-05-27",
    }
    assert event.note == "The reports were emailed a day earlier"


def test_every_date_field_of_a_stage_can_be_corrected():
    from redress.complaints.models import Stage
    from redress.complaints.services.corrections import CORRECTABLE

    dates = {
        f.name
        for f in Stage._meta.concrete_fields
        if f.get_internal_type() == "DateField" and f.editable
    }
    assert dates <= set(CORRECTABLE)


@pytest.mark.parametrize(
    ("changes", "refusal", "message"),
    [
        (
            {"io_report_date": D("2021-04-19")},
            rules.DateBefore,
            "The investigating officer's report date, 19 April 2021, is before the date the "
            "statement of complaint was agreed (20 April 2021).",
        ),
        (
            {"io_report_date": D("2021-04-21")},
            rules.DateBefore,
            "The investigating officer's report date, 21 April 2021, is before the date the "
            "investigating officer was appointed (22 April 2021).",
        ),
        (
            {"ip_report_date": D("2021-04-05")},
            rules.DateBefore,
            "The independent person's report date, 5 April 2021, is before the date stage 2 "
            "was received (6 April 2021).",
        ),
        (
            {"io_report_date": D("2021-05-29")},
            rules.AdjudicationBeforeReport,
            "The adjudication (28 May 2021) cannot come before the investigating officer's "
            "report (29 May 2021).",
        ),
        (
            {"adjudication_date": D("2021-05-20")},
            rules.AdjudicationBeforeReport,
            "The adjudication (20 May 2021) cannot come before the independent person's report "
            "(21 May 2021).",
        ),
        (
            {"io_report_date": None},
            rules.AdjudicationNeedsReport,
            "Record the date of the investigating officer's report before the adjudication.",
        ),
        (
            {"ip_report_date": None},
            rules.AdjudicationNeedsReport,
            "Record the date of the independent person's report before the adjudication.",
        ),
        (
            {"adjudication_date": D("2021-06-02")},
            rules.ResponseBeforeAdjudication,
            "The response date, 1 June 2021, is before the adjudication on the investigation "
            "(2 June 2021). The stage 2 response comes on or after the adjudication.",
        ),
        (
            {"responded_date": D("2021-05-27")},
            rules.ResponseBeforeAdjudication,
            "The response date, 27 May 2021, is before the adjudication on the investigation "
            "(28 May 2021). The stage 2 response comes on or after the adjudication.",
        ),
        (
            {"adjudication_date": D("2022-01-11")},
            rules.DateInFuture,
            "The adjudication date, 11 January 2022, is in the future.",
        ),
    ],
    ids=[
        "io-before-statement",
        "io-before-appointment",
        "ip-before-received",
        "io-after-adjudication",
        "adjudication-before-ip",
        "io-cleared",
        "ip-cleared",
        "adjudication-after-response",
        "response-before-adjudication",
        "adjudication-in-future",
    ],
)
def test_the_investigations_dates_stay_in_order(manager, investigated, changes, refusal, message):
    with nothing_written(investigated), pytest.raises(refusal) as err:
        stage_correct(stage=investigated, changes=changes, reason="Typo", by=manager)
    assert err.value.message == message


def test_the_adjudication_can_be_cleared_before_its_reports(manager, investigated):
    stage = stage_correct(
        stage=investigated,
        changes={
            "responded_date": None,
            "outcome": "",
            "adjudication_date": None,
            "ip_report_date": None,
        },
        reason="Recorded on the wrong complaint",
        by=manager,
    )
    assert stage.is_open
    assert (stage.ip_report_date, stage.adjudication_date) == (None, None)


def test_investigation_dates_belong_to_stage_two(manager):
    stage = stage_of(complaint_with(S1), 1)
    with nothing_written(stage), pytest.raises(rules.Stage2Only) as err:
        stage_correct(
            stage=stage, changes={"io_report_date": D("2021-03-25")}, reason="Typo", by=manager
        )
    assert err.value.message == (
        "The investigating officer's report is recorded at stage 2 only, not stage 1."
    )
