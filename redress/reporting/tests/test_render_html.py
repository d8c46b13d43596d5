"""The HTML report: a standalone page that works offline, and the body for a staff page with
every counted figure linked to its records. Checked for structure: headings in order, real
tables with captions and scoped headers, unique ids, charts as named images."""

import dataclasses
import itertools
import json
import re
from html.parser import HTMLParser

import pytest

from redress.reporting.document.build import build_document
from redress.reporting.document.model import Cell, Column, TableBlock
from redress.reporting.publish import publish_figures
from redress.reporting.render import html, renderer

from .document_fixtures import SETTINGS, make_small_year

NARRATIVE = """# Our plans

We will *listen* more. <script>alert("x")</script>

- [Read the policy](https://example.org/policy)
- [Do not run](javascript:alert(1))

![a picture](https://example.org/tracker.png)
"""


class Page(HTMLParser):
    """The parts of a page the checks need."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.headings: list[tuple[int, str]] = []
        self.ids: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.tables = 0
        self.captions = 0
        self._heading: int | None = None
        self._text = ""
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if attributes.get("id"):
            self.ids.append(attributes["id"])
        if re.fullmatch(r"h[1-6]", tag):
            self._heading, self._text = int(tag[1]), ""
        self.tables += tag == "table"
        self.captions += tag == "caption"

    def handle_endtag(self, tag):
        if self._heading and tag == f"h{self._heading}":
            self.headings.append((self._heading, self._text.strip()))
            self._heading = None

    def handle_data(self, data):
        if self._heading:
            self._text += data

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag]


@pytest.fixture
def year(db):
    return make_small_year()


def document(year, *, published=False, narratives=None):
    figures = publish_figures(year.figures, threshold=5) if published else year.figures
    built = build_document(
        figures=figures,
        authority="Testshire Council",
        service=None,
        narratives=narratives or {},
        settings=SETTINGS,
        facts=year.facts,
    )
    return built, figures


def drill_url(figure_or_table: str, row: int | None) -> str:
    return f"/drill/{figure_or_table}/" if row is None else f"/drill/{figure_or_table}/{row}/"


def assert_well_formed(page: Page, top: int) -> None:
    levels = [level for level, _ in page.headings]
    assert levels[0] == top
    assert levels.count(top) == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, f"heading skips from h{before} to h{after}"
    assert len(page.ids) == len(set(page.ids)), "ids must be unique"
    assert page.tables == page.captions > 10
    for th in page.all("th"):
        # "rowgroup": the heading of a group of rows in its own tbody (Appendix B, the annex).
        assert th.get("scope") in {"col", "row", "rowgroup"}
    for svg in page.all("svg"):
        assert svg["role"] == "img"
        assert svg["aria-labelledby"] in page.ids
        assert svg["aria-describedby"] in page.ids


def test_the_standalone_page_is_a_complete_accessible_document(year):
    built, figures = document(year)
    text = renderer("html")(built, figures).decode()
    page = Page(text)
    assert text.startswith("<!DOCTYPE html>")
    assert page.all("html")[0]["lang"] == "en-GB"
    assert_well_formed(page, top=1)
    assert page.headings[0] == (1, "Complaints and compliments annual report 2021-22")
    assert [h for level, h in page.headings if level == 2][:4] == [
        "Contents",
        "Executive summary",
        "The complaints procedure",
        "Volumes and trends",
    ]
    assert "Internal: not for publication" in text
    assert 'Stage 1 complaints rose by <span class="rd-value">100.0%</span> to' in text


def test_the_standalone_page_needs_nothing_from_outside(year):
    built, figures = document(year)
    text = html.render(built, figures).decode()
    page = Page(text)
    assert page.all("script") == []
    assert page.all("link") == []
    assert page.all("img") == []
    # Links only within the page (the contents), nothing to fetch.
    assert {a["href"][0] for a in page.all("a")} == {"#"}
    assert len(page.all("svg")) >= 6
    assert "<style>" in text


def test_the_staff_page_body_links_every_counted_figure(year):
    built, figures = document(year)
    fragment = html.render_fragment(built, figures, drill_url=drill_url)
    page = Page(fragment)
    assert_well_formed(page, top=2)
    links = {a["href"] for a in page.all("a") if "rd-drill" in (a.get("class") or "")}
    assert "/drill/received.stage1/" in links
    assert "/drill/received.by_service/1/" in links  # Adoption's row
    assert "/drill/outcomes/0/" in links
    # Percentages and money have no records behind them of their own: no link.
    assert "/drill/received.stage1.change_pct/" not in links
    assert not any("compensation" in link for link in links)
    # Every linked figure or row has its records in the figure set.
    for link in links:
        parts = link.strip("/").split("/")[1:]
        if len(parts) == 1:
            assert parts[0] in figures.evidence
        else:
            assert int(parts[1]) in figures.table_evidence[parts[0]]


def test_the_staff_page_body_without_links(year):
    built, figures = document(year)
    fragment = html.render_fragment(built, figures, drill_url=None)
    assert "rd-drill" not in fragment
    fragment = html.render_fragment(built, figures, drill_url=lambda figure, row: None)
    assert "rd-drill" not in fragment


def test_the_staff_page_body_makes_charts_interactive(year):
    built, figures = document(year)
    page = Page(html.render_fragment(built, figures, drill_url=None))
    scripts = [(s["src"], s.get("type")) for s in page.all("script") if s.get("src")]
    assert scripts == [
        ("/assets/vega/vega.min.js", None),
        ("/assets/vega-lite/vega-lite.min.js", None),
        ("/assets/vega-embed/vega-embed.min.js", None),
        ("/assets/reporting/report-charts.js", "module"),
    ]
    assert [s["href"] for s in page.all("link")] == [
        "/assets/reporting/report.css",
        "/assets/reporting/report-screen.css",
        "/assets/reporting/report-charts.css",
    ]
    fragment = html.render_fragment(built, figures, drill_url=None, nonce="n0nce")
    # The modules the chart script imports by name, in the one inline script: it carries the
    # response's nonce (the Content-Security-Policy).
    [import_map] = re.findall(r'<script type="importmap" nonce="n0nce">(.*?)</script>', fragment)
    assert json.loads(import_map) == {
        "imports": {
            "vega-interpreter": "/assets/vega-interpreter/vega-interpreter.js",
            "vega-util": "/assets/vega-util/index.js",
        }
    }
    specs = re.findall(r'<script type="application/json" id="([^"]+)">(.*?)</script>', fragment)
    assert len(specs) == len(page.all("svg"))
    for spec_id, spec in specs:
        assert json.loads(spec)["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
        assert any(div.get("data-rd-spec") == spec_id for div in page.all("div"))


def test_withheld_figures_are_not_links(year):
    built, figures = document(year, published=True)
    fragment = html.render_fragment(built, figures, drill_url=drill_url)
    assert '<span class="rd-cell rd-suppressed">fewer than 5</span>' in fragment
    assert "/drill/received.by_service/" not in fragment
    assert "Published: small numbers withheld, names removed" in fragment


def test_narratives_are_safe_markdown_under_the_section_heading(year):
    built, figures = document(year, narratives={"next_steps": NARRATIVE})
    text = html.render(built, figures).decode()
    section = text[text.index('id="rd-next-steps"') : text.index('id="rd-appendix-responsiveness"')]
    assert "<h3>Our plans</h3>" in section
    assert "<em>listen</em>" in section
    assert "<script>" not in section
    assert "&lt;script&gt;" in section or "&lt;script>" in section
    assert '<a href="https://example.org/policy">Read the policy</a>' in section
    assert "<a>Do not run</a>" in section
    assert "<img" not in section
    assert "a picture" in section


# -- printed tables' column widths (render/widths.py) -------------------------------------------


def _you_said_we_did() -> TableBlock:
    said = "You were not told the outcome of the referral you made."
    did = "Referral officers now contact the person who referred to share the outcome."
    return TableBlock(
        key="you_said_we_did",
        caption="You said, we did",
        columns=(
            Column("complaint", "Complaint"),
            Column("said", "You said"),
            Column("did", "We did"),
            Column("count", "Complaints", "count"),
        ),
        rows=tuple(
            (Cell(f"KCT-2021-00{n:04}"), Cell(said), Cell(did), Cell(str(n), n))
            for n in range(1, 30)
        ),
    )


def test_a_printed_table_sizes_its_columns_to_what_they_hold():
    widths = [float(w.removesuffix("%")) for w in html.printed_widths(_you_said_we_did(), 5)]
    complaint, said, did, count = widths
    assert sum(widths) == pytest.approx(100, abs=0.05)
    # The sentences share the room; the reference and the numbers get what they need, not a
    # third of the page each.
    assert did > said > complaint > count
    assert complaint < 25
    assert count < 15


def test_tables_the_stylesheet_sizes_have_no_measured_widths():
    block = dataclasses.replace(_you_said_we_did(), key="suppressions")
    assert html.printed_widths(block, 5) is None


def test_only_the_printed_page_carries_column_widths(year):
    built, figures = document(year)
    text = html.render_page(built, figures, print_css="/* print */")
    printed = Page(text)
    screen = Page(html.render_page(built, figures))
    measured = [t for t in printed.all("table") if t["data-table"] not in html.SIZED_BY_CSS]
    assert len(printed.all("colgroup")) == len(measured) > 10
    # Each measured table has a class the page's own stylesheet sizes (no style attributes).
    classes = {re.search(r"rd-cols-\d+", t["class"])[0] for t in measured}
    for name in classes:
        assert re.search(rf"\.{name} > colgroup > col:nth-child\(1\) {{ width: [\d.]+%; }}", text)
    assert len(classes) < len(measured)  # tables sized alike share a class
    assert not any("style" in attributes for _, attributes in printed.tags)
    assert not screen.all("colgroup")
    assert "rd-cols-" not in html.render_page(built, figures)
