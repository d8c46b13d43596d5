"""Problems found in an import file, and the rules they break.

Each rule is a class whose docstring is the message the person importing reads, with
`{placeholders}` for the facts of the case; `Rule.problem(...)` turns a breach into a Problem.
"""

from __future__ import annotations

import inspect
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, ClassVar

from .format import SHEET_ORDER, SHEETS


@dataclass(frozen=True)
class Problem:
    """What is wrong and where: sheet, row (as a spreadsheet shows it; None for the whole sheet),
    column, the value found and the reason."""

    sheet: str
    row: int | None
    column: str | None
    value: str | None
    reason: str

    def __str__(self) -> str:
        where = self.sheet if self.row is None else f"{self.sheet} row {self.row}"
        if self.column is not None:
            where += f", column {self.column}"
        if self.value is not None:
            where += f", value {self.value!r}"
        return f"{where}: {self.reason}"

    @property
    def detail(self) -> str:
        """The problem without its sheet and row, as the reason column of a rejects file."""
        parts = []
        if self.column is not None:
            parts.append(f"column {self.column}")
        if self.value is not None:
            parts.append(f"value {self.value!r}")
        return f"{', '.join(parts)}: {self.reason}" if parts else self.reason

    def sort_key(self) -> tuple[int, int, int]:
        sheet = SHEETS.get(self.sheet)
        names = sheet.names if sheet else []
        column = names.index(self.column) if self.column in names else len(names)
        return (SHEET_ORDER.get(self.sheet, -1), self.row or 0, column)


class Rule:
    """Base of the import rules; a subclass's docstring is its message."""

    structural: ClassVar[bool] = False

    @classmethod
    def message(cls, **facts: Any) -> str:
        # Docstrings wrap; messages are one line.
        return " ".join(inspect.cleandoc(cls.__doc__ or cls.__name__).split()).format(**facts)

    @classmethod
    def problem(
        cls,
        sheet: str,
        row: int | None,
        column: str | None = None,
        value: Any = None,
        **facts: Any,
    ) -> Problem:
        return Problem(
            sheet=sheet,
            row=row,
            column=column,
            value=None if value is None else str(value),
            reason=cls.message(**facts),
        )


# The file's structure. These stop an import even with --partial: there are no good rows to
# keep when a sheet cannot be read as the format.


class Unreadable(Rule):
    """{reason}"""

    structural = True


class UnknownSheet(Rule):
    """not a sheet of the import format; the sheets are {known}"""

    structural = True


class MissingSheet(Rule):
    """the {name} sheet is required"""

    structural = True


class EmptySheet(Rule):
    """the sheet has no header row"""

    structural = True


class MissingColumn(Rule):
    """required column is missing"""

    structural = True


class UnknownColumn(Rule):
    """unknown column; custom columns must start with x_"""

    structural = True


class DuplicateColumn(Rule):
    """this column appears more than once"""

    structural = True


class BadColumnName(Rule):
    """the column's name {reason}"""

    structural = True


# One cell.


class ValueRequired(Rule):
    """a value is required"""


class ValueWithoutColumn(Rule):
    """a value in a column without a header"""


# Across rows and sheets.


class DuplicateKey(Rule):
    """{what} appears more than once (rows {rows})"""


class UnknownComplaint(Rule):
    """no complaint with this reference in the file or in Redress"""


class UnknownStage(Rule):
    """complaint {reference} has no stage {stage} in the file or in Redress"""


class StageWithoutComplaint(Rule):
    """a stage needs the reference of the complaint whose stage prompted the action"""


class UnknownEnquiry(Rule):
    """no Ombudsman enquiry with this LGSCO reference in the file or in Redress"""


class RemedyBeforeDecision(Rule):
    """the Ombudsman enquiry {reference} has no decision: a remedy follows the decision"""


class RemedyNotAsked(Rule):
    """the Ombudsman's decision on {reference} ({decision}) asks for no remedy"""


