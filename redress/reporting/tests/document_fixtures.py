"""The report document's tests' two years: a small year of records made with the factories,
whose figures are worked out by hand below, and the demo year (`demo_year_document`).

2021-22, read at 31 May 2022:

- South Safeguarding (locality South) and Adoption (citywide).
- Stage 1: A1 (parent, South, received Mon 7 June 2021, answered Mon 14 June: 5 working
  days, upheld); A2 (a child, with an internal advocate, South, received Mon 5 July, answered
  Fri 16 July: 9 working days, partially upheld); A3 (parent, Adoption, received Wed 1
  September, answered Wed 13 October: 30 working days, not upheld); A4 (parent, Adoption,
  withdrawn). So 4 received, 2 upheld or partially (50.0%), 1 from a child (25.0%); 3
  responses count for timeliness (A4 is withdrawn): 2 within 20 working days (66.7%), on
  average (5 + 9 + 30) / 3 = 14.67 working days.
- Stage 2: A1's, received 1 July, partially upheld: 1 received (none the year before), 100.0%.
- 2020-21: 2 stage 1 complaints (South), so stage 1 rose by 100.0%.
- Reasons on stage 1: Service Quality twice, Delay once: 66.7% and 33.3%.
- Payments: compensation £100.00 (£200.00 in 2020-21: down 50.0%); an investigating officer
  £1,000.00 (nothing in 2020-21, so no % change).
- Compliments: Sam Taylor (agreed to be named) and Joel Davison (did not), one the year
  before: up 100.0% to 2.
- One learning action, completed, naming the child.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from redress.complaints.tests.factories import (
    AspectFactory,
    ComplaintFactory,
    LearningActionFactory,
    PaymentFactory,
    StageFactory,
)
from redress.feedback.tests.factories import ComplimentFactory
from redress.organisations.tests.factories import LocalityFactory, ServiceAreaFactory
from redress.people.tests.factories import PersonFactory
from redress.procedures.calendar import WorkingCalendar
from redress.reporting.document.build import build_document
from redress.reporting.document.model import ReportDocument
from redress.reporting.facts import Facts, extract_facts
from redress.reporting.figures import FigureSet, ReportSettings, compute_figures
from redress.reporting.periods import financial_year
from redress.reporting.publish import publish_figures
from redress.taxonomies.tests.factories import shipped_term

from .builders.published import birmingham_facts

AS_OF = datetime.date(2022, 5, 31)
YEAR = financial_year("2021-22")
SETTINGS = ReportSettings(stage2_average_cost=Decimal("3500.00"), suppression_threshold=5)
CHILD_SUMMARY = "Jamie Smith says his social worker never calls back; Priya Patel helped him write."
ACTION = "Remind Jamie Smith's social worker to return calls within a day."
D = datetime.date


@dataclass(frozen=True)
class SmallYear:
    facts: Facts
    figures: FigureSet


def _complaint(service, received, responded, outcome, **kwargs):
    complaint = ComplaintFactory(
        service_area=service, received_date=received, stage1=False, **kwargs
    )
    StageFactory(
        complaint=complaint,
        number=1,
        received_date=received,
        responded_date=responded,
        outcome=outcome,
    )
    return complaint


def make_small_year() -> SmallYear:
    south = ServiceAreaFactory(name="South Safeguarding", locality=LocalityFactory(name="South"))
    adoption = ServiceAreaFactory(name="Adoption")
    a1 = _complaint(south, D(2021, 6, 7), D(2021, 6, 14), "upheld")
    a2 = _complaint(
        south,
        D(2021, 7, 5),
        D(2021, 7, 16),
        "partially_upheld",
        complainant=PersonFactory(name="Jamie Smith"),
        complainant_type="child_young_person",
        advocate="internal",
        advocate_person=PersonFactory(name="Priya Patel"),
        method="advocate",
        summary=CHILD_SUMMARY,
    )
    a3 = _complaint(adoption, D(2021, 9, 1), D(2021, 10, 13), "not_upheld", method="letter")
    _complaint(adoption, D(2021, 10, 4), D(2021, 10, 5), "withdrawn")
    StageFactory(
        complaint=a1,
        number=2,
        received_date=D(2021, 7, 1),
        responded_date=D(2021, 8, 20),
        outcome="partially_upheld",
    )
    for received in (D(2020, 6, 1), D(2020, 9, 1)):
        _complaint(south, received, received + datetime.timedelta(days=7), "not_upheld")
    quality = shipped_term("Service Quality")
    for complaint in (a1, a2):
        AspectFactory(stage=complaint.stages.get(number=1), category=quality)
    AspectFactory(
        stage=a3.stages.get(number=1),
        category=shipped_term("Delay"),
        subcategory=shipped_term("Delay", "Take Action"),
    )
    PaymentFactory(complaint=a1, date=D(2021, 7, 1), stage="1", amount=Decimal("100.00"))
    PaymentFactory(date=D(2020, 7, 1), stage="1", amount=Decimal("200.00"))
    PaymentFactory(
        complaint=a1,
        date=D(2021, 9, 1),
        stage="2",
        kind="investigating_officer",
        amount=Decimal("1000.00"),
    )
    ComplimentFactory(
        service_area=south,
        received_date=D(2021, 5, 4),
        staff_member="Sam Taylor",
        consent_to_publish=True,
        text="Sam was brilliant with our family.",
    )
    ComplimentFactory(
        service_area=adoption,
        received_date=D(2021, 11, 2),
        staff_member="Joel Davison",
        consent_to_publish=False,
        text="Joel went above and beyond for us. Thank you, Joel Davison!",
    )
    ComplimentFactory(service_area=south, received_date=D(2020, 5, 4))
    LearningActionFactory(
        complaint=a2,
        description=ACTION,
        raised_date=D(2021, 7, 20),
        due_date=D(2021, 9, 30),
        completed_date=D(2021, 8, 2),
    )
    facts = extract_facts(as_of=AS_OF, calendar=WorkingCalendar())
    return SmallYear(facts, compute_figures(facts=facts, period=YEAR, settings=SETTINGS))


def small_year_document(
    year: SmallYear, narratives: dict[str, str] | None = None
) -> ReportDocument:
    """The small year's internal report for Testshire Council, with the narratives given."""
    return build_document(
        figures=year.figures,
        authority="Testshire Council",
        service=None,
        narratives=narratives or {},
        settings=SETTINGS,
        facts=year.facts,
    )


DEMO_AUTHORITY = "Kingsmoor Children's Trust"
DEMO_SETTINGS = ReportSettings(stage2_average_cost=Decimal("3500.00"), suppression_threshold=5)


def demo_year_document(
    *, published: bool = True, narratives: dict[str, str] | None = None
) -> tuple[ReportDocument, FigureSet]:
    """The demo year's report (the Birmingham 2021-22 report reproduced for Kingsmoor), as the
    reports page makes it: published (small counts withheld, names removed) or internal, with
    the narratives given. Call it with the database unblocked, as `birmingham_facts` says."""
    facts = birmingham_facts()
    figures = compute_figures(facts=facts, period=YEAR, settings=DEMO_SETTINGS)
    if published:
        figures = publish_figures(figures, threshold=DEMO_SETTINGS.suppression_threshold)
    document = build_document(
        figures=figures,
        authority=DEMO_AUTHORITY,
        service=None,
        narratives=narratives or {},
        settings=DEMO_SETTINGS,
        facts=facts,
    )
    return document, figures
