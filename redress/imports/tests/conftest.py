"""Small helpers for import tests: write sheets as CSV text into a folder or a workbook."""

import csv
import io
import textwrap
from pathlib import Path

import pytest
from openpyxl import Workbook

from redress.organisations.tests.factories import (
    LocalityFactory,
    OrganisationFactory,
    ServiceAreaFactory,
)


def _text(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


@pytest.fixture
def folder(tmp_path):
    """`folder(complaints=CSV_TEXT, stages=CSV_TEXT)`: a folder of CSVs; returns its path."""

    def write(name: str = "history", **sheets: str) -> Path:
        path = tmp_path / name
        path.mkdir()
        for sheet, text in sheets.items():
            (path / f"{sheet}.csv").write_text(_text(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def workbook(tmp_path):
    """`workbook(complaints=CSV_TEXT, ...)`: the same sheets as one .xlsx workbook."""

    def write(name: str = "history.xlsx", **sheets: str) -> Path:
        book = Workbook()
        book.remove(book.active)
        for sheet, text in sheets.items():
            worksheet = book.create_sheet(sheet)
            for row in csv.reader(io.StringIO(_text(text))):
                worksheet.append(row)
        path = tmp_path / name
        book.save(path)
        return path

    return write


@pytest.fixture
def configured(db):
    """The configuration the test files name: two service areas, a locality, an organisation."""
    return {
        "fostering": ServiceAreaFactory(name="Fostering"),
        "safeguarding": ServiceAreaFactory(name="Safeguarding"),
        "north": LocalityFactory(name="North"),
        "trust": OrganisationFactory(name="Kingsmoor Trust"),
    }
