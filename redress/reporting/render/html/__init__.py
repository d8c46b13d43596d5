"""The report as HTML: a standalone page (one file, its styles inline, no scripts, no requests:
it works offline and can be published as it is) and the report body for a staff page, where
every figure links to the records behind it and the charts become interactive.

Both come from the same templates (`reporting/document/`); the PDF renderer prints the
standalone page with a print stylesheet.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.templatetags.static import static
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from redress.core import presenters
from redress.reporting.document.model import (
    BulletList,
    Cell,
    ChartBlock,
    Markdown,
    Paragraph,
    ReportDocument,
    TableBlock,
    Value,
    shown_in,
)
from redress.reporting.figures import FigureSet
from redress.reporting.render.narrative import to_html
from redress.reporting.render.widths import TWIPS_PER_POINT, column_texts, column_widths

from .svg import inline_svg, svg_image

DrillUrl = Callable[[str, int | None], str | None]

STATIC = Path(__file__).resolve().parents[2] / "static" / "reporting"
# The scripts that make the charts interactive, in the order they load; then the module that
# starts them, and the modules it imports by name (the page's import map).
CHART_SCRIPTS = ("vega/vega.min.js", "vega-lite/vega-lite.min.js", "vega-embed/vega-embed.min.js")
CHART_MODULE = "reporting/report-charts.js"
CHART_IMPORTS = {
    "vega-interpreter": "vega-interpreter/vega-interpreter.js",
    "vega-util": "vega-util/index.js",
}

# The printed page's text width (A4 less report-print.css's 18 mm margins), and a table's text
# size and cell padding there (`.rd-table`, `.rd-table__cell`).
PRINTED_WIDTH = round((210 - 2 * 18) / 25.4 * 1440)  # twips
PRINTED_TABLE_SIZE = 9  # points
PRINTED_CELL_PADDING = 8 * TWIPS_PER_POINT
# The tables the print stylesheet sizes itself, each with its own text size.
SIZED_BY_CSS = frozenset({"figures", "tables", "suppressions"})


def printed_widths(block: TableBlock, threshold: int) -> list[str] | None:
    """A printed table's column widths, as percentages of its width, sized to what each column
    holds (`render/widths.py`, as in Word); None for a table the stylesheet sizes."""
    if block.key in SIZED_BY_CSS or not block.columns:
        return None
    widths = column_widths(
        column_texts(block, threshold),
        available=PRINTED_WIDTH,
        padding=PRINTED_CELL_PADDING,
        size=PRINTED_TABLE_SIZE,
    )
    total = sum(widths) or 1
    return [f"{100 * w / total:.2f}%" for w in widths]


@dataclass
class PrintedColumns:
    """The printed page's column widths: a class for each table (tables sized alike share one)
    and the stylesheet that sizes them. Classes, not style attributes: no template has those
    (the pages' Content-Security-Policy refuses them)."""

    css: str
    classes: dict[int, str]  # by id() of the table block, for the page being rendered

    def __call__(self, block: TableBlock) -> str | None:
        return self.classes.get(id(block))


def printed_columns(document: ReportDocument) -> PrintedColumns:
    """The column widths of every table the printed page may show, as classes and their CSS."""
    rules: dict[tuple[str, ...], str] = {}
    classes: dict[int, str] = {}
    for block in _tables(document):
        widths = printed_widths(block, document.suppression_threshold)
        if widths is not None:
            name = rules.setdefault(tuple(widths), f"rd-cols-{len(rules) + 1}")
            classes[id(block)] = name
    css = "".join(
        f".{name} > colgroup > col:nth-child({n}) {{ width: {width}; }}\n"
        for widths, name in rules.items()
        for n, width in enumerate(widths, start=1)
    )
    return PrintedColumns(css, classes)


def _tables(document: ReportDocument) -> list[TableBlock]:
    """Every table of the document: its own, and each chart's table of numbers."""
    tables = []
    for section in document.sections:
        for block in section.blocks:
            if isinstance(block, TableBlock):
                tables.append(block)
            elif isinstance(block, ChartBlock) and block.table is not None:
                tables.append(block.table)
    return tables


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("redress.reporting", "jinja2"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(presenters.FILTERS)
    return env


@cache
def stylesheet(name: str) -> str:
    return (STATIC / name).read_text()


def slug(key: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")


@dataclass
class _Links:
    """Which numbers link to their records: those with records behind them in the figure set
    (counts, not percentages or money), when the page has somewhere to link to."""

    figures: FigureSet
    drill_url: DrillUrl | None

    def __call__(self, item: Value | Cell) -> str | None:
        if self.drill_url is None or item.suppressed:
            return None
        if item.drill is not None:
            rows = self.figures.table_evidence.get(item.drill.table_id, {})
            if item.drill.row in rows:
                return self.drill_url(item.drill.table_id, item.drill.row)
            return None
        if item.figure_id is not None and item.figure_id in self.figures.evidence:
            return self.drill_url(item.figure_id, None)
        return None


def kind(block: Any) -> str:
    """The template macro for a block."""
    for cls, name in (
        (Paragraph, "paragraph"),
        (BulletList, "bullets"),
        (Markdown, "markdown"),
        (TableBlock, "table"),
        (ChartBlock, "chart"),
    ):
        if isinstance(block, cls):
            return name
    raise TypeError(f"The HTML report cannot show a {type(block).__name__}.")


def _context(
    document: ReportDocument,
    figures: FigureSet,
    *,
    top: int,
    drill_url: DrillUrl | None,
    interactive: bool,
    printed: bool = False,
    columns: PrintedColumns | None = None,
) -> dict[str, Any]:
    def chart_svg(chart: ChartBlock) -> Markup:
        if printed:
            return svg_image(chart)
        prefix = f"rd-chart-{slug(chart.key)}"
        return inline_svg(
            chart, prefix=prefix, labelled_by=f"{prefix}-title", described_by=f"{prefix}-desc"
        )

    return {
        "doc": document,
        "top": top,
        "link": _Links(figures, drill_url),
        "kind": kind,
        "slug": slug,
        "chart_svg": chart_svg,
        "shown": lambda block: shown_in(block, printed=printed),
        "narrative": lambda text, level: to_html(text, top_heading=level),
        "interactive": interactive,
        "fewer_than": presenters.fewer_than(document.suppression_threshold),
        "printed_columns": columns or (lambda block: None),
    }


def render_fragment(
    document: ReportDocument,
    figures: FigureSet,
    *,
    drill_url: DrillUrl | None,
    nonce: str | None = None,
) -> str:
    """The report body for a staff page (whose own heading is the page's h1, so the report's
    title is an h2): its stylesheet, the report, and the scripts that make the charts
    interactive. `drill_url(figure_or_table_id, row_or_None)` gives the link for a figure (row
    None) or a table row, or None for no link. `nonce` is the response's Content-Security-Policy
    nonce, which the one inline script (the import map) carries."""
    template = _environment().get_template("reporting/document/fragment.html")
    return template.render(
        _context(document, figures, top=2, drill_url=drill_url, interactive=True),
        stylesheets=[
            (static("reporting/report.css"), "all"),
            (static("reporting/report-screen.css"), "screen"),
            (static("reporting/report-charts.css"), "screen"),
        ],
        script_urls=[static(s) for s in CHART_SCRIPTS],
        module_url=static(CHART_MODULE),
        import_map={"imports": {name: static(path) for name, path in CHART_IMPORTS.items()}},
        nonce=nonce,
    )


def render_page(
    document: ReportDocument, figures: FigureSet, *, print_css: str | None = None
) -> str:
    """The standalone page; the PDF renderer gives its print stylesheet, which replaces the
    screen one."""
    template = _environment().get_template("reporting/document/page.html")
    columns = printed_columns(document) if print_css is not None else None
    # Our own files and widths we worked out, so safe as they are.
    return template.render(
        _context(
            document,
            figures,
            top=1,
            drill_url=None,
            interactive=False,
            printed=print_css is not None,
            columns=columns,
        ),
        css=Markup(  # noqa: S704
            stylesheet("report.css") + (print_css or "") + (columns.css if columns else "")
        ),
        screen_css=Markup(stylesheet("report-screen.css")) if print_css is None else "",  # noqa: S704
    )


def render(document: ReportDocument, figures: FigureSet) -> bytes:
    return render_page(document, figures).encode()
