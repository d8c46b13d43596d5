"""The complaints sheet's `advocacy_offered` and `advocacy_referred_date`: optional, checked
(yes or no; a date not before the complaint was received), written and exported; a file from
before the columns existed leaves a referral recorded in Redress alone."""

import datetime

import pytest

from redress.complaints.models import Complaint
from redress.complaints.services import complaint_refer_advocacy
from redress.core import config
from redress.imports.services import import_dataset

from .helpers import STAGES, assert_nothing_written, lines

pytestmark = pytest.mark.usefixtures("configured")

D = datetime.date
COMPLAINTS = """
    reference,received_date,procedure,service_area,complainant_id,complainant_type,advocacy_offered,advocacy_referred_date
    CSC-1,2021-05-04,statutory,Fostering,P1,child_young_person,yes,2021-05-05
    CSC-2,2021-06-01,local,Safeguarding,P1,parent,,
"""
WITHOUT_THE_COLUMNS = """
    reference,received_date,procedure,service_area,complainant_id,complainant_type
    CSC-1,2021-05-04,statutory,Fostering,P1,child_young_person
    CSC-2,2021-06-01,local,Safeguarding,P1,parent
"""


def advocacy() -> dict[str, tuple[bool | None, datetime.date | None]]:
    return {
        c.reference: (c.advocacy_offered, c.advocacy_referred_on)
        for c in Complaint.objects.order_by("reference")
    }


def test_a_file_with_the_columns_imports_them(folder):
    result = import_dataset(path=folder(complaints=COMPLAINTS, stages=STAGES))
    assert result.problems == []
    assert advocacy() == {"CSC-1": (True, D(2021, 5, 5)), "CSC-2": (None, None)}


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("advocacy_offered", "maybe", "not yes or no"),
        ("advocacy_referred_date", "2021-05-03", "before the complaint was received (2021-05-04)"),
        ("advocacy_referred_date", "5/5/2021", "not a date in the form YYYY-MM-DD"),
    ],
)
def test_a_bad_value_is_named_with_its_sheet_row_and_column(folder, column, value, reason):
    original = "yes" if column == "advocacy_offered" else "2021-05-05"
    complaints = COMPLAINTS.replace(f",{original}", f",{value}", 1)
    result = import_dataset(path=folder(complaints=complaints, stages=STAGES))
    assert lines(result) == [f"complaints row 2, column {column}, value '{value}': {reason}"]
    assert_nothing_written(result)


def test_a_file_without_the_columns_keeps_a_referral_made_in_redress(folder):
    import_dataset(path=folder(complaints=WITHOUT_THE_COLUMNS, stages=STAGES))
    assert advocacy() == {"CSC-1": (None, None), "CSC-2": (None, None)}
    config.set_value("advocacy_provider_email", "referrals@advocacy.example", by=None)
    complaint = Complaint.objects.get(reference="CSC-1")
    complaint_refer_advocacy(complaint=complaint, referred_on=D(2021, 5, 6), by=None)

    result = import_dataset(path=folder("older", complaints=WITHOUT_THE_COLUMNS, stages=STAGES))
    assert result.problems == []
    assert result.counts["complaints"]["updated"] == 0
    assert advocacy()["CSC-1"] == (True, D(2021, 5, 6))
