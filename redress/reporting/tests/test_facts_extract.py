"""Extraction from the database: every frame has the schema's columns and types (the same on
SQLite and PostgreSQL: this module runs on both), anything dated after as_of is not yet
recorded, and the builder the figure tests use makes exactly the frames extraction makes.
Service scoping and restructures are in test_facts_scope."""

import datetime
from decimal import Decimal

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from redress.complaints.tests.factories import (
    AspectFactory,
    ComplaintFactory,
    ExtensionFactory,
    LearningActionFactory,
    MediationFactory,
    PaymentFactory,
    StageFactory,
)
from redress.feedback.tests.factories import (
    ComplimentFactory,
    InformalFeedbackFactory,
    SatisfactionAnswerFactory,
)
from redress.ombudsman.tests.factories import EnquiryFactory
from redress.organisations.tests.factories import LocalityFactory, ServiceAreaFactory
from redress.people.models import Person
from redress.people.tests.factories import PersonFactory
from redress.procedures.models import Procedure
from redress.reporting.facts import extract, extract_facts, schema
from redress.reporting.tests.factories import ContextFigureFactory
from redress.taxonomies.tests.factories import shipped_term

from .builders import FactsBuilder

pytestmark = pytest.mark.django_db

AS_OF = datetime.date(2022, 5, 31)
d = datetime.date.fromisoformat
FRAMES = {
    "aspects": schema.ASPECT,
    "mediations": schema.MEDIATION,
    "enquiries": schema.ENQUIRY,
    "payments": schema.PAYMENT,
    "compliments": schema.COMPLIMENT,
    "feedback": schema.FEEDBACK,
    "satisfaction": schema.SATISFACTION,
    "actions": schema.ACTION,
    "context": schema.CONTEXT,
}


def by_reference(frame: pl.DataFrame, *columns: str) -> dict[tuple[str, int], dict]:
    return {
        (row["reference"], row["stage"]): {c: row[c] for c in columns}
        for row in frame.iter_rows(named=True)
    }


def test_an_empty_database_gives_empty_frames_of_the_schema(calendar):
    facts = extract_facts(as_of=AS_OF, calendar=calendar)
    assert facts.stages.is_empty()
    assert list(facts.stages.schema.items())[: len(schema.STAGE_BASE)] == list(
        schema.STAGE_BASE.items()
    )
    # The derived columns too, as the builder of the figure tests derives them.
    assert facts.stages.schema == FactsBuilder().build(calendar).stages.schema
    for name, columns in FRAMES.items():
        frame = getattr(facts, name)
        assert frame.is_empty(), name
        assert dict(frame.schema) == columns, name


def test_stages_as_recorded_at_as_of(calendar):
    answered_later = ComplaintFactory(
        reference="A",
        received_date=d("2022-05-20"),
        stage1__responded_date=d("2022-06-10"),
        stage1__outcome="upheld",
    )
    ComplaintFactory(reference="B", received_date=d("2022-06-01"))  # received after as_of
    on_time = ComplaintFactory(
        reference="C",
        received_date=d("2021-06-07"),
        stage1__acknowledged_date=d("2021-06-08"),
        stage1__responded_date=d("2021-06-14"),
        stage1__outcome="not_upheld",
    )
    ExtensionFactory(stage=on_time.stages.get(), agreed_date=d("2021-06-10"), extended_to_days=20)
    late_extension = ComplaintFactory(reference="D", received_date=d("2022-05-03"))
    ExtensionFactory(
        stage=late_extension.stages.get(), agreed_date=d("2022-06-01"), extended_to_days=20
    )
    undated = ComplaintFactory(reference="E", received_date=d("2022-05-03"))
    ExtensionFactory(stage=undated.stages.get(), agreed_date=None, extended_to_days=20)
    stage2 = StageFactory(
        complaint=on_time,
        number=2,
        received_date=d("2022-04-04"),
        statement_agreed_date=d("2022-06-02"),
    )
    ExtensionFactory(stage=stage2, agreed_date=d("2022-05-04"), extended_to_days=45)
    ExtensionFactory(stage=stage2, agreed_date=d("2022-06-04"), extended_to_days=65)
    StageFactory(
        complaint=answered_later,
        number=3,
        received_date=d("2022-05-23"),
        panel_date=d("2022-06-20"),
        panel_report_date=d("2022-06-24"),
    )

    stages = extract_facts(as_of=AS_OF, calendar=calendar).stages
    columns = (
        "responded",
        "outcome",
        "acknowledged",
        "statement_agreed",
        "extended_to_days",
        "panel",
        "panel_report",
        "applicable_days",
    )
    assert by_reference(stages, *columns) == {
        # Answered after as_of: outstanding, with no outcome yet.
        ("A", 1): dict.fromkeys(columns) | {"applicable_days": 10},
        ("A", 3): dict.fromkeys(columns) | {"applicable_days": 50},
        ("C", 1): {
            "responded": d("2021-06-14"),
            "outcome": "not_upheld",
            "acknowledged": d("2021-06-08"),
            "statement_agreed": None,
            "extended_to_days": 20,
            "panel": None,
            "panel_report": None,
            "applicable_days": 20,
        },
        # The extension agreed by as_of counts; the one agreed after it does not yet.
        ("C", 2): dict.fromkeys(columns) | {"extended_to_days": 45, "applicable_days": 45},
        ("D", 1): dict.fromkeys(columns) | {"applicable_days": 10},
        # An extension with no date recorded is taken as agreed.
        ("E", 1): dict.fromkeys(columns) | {"extended_to_days": 20, "applicable_days": 20},
    }


