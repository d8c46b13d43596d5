"""Ombudsman enquiries' organisation, their remedies and the payments made on them: the ombudsman
sheet's optional `organisation` column, the optional `ombudsman_remedies` sheet and the payments
sheet's optional `lgo_reference` column. Each is checked (bad values named by sheet, row and
column, nothing written), written and exported; a file from before the columns existed leaves
what Redress holds alone, and an export imports back the same."""

import datetime
from decimal import Decimal

import pytest

from redress.complaints.models import Payment
from redress.imports.services import export_dataset, import_dataset
from redress.ombudsman.models import Enquiry, Remedy
from redress.ombudsman.services import remedy_add
from redress.organisations.models import Organisation
from redress.organisations.tests.factories import OrganisationFactory

from .helpers import COMPLAINTS, STAGES, assert_nothing_written, lines

pytestmark = pytest.mark.usefixtures("configured")

D = datetime.date

OMBUDSMAN = """
    lgo_reference,reference,received_date,decision_date,decision,organisation
    21 001 001,CSC-1,2021-08-02,2021-11-01,fault_found,Kingsmoor Council
    21 001 002,CSC-2,2021-09-01,2021-10-04,no_fault,
    21 001 003,CSC-2,2021-12-01,,,Kingsmoor Trust
"""
# The same enquiries in a file written before the column was in the format.
WITHOUT_THE_COLUMN = """
    lgo_reference,reference,received_date,decision_date,decision
    21 001 001,CSC-1,2021-08-02,2021-11-01,fault_found
    21 001 002,CSC-2,2021-09-01,2021-10-04,no_fault
    21 001 003,CSC-2,2021-12-01,,
"""
REMEDIES = """
    lgo_reference,kind,description,due_date,completed_date,evidence
    21 001 001,apology,Apologise for the delay.,2021-11-29,2021-11-04,Letter sent.
    21 001 001,payment,Pay £180 for the time and trouble.,2021-11-29,2021-11-15,Paid.
    21 001 001,start_stage,Begin a stage 2 investigation.,2021-11-29,,
"""
PAYMENTS = """
    reference,date,stage,kind,amount,lgo_reference
    CSC-1,2021-11-15,lgo,compensation,180.00,21 001 001
    CSC-1,2021-06-01,1,compensation,50.00,
"""
IMPORTED_REMEDIES = [
    ("apology", "Apologise for the delay.", D(2021, 11, 29), D(2021, 11, 4), "Letter sent."),
    ("payment", "Pay £180 for the time and trouble.", D(2021, 11, 29), D(2021, 11, 15), "Paid."),
    ("start_stage", "Begin a stage 2 investigation.", D(2021, 11, 29), None, ""),
]


@pytest.fixture
def council(db):
    return OrganisationFactory(name="Kingsmoor Council")


def history(folder, name="history", **sheets):
    sheets = {"complaints": COMPLAINTS, "stages": STAGES, **sheets}
    return import_dataset(path=folder(name, **sheets))


def organisations() -> dict[str, str | None]:
    return {
        e.lgo_reference: e.organisation.name if e.organisation else None
        for e in Enquiry.objects.select_related("organisation")
    }


def remedies() -> list[tuple]:
    return list(
        Remedy.objects.order_by("id").values_list(
            "kind", "description", "due_date", "completed_date", "evidence"
        )
    )


def test_a_file_with_them_imports_organisation_remedies_and_linked_payments(folder, council):
    result = history(folder, ombudsman=OMBUDSMAN, ombudsman_remedies=REMEDIES, payments=PAYMENTS)

    assert result.problems == []
    assert organisations() == {
        "21 001 001": "Kingsmoor Council",
        "21 001 002": None,
        "21 001 003": "Kingsmoor Trust",
    }
    assert remedies() == IMPORTED_REMEDIES
    assert {r.enquiry.lgo_reference for r in Remedy.objects.all()} == {"21 001 001"}
    linked = Payment.objects.get(stage="lgo")
    assert (linked.enquiry.lgo_reference, linked.amount) == ("21 001 001", Decimal("180.00"))
    assert Payment.objects.get(stage="1").enquiry is None


def test_importing_the_same_file_again_changes_nothing(folder, council):
    sheets = {"ombudsman": OMBUDSMAN, "ombudsman_remedies": REMEDIES, "payments": PAYMENTS}
    history(folder, **sheets)
    result = history(folder, "again", **sheets)

    assert result.problems == []
    counts = result.counts["ombudsman_remedies"]
    assert (counts["created"], counts["updated"], counts["unchanged"]) == (0, 0, 3)
    assert result.audit_events == 0
    assert remedies() == IMPORTED_REMEDIES


