"""Values no import may store (issue 8, point 10): control characters (a NUL above all, which
PostgreSQL cannot store and SQLite stored), references that could mean something in a link, a
file name or a page, and dates that cannot be. Each is a located problem and nothing is
written."""

import datetime

import pytest

from redress.complaints.models import Complaint
from redress.imports.services import import_dataset

from .helpers import assert_nothing_written, lines
from .workbooks import save

pytestmark = pytest.mark.usefixtures("configured")


def csv_rows(*rows: str) -> str:
    return "\n".join(rows) + "\n"


HEADER = "reference,received_date,procedure,service_area,summary"


def one_complaint(summary: str = "", *, reference: str = "CSC-1", extra: str = "") -> str:
    return csv_rows(HEADER + extra, f"{reference},2021-05-04,statutory,Fostering,{summary}")


def write_folder(tmp_path, complaints: str, stages: str = "reference,stage,received_date\n"):
    path = tmp_path / "history"
    path.mkdir()
    (path / "complaints.csv").write_text(complaints, encoding="utf-8")
    (path / "stages.csv").write_text(stages, encoding="utf-8")
    return path


def test_a_nul_byte_is_refused_not_stored(tmp_path):
    result = import_dataset(path=write_folder(tmp_path, one_complaint("before\x00after")))
    assert lines(result) == [
        "complaints row 2, column summary, value 'before\\x00after': holds a NUL character "
        "(U+0000), which is never allowed",
    ]
    assert_nothing_written(result)


def test_a_nul_byte_in_a_custom_column(tmp_path):
    complaints = one_complaint("fine,A\x00", extra=",x_ward")
    path = write_folder(tmp_path, complaints)
    result = import_dataset(path=path)
    assert lines(result) == [
        "complaints row 2, column x_ward, value 'A\\x00': holds a NUL character (U+0000), which "
        "is never allowed",
    ]
    assert_nothing_written(result)


def test_a_control_character_in_a_custom_column_name(tmp_path):
    path = write_folder(tmp_path, one_complaint(extra=",x_wa\x01rd"))
    result = import_dataset(path=path)
    assert lines(result) == [
        "complaints row 1, column x_wa\x01rd: the column's name holds a control character (U+0001)",
    ]
    assert_nothing_written(result)


def test_free_text_keeps_its_tabs_and_line_breaks(tmp_path):
    summary = '"First line,\r\nsecond\tline"'
    result = import_dataset(path=write_folder(tmp_path, one_complaint(summary)))
    assert result.problems == []
    assert Complaint.objects.get().summary == "First line,\r\nsecond\tline"


@pytest.mark.parametrize(
    ("summary", "reason"),
    [
        ("bell\x07", "holds a control character (U+0007)"),
        ("escape\x1b[31m", "holds a control character (U+001B)"),
        ("next\x85line", "holds a control character (U+0085)"),
    ],
)
def test_other_control_characters_in_free_text_are_refused(tmp_path, summary, reason):
    result = import_dataset(path=write_folder(tmp_path, one_complaint(summary)))
    assert lines(result) == [f"complaints row 2, column summary, value {summary!r}: {reason}"]
    assert_nothing_written(result)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ('"Foster\ning"', "holds a tab or a line break (U+000A); only free text may"),
        ("Foster\u202eing", "holds a character that reverses the direction of text (U+202E)"),
    ],
)
def test_a_name_is_one_line_of_text_in_one_direction(tmp_path, name, reason):
    complaints = one_complaint().replace("Fostering", name)
    result = import_dataset(path=write_folder(tmp_path, complaints), create_missing=True)
    value = name.strip('"')
    assert lines(result) == [f"complaints row 2, column service_area, value {value!r}: {reason}"]
    assert_nothing_written(result)


NOT_A_REFERENCE = (
    "not a reference Redress can use: letters, digits, spaces and - / _ . only, starting and "
    "ending with a letter or digit, with no '..'"
)


@pytest.mark.parametrize(
    "reference",
    [
        "../../etc/passwd",
        "CSC/../1",
        "<script>alert(1)</script>",
        '"CSC-1\nCSC-2"',
        "\u202eCSC-1",
        "CSC-1\u2066",
        "CSC-1;DROP",
        "-CSC-1",
        "CSC 1 .",
    ],
)
def test_unsafe_references_are_refused(tmp_path, reference):
    stages = csv_rows("reference,stage,received_date")
    result = import_dataset(path=write_folder(tmp_path, one_complaint(reference=reference), stages))
    value = reference.strip('"')
    assert lines(result) == [
        f"complaints row 2, column reference, value {value!r}: {NOT_A_REFERENCE}"
    ]
    assert_nothing_written(result)


def test_references_as_authorities_and_the_ombudsman_write_them(tmp_path):
    references = ["KCT-2021-000123", "CSC/21/104", "COMP_2021.7", "21 003 456", "B12345"]
    complaints = csv_rows(HEADER, *(f"{r},2021-05-04,statutory,Fostering," for r in references))
    stages = csv_rows("reference,stage,received_date", *(f"{r},1,2021-05-04" for r in references))
    path = write_folder(tmp_path, complaints, stages)
    (path / "ombudsman.csv").write_text(
        "lgo_reference,reference,received_date\n21 003 456,KCT-2021-000123,2021-09-01\n"
    )
    result = import_dataset(path=path)
    assert result.problems == []
    assert sorted(Complaint.objects.values_list("reference", flat=True)) == sorted(references)