def test_the_complaint_columns_and_the_rules_of_its_procedure(calendar):
    south = LocalityFactory(name="South")
    service = ServiceAreaFactory(name="South Safeguarding", locality=south)
    ComplaintFactory(
        reference="L",
        received_date=d("2021-10-04"),
        procedure=Procedure.objects.get(code="local"),
        service_area=service,
        locality=south,
        method="",
        complainant=PersonFactory(key="P42"),
        complainant_type="care_leaver",
        advocate="external",
        theme=shipped_term("Delay"),
    )
    row = extract_facts(as_of=AS_OF, calendar=calendar).stages.row(0, named=True)
    assert {
        k: row[k]
        for k in (
            "reference",
            "stage",
            "procedure",
            "received",
            "complaint_received",
            "service",
            "locality",
            "area",
            "method",
            "complainant_type",
            "complainant_id",
            "advocate",
            "theme",
            "cyp",
            "initial_days",
            "max_days",
            "clock_start_rule",
            "quarter",
        )
    } == {
        "reference": "L",
        "stage": 1,
        "procedure": "local",
        "received": d("2021-10-04"),
        "complaint_received": d("2021-10-04"),
        "service": "South Safeguarding",
        "locality": "South",
        "area": "South",
        "method": None,
        "complainant_type": "care_leaver",
        "complainant_id": Person.objects.get(key="P42").pk,
        "advocate": "external",
        "theme": "Delay",
        "cyp": True,
        "initial_days": 20,
        "max_days": 20,
        "clock_start_rule": "received",
        "quarter": "Q3",
    }
    assert row["service_area_id"] == service.pk


