"""One publication rule in every format: a published report rendered as JSON, HTML, PDF, Word and
a spreadsheet shows none of the counts it withholds (1 to 4 in a table cut by service, area or
theme), while the internal report shows them. The rule is applied once (publish.py); this
checks that no renderer goes round it."""

from __future__ import annotations

import dataclasses
import datetime
import io
import json
import re
from itertools import takewhile

import openpyxl
import pypdf
import pytest
from docx import Document as WordDocument
from lxml import html as lxml_html

from redress.reporting.document.build import build_document
from redress.reporting.document.labels import row_namings
from redress.reporting.document.model import ReportDocument, TableBlock
from redress.reporting.figures import FigureSet
from redress.reporting.publish import CUT_TABLES, publish_figures
from redress.reporting.render import renderer

from .document_fixtures import SETTINGS, make_small_year

THRESHOLD = 5
WITHHELD = {str(n) for n in range(1, THRESHOLD)}
CUT = {rule.table_id: rule for rule in CUT_TABLES}


def build(figures: FigureSet, facts) -> ReportDocument:
    return build_document(
        figures=figures,
        authority="Testshire Council",
        service=None,
        narratives={},
        settings=SETTINGS,
        facts=facts,
    )


_REPORTS: dict[str, object] = {}


@pytest.fixture
def reports(db):
    """The small year's internal and published reports, in every format: made once, by the
    first test that asks, inside its transaction (WeasyPrint takes a second or two)."""
    if not _REPORTS:
        year = make_small_year()
        published_figures = publish_figures(year.figures, threshold=THRESHOLD)
        internal = build(year.figures, year.facts)
        published = build(published_figures, year.facts)
        _REPORTS["year"] = year
        _REPORTS["document"] = published
        _REPORTS["figures"] = published_figures
        _REPORTS["internal"] = {
            fmt: renderer(fmt)(internal, year.figures) for fmt in ("html", "xlsx")
        }
        _REPORTS["published"] = {
            fmt: renderer(fmt)(published, published_figures)
            for fmt in ("json", "html", "pdf", "docx", "xlsx")
        }
    return _REPORTS


def _rows_under(tables: dict[str, list[list[str]]], caption: str) -> list[list[str]]:
    return [row for name, rows in tables.items() if caption in name for row in rows]


def _html_tables(content: bytes) -> dict[str, list[list[str]]]:
    page = lxml_html.fromstring(content)
    tables = {}
    for element in page.iter("table"):
        caption = " ".join(element.xpath("string(caption)").split())
        tables[caption] = [
            [" ".join(c.text_content().split()) for c in tr.xpath("th|td")]
            for tr in element.xpath("tbody/tr")
        ]
    return tables


def _word_tables(content: bytes) -> dict[str, list[list[str]]]:
    word = WordDocument(io.BytesIO(content))
    tables, caption, index = {}, "", 0
    for child in word.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = "".join(child.itertext()).strip()
            caption = text or caption
        elif tag == "tbl":
            table = word.tables[index]
            index += 1
            tables[f"{index}: {caption}"] = [
                [" ".join(cell.text.split()) for cell in row.cells] for row in table.rows[1:]
            ]
    return tables


def _sheets(content: bytes) -> dict[str, list[list[str]]]:
    book = openpyxl.load_workbook(io.BytesIO(content))
    contents = book.worksheets[0]
    ids = {
        str(row[2]): str(row[0])
        for row in contents.iter_rows(values_only=True)
        if row and len(row) > 2 and row[2] and str(row[0]) in book.sheetnames
    }
    return {
        table_id: [[_shown(cell) for cell in row] for row in book[name].iter_rows()]
        for table_id, name in ids.items()
    }


def _shown(cell: openpyxl.cell.Cell) -> str:
    """A cell's text as far as it names a row: a month (a date) as the sheet shows it."""
    if cell.value is None:
        return ""
    if isinstance(cell.value, datetime.datetime) and cell.number_format == "mmmm yyyy":
        return f"{cell.value:%B %Y}"
    return str(cell.value)


def _sheet_rows_for(rows: list[list[str]], label: str) -> list[list[str]]:
    """The sheet's rows named exactly as the annex names a withheld cell's row: their text
    cells before the first number or empty cell, joined as the annex joins a row's words
    ("Citywide: 0-10 working days", "All areas: 21+ working days", "June 2021")."""
    return [
        row
        for row in rows
        if ": ".join(takewhile(lambda v: v and not re.fullmatch(r"-?[\d.]+", v), row)) == label
    ]


def _row_label(label: str) -> str:
    """The label a withheld cell's row begins with: an area's ("Citywide: 0-10 working days" is
    the Citywide row's 0-10 working days column when the bands run across)."""
    return label.split(": ")[0]


def _rows_for(rows: list[list[str]], label: str) -> list[list[str]]:
    return [row for row in rows if row and row[0] in {label, _row_label(label)}]


def _leaks(rows: list[list[str]], label: str) -> list[list[str]]:
    """The rows for `label` that show a count the rule withholds."""
    return [row for row in _rows_for(rows, label) if WITHHELD & set(row[1:])]


def test_the_small_year_withholds_counts_in_several_tables(reports):
    withheld = {s.table_key for s in reports["document"].suppressions}
    assert {"received.by_service", "received.by_area"} <= withheld
    # and the internal report shows them, so the checks below can fail
    internal = _html_tables(reports["internal"]["html"])
    for suppression in reports["document"].suppressions:
        rows = _rows_under(internal, suppression.table_caption)
        if suppression.table_key == "received.by_service":
            assert _leaks(rows, suppression.row_label)


