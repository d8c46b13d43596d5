"""The `redress.import/1` format as data: each sheet, its columns, which are required, and how a
cell's text becomes a typed value (see docs/IMPORT_FORMAT.md).

A parser takes the stripped, non-blank text of a cell and returns the typed value or raises
`CellError` with the reason a person reads. Blank cells never reach a parser: they are None.

Text is refused when it holds a control character (a NUL byte above all, which PostgreSQL
cannot store): only free text may hold tabs and line breaks. One-line text (names, codes) may
not hold a line break or a character that reverses the direction of the text around it, and a
reference is letters, digits and a few separators only, since references end up in links,
file names and letters.
"""

from __future__ import annotations

import datetime
import re
import sys
from collections import namedtuple
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from redress.complaints.choices import (
    Advocacy,
    ComplainantType,
    Finding,
    MediationOutcome,
    Method,
    Outcome,
    PaymentKind,
    PaymentStage,
)
from redress.feedback.models import Answer, ComplimentSource, Question
from redress.ombudsman.models import Decision, RemedyKind
from redress.reporting.models import Measure

FORMAT = "redress.import/1"
CUSTOM_PREFIX = "x_"


class CellError(ValueError):
    """A cell's value cannot be used; the message says why."""


Parser = Callable[[str], Any]


# Control characters (C0, DEL and C1), less tab, line feed and carriage return.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# In one line of text: any control character, a line or paragraph separator, or a bidirectional
# embedding, override or isolate (which can make text read as something else).
CONTROL_OR_BREAK = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def unsafe_character(value: str, *, multiline: bool) -> str | None:
    """Why the text cannot be stored (None when it can): the first character it must not hold,
    named by its code point."""
    found = (CONTROL if multiline else CONTROL_OR_BREAK).search(value)
    if found is None:
        return None
    char = found.group()
    point = f"U+{ord(char):04X}"
    if char == "\x00":
        return f"holds a NUL character ({point}), which is never allowed"
    if char in BIDI:
        return f"holds a character that reverses the direction of text ({point})"
    if char in "\t\n\r\u2028\u2029":
        return f"holds a tab or a line break ({point}); only free text may"
    return f"holds a control character ({point})"


def text(max_length: int | None = None, *, shared: bool = False, multiline: bool = False) -> Parser:
    """Text on one line, or free text (`multiline`: tabs and line breaks allowed). `shared` for
    values that repeat down a sheet (names), which are interned so that a large file holds each
    one once."""

    def parse(value: str) -> str:
        if max_length is not None and len(value) > max_length:
            raise CellError(f"longer than {max_length} characters")
        if (reason := unsafe_character(value, multiline=multiline)) is not None:
            raise CellError(reason)
        return sys.intern(value) if shared else value

    return parse


# Letters, digits, spaces and - / _ . inside, a letter or a digit at each end: `KCT-2021-0001`,
# `CSC/21/104`, the Ombudsman's `21 003 456`. Nothing that means something in a link, a file
# name or a page (`../`, `<script>`), no line break and no change of direction.
REFERENCE_SHAPE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9 _./-]*[A-Za-z0-9])?")


def reference(max_length: int = 64) -> Parser:
    """A reference (a complaint's, the Ombudsman's, a complainant's key), interned."""

    def parse(value: str) -> str:
        if len(value) > max_length:
            raise CellError(f"longer than {max_length} characters")
        if not REFERENCE_SHAPE.fullmatch(value) or ".." in value:
            raise CellError(
                "not a reference Redress can use: letters, digits, spaces and - / _ . only, "
                "starting and ending with a letter or digit, with no '..'"
            )
        return sys.intern(value)

    return parse


DATE_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}")


@lru_cache(maxsize=100_000)
def date(value: str) -> datetime.date:
    # A history file holds a few thousand distinct dates, so caching makes parsing cheap and
    # lets every row share one date object.
    if not DATE_SHAPE.fullmatch(value):
        raise CellError("not a date in the form YYYY-MM-DD")
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CellError("not a date in the form YYYY-MM-DD") from None


