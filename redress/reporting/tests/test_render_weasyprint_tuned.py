"""WeasyPrint as the report uses it (`render/weasyprint_tuned.py`): each change makes the same
PDF with less work (ADRs 0029, 0034, 0037)."""

import base64
import re
import zlib
from contextlib import contextmanager
from pathlib import Path

import pydyf
import pytest
import weasyprint
from weasyprint import svg
from weasyprint.draw import text as draw_text
from weasyprint.html import UA

from redress.reporting.render import pdf
from redress.reporting.render import weasyprint_tuned as tuned

from .document_fixtures import make_small_year, small_year_document

STATIC = Path(pdf.__file__).resolve().parents[1] / "static" / "reporting"


def test_page_references_are_made_once_per_page_added():
    document = pydyf.PDF()
    references = []
    for _ in range(3):
        document.add_page(pydyf.Dictionary({"Type": "/Page"}))
        references.append(document.page_references)
    assert references[-1] == tuple(f"{n} 0 R".encode() for n in document.pages["Kids"][::3])
    assert [len(r) for r in references] == [1, 2, 3]
    assert document.page_references is references[-1]


def test_streams_are_compressed_at_zlibs_default_level_not_nine():
    """ADR 0034: level 9 cost four times level 6's time for 4% fewer bytes."""
    content = b"\n".join(
        b"BT /F1 10 Tf 72 %d Td (Row %d of the table) Tj ET" % (n, n) for n in range(500)
    )
    stream = pydyf.Stream([content], compress=True)
    data = stream.data
    compressed = data[data.index(b"stream\n") + 7 : data.rindex(b"\nendstream")]
    assert zlib.decompress(compressed) == content
    assert compressed == zlib.compress(content, tuned.COMPRESSION_LEVEL)
    assert tuned.COMPRESSION_LEVEL == 6


# Labels as Vega draws them (placed by `transform`, anchored at their start, end or middle,
# some turned), and one that places its letters, which must still be drawn letter by letter.
LABELS = """
<svg xmlns="http://www.w3.org/2000/svg" width="300" height="160" viewBox="0 0 300 160">
  <g transform="translate(50,20)" font-family="Arial, sans-serif" font-size="12px">
    <text text-anchor="end" transform="translate(18.5,7) rotate(315) translate(0,9)">Apr 2019</text>
    <text text-anchor="middle" transform="translate(120,40)">Month received</text>
    <text text-anchor="start" transform="translate(0,70)"
          font-weight="bold">Stage 1 complaints</text>
    <text text-anchor="end" transform="translate(200,100)">Wavy AV</text>
    <text x="10" y="130" dx="0 2 2 2">Spaced</text>
  </g>
</svg>
"""


@contextmanager
def letter_by_letter():
    """WeasyPrint's own SVG text drawing, for comparison."""
    whole = svg.text
    upstream = whole.__wrapped__
    tags = {tag: draw for tag, draw in svg.TAGS.items() if draw is whole}
    svg.TAGS.update(dict.fromkeys(tags, upstream))
    svg.text = upstream
    try:
        yield
    finally:
        svg.TAGS.update(tags)
        svg.text = whole


def drawn(monkeypatch) -> tuple[dict[str, tuple[float, ...]], list[str], bytes]:
    """Each label's bounding box as WeasyPrint computes it (it anchors the label by it), the
    runs of text drawn, and the PDF."""
    boxes: dict[str, tuple[float, ...]] = {}
    runs: list[str] = []
    first_line = draw_text.draw_first_line

    def record_run(stream, textbox, *args, **kwargs):
        if textbox.text.strip():
            runs.append(textbox.text)
        return first_line(stream, textbox, *args, **kwargs)

    monkeypatch.setattr(draw_text, "draw_first_line", record_run)
    current = svg.TAGS["text"]

    def record_box(drawing, node, font_size):
        result = current(drawing, node, font_size)
        boxes[node.text] = tuple(node.text_bounding_box)
        return result

    tags = {tag: draw for tag, draw in svg.TAGS.items() if draw is current}
    monkeypatch.setattr(svg, "text", record_box)
    for tag in tags:
        monkeypatch.setitem(svg.TAGS, tag, record_box)
    data = base64.b64encode(LABELS.encode()).decode()
    page = f'<img alt="" src="data:image/svg+xml;base64,{data}">'
    content = weasyprint.HTML(string=page).write_pdf()
    monkeypatch.undo()
    return boxes, runs, content


