"""Appendix E (every figure with its value and definition) and the annex of figures withheld to
protect children."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from redress.core import presenters
from redress.reporting.figures import SCALARS, TABLES
from redress.reporting.publish import SmallCount

from ..context import BuildContext
from ..labels import TABLE_CAPTIONS, column_label
from ..model import Cell, Paragraph, Suppression, TableBlock
from ..values import Kind, column, para, text_cell
from .common import Blocks


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


COMPANIONS = (".previous", ".change_pct")


def appendix_figures(ctx: BuildContext) -> Blocks:
    """One row per figure, its previous value and % change beside it where it has them."""
    v = ctx.view
    figures = v.figures.figures
    body = []
    for figure_id in sorted(
        f for f in figures if not f.endswith(COMPANIONS) or f.rsplit(".", 1)[0] not in figures
    ):
        kind = kind_of(figure_id, figures[figure_id])
        companions = [f"{figure_id}{suffix}" for suffix in COMPANIONS]
        has_companions = all(c in figures for c in companions)
        body.append(
            (
                text_cell(figure_id),
                v.scalar_cell(figure_id, kind),
                v.scalar_cell(companions[0], kind) if has_companions else text_cell(""),
                v.scalar_cell(companions[1], "pct") if has_companions else text_cell(""),
                text_cell(definition(figure_id, ctx.previous_label)),
            )
        )
    tables = [
        (
            text_cell(table_id),
            Cell(text=presenters.count(len(rows)), value=len(rows)),
            text_cell(TABLES[table_id].definition if table_id in TABLES else ""),
        )
        for table_id, rows in sorted(v.figures.tables.items())
    ]
    return [
        para(
            "Every figure in this report has an id and one definition. Where a figure is "
            f"compared with the previous period ({ctx.previous_label}), the previous value and "
            "the % change are the figures with the same id followed by “.previous” and "
            "“.change_pct”. A value of “–” could not be computed (for example a change from "
            "zero)."
        ),
        TableBlock(
            key="figures",
            caption="The figures",
            columns=(
                column("id", "Figure"),
                column("value", ctx.label, "count"),
                column("previous", ctx.previous_label, "count"),
                column("change_pct", "% change", "pct"),
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


def suppressions(ctx: BuildContext) -> list[Suppression]:
    """Every cell publication withheld, in the order of the tables and their rows."""
    v = ctx.view
    out = []
    for table_id, row, column_key in sorted(v.figures.suppressed):
        out.append(
            Suppression(
                table_key=table_id,
                table_caption=TABLE_CAPTIONS.get(table_id, table_id),
                row_label=row_label(v.rows(table_id)[row]),
                column_label=column_label(column_key),
            )
        )
    return out


def row_label(row: dict[str, Any]) -> str:
    """What a row is about: its text columns ("South: 0-10")."""
    words = [str(value) for key, value in row.items() if isinstance(value, str) and key != "pct"]
    return ": ".join(words) or "–"


def annex_suppressions(ctx: BuildContext) -> Blocks:
    withheld = suppressions(ctx)
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
    if withheld:
        blocks.append(
            TableBlock(
                key="suppressions",
                caption="Figures withheld",
                columns=(
                    column("table", "Table"),
                    column("row", "Row"),
                    column("column", "Column"),
                ),
                rows=tuple(
                    (text_cell(s.table_caption), text_cell(s.row_label), text_cell(s.column_label))
                    for s in withheld
                ),
            )
        )
    else:
        blocks.append(para("No figure needed to be withheld."))
    names = {what: n for what, n in ctx.redactions.items() if n}
    if names:
        items = [f"{n} {presenters.plural(n, what)}" for what, n in names.items()]
        listed = " and ".join([", ".join(items[:-1]), items[-1]] if len(items) > 1 else items)
        blocks.append(
            para(f"Names were removed from {listed}: the people named had not agreed to be named.")
        )
    else:
        blocks.append(para("No names needed to be removed from quotations or examples."))
    return blocks