def test_an_lgo_reference_and_a_complainant_key_are_references_too(tmp_path):
    complaints = csv_rows(HEADER + ",complainant_id", "CSC-1,2021-05-04,statutory,Fostering,,../P1")
    path = write_folder(tmp_path, complaints, csv_rows("reference,stage,received_date"))
    (path / "ombudsman.csv").write_text(
        "lgo_reference,reference,received_date\n<b>21</b>,CSC-1,2021-09-01\n"
    )
    result = import_dataset(path=path)
    assert lines(result) == [
        f"complaints row 2, column complainant_id, value '../P1': {NOT_A_REFERENCE}",
        f"ombudsman row 2, column lgo_reference, value '<b>21</b>': {NOT_A_REFERENCE}",
    ]
    assert_nothing_written(result)


def test_a_workbook_is_held_to_the_same_rules(tmp_path):
    path = save(
        tmp_path / "history.xlsx",
        complaints=[
            ["reference", "received_date", "procedure", "service_area", "summary"],
            ["../CSC-1", "2021-05-04", "statutory", "Fostering", "fine"],
            ["CSC-2", "2099-01-01", "statutory", "Fostering", "fine"],
        ],
        stages=[["reference", "stage", "received_date"]],
    )
    result = import_dataset(path=path)
    assert lines(result) == [
        f"complaints row 2, column reference, value '../CSC-1': {NOT_A_REFERENCE}",
        "complaints row 3, column received_date, value '2099-01-01': after today "
        f"({datetime.date.today()}): a date when something happened cannot be in the future",
    ]
    assert_nothing_written(result)


@pytest.fixture
def today(settings):
    settings.REDRESS_TODAY = datetime.date(2021, 6, 30)
    return settings.REDRESS_TODAY


def test_what_happened_cannot_be_after_today(tmp_path, today):
    complaints = csv_rows(
        HEADER, "CSC-1,2021-06-30,statutory,Fostering,", "CSC-2,2021-07-01,statutory,Fostering,"
    )
    stages = csv_rows(
        "reference,stage,received_date,responded_date",
        "CSC-1,1,2021-06-30,2099-12-31",
        "CSC-2,1,2021-07-01,",
    )
    path = write_folder(tmp_path, complaints, stages)
    (path / "payments.csv").write_text(
        "reference,date,stage,kind,amount\nCSC-1,2021-07-02,1,compensation,50\n"
    )
    result = import_dataset(path=path)
    future = "after today (2021-06-30): a date when something happened cannot be in the future"
    assert lines(result) == [
        f"complaints row 3, column received_date, value '2021-07-01': {future}",
        f"stages row 2, column responded_date, value '2099-12-31': {future}",
        f"stages row 3, column received_date, value '2021-07-01': {future}",
        f"payments row 2, column date, value '2021-07-02': {future}",
    ]
    assert_nothing_written(result)


def test_what_is_due_may_be_ahead_but_not_by_decades(tmp_path, today):
    complaints = csv_rows(HEADER, "CSC-1,2021-05-04,statutory,Fostering,")
    stages = csv_rows("reference,stage,received_date", "CSC-1,1,2021-05-04")
    path = write_folder(tmp_path, complaints, stages)
    (path / "actions.csv").write_text(
        "reference,description,raised_date,due_date\n"
        "CSC-1,Train the team,2021-06-01,2022-03-31\n"
        "CSC-1,Rewrite the leaflet,2021-06-01,2099-01-01\n"
    )
    (path / "ombudsman.csv").write_text(
        "lgo_reference,reference,received_date,decision_date,remedy_due_date\n"
        "21 000 001,CSC-1,2021-06-01,2021-06-29,2021-09-29\n"
    )
    result = import_dataset(path=path)
    assert lines(result) == [
        "actions row 3, column due_date, value '2099-01-01': more than 5 years after today "
        "(2021-06-30)",
    ]
    assert_nothing_written(result)
    result = import_dataset(path=path, partial=True)
    assert result.counts["actions"]["created"] == 1
    assert result.counts["ombudsman"]["created"] == 1


def test_a_date_before_1990_is_refused_as_a_slip_of_the_year(tmp_path, today):
    complaints = csv_rows(
        HEADER,
        "CSC-1,1066-10-14,statutory,Fostering,",
        "CSC-2,0001-01-01,statutory,Fostering,",
        "CSC-3,1990-01-01,statutory,Fostering,",
    )
    stages = csv_rows(
        "reference,stage,received_date,responded_date",
        "CSC-1,1,1066-10-14,",
        "CSC-2,1,0001-01-01,",
        "CSC-3,1,1990-01-01,1989-12-31",
    )
    path = write_folder(tmp_path, complaints, stages)
    (path / "actions.csv").write_text(
        "reference,description,raised_date,due_date\nCSC-3,Train the team,1990-01-02,0001-01-01\n"
    )
    result = import_dataset(path=path)
    too_early = [line for line in lines(result) if "before 1990" in line]
    assert too_early == [
        "complaints row 2, column received_date, value '1066-10-14': before 1990: check the year",
        "complaints row 3, column received_date, value '0001-01-01': before 1990: check the year",
        "stages row 2, column received_date, value '1066-10-14': before 1990: check the year",
        "stages row 3, column received_date, value '0001-01-01': before 1990: check the year",
        "stages row 4, column responded_date, value '1989-12-31': before 1990: check the year",
        "actions row 2, column due_date, value '0001-01-01': before 1990: check the year",
    ]
    assert_nothing_written(result)


def test_the_earliest_year_is_a_setting(tmp_path, today, settings):
    settings.REDRESS_IMPORT_EARLIEST_YEAR = 2021
    path = write_folder(
        tmp_path,
        csv_rows(HEADER, "CSC-1,2020-12-31,statutory,Fostering,"),
        csv_rows("reference,stage,received_date", "CSC-1,1,2021-01-04"),
    )
    result = import_dataset(path=path)
    assert lines(result) == [
        "complaints row 2, column received_date, value '2020-12-31': before 2021: check the year",
    ]
    assert_nothing_written(result)
