"""Facts kept between reports until something is recorded (ADR 0032).

A report, the dashboard and each drill-down extract the same facts again and again: every stage,
complaint and reason the authority ever recorded. Extraction is most of a report's time, and
nothing in it changes until someone records something. So each process keeps the facts it
extracted, keyed by what was asked for (as of which day, which service areas, reasons from
when, which calendar), together with a *token* saying what the database held when they were
read. The next request for the same facts asks the database one question: has anything the
facts are read from changed since that token? If not, it gets the kept facts.

The database answers from what its own triggers record (reporting migration 0008) on every
table extraction reads (`TABLES`), so no write, by any process or by hand, is missed:

- SQLite: a counter (`reporting_facts_version`) that every inserted, changed or deleted row
  adds one to. SQLite has one writer at a time, so the counter read in the transaction that
  reads the facts says exactly which writes they include.
- PostgreSQL: a row per writing transaction in `reporting_facts_change` (its transaction id),
  added by a trigger on each statement. The token is the snapshot the facts were read in
  (`pg_current_snapshot()`); the facts are unchanged while no transaction that was not visible
  in that snapshot has committed a change. A counter would not do: transactions commit in any
  order, and one row updated by every writer would queue them all behind the slowest (an
  import). Rows of transactions that finished before every running one are pruned once a day
  (`prune`); facts read before the last prune are read again.

Facts are kept only when extraction runs in a transaction of its own (not inside a caller's,
which may hold writes that are later rolled back), at most `REDRESS_FACTS_KEPT` sets a process
(the setting, from the environment: default 4, 0 turns keeping off), and only while their frames
total at most `REDRESS_FACTS_KEPT_MB` (default 512 MB; at a million complaints the facts are
about 1 GB, so they are read afresh each time).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable

import polars as pl
from django.conf import settings
from django.db import connection

from .frames import Facts

# Every table extraction reads (`extract._reads`). Reporting migration 0008 puts the triggers on
# them (0009 takes them off the people, which extraction no longer reads); a test checks that
# extraction reads no other table and that each has its triggers.
TABLES = (
    "complaints_aspect",
    "complaints_complaint",
    "complaints_extension",
    "complaints_hold",
    "complaints_learningaction",
    "complaints_mediation",
    "complaints_payment",
    "complaints_stage",
    "feedback_compliment",
    "feedback_informalfeedback",
    "feedback_satisfactionanswer",
    "ombudsman_enquiry",
    "organisations_locality",
    "organisations_organisation",
    "organisations_servicearea",
    "procedures_procedure",
    "procedures_stagerule",
    "reporting_contextfigure",
    "surveys_survey",
    "taxonomies_term",
)

VERSION_TABLE = "reporting_facts_version"  # SQLite
CHANGE_TABLE = "reporting_facts_change"  # PostgreSQL
PRUNED_TABLE = "reporting_facts_pruned"  # PostgreSQL: transactions below this id are pruned


def token_sql() -> str:
    """The query, run in the transaction that reads the facts, whose one text value is their
    token (see the module's docstring)."""
    if connection.vendor == "postgresql":
        return "SELECT pg_current_snapshot()::text AS token"
    return f"SELECT CAST(n AS TEXT) AS token FROM {VERSION_TABLE}"


def unchanged_since(token: str) -> bool:
    """Whether nothing extraction reads has changed since the facts with this token were read
    (one query, in a snapshot of its own)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"""SELECT pg_snapshot_xmin(%s::pg_snapshot) >= (SELECT below FROM {PRUNED_TABLE})
                AND NOT EXISTS (
                    SELECT 1 FROM {CHANGE_TABLE}
                    WHERE xid >= pg_snapshot_xmin(%s::pg_snapshot)
                    AND NOT pg_visible_in_snapshot(xid, %s::pg_snapshot)
                )""",
                [token, token, token],
            )
        else:
            cursor.execute(f"SELECT CAST(n AS TEXT) = %s FROM {VERSION_TABLE}", [token])
        row = cursor.fetchone()
    return bool(row and row[0])


def prune() -> None:
    """PostgreSQL, at most once a day (whichever process asks first): forget the change rows of
    transactions that finished before any running one began, and remember where that line was,
    in one statement. Facts read in a snapshot older than the line are then read again (their
    changes may have been among the rows pruned). On other days the statement changes nothing
    and takes no lock."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"""WITH due AS (
                UPDATE {PRUNED_TABLE}
                SET below = GREATEST(below, pg_snapshot_xmin(pg_current_snapshot())),
                    pruned_at = now()
                WHERE pruned_at < now() - interval '1 day'
                RETURNING below
            )
            DELETE FROM {CHANGE_TABLE} WHERE xid < (SELECT below FROM due)"""
        )


def _size(facts: Facts) -> int:
    frames = [value for value in vars(facts).values() if isinstance(value, pl.DataFrame)]
    return int(sum(frame.estimated_size() for frame in frames))


class KeptFacts:
    """The facts this process has extracted, most recently used last, with their tokens."""

    def __init__(self) -> None:
        self._kept: OrderedDict[Hashable, tuple[str, Facts, int]] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def entries(self) -> int:
        return int(settings.REDRESS_FACTS_KEPT)

    @property
    def bytes(self) -> int:
        return int(settings.REDRESS_FACTS_KEPT_MB) * 1024 * 1024

    @property
    def enabled(self) -> bool:
        return self.entries > 0 and self.bytes > 0

    def get(self, key: Hashable) -> Facts | None:
        """The facts kept for `key`, if nothing has changed since they were read."""
        with self._lock:
            kept = self._kept.get(key)
        if kept is None:
            return None
        token, facts, _ = kept
        if not unchanged_since(token):
            with self._lock:
                if self._kept.get(key) is kept:
                    del self._kept[key]
            return None
        with self._lock:
            if key in self._kept:
                self._kept.move_to_end(key)
        return facts

    def put(self, key: Hashable, token: str, facts: Facts) -> None:
        """Keep the facts, forgetting the least recently used while over either limit; facts
        larger than the whole limit are not kept."""
        size = _size(facts)
        if size > self.bytes:
            return
        with self._lock:
            self._kept.pop(key, None)
            self._kept[key] = (token, facts, size)
            while len(self._kept) > self.entries or self._total() > self.bytes:
                self._kept.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()

    def __len__(self) -> int:
        return len(self._kept)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._kept

    def _total(self) -> int:
        return sum(size for _, _, size in self._kept.values())


store = KeptFacts()