def test_chart_labels_are_drawn_whole_where_they_stood_letter_by_letter(monkeypatch):
    """ADR 0037: a label is one run of text, not a run for each letter, and it stands where
    WeasyPrint put it letter by letter (the same start and height; the width differs only by
    the font's kerning), so it is anchored as before."""
    boxes, runs, _ = drawn(monkeypatch)
    with letter_by_letter():
        before, letters, _ = drawn(monkeypatch)
    assert runs == ["Apr 2019", "Month received", "Stage 1 complaints", "Wavy AV", *"Spaced"]
    assert letters == [*"Apr2019", *"Monthreceived", *"Stage1complaints", *"WavyAV", *"Spaced"]
    assert (
        boxes.keys()
        == before.keys()
        == {
            "Apr 2019",
            "Month received",
            "Stage 1 complaints",
            "Wavy AV",
            "Spaced",
        }
    )
    for label, (x, y, width, height) in boxes.items():
        was_x, was_y, was_width, was_height = before[label]
        assert (x, y, height) == pytest.approx((was_x, was_y, was_height), abs=1e-6), label
        assert width == pytest.approx(was_width, abs=2), label
    assert boxes["Spaced"] == before["Spaced"]


def test_labels_with_letters_placed_one_by_one_are_drawn_as_before():
    for name in tuned.PER_LETTER:
        assert not tuned._laid_out_whole(_Node({name: "1"}))
    assert not tuned._laid_out_whole(_Node({"x": "1 2 3"}))
    assert not tuned._laid_out_whole(_Node({"dx": "0 2", "x": "1", "y": "2"}))
    assert tuned._laid_out_whole(_Node({"x": "1", "y": "2", "transform": "rotate(3)"}))


class _Node:
    def __init__(self, attrib):
        self.attrib = attrib

    def get(self, name, default=None):
        return self.attrib.get(name, default)


def test_the_user_agent_stylesheet_loses_only_pseudo_elements_of_every_element():
    slim = tuned.report_user_agent_stylesheet(UA)
    assert slim is not None
    removed = [line for line in UA.splitlines() if line not in slim.splitlines()]
    added = [line for line in slim.splitlines() if line not in UA.splitlines()]
    assert [line.split(" {")[0] for line in removed] == [
        "::marker",
        "::footnote-call",
        "::footnote-marker",
        "::note-call",
        "::note-marker",
        "::note-callback",
    ]
    assert [line.split(" {")[0] for line in added] == ["li::marker"]
    # WeasyPrint's own is used if its stylesheet changes.
    assert tuned.report_user_agent_stylesheet("p { margin: 1em }") is None


def test_the_report_has_no_footnotes_or_notes_and_markers_only_on_list_items():
    """What the slimmer stylesheet leaves out is only ever used by these."""
    for name in ("report.css", "report-print.css", "report-screen.css"):
        css = (STATIC / name).read_text()
        assert not re.search(r"float\s*:\s*(footnote|note)|::(footnote|note)-|footnote-", css)
        assert not re.search(r"display\s*:\s*list-item", css)


def test_a_report_prints_the_same_bytes_over_either_stylesheet(db):
    year = make_small_year()
    narratives = {"next_steps": "## Plans\n\n- Listen more\n- Answer in time\n\n1. First"}
    page = pdf.printed_page(small_year_document(year, narratives), year.figures)
    slim = tuned.ReportHTML(string=page).write_pdf(**pdf.OPTIONS)
    upstream = weasyprint.HTML(string=page).write_pdf(**pdf.OPTIONS)
    assert slim == upstream


