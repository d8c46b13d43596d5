"""Downloading the list: exactly the filtered list, in its order, as CSV or a spreadsheet, for
the complaints team only, with nothing a spreadsheet would run as a formula."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from redress.complaints.tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db

URL = reverse("complaints:download")


def _csv(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="complaints-2021-06-21.csv"'
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_csv_is_the_filtered_list_in_its_order(officer_client, caseload):
    rows = _csv(officer_client.get(URL, {"status": "open", "sort": "due"}))
    assert rows[0][:6] == ["Reference", "Received", "Procedure", "Stage reached", "Status", "Due"]
    assert [r[0] for r in rows[1:]] == ["CSC-2021-0002", "CSC-2021-0001", "CSC-2021-0004"]
    overdue = dict(zip(rows[0], rows[1], strict=True))
    assert overdue["Status"] == "Overdue"
    assert overdue["Due"] == "2021-06-08"
    assert overdue["Who complained"] == "Child or young person"
    stage2 = dict(zip(rows[0], rows[3], strict=True))
    assert stage2["Stage reached"] == "2"
    assert stage2["Allocated to"] == "Rita Tester"
    assert stage2["Outcome of the current stage"] == ""


def test_no_names_or_free_text(officer_client, caseload):
    text = "\n".join(",".join(r) for r in _csv(officer_client.get(URL)))
    assert "Alex Parent" not in text
    assert caseload.due_today.summary not in text or not caseload.due_today.summary


def test_a_value_that_looks_like_a_formula_is_written_as_text(officer_client, d):
    ComplaintFactory(reference='=HYPERLINK("http://x")', received_date=d("2021-06-01"))
    ComplaintFactory(reference="+cmd|' /C calc'!A0", received_date=d("2021-06-02"))
    rows = _csv(officer_client.get(URL, {"sort": "reference"}))
    assert sorted(r[0] for r in rows[1:]) == ["'+cmd|' /C calc'!A0", '\'=HYPERLINK("http://x")']


def test_spreadsheet(officer_client, caseload, d):
    ComplaintFactory(reference="@SUM(A1)", received_date=d("2021-06-01"))
    response = officer_client.get(URL, {"format": "xlsx", "sort": "reference"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('filename="complaints-2021-06-21.xlsx"')
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Reference"
    # Text, shown exactly as recorded: a text cell with Excel's quote prefix, never a formula.
    assert (sheet["A2"].data_type, sheet["A2"].quotePrefix) == ("s", True)
    assert [r[0] for r in rows[1:]] == [
        "@SUM(A1)",
        "CSC-2021-0001",
        "CSC-2021-0002",
        "CSC-2021-0003",
        "CSC-2021-0004",
    ]
    assert rows[2][1].date() == d("2021-06-07")  # a date, not text


def test_the_list_links_to_the_downloads_with_its_filters(officer_client, caseload):
    page = officer_client.get(reverse("complaints:list"), {"status": "open"}).content.decode()
    assert f'href="{URL}?status=open&amp;format=csv"' in page
    assert f'href="{URL}?status=open&amp;format=xlsx"' in page


def test_only_the_complaints_team_may_download(responding_manager_client, caseload):
    assert responding_manager_client.get(URL).status_code == 403
    page = responding_manager_client.get(reverse("complaints:list")).content.decode()
    assert URL not in page
