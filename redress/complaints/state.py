"""Each stage's and complaint's current state, stored in indexed columns (ADR 0015).

Lists, counts and "my work" filter and sort on `Stage.status`, `Stage.due_date`,
`Complaint.stage_reached`, `Complaint.status` and `Complaint.due_date` rather than working the
deadline out in SQL for every row. The services call `complaint_changed` in the same transaction
as the change they make; imports and configuration changes (closure days, timescales) call
`refresh_complaints` for every complaint they touch. The calendar stays the one in
`procedures.calendar`: due dates are worked out here in Python, vectorised when there are many.

The same refresh keeps `Complaint.search_text`, what the list's search looks in (its reference,
the names of its complainant, of whom it is on behalf and of its children, and its Ombudsman
references), so a search reads one column on one trigram index (ADR 0015).
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import batched
from typing import Any

import numpy as np
from django.db import connection, transaction
from django.db.models import F, Max, Model

from redress.complaints.choices import StageStatus
from redress.complaints.models import Complaint, Extension, Hold, Stage
from redress.ombudsman.models import Enquiry
from redress.people.models import Person
from redress.procedures.calendar import WorkingCalendar
from redress.procedures.deadlines import clock_start
from redress.procedures.models import StageRule
from redress.procedures.selectors import stage_rules_by_key, working_calendar

BATCH = 2000
# Between the parts of the search text, so a search cannot match across two of them.
SEARCH_SEPARATOR = "\n"
# The parts of the search text kept on the complaint's own row (or one join away).
SEARCHED = ("reference", "complainant__name", "on_behalf_of__name")
STAGE_COLUMNS = (
    "pk",
    "complaint_id",
    "number",
    "received_date",
    "statement_agreed_date",
    "responded_date",
    "outcome",
    "complaint__procedure_id",
    "status",
    "due_date",
    "held_days",
)


@dataclass(frozen=True)
class HoldSpan:
    start: datetime.date
    end: datetime.date | None


def held_working_days(calendar: WorkingCalendar, holds: Iterable[HoldSpan]) -> tuple[int, bool]:
    """Working days on hold in the ended holds, and whether a hold is still running."""
    days, running = 0, False
    for hold in holds:
        if hold.end is None:
            running = True
        else:
            days += calendar.working_days_held(hold.start, hold.end)
    return days, running


def _stage_states(
    rows: list[tuple], calendar: WorkingCalendar, rules: dict[tuple[int, int], StageRule]
) -> Iterator[tuple[tuple, str, datetime.date | None, int]]:
    """(row, status, due date, held days) for stage rows read with `STAGE_COLUMNS`."""
    ids = [r[0] for r in rows]
    longest = dict(
        Extension.objects.filter(stage_id__in=ids)
        .order_by()
        .values("stage_id")
        .annotate(longest=Max("extended_to_days"))
        .values_list("stage_id", "longest")
    )
    holds: dict[int, list[HoldSpan]] = defaultdict(list)
    for stage_id, start, end in Hold.objects.filter(stage_id__in=ids).values_list(
        "stage_id", "start_date", "end_date"
    ):
        holds[stage_id].append(HoldSpan(start, end))

    starts, days, keep = [], [], []
    states: list[list[Any]] = []
    for row in rows:
        pk, _, number, received, statement, responded, outcome, procedure_id = row[:8]
        held, running = held_working_days(calendar, holds.get(pk, ()))
        open_ = responded is None and outcome == ""
        status = (
            StageStatus.CLOSED
            if not open_
            else StageStatus.ON_HOLD
            if running
            else StageStatus.OPEN
        )
        rule = rules.get((procedure_id, number))
        states.append([row, status, None, held])
        if rule is None or (status == StageStatus.ON_HOLD):
            continue
        start, _ = clock_start(rule, received=received, statement_agreed=statement)
        starts.append(start)
        days.append((longest.get(pk) or rule.timescale_days) + held)
        keep.append(len(states) - 1)
    if keep:
        due = calendar.due_date_many(np.array(starts, dtype="datetime64[D]"), np.array(days))
        for index, value in zip(keep, due, strict=True):
            states[index][2] = value.astype("datetime64[D]").item()
    for row, status, due_date, held in states:
        yield row, str(status), due_date, held


def refresh_complaints(
    complaint_ids: Iterable[int], *, calendar: WorkingCalendar | None = None
) -> int:
    """Work out and store the state of these complaints' stages and of the complaints; returns
    how many rows changed. Call inside the transaction that changed them."""
    calendar = calendar or working_calendar()
    rules = stage_rules_by_key()
    changed = 0
    wanted = sorted(set(complaint_ids))
    if len(wanted) > BATCH and connection.vendor == "postgresql":
        # Rows an import has just written have no statistics yet, and without them PostgreSQL
        # reads every stage (or every person, for the search text) for each batch rather than
        # use the index.
        with connection.cursor() as cursor:
            for model in (
                Complaint,
                Stage,
                Extension,
                Hold,
                Complaint.children.through,
                Person,
                Enquiry,
            ):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    for ids in batched(wanted, BATCH, strict=False):
        rows = list(
            Stage.objects.filter(complaint_id__in=ids)
            .order_by("complaint_id", "number")
            .values_list(*STAGE_COLUMNS)
        )
        stage_updates = []
        current: dict[int, tuple[int, str, datetime.date | None]] = {}
        for row, status, due_date, held in _stage_states(rows, calendar, rules):
            if (status, due_date, held) != tuple(row[8:11]):
                stage_updates.append((status, due_date, held, row[0]))
            current[row[1]] = (row[2], status, due_date)
        complaint_updates = []
        moves: Counter[tuple[Any, ...]] = Counter()
        existing = Complaint.objects.filter(pk__in=ids).values_list(
            "pk", "stage_reached", "status", "due_date", "search_text", *TALLIED, *SEARCHED
        )
        more = _searched_elsewhere(ids)
        for pk, reached, status, due_date, text, *rest in existing:
            tallied, searched = rest[: len(TALLIED)], rest[len(TALLIED) :]
            number, now_status, due = current.get(pk, (None, StageStatus.CLOSED, None))
            now_due = due if now_status == StageStatus.OPEN else None
            now_text = search_text(*searched, *sorted(more.get(pk, ())))
            now = (number, now_status, now_due, now_text)
            if (reached, status, due_date, text) != now:
                complaint_updates.append((*now, pk))
                if reached != number:
                    moves[_tally_key(reached, tallied)] -= 1
                    moves[_tally_key(number, tallied)] += 1
        _write(Stage, ("status", "due_date", "held_days"), stage_updates)
        with _tally_counted(moves, many=len(complaint_updates) > TALLY_PAUSE):
            _write(
                Complaint, ("stage_reached", "status", "due_date", "search_text"), complaint_updates
            )
        changed += len(stage_updates) + len(complaint_updates)
    return changed


def search_text(*parts: str | None) -> str:
    """What the list's search looks in, from its parts: in lower case (so a search matches in
    any case on either database, whatever the alphabet), with single spaces, blanks left out."""
    return SEARCH_SEPARATOR.join(" ".join(p.split()).lower() for p in parts if p and p.strip())


def _searched_elsewhere(ids: Iterable[int]) -> dict[int, list[str]]:
    """The parts of these complaints' search texts kept in other tables: their children's names
    and their Ombudsman references (two queries, however many complaints)."""
    parts: dict[int, list[str]] = defaultdict(list)
    for pk, child in Complaint.children.through.objects.filter(complaint_id__in=ids).values_list(
        "complaint_id", "person__name"
    ):
        parts[pk].append(child or "")
    for pk, lgo_reference in Enquiry.objects.filter(complaint_id__in=ids).values_list(
        "complaint_id", "lgo_reference"
    ):
        parts[pk].append(lgo_reference)
    return parts


def people_changed(person_ids: Iterable[int]) -> int:
    """After a few people's names change: the search text of every complaint they are on."""
    people = list(person_ids)
    on = (
        Complaint.objects.filter(complainant_id__in=people)
        .order_by()
        .values_list("pk", flat=True)
        .union(
            Complaint.objects.filter(on_behalf_of_id__in=people)
            .order_by()
            .values_list("pk", flat=True),
            Complaint.children.through.objects.filter(person_id__in=people)
            .order_by()
            .values_list("complaint_id", flat=True),
        )
        .order_by()  # (else the complaints' default order, which a union cannot sort by)
    )
    return refresh_complaints(on)


