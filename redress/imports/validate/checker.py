"""The state shared by the checks of one import: the parsed rows, the problem log, the
configuration and what Redress already holds, with indexes of the file's own keys."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar

from ..known import Known
from ..lookups import Lookups, ProcedureInfo
from ..problems import DuplicateKey, ProblemLog, RuleBroken, UnknownComplaint

T = TypeVar("T")


@dataclass(frozen=True)
class StageFacts:
    line: int | None  # the stages row, when the stage is in the file
    received_date: datetime.date | None
    responded_date: datetime.date | None


@dataclass(frozen=True)
class KnownEnquiry:
    id: int
    complaint_id: int | None
    complaint_reference: str | None
    decision: str
    decision_date: datetime.date | None


class Checker:
    def __init__(
        self, parsed: dict[str, list[Any]], log: ProblemLog, lookups: Lookups, known: Known
    ) -> None:
        self.parsed = parsed
        self.log = log
        self.lookups = lookups
        self.known = known
        self.procedures_by_id = {p.id: p for p in lookups.procedures.values()}
        # The first row of each key in the file (later duplicates are problems of their own).
        self.complaints: dict[str, Any] = {}
        self.stages: dict[tuple[str, int], Any] = {}
        # Ombudsman enquiries by LGSCO reference: the file's first row of each, and those in
        # Redress that the file's remedies and payments name (see validate.others).
        self.enquiries: dict[str, Any] = {}
        self.known_enquiries: dict[str, KnownEnquiry] = {}

    def rows(self, sheet: str) -> list[Any]:
        return self.parsed.get(sheet, [])

    def replace_rows(self, sheet: str, rows: list[Any]) -> None:
        """Put back a sheet's rows with their names resolved (absent sheets stay absent)."""
        if sheet in self.parsed:
            self.parsed[sheet] = rows

    def attempt(
        self, sheet: str, record: Any, column: str, lookup: Callable[..., T], *args: Any
    ) -> T | None:
        """Run a lookup for a cell; a broken rule becomes a Problem on that cell and None."""
        try:
            return lookup(*args)
        except RuleBroken as breach:
            value = getattr(record, column)
            self.log.report(breach.rule, sheet, record.line, column, value, **breach.facts)
            return None

    def flag_duplicates(
        self,
        sheet: str,
        key: Callable[[Any], Hashable | None],
        column: str,
        what: Callable[[Any], str],
    ) -> None:
        lines: dict[Hashable, list[Any]] = defaultdict(list)
        for record in self.rows(sheet):
            k = key(record)
            if k is not None:
                lines[k].append(record)
        for records in lines.values():
            if len(records) > 1:
                rows = ", ".join(str(r.line) for r in records)
                for record in records:
                    value = getattr(record, column)
                    self.log.report(
                        DuplicateKey,
                        sheet,
                        record.line,
                        column,
                        value,
                        what=what(record),
                        rows=rows,
                    )

    def complaint_exists(self, reference: str) -> bool:
        return reference in self.complaints or reference in self.known.complaints

    def check_reference(self, sheet: str, record: Any, column: str = "reference") -> bool:
        """A reference to a complaint, which must be in the file or in Redress."""
        reference = getattr(record, column)
        if reference is None or self.complaint_exists(reference):
            return True
        self.log.report(UnknownComplaint, sheet, record.line, column, reference)
        return False

    def complaint_procedure(self, reference: str) -> ProcedureInfo | None:
        row = self.complaints.get(reference)
        if row is not None:
            return row.procedure
        known = self.known.complaints.get(reference)
        return self.procedures_by_id.get(known.procedure_id) if known else None

    def complaint_received(self, reference: str) -> datetime.date | None:
        row = self.complaints.get(reference)
        if row is not None:
            return row.received_date
        known = self.known.complaints.get(reference)
        return known.received_date if known else None

    def stage_facts(self, reference: str, number: int) -> StageFacts | None:
        """A stage from the file, or else from Redress."""
        row = self.stages.get((reference, number))
        if row is not None:
            return StageFacts(row.line, row.received_date, row.responded_date)
        complaint = self.known.complaints.get(reference)
        stage = self.known.stages.get((complaint.id, number)) if complaint else None
        if stage is None:
            return None
        return StageFacts(None, stage.received_date, stage.responded_date)