def test_everything_else_as_recorded_at_as_of(calendar):
    complaint = ComplaintFactory(reference="X", received_date=d("2022-05-03"))
    stage = complaint.stages.get()
    AspectFactory(stage=stage)  # Service Quality / Poor Communication
    later = ComplaintFactory(reference="Y", received_date=d("2022-06-06"))
    AspectFactory(stage=later.stages.get())
    MediationFactory(
        complaint=complaint,
        offered_date=d("2022-05-10"),
        held_date=d("2022-06-02"),
        outcome="resolved",
    )
    MediationFactory(complaint=complaint, offered_date=d("2022-06-01"))
    decided_later = EnquiryFactory(
        complaint=complaint,
        received_date=d("2022-05-04"),
        decision_date=d("2022-06-30"),
        decision="fault_found",
        remedy_due_date=d("2022-07-29"),
        remedy_completed_date=d("2022-07-01"),
    )
    EnquiryFactory(received_date=d("2022-06-01"))
    PaymentFactory(complaint=complaint, date=d("2022-05-05"), amount=Decimal("0.29"))
    PaymentFactory(complaint=complaint, date=d("2022-06-01"), amount=Decimal("10.00"))
    ComplimentFactory(received_date=d("2022-05-31"), consent_to_publish=True, external=None)
    ComplimentFactory(received_date=d("2022-06-01"))
    InformalFeedbackFactory(received_date=d("2022-05-30"), satisfied=None, advocate=False)
    InformalFeedbackFactory(received_date=d("2022-06-01"))
    SatisfactionAnswerFactory(complaint=complaint, question="on_time", answer="")
    SatisfactionAnswerFactory(complaint=later, question="on_time", answer="yes")
    LearningActionFactory(
        complaint=complaint,
        raised_date=d("2022-05-04"),
        due_date=d("2022-05-20"),
        completed_date=d("2022-06-01"),
    )
    LearningActionFactory(complaint=complaint, raised_date=d("2022-06-01"))
    ContextFigureFactory(period="2021-22", measure="referrals", value=Decimal("15636"))

    facts = extract_facts(as_of=AS_OF, calendar=calendar)
    assert facts.aspects.select("reference", "stage", "category", "subcategory").to_dicts() == [
        {
            "reference": "X",
            "stage": 1,
            "category": "Service Quality",
            "subcategory": "Poor Communication",
        },
    ]
    # Held after as_of: neither the meeting nor its outcome had happened yet.
    assert facts.mediations.select("offered", "held", "outcome").to_dicts() == [
        {"offered": d("2022-05-10"), "held": None, "outcome": None}
    ]
    assert facts.enquiries.select(
        "enquiry_id", "received", "decided", "decision", "remedy_due", "remedy_completed"
    ).to_dicts() == [
        {
            "enquiry_id": decided_later.pk,
            "received": d("2022-05-04"),
            "decided": None,
            "decision": None,
            "remedy_due": d("2022-07-29"),
            "remedy_completed": None,
        },
    ]
    # £0.29 is 29 pence exactly (0.29 × 100 in floating point is 28.999…).
    assert facts.payments.select("date", "stage", "kind", "pence").to_dicts() == [
        {"date": d("2022-05-05"), "stage": "1", "kind": "compensation", "pence": 29}
    ]
    assert facts.compliments.select("received", "consent", "external").to_dicts() == [
        {"received": d("2022-05-31"), "consent": True, "external": None}
    ]
    assert facts.feedback.select("received", "from_child", "advocate", "satisfied").to_dicts() == [
        {"received": d("2022-05-30"), "from_child": True, "advocate": False, "satisfied": None}
    ]
    assert facts.satisfaction.select("complaint_id", "question", "answer").to_dicts() == [
        {"complaint_id": complaint.pk, "question": "on_time", "answer": None}
    ]
    assert facts.actions.select("raised", "due", "completed").to_dicts() == [
        {"raised": d("2022-05-04"), "due": d("2022-05-20"), "completed": None}
    ]
    assert facts.context.to_dicts() == [
        {
            "period": "2021-22",
            "measure": "referrals",
            "service_area_id": None,
            "service": None,
            "value": 15636.0,
        },
    ]
    for name, columns in FRAMES.items():
        assert dict(getattr(facts, name).schema) == columns, name


def test_records_of_a_complaint_take_its_service_area(calendar):
    """Enquiries, payments, answers and learning actions are read without their complaint and
    take its service area from the complaints as read; a remedy payment linked to the enquiry
    only takes the service area of the enquiry's complaint; with none, it has none."""
    south = ServiceAreaFactory(name="South")
    complaint = ComplaintFactory(service_area=south, received_date=d("2022-05-03"))
    enquiry = EnquiryFactory(complaint=complaint, received_date=d("2022-05-04"))
    PaymentFactory(complaint=complaint, date=d("2022-05-05"), amount=Decimal("1.00"))
    PaymentFactory(enquiry=enquiry, stage="lgo", date=d("2022-05-06"), amount=Decimal("2.00"))
    PaymentFactory(complaint=None, date=d("2022-05-07"), amount=Decimal("3.00"))
    SatisfactionAnswerFactory(complaint=complaint, question="on_time", answer="yes")
    LearningActionFactory(complaint=complaint, raised_date=d("2022-05-04"))
    LearningActionFactory(complaint=None, raised_date=d("2022-05-04"))

    facts = extract_facts(as_of=AS_OF, calendar=calendar)
    assert facts.enquiries["service_area_id"].to_list() == [south.pk]
    assert sorted(facts.payments.select("pence", "service_area_id").rows()) == [
        (100, south.pk),
        (200, south.pk),
        (300, None),
    ]
    assert facts.satisfaction.select("service_area_id", "complaint_received").rows() == [
        (south.pk, d("2022-05-03"))
    ]
    assert sorted(facts.actions["service_area_id"].to_list(), key=str) == [south.pk, None]
    # A service's facts keep only its own.
    north = ServiceAreaFactory(name="North")
    scoped = extract_facts(as_of=AS_OF, calendar=calendar, service_area_ids=[north.pk])
    for frame in (scoped.enquiries, scoped.payments, scoped.satisfaction, scoped.actions):
        assert frame.is_empty()