# The complaint's columns the complaint tally counts by besides its stage reached (complaints
# 0009), and how many complaints' stage reached moved at once makes the refresh count the moves
# itself on PostgreSQL rather than its trigger row by row (about 0.5 ms a row here).
TALLIED = ("procedure_id", "service_area_id", "organisation_id", "locality_id", "complainant_type")
TALLY_PAUSE = 50


def _tally_key(stage_reached: int | None, tallied: list[Any]) -> tuple[Any, ...]:
    procedure, service_area, organisation, locality, complainant_type = tallied
    return (
        procedure or 0,
        stage_reached or 0,
        service_area or 0,
        organisation or 0,
        locality or 0,
        complainant_type or "",
    )


@contextmanager
def _tally_counted(moves: Counter[tuple[Any, ...]], *, many: bool) -> Iterator[None]:
    """Pause the tally's update trigger on PostgreSQL while many complaints' stage reached is
    written, then count their moves in one statement (the net change of each counted group)."""
    if not many or connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('redress.tally_paused', 'on', true)")
        try:
            yield
        finally:
            cursor.execute("SELECT set_config('redress.tally_paused', 'off', true)")
        rows = [(*key, change) for key, change in moves.items() if change]
        if rows:
            cursor.executemany(
                "INSERT INTO complaint_tally (procedure_id, stage_reached, service_area_id, "
                "organisation_id, locality_id, complainant_type, complaints) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (procedure_id, stage_reached, "
                "service_area_id, organisation_id, locality_id, complainant_type) "
                "DO UPDATE SET complaints = complaint_tally.complaints + EXCLUDED.complaints",
                rows,
            )


def _write(model: type[Model], columns: tuple[str, ...], rows: list[tuple]) -> None:
    """One UPDATE per row, sent together: far quicker than `bulk_update`'s CASE for many rows."""
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    sets = ", ".join(f"{connection.ops.quote_name(c)} = %s" for c in columns)
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET {sets} WHERE id = %s", rows)


def complaint_changed(complaint: Complaint | int | None, *, stage: Stage | None = None) -> None:
    """After any change to a complaint or its stages: store its state again and move its
    version on, so a form opened before the change is refused rather than overwrite it.
    `stage`, an instance the caller goes on to use, gets its stored state read again."""
    if complaint is None:
        return
    pk = complaint if isinstance(complaint, int) else complaint.pk
    refresh_complaints([pk])
    Complaint.objects.filter(pk=pk).update(version=F("version") + 1)
    if stage is not None:
        stage.refresh_from_db(fields=["status", "due_date", "held_days"])


@transaction.atomic
def refresh_all(*, open_only: bool = False) -> int:
    """Every complaint (or every one with an open stage): after a change of closure days or of
    a procedure's timescales, or to repair state written outside the services."""
    complaints = Complaint.objects.order_by()
    if open_only:
        complaints = complaints.filter(stages__responded_date__isnull=True, stages__outcome="")
    return refresh_complaints(complaints.values_list("pk", flat=True).distinct())
