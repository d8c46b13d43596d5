"""The report as a renderer-neutral document.

`build_document` (in build.py) turns a computed `FigureSet` and the edition's narratives into a
`ReportDocument`; the renderers (HTML, PDF, Word, spreadsheet) only lay it out. Nothing here
knows about HTML or Word, and nothing in the renderers decides what a number is.

Text is made of runs: plain text, or a `Value` that names the figure (or table cell) it shows,
so the web report can link every number to the complaints behind it (drill-down) while the PDF
and Word reports print it plainly.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any, Literal

# -- inline text -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Value:
    """A number as shown in the text, and where it comes from."""

    text: str  # already formatted by the presenters: "362", "13.3%", "£7,089.00"
    figure_id: str | None = None  # a scalar figure id, for drill-down
    suppressed: bool = False  # shown as "fewer than N" in a published report
    # A number taken from a table row (e.g. "North West Central Child in Care (44)"): the
    # records behind it are that row's.
    drill: DrillRef | None = None


Run = str | Value


# Where a block appears: everywhere; only on screen (the web report, and the spreadsheet, which
# has every table anyway); or only in print (PDF and Word), e.g. to say where a screen-only
# table is.
Media = Literal["all", "screen", "print"]


def shown_in(block: object, *, printed: bool) -> bool:
    """Whether the block belongs in a printed (PDF, Word) or an on-screen rendering."""
    media = getattr(block, "media", "all")
    return media == "all" or (media == "print") == printed


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    media: Media = "all"

    @property
    def plain(self) -> str:
        return "".join(r if isinstance(r, str) else r.text for r in self.runs)


@dataclass(frozen=True)
class BulletList:
    items: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Markdown:
    """Narrative written by the complaints team for this section of this edition."""

    text: str


# -- tables ------------------------------------------------------------------------------------

ColumnKind = Literal["text", "count", "pct", "money", "days", "date"]


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: ColumnKind = "text"

    @property
    def numeric(self) -> bool:
        return self.kind in {"count", "pct", "money", "days"}


@dataclass(frozen=True)
class Cell:
    text: str  # formatted for display ("fewer than 5" when suppressed)
    value: Any = None  # the raw value (int, float, Decimal, str, date, None), for spreadsheets
    drill: DrillRef | None = None
    suppressed: bool = False
    # A cell that shows a scalar figure (e.g. a totals line, Appendix E) names it, as a Value does.
    figure_id: str | None = None


@dataclass(frozen=True)
class DrillRef:
    """The records behind a table cell: row `row` of table `table_id` of the figure set."""

    table_id: str
    row: int


# What a body row of a table is: an ordinary row, the heading of the group of rows under it (its
# first cell names the group, the others are empty), or the total of the group above it.
RowKind = Literal["row", "group", "subtotal"]


@dataclass(frozen=True)
class TableBlock:
    key: str  # the figure table id it shows (or a document-specific key)
    caption: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    footnote: str | None = None
    # A totals row drawn apart from the body (e.g. "TOTAL" in a bands table).
    total: tuple[Cell, ...] | None = None
    media: Media = "all"
    # One per row where the table has groups (empty: every row is an ordinary row).
    row_kinds: tuple[RowKind, ...] = ()

    def kind_of_row(self, index: int) -> RowKind:
        return self.row_kinds[index] if self.row_kinds else "row"


# -- charts ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChartBlock:
    """One chart definition (a Vega-Lite spec with its data inline), drawn interactively on the
    web and as SVG in PDF and Word. `description` is its text alternative; `table` carries the
    same numbers for people who cannot see the chart."""

    key: str
    title: str
    spec: dict[str, Any]
    description: str
    table: TableBlock | None = None


Block = Paragraph | BulletList | Markdown | TableBlock | ChartBlock


# -- structure ---------------------------------------------------------------------------------


@dataclass
class Section:
    key: str  # stable: narratives are stored against it, e.g. "volumes", "timeliness"
    title: str
    blocks: list[Block] = field(default_factory=list)
    appendix: bool = False
    narrative: Markdown | None = None  # shown before the generated blocks when present


@dataclass(frozen=True)
class Suppression:
    """A count withheld from a published report because it could identify a child."""

    table_key: str
    table_caption: str
    # The cell's row and column as the printed report heads them ("Upheld", "Stage 1" where
    # the stages run across the page).
    row_label: str
    column_label: str
    # Its row of the figure table (as the spreadsheet and the JSON list it); None for a figure
    # in the text.
    row: int | None = None


@dataclass
class ReportDocument:
    title: str
    authority: str
    period_label: str
    period_start: datetime.date
    period_end: datetime.date
    as_of: datetime.date
    service: str | None  # a single service's report, or None for the whole authority
    published: bool  # publication rules applied
    # The headline sentences. The "summary" section shows them too (as a BulletList), so a
    # renderer that lays out the sections in order needs nothing else.
    summary: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    suppressions: list[Suppression] = field(default_factory=list)
    suppression_threshold: int = 5
    # Sections with no narrative and nothing from the figures, not left out: a draft shows a
    # placeholder in each; a published document leaves them out (publishing an edition refuses
    # while there are any).
    unwritten: list[str] = field(default_factory=list)

    @property
    def body(self) -> list[Section]:
        return [s for s in self.sections if not s.appendix]

    @property
    def appendices(self) -> list[Section]:
        return [s for s in self.sections if s.appendix]

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)