def test_a_report_pages_stylesheet_is_parsed_once_and_prints_the_same(db):
    """ADR 0038: the page's one stylesheet, parsed for the first PDF, is given to the next."""
    year = make_small_year()
    page = pdf.printed_page(small_year_document(year), year.figures)
    tuned._parsed_style.cache_clear()
    first = tuned.ReportHTML(string=page).write_pdf(**pdf.OPTIONS)
    assert tuned._parsed_style.cache_info()[:2] == (0, 1)  # (hits, misses)
    again = tuned.ReportHTML(string=page).write_pdf(**pdf.OPTIONS)
    assert tuned._parsed_style.cache_info()[:2] == (1, 1)
    upstream = weasyprint.HTML(string=page).write_pdf(**pdf.OPTIONS)
    assert first == again == upstream
    # Pages WeasyPrint reads itself never use it.
    assert tuned._parsed_style.cache_info()[:2] == (1, 1)


def test_the_reports_stylesheets_have_only_at_rules_that_may_be_kept():
    for name in ("report.css", "report-print.css"):
        css = (STATIC / name).read_text()
        assert set(re.findall(r"@([A-Za-z-]+)", css)) <= tuned.KEPT_AT_RULES, name
        assert "url(" not in css


def _wrapper(source):
    return tuned.ReportHTML(string=source).wrapper_element


@pytest.mark.parametrize(
    "head",
    [
        "<style>@font-face { font-family: X; src: local(Arial) }</style>",
        "<style>@counter-style x { system: cyclic; symbols: a }</style>",
        "<style>@import 'other.css';</style>",
        "<style>p { background: url(x.png) }</style>",
        "<style>@layer base { p { color: red } }</style>",
        "<style>p { color: red }</style><style>p { margin: 0 }</style>",
        '<style media="print">p { color: red }</style>',
        '<link rel="stylesheet" href="x.css"><style>p { color: red }</style>',
    ],
)
def test_a_stylesheet_that_adds_to_the_document_or_is_not_alone_is_parsed_each_time(head):
    source = f"<!DOCTYPE html><html><head><title>t</title>{head}</head><body></body></html>"
    assert tuned._one_kept_style(_wrapper(source)) is None


def test_a_plain_stylesheet_alone_may_be_kept():
    css = "@page { size: A4; @bottom-right { content: counter(page) } } @media print { p { x: y } }"
    head = f"<title>t</title><style>{css}</style>"
    source = f"<!DOCTYPE html><html><head>{head}</head><body></body></html>"
    assert tuned._one_kept_style(_wrapper(source)) == css


class _Counting(pdf._Fetcher):
    """The report's fetcher, noting whether each chart was fetched while pages were laid out."""

    def __init__(self, later: bool = True) -> None:
        super().__init__()
        self.later = later
        self.fetched: list[bool] = []

    def fetch_when_laid_out(self, url):
        return self.later and super().fetch_when_laid_out(url)

    def fetch(self, url, headers=None):
        self.fetched.append(_laying_out[0])
        return super().fetch(url, headers)


_laying_out = [False]


def test_charts_are_fetched_when_their_pages_are_laid_out_and_print_the_same(db, monkeypatch):
    """ADR 0038: fetched as their pages are laid out, not while the page is read."""
    from weasyprint import document as weasyprint_document

    upstream = weasyprint_document.layout_document

    def layout_document(*args, **kwargs):
        _laying_out[0] = True
        try:
            yield from upstream(*args, **kwargs)
        finally:
            _laying_out[0] = False

    monkeypatch.setattr(weasyprint_document, "layout_document", layout_document)
    year = make_small_year()
    page = pdf.printed_page(small_year_document(year), year.figures)
    made = {}
    for later in (True, False):
        fetcher = _Counting(later)
        made[later] = tuned.ReportHTML(string=page, url_fetcher=fetcher).write_pdf(**pdf.OPTIONS)
        assert fetcher.fetched == [later] * len(pdf.chart_specs(page))
    assert made[True] == made[False]


def test_an_image_that_cannot_be_read_stops_the_pdf_when_laid_out():
    class Broken(pdf._Fetcher):
        def fetch(self, url, headers=None):
            return weasyprint.urls.URLFetcherResponse(
                url, b"<svg not closed", headers={"Content-Type": "image/svg+xml"}
            )

    page = (
        '<html lang="en"><title>t</title><p>Chart:</p><img alt="x" src="redress-chart:e30="></html>'
    )
    with pytest.raises(ValueError, match="could not be read"):
        tuned.ReportHTML(string=page, url_fetcher=Broken()).render(**pdf.OPTIONS)
