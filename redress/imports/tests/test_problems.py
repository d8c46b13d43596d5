"""A file with any problem writes nothing and lists every problem: sheet, row, column, value and
reason, with rows numbered as a spreadsheet shows them (the header is row 1)."""

import pytest

from redress.complaints.state import refresh_complaints
from redress.complaints.tests.factories import ComplaintFactory
from redress.imports.services import import_dataset
from redress.organisations.tests.factories import ServiceAreaFactory

from .helpers import COMPLAINTS, STAGES, assert_nothing_written, lines

pytestmark = pytest.mark.usefixtures("configured")


def run(path, **options):
    return import_dataset(path=path, **options)


def test_a_bad_date_is_named_with_its_sheet_row_column_and_value(folder):
    path = folder(
        complaints="""
            reference,received_date,procedure,service_area
            CSC-1,2021-05-04,statutory,Fostering

            CSC-2,2021-13-01,statutory,Fostering
        """,
        stages=STAGES,
    )
    result = run(path)
    assert lines(result) == [
        "complaints row 4, column received_date, value '2021-13-01': "
        "not a date in the form YYYY-MM-DD",
    ]
    assert_nothing_written(result)


def test_an_unknown_code_lists_the_codes_allowed(folder):
    complaints = (
        COMPLAINTS.replace("reference,", "method,reference,")
        .replace("CSC-1,", "Fax,CSC-1,")
        .replace("CSC-2,", "EMAIL,CSC-2,")
    )
    result = run(folder(complaints=complaints, stages=STAGES))
    assert lines(result) == [
        "complaints row 2, column method, value 'Fax': not one of email, online_form, "
        "telephone, letter, in_person, advocate, via_worker, other",
    ]
    assert_nothing_written(result)


def test_a_missing_required_column_names_the_sheet_and_column(folder):
    stages = """
        reference,stage,responded_date
        CSC-1,1,2021-05-18
    """
    result = run(folder(complaints=COMPLAINTS, stages=stages))
    assert lines(result) == ["stages, column received_date: required column is missing"]
    assert_nothing_written(result)


def test_a_missing_required_sheet_and_an_unknown_sheet(folder):
    result = run(folder(complaints=COMPLAINTS, complaint_notes="a,b\n1,2\n"))
    assert lines(result) == [
        "complaint_notes.csv: not a sheet of the import format; the sheets are complaints, "
        "stages, aspects, mediation, ombudsman, ombudsman_remedies, payments, actions, "
        "compliments, feedback, satisfaction, context",
        "stages: the stages sheet is required",
    ]
    assert_nothing_written(result)


def test_an_unknown_column_is_an_error_unless_it_starts_with_x(folder):
    complaints = """
        reference,received_date,procedure,service_area,colour,x_ward
        CSC-1,2021-05-04,statutory,Fostering,blue,Aston
    """
    stages = """
        reference,stage,received_date
        CSC-1,1,2021-05-04
    """
    result = run(folder(complaints=complaints, stages=stages))
    assert lines(result) == [
        "complaints row 1, column colour: unknown column; custom columns must start with x_",
    ]
    assert_nothing_written(result)


def test_duplicate_references_are_reported_on_every_copy(folder):
    complaints = COMPLAINTS + "    CSC-1,2021-07-01,statutory,Fostering,P2\n"
    result = run(folder(complaints=complaints, stages=STAGES))
    assert lines(result) == [
        "complaints row 2, column reference, value 'CSC-1': the reference appears more than "
        "once (rows 2, 4)",
        "complaints row 4, column reference, value 'CSC-1': the reference appears more than "
        "once (rows 2, 4)",
    ]
    assert_nothing_written(result)


