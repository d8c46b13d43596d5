"""The printed report looks designed: the demo year's PDF, published and internal, read from
WeasyPrint's laid-out pages (`pdf.paginate`, the layout `render` writes).

- No page is more than 40% empty, except the cover and the last page of a section (a page whose
  next page begins a new section, or the last page of all).
- A table that runs over a page keeps at least two of its rows on each page, and repeats its
  header row on the next.
- No heading, caption or table header is left alone at the foot of a page.

The checks are tried on a deliberately bad layout too, so they are known to catch one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
import weasyprint
from weasyprint.formatting_structure import boxes

from redress.reporting.render.html import stylesheet
from redress.reporting.render.pdf import paginate

from .document_fixtures import demo_year_document

MOST_EMPTY = 0.40
FEWEST_ROWS = 2
# What must not end a page: a section's or a narrative's heading, a table's caption or its
# header row (the chart's own caption is drawn in its picture).
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6", "caption", "thead"}


@dataclass
class PageLayout:
    number: int  # as printed: the cover is page 1
    empty: float  # the share of the page's text area below its lowest content
    begins_section: bool  # its first content is a section's title
    first: str  # what its first content is in (for messages)
    last: str  # what its lowest content is in
    stranded: str | None = None  # a heading (or caption, table header) that ends the page


@dataclass
class TablePart:
    """One page's part of a table: its body rows there, and whether its header is repeated."""

    page: int
    rows: int
    header: bool


@dataclass
class Layout:
    pages: list[PageLayout]
    tables: dict[str, list[TablePart]] = field(default_factory=dict)

    def too_empty(self) -> list[str]:
        """The pages more than 40% empty that are neither the cover nor a section's last."""
        failures = []
        for index, page in enumerate(self.pages):
            if index == 0 or index == len(self.pages) - 1:
                continue
            if self.pages[index + 1].begins_section:
                continue
            if page.empty > MOST_EMPTY:
                failures.append(
                    f"page {page.number} is {page.empty:.0%} empty: it ends in {page.last}, "
                    f"and page {page.number + 1} begins in {self.pages[index + 1].first}"
                )
        return failures

    def single_rows(self) -> list[str]:
        """Tables split so that a page holds only one of their rows."""
        return [
            f"table {key!r} has {part.rows} row on page {part.page}"
            for key, parts in self.tables.items()
            if len(parts) > 1
            for part in parts
            if part.rows < FEWEST_ROWS
        ]

    def headerless(self) -> list[str]:
        return [
            f"table {key!r} continues on page {part.page} without its header row"
            for key, parts in self.tables.items()
            for part in parts[1:]
            if not part.header
        ]

    def stranded(self) -> list[str]:
        return [
            f"page {page.number} ends with {page.stranded}" for page in self.pages if page.stranded
        ]


def _classes(box: boxes.Box) -> set[str]:
    element = box.element
    if element is None or not isinstance(element.tag, str):
        return set()
    return set((element.get("class") or "").split())


def _describe(box: boxes.Box) -> str:
    """“h3 ‘Outcomes’” or “table ‘outcomes.stage1’”, for messages."""
    element = box.element
    if element is None:
        return "?"
    words = " ".join("".join(element.itertext()).split())
    name = element.get("data-table") or (words[:60] + ("…" if len(words) > 60 else ""))
    return f"{box.element_tag} ‘{name}’"


def _leaves(box: boxes.Box, path: tuple[boxes.Box, ...] = ()) -> Iterator[tuple[boxes.Box, tuple]]:
    """The boxes that put ink on the page (text and pictures), each with the boxes it is in."""
    if isinstance(box, boxes.MarginBox):  # the running footer
        return
    if isinstance(box, boxes.TextBox):
        if box.text.strip():
            yield box, path
        return
    if isinstance(box, boxes.ReplacedBox):
        yield box, path
        return
    for child in getattr(box, "children", ()):
        yield from _leaves(child, (*path, box))