def code(codes: Iterable[str]) -> Parser:
    """Codes are case-insensitive; the parsed value is the canonical code."""
    canonical = {str(c).casefold(): str(c) for c in codes}
    listing = ", ".join(canonical.values())

    def parse(value: str) -> str:
        try:
            return canonical[value.casefold()]
        except KeyError:
            raise CellError(f"not one of {listing}") from None

    return parse


def yes_no(value: str) -> bool:
    folded = value.casefold()
    if folded == "yes":
        return True
    if folded == "no":
        return False
    raise CellError("not yes or no")


MONEY_SHAPE = re.compile(r"-?\d+(\.\d+)?")


def amount(max_digits: int) -> Parser:
    """Pounds with at most two decimals, no symbol and no thousands separator."""

    def parse(value: str) -> Decimal:
        if not MONEY_SHAPE.fullmatch(value):
            raise CellError(
                "not an amount in pounds: digits with up to two decimals and no symbol or "
                "commas, e.g. 1500.00"
            )
        whole, _, pence = value.lstrip("-").partition(".")
        if len(pence) > 2:
            raise CellError("more than two decimal places")
        if value.startswith("-"):
            raise CellError("must not be negative")
        if len(whole.lstrip("0")) > max_digits - 2:
            raise CellError(f"too large: at most {max_digits - 2} digits before the point")
        return Decimal(value).quantize(Decimal("0.01"))

    return parse


def stage_number(value: str) -> int:
    if value in {"1", "2", "3"}:
        return int(value)
    raise CellError("not a stage: 1, 2 or 3")


PERIOD_SHAPE = re.compile(r"(\d{4})-(\d{2})")


def period(value: str) -> str:
    match = PERIOD_SHAPE.fullmatch(value)
    if not match or (int(match[1]) + 1) % 100 != int(match[2]):
        raise CellError("not a financial year in the form 2021-22")
    return value


def period_dates(value: str, start_month_day: str = "04-01") -> tuple[datetime.date, datetime.date]:
    """The first and last day of a financial year such as `2021-22`."""
    start = datetime.date.fromisoformat(f"{value[:4]}-{start_month_day}")
    return start, start.replace(year=start.year + 1) - datetime.timedelta(days=1)


@dataclass(frozen=True)
class Column:
    name: str
    parse: Parser
    required: bool = False
    # A column added to the format after files were written without it: a file that leaves it
    # out leaves the stored values as they are, instead of blanking them.
    kept_when_absent: bool = False


@dataclass(frozen=True)
class Sheet:
    """One sheet (or CSV file) of the format. Rows parse into `Sheet.record`, a named tuple with
    the row number (`line`), one field per column and `custom` (the x_ columns)."""

    name: str
    columns: tuple[Column, ...]
    required: bool = False
    record: Any = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        names = ["line", *(c.name for c in self.columns), "custom"]
        object.__setattr__(self, "record", namedtuple(f"{self.name.title()}Row", names))

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def required_names(self) -> list[str]:
        return [c.name for c in self.columns if c.required]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _sheet(name: str, *columns: Column, required: bool = False) -> Sheet:
    return Sheet(name=name, columns=columns, required=required)


NAME = text(200, shared=True)
REFERENCE = reference(64)
FREE_TEXT = text(multiline=True)


def _col(
    name: str, parse: Parser, required: bool = False, *, kept_when_absent: bool = False
) -> Column:
    return Column(name=name, parse=parse, required=required, kept_when_absent=kept_when_absent)


