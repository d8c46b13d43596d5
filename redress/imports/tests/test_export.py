"""`export` writes every sheet of the format; export, import into an empty database, export
again gives the same file."""

import datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from redress.complaints.models import (
    Aspect,
    Complaint,
    Extension,
    LearningAction,
    Mediation,
    Payment,
    Stage,
)
from redress.complaints.tests.factories import (
    AspectFactory,
    ComplaintFactory,
    ExtensionFactory,
    LearningActionFactory,
    MediationFactory,
    PaymentFactory,
    StageFactory,
)
from redress.feedback.models import Compliment, InformalFeedback, SatisfactionAnswer
from redress.feedback.tests.factories import (
    ComplimentFactory,
    InformalFeedbackFactory,
    SatisfactionAnswerFactory,
)
from redress.imports.format import SHEETS
from redress.imports.services import export_dataset, import_dataset
from redress.ombudsman.models import Enquiry, Remedy
from redress.ombudsman.tests.factories import EnquiryFactory
from redress.organisations.models import Locality, Organisation, ServiceArea
from redress.organisations.tests.factories import (
    LocalityFactory,
    OrganisationFactory,
    ServiceAreaFactory,
)
from redress.people.models import Person
from redress.procedures.models import Procedure
from redress.reporting.models import ContextFigure
from redress.reporting.tests.factories import ContextFigureFactory
from redress.taxonomies.tests.factories import shipped_term, shipped_theme

pytestmark = pytest.mark.django_db

D = datetime.date


def every_sheet() -> None:
    """A small authority's records, touching every column of every sheet."""
    trust = OrganisationFactory(name="Kingsmoor Trust")
    council = OrganisationFactory(name="Kingsmoor Council")
    south = LocalityFactory(name="South")
    fostering = ServiceAreaFactory(name="Fostering", locality=south)
    first = ComplaintFactory(
        reference="KCT-2021-0001",
        received_date=D(2021, 4, 6),
        method="online_form",
        complainant_type="child_young_person",
        advocate="external",
        advocacy_offered=True,
        advocacy_referred_on=D(2021, 4, 7),
        organisation=trust,
        service_area=fostering,
        locality=south,
        theme=shipped_theme("Decision Making"),
        summary='Wanted to live with her sister, "soon".\nSecond line, with a comma.',
        custom_data={"ward": "Aston", "legacy_id": "A-17"},
        stage1__responded_date=D(2021, 4, 30),
        stage1__outcome="partially_upheld",
        stage1__organisation=trust,
        stage1__custom_data={"room": "4"},
    )
    stage1 = first.stages.get(number=1)
    ExtensionFactory(stage=stage1, reason="Advocate needed")
    stage2 = StageFactory(
        complaint=first,
        number=2,
        received_date=D(2021, 5, 10),
        acknowledged_date=D(2021, 5, 11),
        statement_agreed_date=D(2021, 5, 20),
        responded_date=D(2021, 7, 1),
        outcome="upheld",
        organisation=council,
    )
    ExtensionFactory(stage=stage2, extended_to_days=65, reason="First reason")
    ExtensionFactory(stage=stage2, extended_to_days=65, reason="Investigator ill")
    StageFactory(
        complaint=first,
        number=3,
        received_date=D(2021, 7, 20),
        panel_date=D(2021, 8, 25),
        panel_report_date=D(2021, 8, 31),
    )
    AspectFactory(stage=stage1, finding="upheld", custom_data={"note": "main"})
    AspectFactory(stage=stage1, category=shipped_term("Delay"), subcategory=None)
    AspectFactory(stage=stage2, category=shipped_term("Delay"), subcategory=None, finding="upheld")
    second = ComplaintFactory(
        reference="KCT-2021-0002",
        received_date=D(2021, 4, 6),
        procedure=Procedure.objects.get(code="local"),
        service_area=fostering,
        complainant=first.complainant,
        related_to=first,
    )
    MediationFactory(complaint=first, offered_date=D(2021, 5, 1), held_date=D(2021, 5, 7),
                     outcome="escalated", custom_data={"mediator_firm": "Calm Ltd"})  # fmt: skip
    enquiry = EnquiryFactory(
        lgo_reference="21 004 512",
        complaint=first,
        organisation=council,
        response_sent_date=D(2021, 8, 27),
        decision_date=D(2021, 11, 1),
        decision="fault_found",
        recommendations="Apologise; pay £250.",
        remedy_due_date=D(2021, 12, 1),
        remedy_completed_date=D(2021, 11, 20),
        custom_data={"investigator": "J. Patel"},
    )
    EnquiryFactory(lgo_reference="21 009 001", received_date=D(2022, 1, 5))
    Remedy.objects.create(enquiry=enquiry, kind="payment", due_date=D(2021, 12, 1),
                          completed_date=D(2021, 11, 20), evidence="Paid by BACS.",
                          custom_data={"cost_code": "LGO-1"})  # fmt: skip
    Remedy.objects.create(enquiry=enquiry, kind="apology", description="Apologise in writing.")
    for _ in range(2):  # identical payments stay two payments
        PaymentFactory(complaint=first, amount=Decimal("250.00"))
    PaymentFactory(complaint=first, stage="lgo", amount=Decimal("250.00"), enquiry=enquiry,
                   date=D(2021, 11, 20))  # fmt: skip
    PaymentFactory(stage="2", kind="investigating_officer", amount=Decimal("1234.5"),
                   date=D(2021, 7, 1), custom_data={"invoice": "INV-9"})  # fmt: skip
    LearningActionFactory(
        complaint=first,
        theme=shipped_theme("Communication", "learning-themes-2021"),
        owner="Head of Fostering",
        completed_date=D(2021, 9, 1),
        custom_data={"board": "Practice Week"},
    )
    LearningActionFactory(complaint=None, description="Refresh the leaflet.", due_date=None)
    ComplimentFactory(service_area=fostering, locality=south, staff_member="Amira Khan",
                      consent_to_publish=True, source="foster_carer", external=True,
                      custom_data={"via": "card"})  # fmt: skip
    ComplimentFactory(service_area=fostering, staff_member="", external=None, source="", text="")
    InformalFeedbackFactory(theme=shipped_theme("Placement"), service_area=fostering,
                            satisfied=False, custom_data={"advocate_org": "Voice"})  # fmt: skip
    InformalFeedbackFactory(from_child=False, advocate=None)
    SatisfactionAnswerFactory(
        complaint=first, question="on_time", answer="partly", custom_data={"asked_by": "IRO"}
    )
    SatisfactionAnswerFactory(complaint=first, question="rights_understood", answer="")
    SatisfactionAnswerFactory(complaint=second, question="taken_seriously", answer="no")
    ContextFigureFactory(value=Decimal("15636"), custom_data={"source": "CIN census"})
    ContextFigureFactory(measure="open_cases", service_area=fostering, value=Decimal("412.5"))