def test_json_withholds_every_small_count(reports):
    tables = json.loads(reports["published"]["json"])["tables"]
    for table_id, rule in CUT.items():
        for row in tables.get(table_id) or []:
            shown = {str(row.get(column)) for column in rule.counts}
            assert not (WITHHELD & shown) or rule.uncut_row(row), (table_id, row)


@pytest.mark.parametrize(("fmt", "read"), [("html", _html_tables), ("docx", _word_tables)])
def test_html_and_word_withhold_every_small_count(reports, fmt, read):
    tables = read(reports["published"][fmt])
    for suppression in reports["document"].suppressions:
        rows = _rows_under(tables, suppression.table_caption)
        assert rows, f"No table captioned {suppression.table_caption!r} in the {fmt} file"
        assert _rows_for(rows, suppression.row_label), suppression
        assert not _leaks(rows, suppression.row_label), suppression


def test_the_spreadsheet_withholds_every_small_count(reports):
    published = _sheets(reports["published"]["xlsx"])
    internal = _sheets(reports["internal"]["xlsx"])
    for suppression in reports["document"].suppressions:
        assert suppression.table_key in published, suppression.table_key
        # The sheet names the row exactly as the annex does (an area, then its band in words).
        rows = _sheet_rows_for(published[suppression.table_key], suppression.row_label)
        assert rows, suppression
        assert not [row for row in rows if WITHHELD & set(row[1:])], suppression
    assert _leaks(internal["received.by_service"], "South Safeguarding")


def test_a_scoped_spreadsheet_names_every_withheld_row_as_the_annex_does(reports):
    """A report for one locality or service withholds from its tables of months, years, bands
    by area (their "All areas" row too) and codes: each withheld cell's row is on its sheet by
    the annex's words for it, and shows nothing withheld; each figure withheld from the text
    is empty on the Figures sheet."""
    year = reports["year"]
    figures = publish_figures(year.figures, threshold=THRESHOLD, scoped=True)
    document = build(figures, year.facts)
    sheets = _sheets(renderer("xlsx")(document, figures))
    named = {"Stage 1 complaints received each month", "Stage 1 responsiveness by area"}
    for suppression in document.suppressions:
        if suppression.table_caption == "Figures in the text":
            continue
        named.discard(suppression.table_caption)
        # The sheet lists the figure table's rows (the outcomes' stages down the page, as
        # the printed report runs them across), named in the report's words.
        row = figures.tables[suppression.table_key][suppression.row]
        rows = _sheet_rows_for(
            sheets[suppression.table_key], ": ".join(row_namings(suppression.table_key, row))
        )
        assert rows, suppression
        assert not [row for row in rows if WITHHELD & set(row[1:])], suppression
    # Among them a month's row and the All areas row.
    assert named == set()
    labels = {s.row_label for s in document.suppressions}
    assert {"June 2021", "All areas: 0-10 working days"} <= labels


def test_word_without_the_annex_lists_each_withheld_cell_by_its_row_in_words(reports):
    """A Word report whose sections leave the annex out still lists the withheld cells, each by
    its table, its row in the report's words and its column."""
    document = reports["document"]
    without = dataclasses.replace(
        document, sections=[s for s in document.sections if s.key != "annex_suppressions"]
    )
    tables = _word_tables(renderer("docx")(without, reports["figures"]))
    rows = _rows_under(tables, "Counts withheld to protect children")
    assert rows == [[s.table_caption, s.row_label, s.column_label] for s in document.suppressions]
    assert ["Stage 1 responsiveness by area", "Citywide: 0-10 working days", "Number"] in rows


def test_the_pdf_withholds_every_small_count(reports):
    reader = pypdf.PdfReader(io.BytesIO(reports["published"]["pdf"]))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for suppression in reports["document"].suppressions:
        start = text.find(suppression.table_caption)
        assert start >= 0, f"No table captioned {suppression.table_caption!r} in the PDF"
        # The table's lines: from its caption to the next blank-ish heading, a page at most.
        lines = text[start : start + 3000].splitlines()[1:40]
        label = _row_label(suppression.row_label)
        rows = [line for line in lines if line.startswith(label + " ")]
        assert rows, f"No row {label!r} under {suppression.table_caption!r}"
        for line in rows:
            cells = re.split(r"\s+", line[len(label) :].strip())
            assert not (WITHHELD & set(cells)), (suppression, line)


def _uncut_labels(document: ReportDocument) -> set[str]:
    """Row labels that also head rows of tables nothing is withheld from (reasons by category:
    "Service Quality" may be both a category and a child's theme)."""
    return {
        row[0].text
        for section in document.sections
        for block in section.blocks
        if isinstance(block, TableBlock) and block.key not in CUT
        for row in block.rows
        if row
    }


def test_no_sentence_or_chart_description_prints_a_withheld_count(reports):
    reader = pypdf.PdfReader(io.BytesIO(reports["published"]["pdf"]))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    document = reports["document"]
    labels = {s.row_label for s in document.suppressions}
    assert labels
    for label in labels:
        for count in WITHHELD:
            assert f"{label} ({count})" not in text
            if label not in _uncut_labels(document):
                assert f"{label}: {count} " not in text
