"""A published report for one small locality withholds its small counts of people everywhere.

South (the small year's, `document_fixtures`) had two stage 1 complaints in 2021-22, one upheld
and one partially upheld (a child's, with an advocate), and one stage 2. A report for South is
itself a cut by area: the counts from 1 to 4 that it would print in its sentences ("1 stage 2
complaint was received") and in its tables of outcomes, years and quarters are withheld in every
format (JSON, HTML, PDF, Word, spreadsheet), as its "by area" table always withheld them, with
the percentages and averages worked from them. The internal report still shows them."""

from __future__ import annotations

import dataclasses
import datetime
import io
import json
import re
from decimal import Decimal

import openpyxl
import pypdf
import pytest
from docx import Document as WordDocument
from lxml import html as lxml_html

from redress.complaints.models import Complaint
from redress.core import presenters
from redress.ombudsman.tests.factories import EnquiryFactory
from redress.reporting import services
from redress.reporting.document.build import build_document
from redress.reporting.document.model import BulletList, ChartBlock, Paragraph, ReportDocument
from redress.reporting.figures import ReportSettings, compute_figures
from redress.reporting.publish import CUT_TABLES, SCOPED_TABLES, counts_people, publish_figures
from redress.reporting.render import renderer

from .builders.published import birmingham_facts
from .document_fixtures import AS_OF, YEAR, make_small_year

FORMATS = ("json", "html", "pdf", "docx", "xlsx")
THRESHOLD = 5
SMALL = set(range(1, THRESHOLD))

# What the internal report says of South that its published version must not.
INTERNAL_ONLY = (
    "2 stage 1 complaints were received in 2021-22",
    "1 stage 2 complaint was received in 2021-22",
    "Stage 2 complaints went from none in 2020-21 to 1",
    "An advocate supported 1 of them",
    "Of these complaints, 1 was partly upheld",
    "Average response time: 7.00 working days",
    "Of the 1 statutory stage 2 response",
)
# A small count of complaints, responses or people in a sentence.
LEAKS = (
    re.compile(
        r"(?<![\w.,£/-])(?<!stage )(?<!Stage )[1-4] (?:stage [123] )?"
        r"(?:complaints?|responses?|investigations?) (?:was|were)\b"
    ),
    re.compile(r"\b(?:supported|Of the|none in 20\d\d-\d\d to) [1-4]\b(?![\d.,%])"),
    re.compile(r"\b[1-4] (?:was|were) (?:upheld|partly|partially|issued)"),
)

_REPORTS: dict[tuple[bool, str], bytes] = {}


@pytest.fixture
def south(db, settings):
    """South's report in every format, internal and published: made once, by the first test
    that asks, inside its transaction."""
    settings.REDRESS_TODAY = AS_OF
    if not _REPORTS:
        make_small_year()
        for publish in (True, False):
            for fmt in FORMATS:
                _REPORTS[(publish, fmt)] = services.generate_report(
                    period=YEAR, as_of=AS_OF, locality="South", publish=publish, fmt=fmt
                ).content
    return _REPORTS


def _html_text(content: bytes) -> str:
    page = lxml_html.fromstring(content)
    for hidden in page.xpath("//script|//style"):
        hidden.getparent().remove(hidden)
    return " ".join(page.text_content().split())


def _pdf_text(content: bytes) -> str:
    pages = pypdf.PdfReader(io.BytesIO(content)).pages
    return " ".join(" ".join(page.extract_text() or "" for page in pages).split())


