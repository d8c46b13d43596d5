"""Formula injection (issue 8, point 5): `redress export` writes text a spreadsheet would run as a
formula as inert text (a text cell in a workbook, one leading apostrophe in a CSV), and
`redress import` gives back exactly the text exported, so the round trip changes nothing."""

import csv
import datetime

import pytest
from openpyxl import load_workbook

from redress.complaints.models import Complaint, Extension
from redress.complaints.tests.factories import ComplaintFactory, ExtensionFactory
from redress.feedback.models import Compliment
from redress.feedback.tests.factories import ComplimentFactory
from redress.imports.services import export_dataset, import_dataset
from redress.organisations.models import ServiceArea
from redress.organisations.tests.factories import ServiceAreaFactory

from .test_export import empty_the_database, files

# Written out here, not imported from the code under test, so a character missing there fails.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

pytestmark = pytest.mark.django_db

HOSTILE = "=cmd|' /C calc'!A0"
SUMMARIES = {
    "KCT-2021-0001": "+cmd|' /C calc'!A0",
    "KCT-2021-0002": "-2+3 and more",
    "KCT-2021-0003": "@SUM(1+1)",
    "KCT-2021-0004": "'=already quoted by someone",  # written ''=…, read back '=…
    "KCT-2021-0005": "'tis an apostrophe, nothing more",  # not a formula: left as it is
}


def hostile_records() -> None:
    area = ServiceAreaFactory(name=HOSTILE)
    for reference, summary in SUMMARIES.items():
        ComplaintFactory(
            reference=reference,
            received_date=datetime.date(2021, 4, 6),
            service_area=area,
            summary=summary,
            custom_data={"note": "=1+1"},
        )
    stage = Complaint.objects.get(reference="KCT-2021-0001").stages.get(number=1)
    ExtensionFactory(stage=stage, reason='=HYPERLINK("http://x")')
    ComplimentFactory(service_area=area, staff_member="", text="-Thank you")


def as_recorded() -> dict:
    return {
        "areas": sorted(ServiceArea.objects.values_list("name", flat=True)),
        "summaries": dict(Complaint.objects.values_list("reference", "summary")),
        "custom": sorted(str(c) for c in Complaint.objects.values_list("custom_data", flat=True)),
        "reasons": list(Extension.objects.values_list("reason", flat=True)),
        "compliments": list(Compliment.objects.values_list("text", flat=True)),
    }


def test_the_csv_export_has_no_cell_a_spreadsheet_would_run(tmp_path):
    hostile_records()
    export_dataset(path=tmp_path / "out")
    cells = [
        cell
        for path in sorted((tmp_path / "out").iterdir())
        for row in csv.reader(path.open(newline="", encoding="utf-8"))
        for cell in row
    ]
    assert [c for c in cells if c.startswith(FORMULA_STARTS)] == []
    assert "'" + HOSTILE in cells
    assert "'+cmd|' /C calc'!A0" in cells
    assert "''=already quoted by someone" in cells
    assert "'tis an apostrophe, nothing more" in cells
    assert "'=1+1" in cells


def test_the_workbook_export_holds_them_as_text_cells(tmp_path):
    hostile_records()
    export_dataset(path=tmp_path / "out.xlsx")
    book = load_workbook(tmp_path / "out.xlsx")
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    formula_like = [c for c in cells if isinstance(c.value, str) and c.value[:1] in "=+-@"]
    assert HOSTILE in {c.value for c in formula_like}
    assert {(c.data_type, c.quotePrefix) for c in formula_like} == {("s", True)}


@pytest.mark.parametrize("target", ["history", "history.xlsx"])
def test_export_then_import_gives_back_the_original_text(tmp_path, target):
    hostile_records()
    before = as_recorded()
    first = tmp_path / "first" / target
    export_dataset(path=first)
    empty_the_database()

    result = import_dataset(path=first, create_missing=True)

    assert result.problems == []
    assert as_recorded() == before
    assert before["areas"] == [HOSTILE]
    second = tmp_path / "second" / target
    export_dataset(path=second)
    if target == "history":
        assert files(first) == files(second)
    else:
        assert [list(s.values) for s in load_workbook(first).worksheets] == [
            list(s.values) for s in load_workbook(second).worksheets
        ]


def test_a_hand_made_csv_keeps_an_apostrophe_that_quotes_nothing(folder, configured):
    """Only an apostrophe before =, +, -, @, a tab or a carriage return is the export's; any
    other leading apostrophe is the text's own."""
    path = folder(
        complaints="""
        reference,received_date,procedure,service_area,summary
        KCT-2021-0001,2021-04-06,statutory,Fostering,'tis mine
        KCT-2021-0002,2021-04-06,statutory,Fostering,'=1+1
        """,
        stages="""
        reference,stage,received_date
        KCT-2021-0001,1,2021-04-06
        KCT-2021-0002,1,2021-04-06
        """,
    )
    result = import_dataset(path=path)
    assert result.problems == []
    assert dict(Complaint.objects.values_list("reference", "summary")) == {
        "KCT-2021-0001": "'tis mine",
        "KCT-2021-0002": "=1+1",
    }