def test_the_complaints_as_read_are_found_by_id():
    complaints = extract._Complaints(
        pl.DataFrame({"complaint_id": [5, 2, 9], "service_area_id": [50, 20, 90]})
    )
    ids = pl.Series([2, None, 9, 7, 100, -1, 5])
    assert complaints.of(ids, "service_area_id").to_list() == [20, None, 90, None, None, None, 50]
    none = extract._Complaints(pl.DataFrame(schema={"complaint_id": pl.Int64, "x": pl.Int64}))
    assert none.of(pl.Series([1, None]), "x").to_list() == [None, None]


def test_the_builder_makes_the_frames_extraction_makes(calendar):
    """The figure tests build facts without a database; this proves their frames are the
    extracted ones, column for column and type for type."""
    south = LocalityFactory(name="South")
    service = ServiceAreaFactory(name="South Safeguarding", locality=south)
    first = ComplaintFactory(
        reference="R1",
        received_date=d("2021-06-05"),
        service_area=service,
        locality=south,
        complainant=PersonFactory(key="P1"),
        stage1__responded_date=d("2021-06-21"),
        stage1__outcome="upheld",
    )
    ExtensionFactory(stage=first.stages.get(), agreed_date=d("2021-06-10"), extended_to_days=20)
    StageFactory(
        complaint=first,
        number=2,
        received_date=d("2021-07-01"),
        responded_date=d("2021-08-02"),
        outcome="partially_upheld",
    )
    ComplaintFactory(
        reference="R2",
        received_date=d("2022-01-10"),
        service_area=service,
        procedure=Procedure.objects.get(code="local"),
        complainant=PersonFactory(key="P2"),
        complainant_type="child_young_person",
        advocate="internal",
        method="telephone",
    )

    b = FactsBuilder()
    one = b.stage1(
        "2021-06-05",
        reference="R1",
        service="South Safeguarding",
        locality="South",
        complainant="P1",
        responded="2021-06-21",
        outcome="upheld",
        extended_to=20,
    )
    b.stage(
        one.complaint_id,
        number=2,
        received="2021-07-01",
        responded="2021-08-02",
        outcome="partially_upheld",
    )
    b.stage1(
        "2022-01-10",
        reference="R2",
        service="South Safeguarding",
        procedure="local",
        complainant="P2",
        complainant_type="child_young_person",
        advocate="internal",
        method="telephone",
    )

    ids = ["stage_id", "complaint_id", "service_area_id", "complainant_id"]
    extracted = extract_facts(as_of=AS_OF, calendar=calendar)
    built = b.build(calendar)
    # The same complainant on each stage, each by their own id.
    extracted_keys = dict(Person.objects.values_list("pk", "key"))
    built_keys = {pk: key for key, pk in b.people.items()}
    assert _complainants(extracted.stages, extracted_keys) == _complainants(
        built.stages, built_keys
    )
    assert_frame_equal(
        extracted.stages.drop(ids).sort("reference", "stage"),
        built.stages.drop(ids).sort("reference", "stage"),
    )
    # The stage rules the migrations load are the ones the builder reads from the fixture.
    assert_frame_equal(
        extracted.stage_rules.sort("procedure", "stage"),
        built.stage_rules.sort("procedure", "stage"),
    )


