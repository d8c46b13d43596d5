"""A service's report: extraction for some service areas holds only their records, in every
frame; and service areas are effective-dated, so a year that spans a restructure reports each
complaint against the service area it was recorded against."""

import datetime
from decimal import Decimal

import pytest

from redress.complaints.tests.factories import (
    AspectFactory,
    ComplaintFactory,
    LearningActionFactory,
    MediationFactory,
    PaymentFactory,
    StageFactory,
)
from redress.feedback.tests.factories import (
    ComplimentFactory,
    InformalFeedbackFactory,
    SatisfactionAnswerFactory,
)
from redress.ombudsman.tests.factories import EnquiryFactory
from redress.organisations.tests.factories import LocalityFactory, ServiceAreaFactory
from redress.reporting.facts import extract_facts
from redress.reporting.figures import compute_figures
from redress.reporting.periods import financial_year
from redress.reporting.tests.factories import ContextFigureFactory

pytestmark = pytest.mark.django_db

AS_OF = datetime.date(2022, 5, 31)
d = datetime.date.fromisoformat
FRAMES = (
    "aspects", "mediations", "enquiries", "payments", "compliments", "feedback", "satisfaction",
    "actions", "context",
)  # fmt: skip


def test_a_service_report_holds_only_that_services_records(calendar):
    mine, other = ServiceAreaFactory(name="Fostering"), ServiceAreaFactory(name="Adoption")
    for service, reference in ((mine, "M"), (other, "O")):
        complaint = ComplaintFactory(
            reference=reference, service_area=service, received_date=d("2021-06-07")
        )
        AspectFactory(stage=complaint.stages.get())
        MediationFactory(complaint=complaint)
        enquiry = EnquiryFactory(complaint=complaint)
        # An Ombudsman remedy payment linked to the enquiry only.
        PaymentFactory(enquiry=enquiry, stage="lgo", amount=Decimal("75.00"))
        ComplimentFactory(service_area=service)
        InformalFeedbackFactory(service_area=service)
        SatisfactionAnswerFactory(complaint=complaint)
        LearningActionFactory(complaint=complaint)
        ContextFigureFactory(measure="open_cases", service_area=service, value=100)
    ContextFigureFactory(measure="referrals", value=15636)  # the whole authority's

    facts = extract_facts(as_of=AS_OF, calendar=calendar, service_area_ids=[mine.pk])
    assert facts.stages["reference"].to_list() == ["M"]
    for name in FRAMES:
        frame = getattr(facts, name)
        assert frame.height == 1, name
        assert frame["service_area_id"].to_list() == [mine.pk], name
    assert facts.payments["pence"].to_list() == [7500]
    everyone = extract_facts(as_of=AS_OF, calendar=calendar)
    assert everyone.payments.height == 2
    assert everyone.context.height == 3


def test_effective_dated_service_areas_across_a_restructure(calendar):
    """A complaint stays with the service area it was recorded against: a 2021 complaint about
    the citywide Safeguarding service keeps it when its stage 2 comes after the January 2022
    restructure into localities; complaints after it go to the new services. A service that
    kept its name across the restructure is one row."""
    north = LocalityFactory(name="North")
    old = ServiceAreaFactory(name="Safeguarding", valid_to=d("2021-12-31"))
    new = ServiceAreaFactory(name="North Safeguarding", valid_from=d("2022-01-01"), locality=north)
    fostering_before = ServiceAreaFactory(name="Fostering", valid_to=d("2021-12-31"))
    fostering_after = ServiceAreaFactory(name="Fostering", valid_from=d("2022-01-01"))
    before = ComplaintFactory(service_area=old, received_date=d("2021-10-04"))
    StageFactory(complaint=before, number=2, received_date=d("2022-02-01"))
    ComplaintFactory(service_area=new, locality=north, received_date=d("2022-02-14"))
    ComplaintFactory(service_area=fostering_before, received_date=d("2021-11-01"))
    ComplaintFactory(service_area=fostering_after, received_date=d("2022-03-01"))

    figures = compute_figures(
        facts=extract_facts(as_of=AS_OF, calendar=calendar), period=financial_year("2021-22")
    )
    assert figures.tables["received.by_service"] == [
        {"service": "Fostering", "stage1": 2, "stage2": 0, "stage3": 0},
        {"service": "Safeguarding", "stage1": 1, "stage2": 1, "stage3": 0},
        {"service": "North Safeguarding", "stage1": 1, "stage2": 0, "stage3": 0},
    ]
    assert figures.tables["received.by_area"] == [
        {"area": "Citywide", "stage1": 3, "stage2": 1, "stage3": 0},
        {"area": "North", "stage1": 1, "stage2": 0, "stage3": 0},
    ]
    # The old structure's report, asked for by its service area, still finds its stage 2.
    old_only = extract_facts(as_of=AS_OF, calendar=calendar, service_area_ids=[old.pk])
    assert old_only.stages.select("stage", "received").to_dicts() == [
        {"stage": 1, "received": d("2021-10-04")},
        {"stage": 2, "received": d("2022-02-01")},
    ]