def test_stage_2_without_stage_1(folder):
    stages = """
        reference,stage,received_date
        CSC-1,2,2021-06-01
        CSC-2,1,2021-06-01
    """
    result = run(folder(complaints=COMPLAINTS, stages=stages))
    assert lines(result) == [
        "stages row 2, column stage, value '2': stage 2 without stage 1: complaint CSC-1 has "
        "no stage 1 in the file or in Redress",
    ]
    assert_nothing_written(result)


def test_stages_already_in_redress_count_in_the_order_of_stages(folder, d):
    complaint = ComplaintFactory(reference="CSC-9", received_date=d("2021-04-01"))
    complaint.stages.update(responded_date=d("2021-04-20"))
    refresh_complaints([complaint.pk])
    stages = """
        reference,stage,received_date
        CSC-9,2,2021-04-19
    """
    result = run(folder(complaints=COMPLAINTS, stages=stages + "    CSC-9,3,2021-06-01\n"))
    assert lines(result) == [
        "stages row 2, column received_date, value '2021-04-19': stage 2 received before the "
        "stage 1 response of 2021-04-20",
    ]


def test_an_unknown_service_area_suggests_create_missing(folder):
    complaints = COMPLAINTS.replace("Safeguarding", "Safeguardng")
    result = run(folder(complaints=complaints, stages=STAGES))
    assert lines(result) == [
        "complaints row 3, column service_area, value 'Safeguardng': service area "
        "'Safeguardng' is not configured; add it, or import with --create-missing to create it",
    ]
    assert_nothing_written(result)


def test_a_service_area_not_in_effect_on_the_received_date(folder, d):
    ServiceAreaFactory(name="Localities", valid_from=d("2022-01-01"))
    complaints = COMPLAINTS.replace("Safeguarding", "Localities")
    result = run(folder(complaints=complaints, stages=STAGES))
    assert lines(result) == [
        "complaints row 3, column service_area, value 'Localities': service area 'Localities' "
        "is not in effect on 2021-06-01 (it is in effect from 2022-01-01)",
    ]


@pytest.mark.parametrize(
    ("amount", "reason"),
    [
        ("£100", "not an amount in pounds: digits with up to two decimals and no symbol or "
         "commas, e.g. 1500.00"),
        ("1,500.00", "not an amount in pounds: digits with up to two decimals and no symbol or "
         "commas, e.g. 1500.00"),
        ("10.005", "more than two decimal places"),
        ("-5", "must not be negative"),
    ],
)  # fmt: skip
def test_bad_money(folder, amount, reason):
    payments = f"""
        reference,date,stage,kind,amount
        CSC-1,2021-07-01,1,compensation,"{amount}"
    """
    result = run(folder(complaints=COMPLAINTS, stages=STAGES, payments=payments))
    assert lines(result) == [f"payments row 2, column amount, value '{amount}': {reason}"]
    assert_nothing_written(result)


