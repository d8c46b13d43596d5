"""Compliments and informal feedback."""

import pytest

from .builders import FactsBuilder, compute, covers, expect, expect_table


def feedback() -> FactsBuilder:
    b = FactsBuilder()
    b.compliment("2021-04-01", service="Fostering", source="parent", external=True)
    b.compliment("2021-07-01", service="Fostering", source="court", external=True)
    b.compliment("2021-09-01", service="Adoption", source="parent", external=True)
    b.compliment("2021-12-01", service="Adoption", source="colleague", external=False)
    b.compliment("2022-03-31", service="Safeguarding", source=None, external=None)
    for received in (
        "2020-04-01",
        "2020-06-01",
        "2020-08-01",
        "2020-10-01",
        "2020-12-01",
        "2021-01-01",
        "2021-02-01",
        "2021-03-31",
    ):
        b.compliment(received)
    b.compliment("2022-04-01")  # after the year
    b.informal_feedback("2021-05-04", from_child=True, theme="Placement", satisfied=True)
    b.informal_feedback("2021-06-07", from_child=True, theme="Placement", satisfied=False)
    b.informal_feedback("2021-07-01", from_child=True, theme=None, satisfied=None)
    b.informal_feedback("2021-08-02", from_child=False, theme="Contact", satisfied=True)
    b.informal_feedback("2022-04-04", from_child=True, satisfied=True)  # after the year
    return b


@pytest.fixture(scope="module")
def figures(calendar):
    return compute(feedback(), calendar)


@covers(
    "compliments.received",
    "compliments.received.previous",
    "compliments.received.change_pct",
    "compliments.external",
)
def test_compliments_received_and_those_from_outside(figures):
    expect(
        figures,
        {
            "compliments.received": 5,
            "compliments.received.previous": 8,
            "compliments.received.change_pct": -37.5,  # (5 − 8) ÷ 8
            "compliments.external": 3,  # not the internal one, nor the one not known
        },
    )


@covers(tables=["compliments.by_service", "compliments.by_source"])
def test_compliments_by_service_and_by_source_largest_first(figures):
    expect_table(
        figures,
        "compliments.by_service",
        [
            {"service": "Adoption", "count": 2},
            {"service": "Fostering", "count": 2},
            {"service": "Safeguarding", "count": 1},
        ],
    )
    expect_table(
        figures,
        "compliments.by_source",
        [
            {"source": "parent", "count": 2},
            {"source": "colleague", "count": 1},
            {"source": "court", "count": 1},
            {"source": "Not recorded", "count": 1},
        ],
    )


@covers(
    "informal_feedback.received",
    "informal_feedback.received.previous",
    "informal_feedback.received.change_pct",
    "informal_feedback.cyp",
    "informal_feedback.cyp.satisfied",
)
def test_informal_feedback_and_childrens_satisfaction(figures):
    expect(
        figures,
        {
            "informal_feedback.received": 4,
            "informal_feedback.received.previous": 0,
            "informal_feedback.received.change_pct": None,
            "informal_feedback.cyp": 3,
            # Said they were satisfied: one; one said not, one was not asked.
            "informal_feedback.cyp.satisfied": 1,
        },
    )


@covers(tables=["informal_feedback.themes"])
def test_informal_feedback_by_theme(figures):
    expect_table(
        figures,
        "informal_feedback.themes",
        [
            {"theme": "Placement", "count": 2},
            {"theme": "Contact", "count": 1},
            {"theme": "Not recorded", "count": 1},
        ],
    )
