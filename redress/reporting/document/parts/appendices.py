"""Appendix B (reasons by category and sub-category), Appendix E (every figure with its value
and definition) and the annex of figures withheld to protect children."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby
from typing import Any

from redress.core import presenters
from redress.reporting.figures import SCALARS, TABLES
from redress.reporting.publish import SmallCount, counts_people, derived_from

from ..context import BuildContext
from ..labels import (
    ROW_NOUNS,
    TABLE_CAPTIONS,
    TABLE_SECTIONS,
    column_label,
    figure_words,
    label,
    naming_words,
    row_namings,
    stage_column_label,
)
from ..model import Cell, Column, Paragraph, RowKind, Suppression, TableBlock
from ..sections import SECTION_SPECS
from ..values import Kind, column, label_of, para, text_cell
from .common import Blocks, new_since, nothing_to_compare


def kind_of(figure_id: str, value: Any) -> Kind:
    """How a figure's value reads: money, a percentage (ratios to 2 places), an average, or a
    count."""
    if isinstance(value, Decimal):
        return "money"
    if figure_id.startswith("ratio.") and figure_id.endswith(".pct"):
        return "ratio"
    if figure_id.endswith("pct"):
        return "pct"
    if "average_working_days" in figure_id:
        return "days"
    return "count"


def definition(figure_id: str, previous_label: str) -> str:
    """The registry's definition, and for the `.previous` and `.change_pct` companions the
    definition of the figure they accompany."""
    for suffix, words in (
        (".change_pct", "% change from the previous period ({label}) of: {definition}"),
        (".previous", "in the previous period ({label}): {definition}"),
    ):
        base = figure_id.removesuffix(suffix)
        if base != figure_id and base in SCALARS:
            return words.format(label=previous_label, definition=SCALARS[base].definition)
    spec = SCALARS.get(figure_id)
    return spec.definition if spec else ""


def appendix_reasons(ctx: BuildContext) -> Blocks:
    """Appendix B: every reason by sub-category under the heading of its category, each
    category's total drawn as a total under it, and the total of all categories at the foot;
    reported by theme (setting report_reasons_by), every theme."""
    if ctx.by_theme:
        return _appendix_themes(ctx)
    v = ctx.view
    subs = v.rows("aspects.stage1.by_subcategory")
    if not subs:
        return [para(f"No reasons were recorded on stage 1 complaints received in {ctx.label}.")]
    categories = {r["category"]: i for i, r in enumerate(v.rows("aspects.stage1.by_category"))}
    rows: list[tuple[Cell, ...]] = []
    kinds: list[RowKind] = []
    for category, group in groupby(enumerate(subs), key=lambda item: item[1]["category"]):
        rows.append((text_cell(label_of(category)), text_cell("")))
        kinds.append("group")
        for i, r in group:
            rows.append(
                (
                    text_cell(r["subcategory"] or "No sub-category"),
                    v.cell("aspects.stage1.by_subcategory", i, "count"),
                )
            )
            kinds.append("row")
        if category in categories:
            rows.append(
                (
                    text_cell(f"Total: {label_of(category)}"),
                    v.cell("aspects.stage1.by_category", categories[category], "count"),
                )
            )
            kinds.append("subtotal")
    return [
        TableBlock(
            key="aspects.stage1.by_subcategory",
            caption=TABLE_CAPTIONS["aspects.stage1.by_subcategory"],
            columns=(
                column("subcategory", "Category and sub-category"),
                column("count", "Reasons", "count"),
            ),
            rows=tuple(rows),
            row_kinds=tuple(kinds),
            total=(text_cell("All categories"), v.scalar_cell("aspects.stage1.total")),
        )
    ]


def _appendix_themes(ctx: BuildContext) -> Blocks:
    """Every theme of the stage 1 complaints received in the period, largest first, with how
    many were upheld or partially upheld."""
    v = ctx.view
    themes = v.rows("themes.stage1")
    if not themes:
        return [para(f"No stage 1 complaint received in {ctx.label} was given a theme.")]
    table = v.table(
        "themes.stage1",
        [
            ("theme", "Theme", "text"),
            ("count", "Complaints", "count"),
            ("upheld_or_partially", "Upheld or partially upheld", "count"),
        ],
    )
    # No total row: in a published report it would be a sum over withheld cells.
    return [
        para(
            f"Each stage 1 complaint is given one theme. The themes of the complaints received "
            f"in {ctx.label}, largest first:"
        ),
        table,
    ]


COMPANIONS = (".previous", ".change_pct")


def appendix_figures(ctx: BuildContext) -> Blocks:
    """One row per figure, its previous value and % change beside it where it has them; for a
    locality or service that began after the previous period, no such columns (they would be
    a column of noughts for a time before it existed), and a sentence saying why."""
    v = ctx.view
    figures = v.figures.figures
    new = new_since(ctx)
    body = []
    for figure_id in sorted(
        f for f in figures if not f.endswith(COMPANIONS) or f.rsplit(".", 1)[0] not in figures
    ):
        kind = kind_of(figure_id, figures[figure_id])
        companions = [f"{figure_id}{suffix}" for suffix in COMPANIONS]
        has_companions = all(c in figures for c in companions)
        row = [text_cell(figure_id), v.scalar_cell(figure_id, kind)]
        if new is None:
            row += [
                v.scalar_cell(companions[0], kind) if has_companions else text_cell(""),
                v.scalar_cell(companions[1], "pct") if has_companions else text_cell(""),
            ]
        row.append(text_cell(definition(figure_id, ctx.previous_label)))
        body.append(tuple(row))
    tables = [
        (
            text_cell(table_id),
            Cell(text=presenters.count(len(rows)), value=len(rows)),
            text_cell(TABLES[table_id].definition if table_id in TABLES else ""),
        )
        for table_id, rows in sorted(v.figures.tables.items())
    ]
    compared_columns: tuple[Column, ...] = ()
    if new is None:
        intro = (
            "Every figure in this report has an id and one definition. Where a figure is "
            f"compared with the previous period ({ctx.previous_label}), the previous value and "
            "the % change are the figures with the same id followed by “.previous” and "
            "“.change_pct”. A value of “–” could not be computed (for example a change from "
            "zero)."
        )
        compared_columns = (
            column("previous", ctx.previous_label, "count"),
            column("change_pct", "% change", "pct"),
        )
    else:
        intro = (
            "Every figure in this report has an id and one definition. A value of “–” could "
            f"not be computed. They are not compared with {ctx.previous_label}: "
            f"{nothing_to_compare(ctx, new)}."
        )
    return [
        para(intro),
        TableBlock(
            key="figures",
            caption="The figures",
            columns=(
                column("id", "Figure"),
                column("value", ctx.label, "count"),
                *compared_columns,
                column("definition", "Definition"),
            ),
            rows=tuple(body),
            media="screen",
        ),
        TableBlock(
            key="tables",
            caption="The tables",
            columns=(
                column("id", "Table"),
                column("rows", "Rows", "count"),
                column("definition", "Definition"),
            ),
            rows=tuple(tables),
            media="screen",
        ),
        # The two tables above run to a dozen printed pages (a quarter of a PDF's making), for
        # reference rather than reading: the printed report says where they are.
        Paragraph(
            (
                "The list of every figure, with its value, previous value, % change and "
                "definition, and of every table, is in the web version of this report and in its "
                "spreadsheet version (the Figures sheet, and a sheet for each table).",
            ),
            media="print",
        ),
    ]


# The section that states each scalar a report for one locality or service withholds, by the
# start of its id.
SCALAR_SECTIONS: tuple[tuple[str, str], ...] = (
    ("received.", "volumes"),
    ("ratio.", "rates"),
    ("escalation.", "escalation"),
    ("responses.", "timeliness"),
    ("timeliness.", "timeliness"),
    ("stage2.", "timeliness"),
    ("outcome.", "outcomes"),
    ("repeat_complainants.", "complainants"),
    ("survey.", "what_complainants_told_us"),
    ("cyp.", "children"),
    ("informal_feedback.", "children"),
    ("mediation.", "mediation"),
    ("lgo.", "ombudsman"),
)
FIGURES_IN_THE_TEXT = "Figures in the text"


def scalar_section(figure_id: str) -> str:
    return next((key for start, key in SCALAR_SECTIONS if figure_id.startswith(start)), "")


def scalar_words(figure_id: str, ctx: BuildContext) -> str:
    """A withheld scalar in the report's words: its definition in words (`labels.figure_words`,
    as a drill-down page is headed) with the period named as the report names it ("stage 2
    records received in 2021-22 with outcome partially upheld"), its previous value's ("… in
    2020-21") and its change ("the change from 2020-21 in …"). A figure whose definition is not
    words (a percentage of others, a sum) by the figures it is worked from."""
    own = figure_id.removesuffix(".change_pct").removesuffix(".previous")
    words = figure_words(own, ctx.as_of) or _worked_words(own, ctx.as_of)
    if figure_id.endswith(".previous"):
        named = _in_period(words, ctx.previous_label)
        return named if named != words else f"{words} ({ctx.previous_heading})"
    words = _in_period(words, ctx.label)
    if figure_id.endswith(".change_pct"):
        return f"the change from {ctx.previous_label} in {words}"
    return words


def _in_period(words: str, period: str) -> str:
    """ "the period" of a definition as the report names it: "2021-22", "Q1 2020-21"."""
    return re.sub(r"\bthe period\b", period, words)


def _worked_words(figure_id: str, as_of: datetime.date) -> str:
    """ "a percentage worked from stage 1 records received in the period with outcome upheld":
    the counts a figure is worked from (`derived_from`, or the figures its definition adds up),
    in their words; its id when they have none."""
    derived = derived_from(figure_id)
    if derived is not None:
        parts = list(derived.counts) or ([derived.base] if derived.base else [])
    else:
        spec = SCALARS.get(figure_id)
        parts = re.findall(r"[a-z_]+(?:\.[a-z0-9_]+)+", spec.definition) if spec else []
    named = list(dict.fromkeys(w for p in parts if (w := figure_words(p, as_of)) is not None))
    if not named:
        return figure_id
    noun = "a percentage" if figure_id.endswith("pct") else "a figure"
    return f"{noun} worked from {presenters.and_list(named)}"


def _scalars_in_words(ids: list[str], ctx: BuildContext) -> str:
    """“2 counts of complaints or people: “Stage 1 records received in 2021-22” and “Stage 1
    records received in 2020-21”; and 3 figures worked from them”: the counts named, at most
    `NAMED_OTHERWISE` (this period's before the previous period's, and those with words of
    their own before sums), since a section can withhold dozens. Quoted, as a name may hold a
    comma (“… with decision investigated, fault found”)."""
    counts = [f for f in ids if counts_people(f.removesuffix(".previous"))]
    worked = len(ids) - len(counts)
    parts = []
    if counts:
        first = sorted(
            counts,
            key=lambda f: (
                f.endswith(".previous"),
                figure_words(f.removesuffix(".previous"), ctx.as_of) is None,
            ),
        )
        names = presenters.and_list(
            [f"“{presenters.first_capital(scalar_words(f, ctx))}”" for f in first[:NAMED_OTHERWISE]]
        )
        n = len(counts)
        noun = f"{n} {presenters.plural(n, 'count')} of complaints or people"
        parts.append(f"{noun}: {names}" if n <= NAMED_OTHERWISE else f"{noun}, among them {names}")
    if worked:
        parts.append(
            f"{worked} {presenters.plural(worked, 'figure')} worked from "
            f"{'them' if counts else 'withheld counts'} (percentages, averages and changes)"
        )
    return presenters.first_capital("; and ".join(parts))


def suppressions(ctx: BuildContext) -> list[Suppression]:
    """Every cell publication withheld, in the order of the tables and their rows, then every
    scalar (a report for one locality or service) in the order of their ids."""
    v = ctx.view
    out = []
    for table_id, row, column_key in sorted(v.figures.suppressed):
        out.append(
            Suppression(
                table_key=table_id,
                table_caption=TABLE_CAPTIONS.get(table_id, table_id),
                row_label=row_label(table_id, v.rows(table_id)[row]),
                column_label=cell_column_label(table_id, v.rows(table_id)[row], column_key),
                row=row,
            )
        )
    for figure_id in sorted(v.figures.suppressed_figures):
        out.append(
            Suppression(
                table_key=figure_id,
                table_caption=FIGURES_IN_THE_TEXT,
                row_label=presenters.first_capital(scalar_words(figure_id, ctx)),
                column_label="Value",
            )
        )
    return out


def row_label(table_id: str, row: dict[str, Any]) -> str:
    """What a row is about, as the report prints it: its naming values in the report's words
    ("Citywide: 0-10 working days", "April to December 2021: Fostering"); the outcomes by stage
    by their outcome alone ("Partially upheld"), since their stages run across the page; a
    repeat complainant's number of complaints bare ("2", "4+"), as its row prints it."""
    if table_id in STAGES_ACROSS:
        row = {k: v for k, v in row.items() if k != "stage"}
    if table_id == "repeat_complainants.distribution":
        return str(row["complaints"])
    return ": ".join(row_namings(table_id, row)) or "–"


# The tables printed with their stages across the page: a cell's column is its stage's.
STAGES_ACROSS = frozenset({"outcomes"})


def cell_column_label(table_id: str, row: dict[str, Any], column_key: str) -> str:
    """A withheld cell's column as the report heads it: "Number", "Percentage in time"; "Stage 2"
    or "Stage 2: %" in a table whose stages run across the page."""
    if table_id in STAGES_ACROSS:
        return stage_column_label(row["stage"], column_key)
    return column_label(column_key)


# Named in the annex, at most, before "among them": the questions, asked of everyone, are each
# worth naming; services and areas are many.
NAMED = {"question": 8}
NAMED_OTHERWISE = 3


@dataclass(frozen=True)
class WithheldTable:
    """What publication withheld from one table: how many cells, which columns, and the rows in
    words (one description per column naming the rows: services, questions, stages)."""

    table_key: str
    section: str
    caption: str
    cells: int
    columns: tuple[str, ...]
    rows: tuple[str, ...]
    # The section's key (its scalars have no table to look it up by), and the words of a line
    # that is not a table's: the scalars withheld from the section's text.
    section_key: str = ""
    text: str | None = None

    @property
    def words(self) -> str:
        """“Answers (No, Partly) to 2 questions: “Did you understand your rights?” and …”."""
        if self.text is not None:
            return self.text
        noun = "Answers" if any(r.startswith("to ") for r in self.rows) else "Counts"
        shown = f" ({', '.join(self.columns)})" if self.columns != ("Number",) else ""
        return f"{noun}{shown} {', '.join(self.rows)}".rstrip()


def _words(table_id: str, key: str, raw: Any) -> str:
    """A row's value in a naming column, in the report's words; a stage and a repeat
    complainant's number of complaints bare, as the sentence names them ("at stages 1 and
    2")."""
    if key in {"stage", "complaints"}:
        return str(raw)
    words = naming_words(table_id, key, raw)
    if words is None:
        return label({}, raw)
    return f"“{words}”" if key == "question" else words


def _rows_in_words(key: str, values: list[str]) -> str:
    """“for 19 services, among them A, B and C”, “to 2 questions: “…” and “…””, “at stage 3”,
    “for those who made 2 and 3 stage 1 complaints”."""
    singular, plural = ROW_NOUNS.get(key, (key.replace("_", " "), key.replace("_", " ") + "s"))
    preposition = {"question": "to", "stage": "at"}.get(key, "for")
    n = len(values)
    if key == "stage":
        return f"{preposition} {singular if n == 1 else plural} {presenters.and_list(values)}"
    if key == "complaints":
        return f"for those who made {presenters.and_list(values)} stage 1 complaints"
    if n == 1:
        return f"{preposition} the {singular} {values[0]}"
    named = NAMED.get(key, NAMED_OTHERWISE)
    if n <= named:
        return f"{preposition} {n} {plural}: {presenters.and_list(values)}"
    return f"{preposition} {n} {plural}, among them {presenters.and_list(values[:NAMED_OTHERWISE])}"


def withheld_tables(ctx: BuildContext) -> list[WithheldTable]:
    """What publication withheld, one entry per table, in the order of the report's sections."""
    v = ctx.view
    cells: dict[str, list[tuple[int, str]]] = {}
    for table_id, row, column_key in sorted(v.figures.suppressed):
        cells.setdefault(table_id, []).append((row, column_key))
    # The report's sections in its order, then any it leaves out (its figures are still in
    # the spreadsheet): titled as the report titles them.
    sections = {**ctx.sections, **{k: s for k, s in SECTION_SPECS.items() if k not in ctx.sections}}
    order = {key: i for i, key in enumerate(sections)}
    out = []
    for table_id, withheld in cells.items():
        rows = v.rows(table_id)
        keys = list(rows[0]) if rows else []
        withheld_columns = {c for _, c in withheld}
        naming = [
            k
            for k in keys
            if k not in withheld_columns
            and k not in {"suppressed", "pct"}
            and (k in ROW_NOUNS or any(isinstance(rows[r][k], str) for r, _ in withheld))
        ]
        values: dict[str, list[str]] = {k: [] for k in naming}
        for r, _ in withheld:
            for k in naming:
                words = _words(table_id, k, rows[r][k])
                if words not in values[k]:
                    values[k].append(words)
        section = TABLE_SECTIONS.get(table_id, "")
        out.append(
            WithheldTable(
                section_key=section,
                table_key=table_id,
                section=ctx.title_of(section, sections[section].title)
                if section in sections
                else "Other tables",
                caption=TABLE_CAPTIONS.get(table_id, table_id),
                cells=len(withheld),
                columns=tuple(column_label(k) for k in keys if k in withheld_columns),
                rows=tuple(_rows_in_words(k, values[k]) for k in naming if values[k]),
            )
        )
    # A report for one locality or service withholds scalars too: a line per section for its
    # text's figures, before its tables.
    scalars: dict[str, list[str]] = {}
    for figure_id in sorted(v.figures.suppressed_figures):
        scalars.setdefault(scalar_section(figure_id), []).append(figure_id)
    for section, ids in scalars.items():
        out.append(
            WithheldTable(
                table_key="",
                section_key=section,
                section=ctx.title_of(section, sections[section].title)
                if section in sections
                else "Other figures",
                caption=FIGURES_IN_THE_TEXT,
                cells=len(ids),
                columns=(),
                rows=(),
                text=_scalars_in_words(ids, ctx),
            )
        )
    # Sections in the report's order, and their tables in the order they show them (the text's
    # figures first).
    tables = list(TABLE_SECTIONS)
    out.sort(
        key=lambda t: (
            order.get(t.section_key, len(order)),
            tables.index(t.table_key) if t.table_key in tables else -1 if t.text else len(tables),
            t.caption,
        )
    )
    return out


def _withheld_table(withheld: list[WithheldTable]) -> TableBlock:
    """One line per table, under the heading of its section."""
    rows: list[tuple[Cell, ...]] = []
    kinds: list[RowKind] = []
    for section, tables in groupby(withheld, key=lambda t: t.section):
        rows.append((text_cell(section), text_cell(""), text_cell("")))
        kinds.append("group")
        for t in tables:
            rows.append(
                (
                    text_cell(t.caption),
                    text_cell(t.words),
                    Cell(text=presenters.count(t.cells), value=t.cells),
                )
            )
            kinds.append("row")
    return TableBlock(
        key="suppressions",
        caption="Figures withheld, by section of the report",
        columns=(
            column("table", "Table"),
            column("withheld", "What was withheld"),
            column("cells", "Figures", "number"),
        ),
        rows=tuple(rows),
        row_kinds=tuple(kinds),
        total=(
            text_cell("All tables" if all(t.text is None for t in withheld) else "All"),
            text_cell(""),
            Cell(text=presenters.count(sum(t.cells for t in withheld))),
        ),
    )


def annex_suppressions(ctx: BuildContext) -> Blocks:
    withheld = withheld_tables(ctx)
    threshold = ctx.settings.suppression_threshold
    blocks: Blocks = [
        para(
            f"In this published report, a count from 1 to {threshold - 1} in a table cut by "
            "service, area or theme is shown as "
            f"“{presenters.fewer_than(threshold)}”: "
            f"{SmallCount.message(threshold).lower().removesuffix('.')}. A percentage that "
            "would reveal such a count is withheld with it. Totals are as counted, from every "
            "record."
        )
    ]
    if ctx.covers and ctx.published:
        # A report for one locality or service is itself a cut by area or service (publish.py).
        blocks.append(
            para(
                f"This report is for {'the ' if ctx.locality else ''}{ctx.covers} alone, "
                "which is itself a cut by "
                f"{'area' if ctx.locality else 'service'}: so every count of complaints, "
                f"children or people from 1 to {threshold - 1} is withheld, in the text as in "
                "the tables, with the percentages, averages and changes worked from it. "
                "Compliments, learning actions, reasons and money identify no one and are "
                "shown as counted."
            )
        )
    if withheld:
        blocks.append(_withheld_table(withheld))
    else:
        blocks.append(para("No figure needed to be withheld."))
    names = {what: n for what, n in ctx.redactions.items() if n}
    if names:
        items = [f"{n} {presenters.plural(n, what)}" for what, n in names.items()]
        listed = presenters.and_list(items)
        blocks.append(
            para(f"Names were removed from {listed}: the people named had not agreed to be named.")
        )
    else:
        blocks.append(para("No names needed to be removed from quotations or examples."))
    return blocks
