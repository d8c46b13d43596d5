"""The ombudsman sheet's `response_sent_date`: optional, checked against the enquiry's receipt,
written and exported; a file from before the column existed leaves stored dates alone."""

import csv
import datetime

import pytest
from django.contrib.contenttypes.models import ContentType

from redress.complaints.tests.factories import ComplaintFactory
from redress.core.models import AuditEvent
from redress.imports.services import export_dataset, import_dataset
from redress.ombudsman.models import Enquiry
from redress.ombudsman.services import enquiry_record_response

from .helpers import COMPLAINTS, STAGES, assert_nothing_written, lines

pytestmark = pytest.mark.usefixtures("configured")

D = datetime.date

OMBUDSMAN = """
    lgo_reference,reference,received_date,response_sent_date,decision_date,decision
    21 001 001,CSC-1,2021-08-02,2021-08-27,2021-11-01,no_fault
    21 001 002,CSC-2,2021-09-01,,,
"""
# The same enquiries in a file written before the column was in the format.
WITHOUT_THE_COLUMN = """
    lgo_reference,reference,received_date,decision_date,decision
    21 001 001,CSC-1,2021-08-02,2021-11-01,no_fault
    21 001 002,CSC-2,2021-09-01,,
"""


def read_csv_rows(path):
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def enquiry_event(action: str, lgo_reference: str) -> AuditEvent:
    enquiry = Enquiry.objects.get(lgo_reference=lgo_reference)
    return AuditEvent.objects.get(
        action=action,
        content_type=ContentType.objects.get_for_model(Enquiry),
        object_id=str(enquiry.pk),
    )


def sent_dates() -> dict[str, datetime.date | None]:
    return dict(Enquiry.objects.values_list("lgo_reference", "response_sent_date"))


def test_a_file_with_the_column_imports_it(folder):
    result = import_dataset(path=folder(complaints=COMPLAINTS, stages=STAGES, ombudsman=OMBUDSMAN))

    assert result.problems == []
    assert sent_dates() == {"21 001 001": D(2021, 8, 27), "21 001 002": None}
    created = enquiry_event("import.created", "21 001 001")
    assert created.after["response_sent_date"] == "2021-08-27"


def test_a_file_without_the_column_still_imports(folder):
    path = folder(complaints=COMPLAINTS, stages=STAGES, ombudsman=WITHOUT_THE_COLUMN)
    result = import_dataset(path=path)

    assert result.problems == []
    assert result.counts["ombudsman"]["created"] == 2
    assert sent_dates() == {"21 001 001": None, "21 001 002": None}


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("2021-08-32", "not a date in the form YYYY-MM-DD"),
        ("27/08/2021", "not a date in the form YYYY-MM-DD"),
        ("2021-07-30", "before the enquiry was received (2021-08-02)"),
    ],
)
def test_a_bad_date_is_named_with_its_sheet_row_and_column(folder, value, reason):
    ombudsman = OMBUDSMAN.replace("2021-08-27", value)
    result = import_dataset(path=folder(complaints=COMPLAINTS, stages=STAGES, ombudsman=ombudsman))

    assert lines(result) == [
        f"ombudsman row 2, column response_sent_date, value '{value}': {reason}"
    ]
    assert_nothing_written(result)
    assert not Enquiry.objects.exists()


def test_a_partial_import_rejects_only_the_row_with_the_bad_date(folder):
    ombudsman = OMBUDSMAN.replace("2021-08-27", "2021-07-30")
    path = folder(complaints=COMPLAINTS, stages=STAGES, ombudsman=ombudsman)
    result = import_dataset(path=path, partial=True)

    assert sent_dates() == {"21 001 002": None}
    assert read_csv_rows(result.rejects_path / "ombudsman.csv") == [
        [
            "lgo_reference", "reference", "received_date", "response_sent_date",
            "decision_date", "decision", "reason",
        ],
        [
            "21 001 001", "CSC-1", "2021-08-02", "2021-07-30", "2021-11-01", "no_fault",
            "row 2: column response_sent_date, value '2021-07-30': before the enquiry was "
            "received (2021-08-02)",
        ],
    ]  # fmt: skip