def _word_text(content: bytes) -> str:
    word = WordDocument(io.BytesIO(content))
    parts = [p.text for p in word.paragraphs]
    parts += [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    return " ".join(" ".join(parts).split())


TEXT = {"html": _html_text, "pdf": _pdf_text, "docx": _word_text}


def _sentences(document: ReportDocument) -> list[tuple[str, str]]:
    """Every paragraph, bullet and chart description of the document, with its section."""
    found = [("summary", p.plain) for p in document.summary]
    for section in document.sections:
        for block in section.blocks:
            if isinstance(block, Paragraph):
                found.append((section.key, block.plain))
            elif isinstance(block, BulletList):
                found += [(section.key, item.plain) for item in block.items]
            elif isinstance(block, ChartBlock):
                found.append((section.key, block.description))
    return found


# A part "of" a withheld whole ("fewer than 5 of fewer than 5 responses"), or "withheld" said
# as if it were a number ("Q1: withheld in time").
STIFF = ("of fewer than", "of the fewer than", "withheld in time", "withheld at stage")
SO_FEW = "is not published for so few"


def _stiff(document: ReportDocument) -> list[str]:
    return [text for _, text in _sentences(document) if any(s in text.lower() for s in STIFF)]


def _explained_twice(document: ReportDocument) -> list[str]:
    """Sections that say more than once why a withheld count's parts go unsaid."""
    keys = [key for key, text in _sentences(document) if SO_FEW in text]
    return sorted({key for key in keys if keys.count(key) > 1})


def _leaks(text: str) -> list[str]:
    return [text[max(0, m.start() - 40) : m.end()] for p in LEAKS for m in p.finditer(text)]


@pytest.mark.parametrize("fmt", ["html", "pdf", "docx"])
def test_the_published_text_says_fewer_than_5_where_the_internal_says_the_count(south, fmt):
    internal = TEXT[fmt](south[(False, fmt)])
    published = TEXT[fmt](south[(True, fmt)])
    # The internal report shows the counts, so the checks below can fail.
    assert [s for s in INTERNAL_ONLY if s not in internal] == []
    assert _leaks(internal)
    assert [s for s in INTERNAL_ONLY if s in published] == []
    assert _leaks(published) == [], _leaks(published)
    assert "Fewer than 5 stage 1 complaints were received in 2021-22" in published
    assert "Fewer than 5 stage 2 complaints were received in 2021-22" in published
    assert [s for s in STIFF if s in published.lower()] == []


def test_the_json_withholds_every_small_count_of_people(south):
    internal = json.loads(south[(False, "json")])
    published = json.loads(south[(True, "json")])
    withheld = published["suppressed"]
    assert {"received.stage1", "received.stage2", "outcome.stage1.upheld"} <= set(withheld)
    assert all(withheld.values())
    for figure_id in withheld:
        assert published["figures"][figure_id] is None
        assert internal["figures"][figure_id] is not None
    for figure_id, value in published["figures"].items():
        if counts_people(figure_id.removesuffix(".previous")):
            assert value not in SMALL, figure_id
    # Every table of people, cut by area or not, and its TOTAL rows (the locality's own).
    for rule in (*CUT_TABLES, *SCOPED_TABLES):
        for row in published["tables"].get(rule.table_id) or []:
            shown = {row.get(column) for column in rule.counts}
            assert not (SMALL & shown), (rule.table_id, row)
    outcomes = [r for r in internal["tables"]["outcomes"] if r["count"] in SMALL]
    assert outcomes, "the internal outcomes table shows small counts"
    assert "suppressed" not in internal


def test_the_spreadsheet_leaves_withheld_figures_empty_and_says_fewer_than_5(south):
    def figures(content: bytes) -> dict[str, openpyxl.cell.Cell]:
        book = openpyxl.load_workbook(io.BytesIO(content))
        sheet = book["Figures"]
        return {
            str(row[0].value): row[1]
            for row in sheet.iter_rows()
            if row[0].value and "." in str(row[0].value)
        }

    internal = figures(south[(False, "xlsx")])
    published = figures(south[(True, "xlsx")])
    withheld = json.loads(south[(True, "json")])["suppressed"]
    for figure_id in withheld:
        assert published[figure_id].value is None
        assert "fewer than 5" in published[figure_id].comment.text
        assert internal[figure_id].value is not None
    for figure_id, cell in published.items():
        if counts_people(figure_id.removesuffix(".previous")):
            assert cell.value not in SMALL, figure_id


def test_the_annex_lists_the_figures_withheld_from_the_text(south):
    published = _html_text(south[(True, "html")])
    assert "This report is for the South locality alone, which is itself a cut by area" in (
        published
    )
    assert "Figures in the text" in published
    assert (
        "counts of complaints or people, among them “Stage 1 records received in 2021-22”"
        in published
    )


def test_a_report_for_the_whole_authority_withholds_no_scalar(db, settings):
    settings.REDRESS_TODAY = AS_OF
    make_small_year()
    prepared = services.prepare_report(period=YEAR, as_of=AS_OF, publish=True, document=False)
    assert prepared.figures.suppressed_figures == set()
    assert prepared.figures.figures["received.stage2"] == 1


def test_a_service_s_report_with_nearly_every_count_withheld_reads_and_renders(db):
    """The demo year as if it were one service's, with a threshold of 400: nearly every count
    is withheld, and every sentence that would say, compare or work from one still reads (no
    sentence says "none" of a withheld count, none computes from one) in every format."""
    threshold = 400
    settings = ReportSettings(
        stage2_average_cost=Decimal("3500.00"), suppression_threshold=threshold
    )
    facts = birmingham_facts()
    internal = compute_figures(facts=facts, period=YEAR, settings=settings)
    figures = publish_figures(internal, threshold=threshold, scoped=True)
    document = build_document(
        figures=figures,
        authority="Kingsmoor Children's Trust",
        service="Fostering",
        narratives={},
        settings=settings,
        facts=facts,
    )
    outputs = {fmt: renderer(fmt)(document, figures) for fmt in FORMATS}
    assert _stiff(document) == []
    assert _explained_twice(document) == []
    said = {text for _, text in _sentences(document)}
    assert {
        "Fewer than 400 local stage 2 responses were issued in 2021-22.",
        "Review panels met for fewer than 400 stage 3 requests received in 2021-22.",
        "Fewer than 400 mediations were offered and fewer than 400 held in 2021-22; what came of "
        "them is not published for so few.",
    } <= said
    text = _html_text(outputs["html"])
    assert "Fewer than 400 stage 1 complaints were received in 2021-22." in text
    assert "No average response time is given where fewer than 400 responses were issued." in text
    assert "withheld." not in text
    assert f"{presenters.count(internal.figures['received.stage1'])} stage 1" not in text
    data = json.loads(outputs["json"])
    assert data["figures"]["received.stage1"] is None
    assert data["suppressed"]["received.stage1"] is True


def test_the_ombudsman_s_decisions_are_not_listed_case_by_case_when_their_numbers_are_withheld(
    db, settings
):
    settings.REDRESS_TODAY = AS_OF
    make_small_year()
    south = Complaint.objects.filter(service_area__name="South Safeguarding").first()
    EnquiryFactory(
        complaint=south,
        received_date=datetime.date(2021, 9, 1),
        decision="fault_found",
        decision_date=datetime.date(2022, 1, 10),
    )

    def ombudsman(publish: bool) -> str:
        prepared = services.prepare_report(
            period=YEAR, as_of=AS_OF, locality="South", publish=publish
        )
        section = next(s for s in prepared.document.sections if s.key == "ombudsman")
        only = dataclasses.replace(prepared.document, sections=[section])
        return _html_text(renderer("html")(only, prepared.figures))

    assert "Case 1, decided" in ombudsman(False) or "Case 1 (" in ombudsman(False)
    published = ombudsman(True)
    assert "Case 1" not in published
    assert "described case by case only in the complaints team's version" in published


def test_sentences_about_a_withheld_count_read_as_a_person_would_write_them(db, settings):
    """No part is given "of" a withheld whole ("Fewer than 5 of fewer than 5 stage 1
    responses…"), no withheld count reads as a number ("Q1: withheld in time"), and each section
    says at most once why the parts go unsaid."""
    settings.REDRESS_TODAY = AS_OF
    make_small_year()
    published = services.prepare_report(
        period=YEAR, as_of=AS_OF, locality="South", publish=True
    ).document
    internal = services.prepare_report(period=YEAR, as_of=AS_OF, locality="South").document
    assert published is not None
    assert internal is not None
    assert _stiff(published) == []
    assert _explained_twice(published) == []
    said = {text for _, text in _sentences(published)}
    assert {
        "Fewer than 5 stage 1 responses were issued in 2021-22; how many were in time is not "
        "published for so few.",
        "Fewer than 5 statutory stage 2 responses were issued in 2021-22.",
        "Fewer than 5 stage 1 complaints received in 2021-22 had been answered by 31 May 2022 "
        "(the timeliness cohort).",
        "Fewer than 5 stage 2 investigations were open at some time during the year.",
        "How many had an advocate, and how they ended, is not published for so few.",
    } <= said
    (quarters,) = [t for _, t in _sentences(published) if t.startswith("Paired bar chart")]
    assert "Q1: fewer than 5 in time, 0 late;" in quarters
    # The internal report says the parts.
    assert not any(SO_FEW in text for _, text in _sentences(internal))
    assert any("of 2 stage 1 responses were issued within" in t for _, t in _sentences(internal))
