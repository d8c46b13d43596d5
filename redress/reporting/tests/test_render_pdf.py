"""The PDF report (WeasyPrint): it renders, its contents list carries page numbers, every page
after the cover is numbered, headings and tables are there, and the PDF is tagged."""

import io
import re

import pypdf
import pytest

from redress.reporting.document.build import build_document
from redress.reporting.publish import publish_figures
from redress.reporting.render import pdf as _pdf
from redress.reporting.render import renderer

from .document_fixtures import SETTINGS, make_small_year, small_year_document

_PDFS: dict[str, bytes] = {}


@pytest.fixture
def pdfs(db):
    """The internal and the published PDF of the small year. WeasyPrint takes a second or two
    for each, so they are made once, by the first test that asks, inside its transaction."""
    if not _PDFS:
        year = make_small_year()
        for name, figures in (
            ("internal", year.figures),
            ("published", publish_figures(year.figures, threshold=5)),
        ):
            document = build_document(
                figures=figures,
                authority="Testshire Council",
                service=None,
                narratives={"next_steps": "## Plans\n\n- Listen more"},
                settings=SETTINGS,
                facts=year.facts,
            )
            _PDFS[name] = renderer("pdf")(document, figures)
    return {name: pypdf.PdfReader(io.BytesIO(content)) for name, content in _PDFS.items()}


def text(reader: pypdf.PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def test_the_pdf_renders_on_many_pages(pdfs):
    reader = pdfs["internal"]
    assert len(reader.pages) > 10
    assert reader.metadata.title == (
        "Complaints and compliments annual report 2021-22 – Testshire Council"
    )
    assert reader.metadata.author == "Testshire Council"


def test_the_cover_then_the_contents_with_page_numbers(pdfs):
    pages = text(pdfs["internal"])
    assert "Complaints and compliments annual\nreport 2021-22" in pages[0]
    assert "Internal: not for publication" in pages[0]
    assert pages[1].startswith("Contents")
    entries = dict(re.findall(r"^(.+?) \.{3,} ?(\d+)$", pages[1], flags=re.MULTILINE))
    assert len(entries) == 24  # every section; no annex in the internal report
    assert "What complainants told us" in entries
    # Each entry's page is where its heading is.
    for title in ("Executive summary", "Appendix A: responsiveness", "Next steps"):
        number = int(entries[title])
        assert title in pages[number - 1], title
    assert int(entries["Executive summary"]) == 3


def test_pages_are_numbered_after_the_cover(pdfs):
    pages = text(pdfs["internal"])
    total = len(pages)
    assert "Page" not in pages[0]
    for number, page in enumerate(pages[1:], start=2):
        assert f"Page {number} of {total}" in page


def test_headings_tables_and_narrative_are_in_the_text(pdfs):
    everything = "\n".join(text(pdfs["internal"]))
    for heading in ("Executive summary", "Volumes and trends", "Appendix E: the figures"):
        assert heading in everything
    assert "Stage 1 complaints rose by 100.0% to 4." in everything
    assert "Complaints received by service and stage" in everything
    assert re.search(r"South Safeguarding 2 1 0", everything)
    assert "Listen more" in everything


def test_the_published_pdf_withholds_small_counts(pdfs):
    everything = "\n".join(text(pdfs["published"]))
    assert re.search(r"South Safeguarding fewer than 5 fewer than 5 0", everything)
    assert "Annex: figures withheld to protect children" in everything
    assert "Joel Davison" not in everything


def test_the_pdf_is_tagged_for_screen_readers(pdfs):
    catalog = pdfs["internal"].trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] == pypdf.generic.BooleanObject(True)
    assert catalog["/Lang"] == "en-GB"
    roles = set()
    figures = []

    def walk(node, depth=0):
        node = node.get_object()
        if isinstance(node, pypdf.generic.DictionaryObject):
            if "/S" in node:
                roles.add(str(node["/S"]))
                if node["/S"] == "/Figure":
                    figures.append(str(node.get("/Alt", "")))
            kids = node.get("/K")
            if kids is not None:
                for kid in kids if isinstance(kids, list) else [kids]:
                    if depth < 60 and isinstance(
                        kid, pypdf.generic.IndirectObject | pypdf.generic.DictionaryObject
                    ):
                        walk(kid, depth + 1)

    walk(catalog["/StructTreeRoot"])
    assert {"/H1", "/H2", "/Table", "/TH", "/TD", "/L", "/Figure"} <= roles
    # Each chart is a figure whose alternative text is its description.
    assert any(alt.startswith("Bar charts of the complaints received each year") for alt in figures)
    assert all(figures)