def test_every_problem_is_listed_in_sheet_row_and_column_order(folder):
    complaints = """
        reference,received_date,procedure,service_area,advocate,related_to
        CSC-1,2021-05-04,statutry,Fostering,maybe,
        CSC-2,2021-06-01,local,Safeguarding,none,CSC-7
        CSC-3,,local,Safeguarding,,CSC-3
    """
    stages = """
        reference,stage,received_date,responded_date,extended,extension_reason
        CSC-2,1,2021-06-01,2021-05-30,yes,Complex
        CSC-2,2,2021-06-10,,,
        CSC-2,3,2021-07-10,,,
        CSC-4,1,2021-06-01,,sometimes,Waiting
        CSC-3,1,2021-06-01,,,
    """
    aspects = """
        reference,stage,category,subcategory,finding
        CSC-2,2,Delay,Make a Decision,upheld
        CSC-2,1,Delay,Take a Holiday,
        CSC-3,2,Delay,,
    """
    ombudsman = """
        lgo_reference,reference,received_date,decision_date,decision
        21 001,CSC-2,2021-09-01,2021-08-01,fault_found
        21 001,,2021-09-02,,
    """
    result = run(folder(complaints=complaints, stages=stages, aspects=aspects, ombudsman=ombudsman))
    assert lines(result) == [
        "complaints row 2, column procedure, value 'statutry': not a configured procedure; the "
        "procedures are statutory, local",
        "complaints row 2, column advocate, value 'maybe': not one of none, internal, external",
        "complaints row 3, column related_to, value 'CSC-7': no complaint with this reference in "
        "the file or in Redress",
        "complaints row 4, column received_date, value '': a value is required",
        "complaints row 4, column related_to, value 'CSC-3': a complaint cannot follow on from "
        "itself",
        "stages row 2, column extended, value 'yes': the Local complaints procedure does not "
        "allow stage 1 to be extended",
        "stages row 2, column responded_date, value '2021-05-30': before the stage was received "
        "(2021-06-01)",
        "stages row 4, column stage, value '3': the Local complaints procedure has no stage 3",
        "stages row 5, column reference, value 'CSC-4': no complaint with this reference in the "
        "file or in Redress",
        "stages row 5, column extended, value 'sometimes': not yes or no",
        "stages row 5, column extension_reason, value 'Waiting': an extension reason is given "
        "but extended is not yes",
        "aspects row 3, column subcategory, value 'Take a Holiday': 'Take a Holiday' is not a "
        "subcategory of 'Delay' in Reasons for complaint (Birmingham Appendix B) (in effect on "
        "2021-06-01); add it, or import with --create-missing to create it",
        "aspects row 4, column stage, value '2': complaint CSC-3 has no stage 2 in the file or "
        "in Redress",
        "ombudsman row 2, column lgo_reference, value '21 001': the LGSCO reference appears more "
        "than once (rows 2, 3)",
        "ombudsman row 2, column decision_date, value '2021-08-01': before the enquiry was "
        "received (2021-09-01)",
        "ombudsman row 3, column lgo_reference, value '21 001': the LGSCO reference appears more "
        "than once (rows 2, 3)",
    ]
    assert_nothing_written(result)


def test_references_in_other_sheets_must_match_a_complaint(folder):
    sheets = {
        "mediation": "reference,offered_date\nCSC-8,2021-07-01\n",
        "payments": "reference,date,stage,kind,amount\nCSC-8,2021-07-01,lgo,compensation,5\n",
        "actions": "reference,description,raised_date\nCSC-8,Train staff,2021-07-01\n",
        "satisfaction": "reference,question,answer\nCSC-8,on_time,yes\n",
    }
    result = run(folder(complaints=COMPLAINTS, stages=STAGES, **sheets))
    assert lines(result) == [
        f"{sheet} row 2, column reference, value 'CSC-8': no complaint with this reference in "
        "the file or in Redress"
        for sheet in ("mediation", "payments", "actions", "satisfaction")
    ]


def test_a_stage_received_before_the_complaint_and_a_panel_report_before_the_panel(folder):
    stages = """
        reference,stage,received_date,panel_date,panel_report_date
        CSC-1,1,2021-05-03,,
        CSC-2,1,2021-06-01,2021-07-01,2021-06-30
    """
    result = run(folder(complaints=COMPLAINTS, stages=stages))
    assert lines(result) == [
        "stages row 2, column received_date, value '2021-05-03': before the complaint was "
        "received (2021-05-04)",
        "stages row 3, column panel_report_date, value '2021-06-30': the panel's report cannot "
        "come before the panel (2021-07-01)",
    ]


def test_an_unreadable_csv_is_a_problem_not_a_crash(folder):
    path = folder(complaints=COMPLAINTS, stages=STAGES)
    (path / "aspects.csv").write_bytes(b"reference,stage,category\nCSC-1,1,D\xe9lai\n")
    result = run(path)
    assert lines(result) == [
        "aspects: the file is not UTF-8 text; save it as 'CSV UTF-8'",
    ]
    assert_nothing_written(result)