SHEETS: dict[str, Sheet] = {
    s.name: s
    for s in [
        _sheet(
            "complaints",
            _col("reference", REFERENCE, required=True),
            _col("received_date", date, required=True),
            _col("procedure", text(32), required=True),
            _col("method", code(Method.values)),
            _col("complainant_id", REFERENCE),
            _col("complainant_type", code(ComplainantType.values)),
            _col("advocate", code(Advocacy.values)),
            _col("advocacy_offered", yes_no, kept_when_absent=True),
            _col("advocacy_referred_date", date, kept_when_absent=True),
            _col("organisation", NAME),
            _col("service_area", NAME, required=True),
            _col("locality", NAME),
            _col("theme", NAME),
            _col("summary", FREE_TEXT),
            _col("related_to", REFERENCE),
            required=True,
        ),
        _sheet(
            "stages",
            _col("reference", REFERENCE, required=True),
            _col("stage", stage_number, required=True),
            _col("received_date", date, required=True),
            _col("acknowledged_date", date),
            _col("statement_agreed_date", date),
            _col("extended", yes_no),
            _col("extension_reason", FREE_TEXT),
            _col("responded_date", date),
            _col("outcome", code(Outcome.values)),
            _col("organisation", NAME),
            _col("panel_date", date),
            _col("panel_report_date", date),
            required=True,
        ),
        _sheet(
            "aspects",
            _col("reference", REFERENCE, required=True),
            _col("stage", stage_number, required=True),
            _col("category", NAME, required=True),
            _col("subcategory", NAME),
            _col("finding", code(Finding.values)),
        ),
        _sheet(
            "mediation",
            _col("reference", REFERENCE, required=True),
            _col("offered_date", date, required=True),
            _col("held_date", date),
            _col("outcome", code(MediationOutcome.values)),
        ),
        _sheet(
            "ombudsman",
            _col("lgo_reference", REFERENCE, required=True),
            _col("reference", REFERENCE),
            _col("received_date", date, required=True),
            _col("response_sent_date", date, kept_when_absent=True),
            _col("decision_date", date),
            _col("decision", code(Decision.values)),
            _col("recommendations", FREE_TEXT),
            _col("remedy_due_date", date),
            _col("remedy_completed_date", date),
            _col("organisation", NAME, kept_when_absent=True),
        ),
        _sheet(
            "ombudsman_remedies",
            _col("lgo_reference", REFERENCE, required=True),
            _col("kind", code(RemedyKind.values), required=True),
            _col("description", FREE_TEXT),
            _col("due_date", date),
            _col("completed_date", date),
            _col("evidence", FREE_TEXT),
        ),
        _sheet(
            "payments",
            _col("reference", REFERENCE),
            _col("date", date, required=True),
            _col("stage", code(PaymentStage.values), required=True),
            _col("kind", code(PaymentKind.values), required=True),
            _col("amount", amount(12), required=True),
            _col("lgo_reference", REFERENCE, kept_when_absent=True),
        ),
        _sheet(
            "actions",
            _col("reference", REFERENCE),
            _col("description", FREE_TEXT, required=True),
            _col("theme", NAME),
            _col("owner", NAME),
            _col("raised_date", date, required=True),
            _col("due_date", date),
            _col("completed_date", date),
            _col("stage", stage_number, kept_when_absent=True),
            _col("you_said", FREE_TEXT, kept_when_absent=True),
            _col("we_did", FREE_TEXT, kept_when_absent=True),
        ),
        _sheet(
            "compliments",
            _col("received_date", date, required=True),
            _col("service_area", NAME, required=True),
            _col("locality", NAME),
            _col("staff_member", NAME),
            _col("consent_to_publish", yes_no),
            _col("source", code(ComplimentSource.values)),
            _col("external", yes_no),
            _col("text", FREE_TEXT),
        ),
        _sheet(
            "feedback",
            _col("received_date", date, required=True),
            _col("from_child", yes_no),
            _col("theme", NAME),
            _col("service_area", NAME),
            _col("advocate", yes_no),
            _col("satisfied", yes_no),
            _col("summary", FREE_TEXT),
        ),
        _sheet(
            "satisfaction",
            _col("reference", REFERENCE, required=True),
            _col("question", code(Question.values), required=True),
            _col("answer", code(Answer.values)),
        ),
        _sheet(
            "context",
            _col("period", period, required=True),
            _col("measure", code(Measure.values), required=True),
            _col("service_area", NAME),
            _col("value", amount(14), required=True),
        ),
    ]
}

SHEET_ORDER = {name: i for i, name in enumerate(SHEETS)}


def is_custom(column_name: str) -> bool:
    return column_name[:2].casefold() == CUSTOM_PREFIX