def _block_of(leaf: boxes.Box, path: tuple[boxes.Box, ...]) -> boxes.Box:
    """The nearest block (paragraph, cell, heading) a piece of text or a picture is in."""
    return next((b for b in reversed(path) if isinstance(b, boxes.BlockContainerBox)), leaf)


def _bottom(box: boxes.Box) -> float:
    return box.border_box_y() + box.border_height()


def _heading_in(path: tuple[boxes.Box, ...]) -> boxes.Box | None:
    for box in reversed(path):
        if box.element_tag in HEADINGS and not isinstance(box, boxes.TextBox):
            return box
        if isinstance(box, boxes.TableRowGroupBox) and box.is_header:
            return box
    return None


def measure(document: weasyprint.Document) -> Layout:
    """How full each page is, where sections begin, and how each table is split over pages."""
    layout = Layout(pages=[])
    for index, page in enumerate(document.pages):
        page_box = page._page_box
        top = page_box.content_box_y()
        height = page_box.height
        leaves = list(_leaves(page_box))
        if not leaves:
            layout.pages.append(PageLayout(index + 1, 1.0, False, "nothing", "nothing"))
            continue
        first_box, first_path = min(leaves, key=lambda leaf: leaf[0].border_box_y())
        last_box, last_path = max(leaves, key=lambda leaf: _bottom(leaf[0]))
        heading = _heading_in(last_path)
        layout.pages.append(
            PageLayout(
                number=index + 1,
                empty=max(0.0, (top + height - _bottom(last_box)) / height),
                begins_section=any("rd-section__title" in _classes(b) for b in first_path),
                first=_describe(_block_of(first_box, first_path)),
                last=_describe(_block_of(last_box, last_path)),
                stranded=_describe(heading) if heading is not None else None,
            )
        )
        for table in _tables(page_box):
            groups = [g for g in table.children if isinstance(g, boxes.TableRowGroupBox)]
            rows = sum(
                1
                for g in groups
                if not g.is_header and not g.is_footer
                for row in g.children
                if "rd-table__group" not in _classes(row)
            )
            key = f"{table.element.get('data-table')} #{id(table.element)}"
            layout.tables.setdefault(key, []).append(
                TablePart(index + 1, rows, any(g.is_header for g in groups))
            )
    # Tables are named by their figure table id, and numbered where one id is shown twice.
    names: dict[str, list[TablePart]] = {}
    for key, parts in layout.tables.items():
        name = key.split(" #")[0]
        while name in names:
            name += "'"
        names[name] = parts
    layout.tables = names
    return layout


def _tables(box: boxes.Box) -> Iterator[boxes.TableBox]:
    if isinstance(box, boxes.TableBox):
        yield box
        return
    for child in getattr(box, "children", ()):
        yield from _tables(child)


def _report(failures: list[str]) -> str:
    return "\n".join(failures)


# -- the demo year's reports -------------------------------------------------------------------


@pytest.fixture(scope="module")
def layouts(django_db_setup, django_db_blocker) -> dict[str, Layout]:
    """The demo year's published and internal reports, laid out once (a few seconds each)."""
    out = {}
    with django_db_blocker.unblock():
        for name, published in (("published", True), ("internal", False)):
            document, figures = demo_year_document(
                published=published,
                narratives={"summary": "We **listened** to children this year."},
            )
            out[name] = measure(paginate(document, figures))
    return out


pytestmark = pytest.mark.django_db
REPORTS = ["published", "internal"]


@pytest.mark.parametrize("report", REPORTS)
def test_no_page_is_left_more_than_40_percent_empty(layouts, report):
    layout = layouts[report]
    assert len(layout.pages) > 15
    failures = layout.too_empty()
    assert not failures, _report(failures)


@pytest.mark.parametrize("report", REPORTS)
def test_no_table_is_split_leaving_a_single_row(layouts, report):
    layout = layouts[report]
    # Some of the demo's tables do run over a page; each keeps two rows or more on each side.
    assert any(len(parts) > 1 for parts in layout.tables.values())
    failures = layout.single_rows() + layout.headerless()
    assert not failures, _report(failures)


