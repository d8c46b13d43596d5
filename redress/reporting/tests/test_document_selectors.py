"""Reads for the report's quotes and examples: scoped to the period, to what was recorded by
as_of, and to a service's areas; each text with the names a published report removes."""

import datetime

import pytest

from redress.complaints.tests.factories import ComplaintFactory, LearningActionFactory
from redress.feedback.tests.factories import ComplimentFactory
from redress.organisations.tests.factories import ServiceAreaFactory
from redress.people.tests.factories import PersonFactory
from redress.reporting.document import selectors
from redress.reporting.periods import financial_year

YEAR = financial_year("2021-22")
AS_OF = datetime.date(2022, 5, 31)
D = datetime.date


@pytest.fixture
def services(db):
    # Adoption was restructured: two effective-dated versions, one service.
    old = ServiceAreaFactory(name="Adoption", valid_to=D(2021, 12, 31))
    new = ServiceAreaFactory(name="Adoption", valid_from=D(2022, 1, 1))
    return {"adoption": [old, new], "south": ServiceAreaFactory(name="South Safeguarding")}


def test_a_service_is_every_version_of_it(services):
    ids = selectors.service_area_ids("Adoption")
    assert sorted(ids) == sorted(s.id for s in services["adoption"])
    assert selectors.service_area_ids(None) is None
    assert selectors.service_area_ids("Nowhere") == []


def test_compliment_quotes_are_the_fullest_of_the_period_in_date_order(services):
    south = services["south"]
    for day, text in (
        (D(2021, 5, 1), "Short."),
        (D(2021, 6, 1), "A much longer compliment about the team."),
        (D(2021, 7, 1), "A longer compliment."),
        (D(2022, 4, 2), "After the year: not in this report, however long it is."),
        (D(2021, 8, 1), ""),
    ):
        ComplimentFactory(
            service_area=south, received_date=day, text=text, staff_member="Sam Taylor"
        )
    quotes = selectors.compliment_quotes(period=YEAR, as_of=AS_OF, areas=None, limit=2)
    assert [q.text for q in quotes] == [
        "A much longer compliment about the team.",
        "A longer compliment.",
    ]
    assert quotes[0].staff_member == "Sam Taylor"
    assert quotes[0].service == "South Safeguarding"
    assert quotes[0].consent is False


def test_compliments_of_one_service(services):
    old, new = services["adoption"]
    ComplimentFactory(service_area=old, received_date=D(2021, 6, 1), text="Before the change.")
    ComplimentFactory(service_area=new, received_date=D(2022, 2, 1), text="After the change.")
    ComplimentFactory(service_area=services["south"], received_date=D(2021, 6, 1), text="South.")
    quotes = selectors.compliment_quotes(
        period=YEAR, as_of=AS_OF, areas=selectors.service_area_ids("Adoption"), limit=10
    )
    assert [q.text for q in quotes] == ["Before the change.", "After the change."]


def test_case_examples_are_the_children_s_stage_1_complaints(services):
    south = services["south"]
    child = PersonFactory(name="Jamie Smith")
    advocate = PersonFactory(name="Priya Patel")
    ComplaintFactory(
        service_area=south,
        received_date=D(2021, 9, 1),
        complainant=child,
        complainant_type="care_leaver",
        advocate_person=advocate,
        summary="Second.",
    )
    ComplaintFactory(
        service_area=south,
        received_date=D(2021, 5, 1),
        complainant_type="child_young_person",
        complainant=None,
        on_behalf_of=PersonFactory(name=""),
        summary="  First.  ",
    )
    # Not children's, not in the period, no summary, or received after as_of: left out.
    ComplaintFactory(service_area=south, received_date=D(2021, 6, 1), summary="A parent's.")
    ComplaintFactory(
        service_area=south,
        received_date=D(2021, 3, 31),
        complainant_type="child_young_person",
        summary="Last year.",
    )
    ComplaintFactory(
        service_area=south, received_date=D(2021, 10, 1), complainant_type="care_leaver"
    )
    ComplaintFactory(
        service_area=south,
        received_date=D(2022, 1, 10),
        complainant_type="care_leaver",
        summary="Not yet recorded on the day the report reads.",
    )
    examples = selectors.cyp_case_examples(period=YEAR, as_of=D(2021, 12, 31), areas=None)
    assert [(e.text, e.names) for e in examples] == [
        ("First.", ()),
        ("Second.", ("Jamie Smith", "Priya Patel")),
    ]
    assert selectors.cyp_case_examples(period=YEAR, as_of=AS_OF, areas=[]) == []


def test_learning_examples_by_theme_with_the_complaint_s_people(services):
    complaint = ComplaintFactory(
        service_area=services["south"], complainant=PersonFactory(name="Jamie Smith")
    )
    LearningActionFactory(complaint=complaint, raised_date=D(2021, 7, 1), description="B.")
    LearningActionFactory(complaint=None, raised_date=D(2021, 6, 1), description="A.")
    LearningActionFactory(complaint=complaint, raised_date=D(2022, 4, 1), description="Later.")
    examples = selectors.learning_examples(period=YEAR, as_of=AS_OF, areas=None)
    assert [(e.text, e.theme, e.names) for e in examples] == [
        ("A.", None, ()),
        ("B.", None, ("Jamie Smith",)),
    ]
    # An action without a complaint belongs to no service.
    scoped = selectors.learning_examples(period=YEAR, as_of=AS_OF, areas=[services["south"].id])
    assert [e.text for e in scoped] == ["B."]


def test_procedures_and_their_stage_rules(db):
    procedures = {p.code: p for p in selectors.procedures()}
    assert [s.stage for s in procedures["statutory"].stages] == [1, 2, 3]
    stage1 = procedures["statutory"].stages[0]
    assert (stage1.name, stage1.timescale_days, stage1.max_days) == ("Local resolution", 10, 20)
    stage3 = procedures["statutory"].stages[2]
    assert (stage3.panel_within_days, stage3.report_within_days, stage3.response_within_days) == (
        30,
        5,
        15,
    )