def test_remedies_of_an_enquiry_already_in_redress(folder, council):
    history(folder, ombudsman=OMBUDSMAN)
    result = history(folder, "later", ombudsman_remedies=REMEDIES, payments=PAYMENTS)

    assert result.problems == []
    assert remedies() == IMPORTED_REMEDIES
    assert Payment.objects.get(stage="lgo").enquiry.lgo_reference == "21 001 001"


def test_a_file_without_the_columns_keeps_what_redress_holds(folder, council):
    history(folder, ombudsman=OMBUDSMAN, payments=PAYMENTS)
    # Recorded on the staff pages after the file was made.
    enquiry = Enquiry.objects.get(lgo_reference="21 001 001")
    remedy_add(enquiry=enquiry, kind="apology", by=None)
    older_payments = "reference,date,stage,kind,amount\nCSC-1,2021-11-15,lgo,compensation,180.00\n"

    result = history(folder, "older", ombudsman=WITHOUT_THE_COLUMN, payments=older_payments)

    assert result.problems == []
    assert result.counts["ombudsman"]["updated"] == 0
    assert result.counts["payments"]["updated"] == 0
    assert organisations()["21 001 001"] == "Kingsmoor Council"
    assert Payment.objects.get(stage="lgo").enquiry == enquiry
    # No remedies sheet: the remedy recorded on the staff pages stays.
    assert Remedy.objects.filter(enquiry=enquiry).count() == 1


def test_new_enquiries_from_a_file_without_the_column_get_no_organisation(folder):
    result = history(folder, ombudsman=WITHOUT_THE_COLUMN)

    assert result.problems == []
    assert set(organisations().values()) == {None}


def test_a_blank_organisation_in_a_file_with_the_column_clears_it(folder, council):
    history(folder, ombudsman=OMBUDSMAN)
    result = history(folder, "again", ombudsman=OMBUDSMAN.replace("Kingsmoor Council", ""))

    assert result.problems == []
    assert organisations()["21 001 001"] is None


def test_an_unknown_organisation_is_created_only_when_asked(folder):
    result = history(folder, ombudsman=OMBUDSMAN)
    assert lines(result) == [
        "ombudsman row 2, column organisation, value 'Kingsmoor Council': organisation "
        "'Kingsmoor Council' is not configured; add it, or import with --create-missing to "
        "create it"
    ]
    assert_nothing_written(result)

    created = import_dataset(
        path=folder("again", complaints=COMPLAINTS, stages=STAGES, ombudsman=OMBUDSMAN),
        create_missing=True,
    )
    assert created.problems == []
    assert Organisation.objects.filter(name="Kingsmoor Council").exists()


@pytest.mark.parametrize(
    ("sheet", "row", "value", "column", "reason"),
    [
        (
            "ombudsman_remedies",
            "21 001 001,sorry,,,,",
            "sorry",
            "kind",
            "not one of apology, payment, service_improvement, start_stage, other",
        ),
        ("ombudsman_remedies", "21 001 001,,,,,", "", "kind", "required"),
        (
            "ombudsman_remedies",
            "21 009 999,apology,,,,",
            "21 009 999",
            "lgo_reference",
            "no Ombudsman enquiry with this LGSCO reference in the file or in Redress",
        ),
        (
            "ombudsman_remedies",
            "21 001 003,apology,,,,",
            "21 001 003",
            "lgo_reference",
            "the Ombudsman enquiry 21 001 003 has no decision: a remedy follows the decision",
        ),
        (
            "ombudsman_remedies",
            "21 001 002,apology,,,,",
            "apology",
            "kind",
            "the Ombudsman's decision on 21 001 002 (Investigated: no fault) asks for no remedy",
        ),
        (
            "ombudsman_remedies",
            "21 001 001,apology,,2021-10-29,,",
            "2021-10-29",
            "due_date",
            "before the Ombudsman's decision (2021-11-01)",
        ),
        (
            "ombudsman_remedies",
            "21 001 001,apology,,,2021-11-31,",
            "2021-11-31",
            "completed_date",
            "not a date in the form YYYY-MM-DD",
        ),
        (
            "ombudsman_remedies",
            "21 001 001,apology,,,2999-01-01,",
            "2999-01-01",
            "completed_date",
            "after today",
        ),
        (
            "ombudsman_remedies",
            "21 001 001,apology,,,,\x00",
            "\x00",
            "evidence",
            "NUL character",
        ),
        (
            "payments",
            "CSC-1,2021-11-15,lgo,compensation,180.00,21 009 999",
            "21 009 999",
            "lgo_reference",
            "no Ombudsman enquiry with this LGSCO reference in the file or in Redress",
        ),
        (
            "payments",
            "CSC-1,2021-11-15,1,compensation,180.00,21 001 001",
            "21 001 001",
            "lgo_reference",
            "only a payment at stage lgo can belong to an Ombudsman enquiry",
        ),
        (
            "payments",
            "CSC-2,2021-11-15,lgo,compensation,180.00,21 001 001",
            "21 001 001",
            "lgo_reference",
            "the Ombudsman enquiry 21 001 001 is about complaint CSC-1, not CSC-2",
        ),
        (
            "payments",
            "CSC-1,2021-11-15,lgo,compensation,180.00,../etc",
            "../etc",
            "lgo_reference",
            "not a reference Redress can use",
        ),
    ],
)
def test_a_bad_value_is_named_with_its_sheet_row_and_column(
    folder, council, sheet, row, value, column, reason
):
    header = {
        "ombudsman_remedies": "lgo_reference,kind,description,due_date,completed_date,evidence",
        "payments": "reference,date,stage,kind,amount,lgo_reference",
    }[sheet]
    result = history(folder, ombudsman=OMBUDSMAN, **{sheet: f"{header}\n{row}\n"})

    assert len(lines(result)) == 1, lines(result)
    assert lines(result)[0].startswith(f"{sheet} row 2, column {column}, value {value!r}: ")
    assert reason in lines(result)[0]
    assert_nothing_written(result)
    assert not Remedy.objects.exists()