def test_importing_again_changes_nothing_and_a_changed_date_updates_in_place(folder, tmp_path):
    import_dataset(path=folder(complaints=COMPLAINTS, stages=STAGES, ombudsman=OMBUDSMAN))

    again = import_dataset(path=folder("again", complaints=COMPLAINTS, stages=STAGES,
                                       ombudsman=OMBUDSMAN))  # fmt: skip
    assert again.counts["ombudsman"] == {
        "rows": 2, "created": 0, "updated": 0, "unchanged": 2, "rejected": 0,
    }  # fmt: skip
    assert again.audit_events == 0

    changed = OMBUDSMAN.replace("2021-08-27", "2021-08-20").replace(
        "2021-09-01,,", "2021-09-01,2021-09-20,"
    )
    result = import_dataset(path=folder("changed", complaints=COMPLAINTS, stages=STAGES,
                                        ombudsman=changed))  # fmt: skip
    assert result.counts["ombudsman"]["updated"] == 2
    assert sent_dates() == {"21 001 001": D(2021, 8, 20), "21 001 002": D(2021, 9, 20)}
    updated = enquiry_event("import.updated", "21 001 001")
    assert updated.before == {"response_sent_date": "2021-08-27"}
    assert updated.after == {"response_sent_date": "2021-08-20"}

    cleared = import_dataset(path=folder("cleared", complaints=COMPLAINTS, stages=STAGES,
                                         ombudsman=changed.replace("2021-08-20", "")))  # fmt: skip
    assert cleared.counts["ombudsman"]["updated"] == 1
    assert sent_dates() == {"21 001 001": None, "21 001 002": D(2021, 9, 20)}


def test_a_file_without_the_column_keeps_a_response_recorded_in_redress(folder):
    import_dataset(path=folder(complaints=COMPLAINTS, stages=STAGES, ombudsman=WITHOUT_THE_COLUMN))
    enquiry = Enquiry.objects.get(lgo_reference="21 001 002")
    enquiry_record_response(enquiry=enquiry, sent_on=D(2021, 9, 24), by=None)

    changed = WITHOUT_THE_COLUMN.replace("2021-09-01,,", "2021-09-01,2021-12-01,premature")
    result = import_dataset(path=folder("older", complaints=COMPLAINTS, stages=STAGES,
                                        ombudsman=changed))  # fmt: skip

    assert result.problems == []
    assert result.counts["ombudsman"]["updated"] == 1
    enquiry.refresh_from_db()
    assert enquiry.decision == "premature"
    assert enquiry.response_sent_date == D(2021, 9, 24)


def test_export_writes_the_column_and_it_imports_back(tmp_path):
    complaint = ComplaintFactory(reference="KCT-2021-0001", received_date=D(2021, 4, 6))
    Enquiry.objects.create(
        lgo_reference="21 004 512",
        complaint=complaint,
        received_date=D(2021, 8, 2),
        response_sent_date=D(2021, 8, 27),
    )
    Enquiry.objects.create(lgo_reference="21 009 001", received_date=D(2022, 1, 5))
    export_dataset(path=tmp_path / "first")

    assert read_csv_rows(tmp_path / "first" / "ombudsman.csv")[:3] == [
        [
            "lgo_reference", "reference", "received_date", "response_sent_date",
            "decision_date", "decision", "recommendations", "remedy_due_date",
            "remedy_completed_date", "organisation",
        ],
        ["21 004 512", "KCT-2021-0001", "2021-08-02", "2021-08-27", "", "", "", "", "", ""],
        ["21 009 001", "", "2022-01-05", "", "", "", "", "", "", ""],
    ]  # fmt: skip
    Enquiry.objects.update(response_sent_date=None)

    result = import_dataset(path=tmp_path / "first")

    assert result.problems == []
    assert result.counts["ombudsman"]["updated"] == 1
    assert sent_dates() == {"21 004 512": D(2021, 8, 27), "21 009 001": None}