class EnquiryPaymentStage(Rule):
    """only a payment at stage lgo can belong to an Ombudsman enquiry"""


class EnquiryOfAnotherComplaint(Rule):
    """the Ombudsman enquiry {lgo_reference} is about complaint {other}, not {reference}"""


class RelatedToItself(Rule):
    """a complaint cannot follow on from itself"""


class UnknownProcedure(Rule):
    """not a configured procedure; the procedures are {known}"""


class StageNotInProcedure(Rule):
    """the {procedure} has no stage {stage}"""


class PreviousStageMissing(Rule):
    """stage {stage} without stage {previous}: complaint {reference} has no stage {previous} in
    the file or in Redress"""


class ReceivedBeforePreviousResponse(Rule):
    """stage {stage} received before the stage {previous} response of {responded}"""


class StageBeforeComplaint(Rule):
    """before the complaint was received ({received})"""


class BeforeReceived(Rule):
    """before the stage was received ({received})"""


class ReportBeforePanel(Rule):
    """the panel's report cannot come before the panel ({panel})"""


class NotExtendable(Rule):
    """the {procedure} does not allow stage {stage} to be extended"""


class ReasonWithoutExtension(Rule):
    """an extension reason is given but extended is not yes"""


class BeforeDate(Rule):
    """before the {what} ({earlier})"""


class DateInFuture(Rule):
    """after today ({today}): a date when something happened cannot be in the future"""


class DateTooFarAhead(Rule):
    """more than {years} years after today ({today})"""


class DateTooEarly(Rule):
    """before {year}: check the year"""


class NotConfigured(Rule):
    """{kind} {name!r} is not configured; add it, or import with --create-missing to create
    it"""


class NotInEffect(Rule):
    """{kind} {name!r} is not in effect on {day} (it is in effect {spans})"""


class NoTaxonomy(Rule):
    """no {kind} taxonomy is in effect on {day}; add one, or import with --create-missing"""


class UnknownTerm(Rule):
    """{name!r} is not a {what} in {taxonomies} (in effect on {day}); add it, or import with
    --create-missing to create it"""


class SubcategoryWithoutCategory(Rule):
    """a subcategory needs a category"""


class DependsOnRejected(Rule):
    """depends on {on_sheet} row {on_row}, which was rejected"""


class ProblemLog:
    """Every problem of one import, with the rows they make bad."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.bad: dict[str, set[int]] = defaultdict(set)
        self.structural = False

    def add(self, problem: Problem, *, structural: bool = False) -> None:
        self.problems.append(problem)
        if structural:
            self.structural = True
        elif problem.row is not None:
            self.bad[problem.sheet].add(problem.row)

    def report(
        self,
        rule: type[Rule],
        sheet: str,
        row: int | None,
        column: str | None = None,
        value: Any = None,
        **facts: Any,
    ) -> None:
        self.add(rule.problem(sheet, row, column, value, **facts), structural=rule.structural)

    def is_bad(self, sheet: str, row: int) -> bool:
        rows = self.bad.get(sheet)
        return rows is not None and row in rows

    def __bool__(self) -> bool:
        return bool(self.problems)

    def __len__(self) -> int:
        return len(self.problems)

    def sorted(self) -> list[Problem]:
        return sorted(self.problems, key=Problem.sort_key)

    def reasons(self) -> dict[tuple[str, int], list[str]]:
        out: dict[tuple[str, int], list[str]] = defaultdict(list)
        for problem in self.sorted():
            if problem.row is not None:
                out[problem.sheet, problem.row].append(problem.detail)
        return out


class RuleBroken(Exception):  # noqa: N818 (a broken rule, not an error of the code)
    """Raised where a rule is broken, for the caller that knows the sheet, row and cell."""

    def __init__(self, rule: type[Rule], **facts: Any) -> None:
        super().__init__(rule.message(**facts))
        self.rule = rule
        self.facts = facts