@pytest.mark.parametrize("report", REPORTS)
def test_no_heading_or_caption_is_left_at_the_foot_of_a_page(layouts, report):
    failures = layouts[report].stranded()
    assert not failures, _report(failures)


# -- the checks catch a bad layout -------------------------------------------------------------


def _laid_out(body: str, extra_css: str = "") -> Layout:
    css = stylesheet("report.css") + stylesheet("report-print.css") + extra_css
    page = f"<html><head><style>{css}</style></head><body class='rd-page'>{body}</body></html>"
    return measure(weasyprint.HTML(string=page).render())


def _section(title: str, inner: str) -> str:
    return (
        f"<section class='rd-section'><h2 class='rd-section__title'>{title}</h2>{inner}</section>"
    )


def _table(rows: int) -> str:
    body = "".join(f"<tr><th>Row {i}</th><td>{i}</td></tr>" for i in range(rows))
    return (
        "<table class='rd-table' data-table='t'><caption class='rd-table__caption'>Rows</caption>"
        f"<thead><tr><th>Name</th><th>Count</th></tr></thead><tbody>{body}</tbody></table>"
    )


def test_a_page_broken_early_is_found_with_how_empty_it_is():
    text = "<p class='rd-body'>Words.</p>"
    broken = "<p class='rd-body' style='break-before: page'>More.</p>"
    layout = _laid_out(
        "<div class='rd-cover'>Cover</div>"
        + _section("One", text + broken + text)
        + "<section class='rd-section' style='break-before: page'>"
        "<h2 class='rd-section__title'>Two</h2>" + text + "</section>" + _section("Three", text)
    )
    # Page 2 holds a heading and a line, broken early: it fails, saying how empty it is. Page 3
    # (section One's last, Two begins on page 4) and page 4 (the last) are allowed.
    assert [p.begins_section for p in layout.pages] == [False, True, False, True]
    failures = layout.too_empty()
    assert len(failures) == 1, failures
    assert failures[0].startswith("page 2 is 8") or failures[0].startswith("page 2 is 9")
    assert "empty: it ends in p ‘Words.’, and page 3 begins in p ‘More.’" in failures[0]


# Rows allowed to break anywhere, as before the print stylesheet kept two together.
ANY_ROW_BREAKS = ".rd-table tr { break-before: auto !important; break-after: auto !important; }"
FILLER = "<p class='rd-body' style='height: 200mm; margin: 0'>Filler</p>"


def _splits(rows: int, extra_css: str = "") -> list[TablePart]:
    return _laid_out(_section("One", FILLER + _table(rows)), extra_css).tables["t"]


def test_a_table_split_leaving_one_row_is_found():
    # A table after a filler, one row longer each time, until one of its rows runs over.
    for rows in range(2, 40):
        parts = _splits(rows, ANY_ROW_BREAKS)
        if len(parts) == 2 and parts[-1].rows == 1:
            break
    else:
        pytest.fail("No table of 2 to 39 rows left one row over")
    layout = _laid_out(_section("One", FILLER + _table(rows)), ANY_ROW_BREAKS)
    assert layout.single_rows() == ["table 't' has 1 row on page 2"]
    # The report's stylesheet carries two rows over instead, or keeps them all.
    parts = _splits(rows)
    assert parts[-1].rows >= FEWEST_ROWS
    assert sum(p.rows for p in parts) == rows
    # and with one row fewer, leaves two behind rather than one.
    assert all(p.rows >= FEWEST_ROWS for p in _splits(rows + 1))


def test_a_heading_alone_at_the_foot_of_a_page_is_found():
    filler = "<p class='rd-body' style='height: 200mm; margin: 0'>Filler</p>"
    forced = "<h3 style='break-after: page'>Alone</h3><p class='rd-body'>After.</p>"
    layout = _laid_out(_section("One", filler + forced))
    assert layout.stranded() == ["page 1 ends with h3 ‘Alone’"]