def _complainants(stages: pl.DataFrame, keys: dict[int, str]) -> list[tuple[str, int, str]]:
    return sorted(
        (row["reference"], row["stage"], keys[row["complainant_id"]])
        for row in stages.iter_rows(named=True)
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_outside_a_transaction_the_reads_share_one_snapshot(calendar, monkeypatch):
    """On PostgreSQL, outside a transaction, the reads run on several connections at once; they
    must make the same frames as one transaction does, and all see the database as it was when
    extraction began, even if a complaint is recorded while they run."""
    import threading

    from django.db import connection, transaction

    from redress.reporting.facts import extract

    for number in range(3):
        complaint = ComplaintFactory(
            reference=f"S{number}",
            received_date=d("2021-06-01"),
            stage1__responded_date=d("2021-06-10"),
            stage1__outcome="upheld",
        )
        AspectFactory(stage=complaint.stages.get())
        PaymentFactory(complaint=complaint, stage="1")
    assert not connection.in_atomic_block
    parallel = extract_facts(as_of=AS_OF, calendar=calendar)
    with transaction.atomic():
        single = extract_facts(as_of=AS_OF, calendar=calendar)
    assert_frame_equal(parallel.stages, single.stages)
    for name in FRAMES:
        assert_frame_equal(getattr(parallel, name), getattr(single, name), check_row_order=False)

    # A complaint recorded after extraction began (after the first read, before the rest) is
    # in no frame.
    reads = extract._reads
    late: list[str] = []

    def record_a_complaint():
        try:
            ComplaintFactory(reference="L1", received_date=d("2021-07-01"))
            ComplimentFactory(received_date=d("2021-07-01"))
        finally:
            connection.close()

    def reads_then_record(*args, **kwargs):
        chosen = reads(*args, **kwargs)
        first = next(iter(chosen))
        original = chosen[first]

        def record_then_read():
            frame = original()
            if not late:
                late.append("L1")
                # Someone else, on their own connection, records a complaint and commits.
                someone = threading.Thread(target=record_a_complaint)
                someone.start()
                someone.join()
            return frame

        chosen[first] = record_then_read
        return chosen

    if connection.vendor != "postgresql":
        return  # SQLite reads in one transaction on one connection, and locks out writers
    monkeypatch.setattr(extract, "_reads", reads_then_record)
    monkeypatch.setattr(extract, "PARALLEL_READS", 1)  # the first read ends before the next
    facts = extract_facts(as_of=AS_OF, calendar=calendar)
    assert late == ["L1"]
    assert "L1" in ComplaintFactory._meta.model.objects.values_list("reference", flat=True)
    assert "L1" not in facts.stages["reference"].to_list()
    assert facts.compliments.is_empty()


def test_aspects_can_be_read_for_recent_stages_only(calendar):
    """A report reads reasons only for its period and the one before; everything else is the
    same as a full extraction."""
    old = ComplaintFactory(reference="OLD", received_date=d("2019-06-03"))
    AspectFactory(stage=old.stages.get())
    before = ComplaintFactory(reference="BEFORE", received_date=d("2020-04-01"))
    AspectFactory(stage=before.stages.get())
    recent = ComplaintFactory(reference="RECENT", received_date=d("2021-06-01"))
    AspectFactory(stage=recent.stages.get())
    AspectFactory(stage=recent.stages.get())

    everything = extract_facts(as_of=AS_OF, calendar=calendar)
    windowed = extract_facts(as_of=AS_OF, calendar=calendar, aspects_from=d("2020-04-01"))
    assert sorted(everything.aspects["reference"]) == ["BEFORE", "OLD", "RECENT", "RECENT"]
    assert sorted(windowed.aspects["reference"]) == ["BEFORE", "RECENT", "RECENT"]
    assert_frame_equal(windowed.stages, everything.stages)


def test_a_report_counts_the_same_reasons_from_its_window(calendar):
    from redress.reporting.figures import compute_figures
    from redress.reporting.periods import financial_year
    from redress.reporting.selectors.reports import report_facts

    for reference, received in (("A", "2019-05-01"), ("B", "2020-05-01"), ("C", "2021-05-04")):
        complaint = ComplaintFactory(reference=reference, received_date=d(received))
        AspectFactory(stage=complaint.stages.get())
    year = financial_year("2021-22")
    full = compute_figures(facts=report_facts(as_of=AS_OF), period=year)
    windowed = compute_figures(facts=report_facts(as_of=AS_OF, period=year), period=year)
    assert windowed.figures["aspects.stage1.total"] == 1
    assert windowed.figures["aspects.stage1.total.previous"] == 1
    assert windowed.figures == full.figures
    assert windowed.tables == full.tables


@pytest.mark.django_db
def test_text_comes_back_exactly_as_written(calendar):
    """On SQLite each column comes as a JSON array (ADR 0030): quotes, backslashes, new lines,
    accents and emoji survive it, empty text is null as on every path, and large numbers and
    money stay exact."""
    written = 'She said "thank you"\\ on the 2nd\nand again, café 👍'
    ComplimentFactory(received_date=d("2022-05-03"), text=written, staff_member="")
    complaint = ComplaintFactory(reference='R/1 "x"', received_date=d("2022-05-02"))
    PaymentFactory(
        complaint=complaint, stage="1", date=d("2022-05-05"), amount=Decimal("12345678.91")
    )
    facts = extract_facts(as_of=AS_OF, calendar=calendar)
    assert facts.compliments["text"].to_list() == [written]
    assert facts.compliments["staff_member"].to_list() == [None]
    assert facts.stages["reference"].to_list() == ['R/1 "x"']
    assert facts.payments["pence"].to_list() == [1234567891]
