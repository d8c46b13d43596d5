"""Reading the facts apart from the caller's connection (ADRs 0027 and 0030): as Arrow through
ADBC on PostgreSQL, on several of Django's own connections at once on SQLite (never through
the ADBC SQLite driver, whose second copy of the SQLite library would undo Django's file
locks); where each is used, and that it makes exactly the frames one connection reading one
query after another makes (same columns, dtypes and rows).

Another connection sees only committed rows: these tests commit (`transaction=True`).
SQLite's test database is in memory, which no other connection can open, so on SQLite they
run on a file copy of it (`committed_database`)."""

import datetime
import sqlite3
import sys
import threading
from decimal import Decimal

import polars as pl
import pytest
from django.db import connection, transaction
from django.db.models.expressions import RawSQL
from polars.testing import assert_frame_equal

from redress.complaints.models import Complaint, Payment
from redress.complaints.tests.factories import (
    AspectFactory,
    ComplaintFactory,
    ExtensionFactory,
    HoldFactory,
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
from redress.organisations.models import ServiceArea
from redress.organisations.tests.factories import LocalityFactory, ServiceAreaFactory
from redress.people.tests.factories import PersonFactory
from redress.procedures.models import Procedure
from redress.reporting.facts import Facts, arrow, extract, extract_facts
from redress.reporting.tests.factories import ContextFigureFactory
from redress.surveys.tests.factories import SurveyFactory
from redress.taxonomies.tests.factories import shipped_term

AS_OF = datetime.date(2022, 5, 31)
d = datetime.date.fromisoformat
FRAMES = (
    "stages",
    "aspects",
    "mediations",
    "enquiries",
    "payments",
    "compliments",
    "feedback",
    "satisfaction",
    "actions",
    "context",
    "stage_rules",
    "surveys",
)


@pytest.fixture
def committed_database(tmp_path):
    """On SQLite, the test runs on a file copy of the (empty, migrated) in-memory test database,
    which is put back afterwards; on PostgreSQL the test database is already one others can
    open. Any ADBC connection kept for the next report is closed at the end."""
    if connection.vendor != "sqlite":
        yield
        arrow.close_all()
        return
    connection.ensure_connection()
    memory = connection.connection
    path = tmp_path / "facts.sqlite3"
    with sqlite3.connect(path) as copy:
        memory.backup(copy)
    copy.close()
    settings = connection.settings_dict
    name = settings["NAME"]
    settings["NAME"] = str(path)
    connection.connection = None  # Django opens the file next
    try:
        yield
    finally:
        connection.close()  # the file's connection
        settings["NAME"] = name
        connection.connection = memory


@pytest.fixture
def arrow_reads(monkeypatch):
    """Counts the queries read as Arrow."""
    queries: list[str] = []
    read = arrow.Reader.read

    def counted(self, sql, params, columns):
        queries.append(sql)
        return read(self, sql, params, columns)

    monkeypatch.setattr(arrow.Reader, "read", counted)
    return queries


def both_ways(calendar, **kwargs) -> tuple[Facts, Facts]:
    """The facts read apart (as Arrow on PostgreSQL, on several connections on SQLite), and
    read through Django's connection (on SQLite: this one, one query after another, inside a
    transaction)."""
    apart = extract_facts(as_of=AS_OF, calendar=calendar, **kwargs)
    if connection.vendor == "sqlite":
        with transaction.atomic():
            return apart, extract_facts(as_of=AS_OF, calendar=calendar, **kwargs)
    arrow.ENABLED = False
    try:
        through_django = extract_facts(as_of=AS_OF, calendar=calendar, **kwargs)
    finally:
        arrow.ENABLED = True
    return apart, through_django


@pytest.fixture
def reading_threads(monkeypatch):
    """The threads each query was read on."""
    threads: list[int] = []
    frame = extract._frame

    def counted(qs, columns):
        threads.append(threading.get_ident())
        return frame(qs, columns)

    monkeypatch.setattr(extract, "_frame", counted)
    return threads


def assert_same_frames(one: Facts, other: Facts) -> None:
    for name in FRAMES:
        a, b = getattr(one, name), getattr(other, name)
        assert a.schema == b.schema, name  # the same columns, in order, with the same dtypes
        assert_frame_equal(a, b, check_row_order=False, check_exact=True), name


def record_a_year(*, rows: int = 1) -> None:
    """Records of every kind, with what each frame can hold: dates after as_of, blanks, empty
    text, booleans, money, holds, extensions, names, surveys answered and not."""
    south = LocalityFactory(name="South")
    service = ServiceAreaFactory(name="South Safeguarding", locality=south)
    local = Procedure.objects.get(code="local")
    for n in range(rows):
        first: Complaint = ComplaintFactory(  # type: ignore[assignment]
            reference=f"R{n}",
            received_date=d("2021-06-07"),
            service_area=service,
            locality=south,
            complainant=PersonFactory(key=f"P{n}"),
            complainant_type="child_young_person",
            advocate="internal",
            advocacy_offered=True,
            method="telephone",
            theme=shipped_term("Delay"),
            stage1__acknowledged_date=d("2021-06-08"),
            stage1__responded_date=d("2021-06-21"),
            stage1__outcome="upheld",
        )
        ExtensionFactory(stage=first.stages.get(), agreed_date=d("2021-06-10"), extended_to_days=20)
        HoldFactory(stage=first.stages.get(), start_date=d("2021-06-14"), end_date=d("2021-06-16"))
        AspectFactory(stage=first.stages.get())
        second = StageFactory(
            complaint=first,
            number=2,
            received_date=d("2022-04-04"),
            statement_agreed_date=d("2022-06-02"),
            responded_date=d("2022-06-10"),
            outcome="partially_upheld",
        )
        HoldFactory(stage=second, start_date=d("2022-05-02"))  # still on hold
        StageFactory(
            complaint=first,
            number=3,
            received_date=d("2022-05-23"),
            panel_date=d("2022-06-20"),
        )
        later: Complaint = ComplaintFactory(  # type: ignore[assignment]
            reference=f"L{n}", received_date=d("2022-05-20"), procedure=local, method=""
        )
        AspectFactory(
            stage=later.stages.get(),
            finding="upheld",
            category=shipped_term("Delay"),
            subcategory=None,
        )
        ComplaintFactory(reference=f"F{n}", received_date=d("2022-06-01"))  # after as_of
        MediationFactory(
            complaint=first,
            offered_date=d("2022-05-10"),
            held_date=d("2022-06-02"),
            outcome="resolved",
        )
        EnquiryFactory(
            complaint=first,
            received_date=d("2022-05-04"),
            decision_date=d("2022-05-30"),
            decision="fault_found",
            remedy_due_date=d("2022-07-29"),
        )
        PaymentFactory(complaint=first, stage="1", date=d("2022-05-05"), amount=Decimal("0.29"))
        ComplimentFactory(received_date=d("2022-05-31"), consent_to_publish=True, external=None)
        InformalFeedbackFactory(received_date=d("2022-05-30"), satisfied=None, advocate=False)
        SatisfactionAnswerFactory(complaint=first, question="on_time", answer="")
        LearningActionFactory(
            complaint=first, raised_date=d("2022-05-04"), completed_date=d("2022-05-20")
        )
        SurveyFactory(
            complaint=first,
            answered_at=datetime.datetime(2022, 3, 31, 23, 30, tzinfo=datetime.UTC),
            listened="yes",
        )
        SurveyFactory(complaint=later)
    ContextFigureFactory(period="2021-22", measure="referrals", value=Decimal("15636"))


@pytest.mark.django_db
def test_inside_a_transaction_the_facts_are_read_through_djangos_connection(calendar, arrow_reads):
    """A second connection cannot see what a transaction has not committed (here, the test's
    own records), so inside one nothing is read as Arrow, and nothing is missed."""
    ComplaintFactory(reference="T1", received_date=d("2021-06-07"))
    assert connection.in_atomic_block
    assert arrow.source() is None
    facts = extract_facts(as_of=AS_OF, calendar=calendar)
    assert facts.stages["reference"].to_list() == ["T1"]
    assert arrow_reads == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_sqlite_in_memory_is_read_through_djangos_connection(calendar, arrow_reads):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: its test database is in memory")
    assert connection.is_in_memory_db()  # type: ignore[attr-defined]
    ComplaintFactory(reference="M1", received_date=d("2021-06-07"))
    assert arrow.source() is None
    assert extract_facts(as_of=AS_OF, calendar=calendar).stages["reference"].to_list() == ["M1"]
    assert arrow_reads == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_committed_facts_read_apart_are_the_frames_django_reads(
    committed_database, calendar, arrow_reads, reading_threads
):
    record_a_year(rows=2)
    through_arrow, through_django = both_ways(calendar)
    if connection.vendor == "postgresql":
        assert len(arrow_reads) == len(extract._reads(AS_OF, None))  # every query, by the driver
    else:
        assert arrow_reads == []  # never the ADBC SQLite driver
        # The first extraction's queries, on more than one thread, none of them this one.
        apart = set(reading_threads[: len(extract._reads(AS_OF, None))])
        assert len(apart) > 1
        assert threading.get_ident() not in apart
    assert_same_frames(through_arrow, through_django)
    assert through_arrow.stages.height == 8  # R0, R1: three stages; L0, L1: one; F: none
    # Answered at 23:30 UTC on 31 March 2022: 00:30 on 1 April in London (summer time).
    assert sorted(through_arrow.surveys["answered"].to_list(), key=str) == [
        d("2022-04-01"),
        d("2022-04-01"),
        None,
        None,
    ]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_scoped_and_recent_reads_are_the_same_both_ways(committed_database, calendar, arrow_reads):
    record_a_year()
    service: ServiceArea = ServiceAreaFactory(name="North")  # type: ignore[assignment]
    ComplaintFactory(reference="N1", received_date=d("2022-04-04"), service_area=service)
    through_arrow, through_django = both_ways(
        calendar, service_area_ids=[service.pk], aspects_from=d("2022-04-01")
    )
    assert bool(arrow_reads) == (connection.vendor == "postgresql")
    assert_same_frames(through_arrow, through_django)
    assert through_arrow.stages["reference"].to_list() == ["N1"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_empty_database_gives_the_same_empty_frames(committed_database, calendar, arrow_reads):
    through_arrow, through_django = both_ways(calendar)
    assert bool(arrow_reads) == (connection.vendor == "postgresql")
    assert_same_frames(through_arrow, through_django)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_arrow_reads_share_one_snapshot(committed_database, calendar, monkeypatch):
    """A complaint committed by someone else after the first read (the stages) is in no frame:
    on PostgreSQL every reading connection joined the exported snapshot; on SQLite extraction's
    IMMEDIATE transaction kept the writer waiting until the reads were done."""
    record_a_year()
    reads = extract._reads
    late: list[str] = []
    errors: list[BaseException] = []
    writers: list[threading.Thread] = []

    def record_a_complaint():
        try:
            ComplaintFactory(reference="LATE", received_date=d("2021-07-01"))
            ComplimentFactory(received_date=d("2021-07-01"))
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    def reads_then_record(*args, **kwargs):
        chosen = reads(*args, **kwargs)
        original = chosen["stages"]

        def record_then_read():
            frame = original()
            someone = threading.Thread(target=record_a_complaint)
            writers.append(someone)
            someone.start()
            late.append("started")
            if connection.vendor == "postgresql":
                someone.join()  # committed before the other reads
            else:
                someone.join(timeout=0.5)  # waits for the IMMEDIATE transaction to end
                late.append("waiting" if someone.is_alive() else "committed")
            return frame

        chosen["stages"] = record_then_read
        return chosen

    monkeypatch.setattr(extract, "_reads", reads_then_record)
    monkeypatch.setattr(extract, "PARALLEL_READS", 1)  # the first read ends before the next
    compliments_before = 1
    facts = extract_facts(as_of=AS_OF, calendar=calendar)
    for writer in writers:
        writer.join(timeout=30)
    assert not errors
    assert late[0] == "started"
    if connection.vendor == "sqlite":
        assert late[1] == "waiting"
    assert "LATE" not in facts.stages["reference"].to_list()
    assert facts.compliments.height == compliments_before
    # Committed all the same, and read by the next report.
    monkeypatch.setattr(extract, "_reads", reads)
    again = extract_facts(as_of=AS_OF, calendar=calendar)
    assert "LATE" in again.stages["reference"].to_list()
    assert again.compliments.height == compliments_before + 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_sqlite_is_never_read_through_a_second_sqlite_library(committed_database, calendar):
    """The ADBC SQLite driver has a SQLite of its own (3.53 where Python's is the system's):
    its connections closing the file released Django's locks and removed the WAL index under
    a running server ("database is locked", then "disk I/O error"). It is never loaded."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    record_a_year()
    assert arrow.source() is None
    extract_facts(as_of=AS_OF, calendar=calendar)
    assert "adbc_driver_sqlite" not in sys.modules


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_postgresql_connections_are_kept_only_as_django_keeps_its_own(committed_database):
    """Opening an ADBC connection costs the PostgreSQL driver a read of the type catalogue, so
    one is kept for the next report for CONN_MAX_AGE seconds, as Django keeps its own; with
    CONN_MAX_AGE 0 (as in the tests) it is closed after each report."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite's driver opens a file")
    base = arrow.source()
    assert base is not None
    assert base.keep_seconds == 0

    def backend_pid(source):
        with arrow.reading(source) as reader, reader.adbc.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid() AS pid")
            return pl.DataFrame(cursor.fetch_arrow())["pid"][0]

    assert backend_pid(base) != backend_pid(base)  # a new connection each time
    kept = arrow.Source(base.vendor, base.target, keep_seconds=60)
    first = backend_pid(kept)
    assert backend_pid(kept) == first  # the same connection again
    expired = arrow.Source(base.vendor, base.target, keep_seconds=0.0001)
    arrow.close_all()
    first = backend_pid(expired)
    assert backend_pid(expired) != first
    arrow.close_all()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failed_read_leaves_no_transaction_open(committed_database, calendar, monkeypatch):
    """A read that fails ends extraction with the error, and the next extraction works."""
    record_a_year()
    reads = extract._reads

    def failing(*args, **kwargs):
        chosen = reads(*args, **kwargs)
        chosen["payments"] = lambda: extract._frame(
            Payment.objects.annotate(x=RawSQL("no_such_column", [])).values_list("x"),
            {"x": pl.Int64()},
        )
        return chosen

    monkeypatch.setattr(extract, "_reads", failing)
    with pytest.raises(Exception, match="no_such_column"):
        extract_facts(as_of=AS_OF, calendar=calendar)
    assert not connection.in_atomic_block
    monkeypatch.setattr(extract, "_reads", reads)
    with transaction.atomic():
        inside = extract_facts(as_of=AS_OF, calendar=calendar)
    assert_same_frames(extract_facts(as_of=AS_OF, calendar=calendar), inside)