def empty_the_database() -> None:
    for model in (
        Payment,
        Remedy,
        LearningAction,
        Enquiry,
        SatisfactionAnswer,
        Mediation,
        Aspect,
        Extension,
        Stage,
        Complaint,
        Compliment,
        InformalFeedback,
        ContextFigure,
        ServiceArea,
        Locality,
        Organisation,
        Person,
    ):
        model.objects.all().delete()


def files(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_an_empty_database_exports_every_sheet_with_its_header(tmp_path):
    result = export_dataset(path=tmp_path / "out")
    assert result.counts == dict.fromkeys(SHEETS, 0)
    for name, sheet in SHEETS.items():
        assert (tmp_path / "out" / f"{name}.csv").read_text() == ",".join(sheet.names) + "\n"


def test_values_are_written_in_the_format(tmp_path):
    every_sheet()
    export_dataset(path=tmp_path / "out")
    out = tmp_path / "out"
    assert (out / "complaints.csv").read_text().splitlines()[:2] == [
        "reference,received_date,procedure,method,complainant_id,complainant_type,advocate,"
        "advocacy_offered,advocacy_referred_date,organisation,service_area,locality,theme,"
        "summary,related_to,x_legacy_id,x_ward",
        "KCT-2021-0001,2021-04-06,statutory,online_form,"
        f"{Person.objects.get().key},child_young_person,external,yes,2021-04-07,"
        "Kingsmoor Trust,Fostering,"
        'South,Decision Making,"Wanted to live with her sister, ""soon"".',
    ]
    assert (out / "stages.csv").read_text().splitlines()[1:3] == [
        "KCT-2021-0001,1,2021-04-06,,,yes,Advocate needed,2021-04-30,partially_upheld,"
        "Kingsmoor Trust,,,4",
        "KCT-2021-0001,2,2021-05-10,2021-05-11,2021-05-20,yes,Investigator ill,2021-07-01,"
        "upheld,Kingsmoor Council,,,",
    ]
    assert (out / "payments.csv").read_text().splitlines() == [
        "reference,date,stage,kind,amount,lgo_reference,x_invoice",
        ",2021-07-01,2,investigating_officer,1234.50,,INV-9",
        "KCT-2021-0001,2021-07-01,1,compensation,250.00,,",
        "KCT-2021-0001,2021-07-01,1,compensation,250.00,,",
        "KCT-2021-0001,2021-11-20,lgo,compensation,250.00,21 004 512,",
    ]
    assert (out / "ombudsman_remedies.csv").read_text().splitlines() == [
        "lgo_reference,kind,description,due_date,completed_date,evidence,x_cost_code",
        "21 004 512,payment,,2021-12-01,2021-11-20,Paid by BACS.,LGO-1",
        "21 004 512,apology,Apologise in writing.,,,,",
    ]
    assert (out / "ombudsman.csv").read_text().splitlines() == [
        "lgo_reference,reference,received_date,response_sent_date,decision_date,decision,"
        "recommendations,remedy_due_date,remedy_completed_date,organisation,x_investigator",
        "21 004 512,KCT-2021-0001,2021-08-02,2021-08-27,2021-11-01,fault_found,"
        "Apologise; pay £250.,2021-12-01,2021-11-20,Kingsmoor Council,J. Patel",
        "21 009 001,,2022-01-05,,,,,,,,",
    ]
    assert (out / "context.csv").read_text().splitlines() == [
        "period,measure,service_area,value,x_source",
        "2021-22,referrals,,15636,CIN census",
        "2021-22,open_cases,Fostering,412.50,",
    ]
    for sheet in SHEETS:  # every sheet keeps x_ columns
        assert ",x_" in (out / f"{sheet}.csv").read_text().splitlines()[0], sheet
    assert (out / "compliments.csv").read_text().splitlines()[1:] == [
        "2021-05-04,Fostering,,,no,,,,",
        "2021-05-04,Fostering,South,Amira Khan,yes,foster_carer,yes,"
        "Thank you for everything you have done for our family.,card",
    ]


def test_export_import_into_an_empty_database_export_is_identical_for_csv(tmp_path):
    every_sheet()
    first = export_dataset(path=tmp_path / "first")
    empty_the_database()

    result = import_dataset(path=tmp_path / "first", create_missing=True)
    second = export_dataset(path=tmp_path / "second")

    assert result.problems == []
    assert first.counts == second.counts
    assert first.counts["payments"] == 4
    assert first.counts["ombudsman_remedies"] == 2
    assert files(tmp_path / "first") == files(tmp_path / "second")


def test_export_import_into_an_empty_database_export_is_identical_for_xlsx(tmp_path):
    every_sheet()
    export_dataset(path=tmp_path / "first.xlsx")
    empty_the_database()

    result = import_dataset(path=tmp_path / "first.xlsx", create_missing=True)
    export_dataset(path=tmp_path / "second.xlsx")

    assert result.problems == []
    first = load_workbook(tmp_path / "first.xlsx", read_only=True)
    second = load_workbook(tmp_path / "second.xlsx", read_only=True)
    assert first.sheetnames == second.sheetnames == list(SHEETS)
    for name in SHEETS:
        assert list(first[name].iter_rows(values_only=True)) == list(
            second[name].iter_rows(values_only=True)
        )
    stage = next(first["stages"].iter_rows(min_row=2, max_row=2, values_only=True))
    assert stage[2] == datetime.datetime(2021, 4, 6)


def test_an_export_imports_back_into_the_same_database_changing_nothing(tmp_path):
    every_sheet()
    export_dataset(path=tmp_path / "out.xlsx")

    result = import_dataset(path=tmp_path / "out.xlsx")

    assert result.problems == []
    assert result.audit_events == 0
    assert {
        name: counts["created"] + counts["updated"] for name, counts in result.counts.items()
    } == (dict.fromkeys(result.counts, 0))
