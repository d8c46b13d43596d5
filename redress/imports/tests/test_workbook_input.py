"""A workbook imports like a folder of CSVs, whether its cells hold text or typed values."""

import datetime
from decimal import Decimal

import pytest
from openpyxl import Workbook

from redress.complaints.models import Complaint, Payment, Stage
from redress.imports.services import import_dataset

from .helpers import COMPLAINTS, STAGES, lines

pytestmark = pytest.mark.usefixtures("configured")


def test_a_workbook_of_text_cells_imports_like_the_same_csvs(workbook, folder):
    from_workbook = import_dataset(path=workbook(complaints=COMPLAINTS, stages=STAGES))
    assert from_workbook.counts["complaints"]["created"] == 2

    from_folder = import_dataset(path=folder(complaints=COMPLAINTS, stages=STAGES))
    assert from_folder.counts["complaints"]["unchanged"] == 2
    assert from_folder.counts["stages"]["unchanged"] == 3


def test_typed_cells_dates_numbers_and_sheet_names_in_any_case(tmp_path):
    book = Workbook()
    complaints = book.active
    complaints.title = "Complaints"
    complaints.append(["Reference", "Received_Date", "Procedure", "Service_Area", "x_case_no"])
    complaints.append(["CSC-1", datetime.datetime(2021, 5, 4), "statutory", "Fostering", 1234])
    stages = book.create_sheet("STAGES")
    stages.append(["reference", "stage", "received_date", "responded_date"])
    stages.append(["CSC-1", 1, datetime.datetime(2021, 5, 4), datetime.datetime(2021, 5, 18)])
    payments = book.create_sheet("payments")
    payments.append(["reference", "date", "stage", "kind", "amount"])
    payments.append(["CSC-1", datetime.datetime(2021, 6, 1), 1, "compensation", 150.5])
    payments.append(["CSC-1", datetime.datetime(2021, 6, 1, 14, 0), 1, "compensation", 0.125])
    path = tmp_path / "typed.xlsx"
    book.save(path)

    result = import_dataset(path=path, partial=True)

    assert lines(result) == [
        "payments row 3, column date, value '2021-06-01 14:00:00': not a date in the form "
        "YYYY-MM-DD",
        "payments row 3, column amount, value '0.125': more than two decimal places",
    ]
    complaint = Complaint.objects.get()
    assert complaint.custom_data == {"case_no": "1234"}
    assert Stage.objects.get().responded_date == datetime.date(2021, 5, 18)
    assert Payment.objects.get().amount == Decimal("150.50")