def test_each_marked_piece_of_content_points_at_its_own_page(pdfs):
    """The tags' page references are cached (render/pdf.py); each still names its page."""
    reader = pdfs["internal"]
    pages = {page.indirect_reference.idnum: number for number, page in enumerate(reader.pages)}
    seen = set()

    def walk(node, depth=0):
        node = node.get_object()
        if not isinstance(node, pypdf.generic.DictionaryObject) or depth > 60:
            return
        if "/Pg" in node:
            seen.add(pages[node.raw_get("/Pg").idnum])
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids]:
            if isinstance(kid, pypdf.generic.IndirectObject | pypdf.generic.DictionaryObject):
                walk(kid, depth + 1)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    assert seen == set(range(len(reader.pages)))


def test_the_same_page_prints_the_pdf_kept_and_another_page_afresh(db):
    """ADR 0033: the last few PDFs are kept by the page they were made from."""
    year = make_small_year()
    _pdf.printed.cache_clear()
    made = {}
    for narrative in ("- Listen more", "- Listen more", "- Answer in time"):
        document = build_document(
            figures=year.figures,
            authority="Testshire Council",
            service=None,
            narratives={"next_steps": narrative},
            settings=SETTINGS,
            facts=year.facts,
        )
        before = _pdf.printed.cache_info()
        content = renderer("pdf")(document, figures=year.figures)
        after = _pdf.printed.cache_info()
        made.setdefault(narrative, []).append((content, after.hits - before.hits))
    (first, first_hit), (again, again_hit) = made["- Listen more"]
    [(other, other_hit)] = made["- Answer in time"]
    assert (first_hit, again_hit, other_hit) == (0, 1, 0)
    assert again is first
    assert "Answer in time" in "".join(text(pypdf.PdfReader(io.BytesIO(other))))
    assert "Answer in time" not in "".join(text(pypdf.PdfReader(io.BytesIO(first))))


def test_the_pdf_is_the_same_with_its_charts_drawn_ahead_or_here(db, settings, caplog):
    """ADR 0037: the printed page names each chart by its spec, and the PDF's charts are drawn
    in the chart process while the page is read, or here: the same PDF either way."""
    from redress.reporting import charts

    year = make_small_year()
    document = small_year_document(year)
    page = _pdf.printed_page(document, year.figures)
    specs = _pdf.chart_specs(page)
    assert specs
    # The ones the PDF starts drawing before the page is written.
    assert _pdf.printed_chart_specs(document) == specs
    assert "data:image/svg" not in page
    made = {}
    for ahead in (True, False):
        settings.REDRESS_CHART_PROCESS = ahead
        charts._svg.cache_clear()
        _pdf.printed.cache_clear()
        with caplog.at_level("WARNING", logger="weasyprint"):
            made[ahead] = _pdf.printed(page)
    assert made[True] == made[False]
    assert not [r.message for r in caplog.records if r.name.startswith("weasyprint")]
    # Each chart is drawn: its axis labels are in the PDF's text, as words.
    assert "Month received" in "".join(text(pypdf.PdfReader(io.BytesIO(made[True]))))


@pytest.mark.parametrize(
    "address", ["https://example.org/logo.png", "file:///etc/passwd", "data:image/png;base64,AA=="]
)
def test_a_printed_report_fetches_nothing_but_its_charts(address):
    """Nothing from the network or from files: an image the page does not draw itself stops
    the PDF rather than being fetched."""
    from weasyprint.urls import FatalURLFetchingError

    page = f'<html lang="en"><title>t</title><p>Text</p><img alt="" src="{address}"></html>'
    with pytest.raises(FatalURLFetchingError):
        _pdf._laid_out(page)