def test_partial_rejects_the_remedies_of_a_rejected_enquiry(folder, council):
    ombudsman = OMBUDSMAN.replace("2021-11-01,fault_found", "2021-11-01,faulty")
    path = folder(
        complaints=COMPLAINTS,
        stages=STAGES,
        ombudsman=ombudsman,
        ombudsman_remedies=REMEDIES,
        payments=PAYMENTS,
    )
    result = import_dataset(path=path, partial=True)

    said = lines(result)
    assert said[0].startswith("ombudsman row 2, column decision, value 'faulty': ")
    assert [s.split(":")[0] for s in said[1:]] == [
        "ombudsman_remedies row 2, column lgo_reference, value '21 001 001'",
        "ombudsman_remedies row 3, column lgo_reference, value '21 001 001'",
        "ombudsman_remedies row 4, column lgo_reference, value '21 001 001'",
        "payments row 2, column lgo_reference, value '21 001 001'",
    ]
    assert not Remedy.objects.exists()
    assert Enquiry.objects.count() == 2
    assert Payment.objects.count() == 1


def test_the_export_writes_them_and_imports_back_the_same(folder, council, tmp_path):
    history(folder, ombudsman=OMBUDSMAN, ombudsman_remedies=REMEDIES, payments=PAYMENTS)
    export_dataset(path=tmp_path / "out")
    out = tmp_path / "out"
    assert (out / "ombudsman_remedies.csv").read_text().splitlines() == [
        "lgo_reference,kind,description,due_date,completed_date,evidence",
        "21 001 001,apology,Apologise for the delay.,2021-11-29,2021-11-04,Letter sent.",
        "21 001 001,payment,Pay £180 for the time and trouble.,2021-11-29,2021-11-15,Paid.",
        "21 001 001,start_stage,Begin a stage 2 investigation.,2021-11-29,,",
    ]
    assert (out / "ombudsman.csv").read_text().splitlines()[1].endswith(",Kingsmoor Council")
    assert "CSC-1,2021-11-15,lgo,compensation,180.00,21 001 001" in (
        (out / "payments.csv").read_text().splitlines()
    )
    Remedy.objects.all().delete()
    Payment.objects.update(enquiry=None)
    Enquiry.objects.update(organisation=None)

    result = import_dataset(path=out)

    assert result.problems == []
    assert remedies() == IMPORTED_REMEDIES
    assert organisations()["21 001 001"] == "Kingsmoor Council"
    assert Payment.objects.get(stage="lgo").enquiry.lgo_reference == "21 001 001"
    export_dataset(path=tmp_path / "again")
    for name in ("ombudsman", "ombudsman_remedies", "payments"):
        assert (tmp_path / "again" / f"{name}.csv").read_text() == (out / f"{name}.csv").read_text()


def test_two_remedies_of_a_kind_come_back_in_the_order_they_were_recorded(
    folder, council, tmp_path
):
    history(folder, ombudsman=OMBUDSMAN)
    enquiry = Enquiry.objects.get(lgo_reference="21 001 001")
    # Recorded on the staff pages: the later one first.
    remedy_add(enquiry=enquiry, kind="apology", by=None, description="To the mother.",
               due_on=D(2021, 12, 20))  # fmt: skip
    remedy_add(enquiry=enquiry, kind="apology", by=None, description="To the child.",
               due_on=D(2021, 11, 20))  # fmt: skip
    export_dataset(path=tmp_path / "out")

    result = import_dataset(path=tmp_path / "out")

    assert result.problems == []
    assert result.audit_events == 0
    assert [r[1] for r in remedies()] == ["To the mother.", "To the child."]
