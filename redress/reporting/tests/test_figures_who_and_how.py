"""How stage 1 complaints were made and who made them: every code listed, with its share of
the stage 1 complaints received."""

import pytest

from redress.complaints.choices import ComplainantType, Method

from .builders import FactsBuilder, compute, covers, expect_table


@pytest.fixture(scope="module")
def figures(calendar):
    b = FactsBuilder()
    for method, kind in (
        ("email", "parent"),
        ("email", "parent"),
        ("email", "other_family"),
        ("online_form", "child_young_person"),
        ("telephone", "care_leaver"),
        (None, "parent"),
    ):
        b.stage1("2021-06-07", method=method, complainant_type=kind)
    # The year before: four, beside this year's in `previous` and `previous_pct`.
    for then, who in (
        ("letter", "professional"),
        ("email", "parent"),
        ("email", "parent"),
        ("telephone", None),
    ):
        b.stage1("2020-06-01", method=then, complainant_type=who)
    return compute(b, calendar)


@covers(tables=["method.stage1"])
def test_method_of_stage1_complaints_with_those_not_recorded(figures):
    counts = {"email": 3, "online_form": 1, "telephone": 1}
    sixth = 16.7  # 1 of 6 = 16.666…%
    pcts = {"email": 50.0, "online_form": sixth, "telephone": sixth}
    before = {"email": 2, "telephone": 1, "letter": 1}
    before_pcts = {"email": 50.0, "telephone": 25.0, "letter": 25.0}
    expect_table(
        figures,
        "method.stage1",
        [
            {
                "method": m.value,
                "count": counts.get(m.value, 0),
                "pct": pcts.get(m.value, 0.0),
                "previous": before.get(m.value, 0),
                "previous_pct": before_pcts.get(m.value, 0.0),
            }
            for m in Method
        ]
        + [
            {
                "method": "not_recorded",
                "count": 1,
                "pct": sixth,
                "previous": 0,
                "previous_pct": 0.0,
            }
        ],
    )


@covers(tables=["complainant.stage1"])
def test_who_made_stage1_complaints(figures):
    counts = {"parent": 3, "other_family": 1, "child_young_person": 1, "care_leaver": 1}
    pcts = {"parent": 50.0, "other_family": 16.7, "child_young_person": 16.7, "care_leaver": 16.7}
    before = {"parent": 2, "professional": 1}
    before_pcts = {"parent": 50.0, "professional": 25.0}
    # Every complainant of this year was recorded, but one of the year before was not, so
    # there is a "not recorded" row with none this year.
    expect_table(
        figures,
        "complainant.stage1",
        [
            {
                "complainant_type": c.value,
                "count": counts.get(c.value, 0),
                "pct": pcts.get(c.value, 0.0),
                "previous": before.get(c.value, 0),
                "previous_pct": before_pcts.get(c.value, 0.0),
            }
            for c in ComplainantType
        ]
        + [
            {
                "complainant_type": "not_recorded",
                "count": 0,
                "pct": 0.0,
                "previous": 1,
                "previous_pct": 25.0,
            }
        ],
    )


def test_without_a_previous_year_its_shares_are_null(calendar):
    b = FactsBuilder()
    b.stage1("2021-06-07", method="email", complainant_type="parent")
    rows = compute(b, calendar).tables["method.stage1"]
    assert rows[0] == {
        "method": "email",
        "count": 1,
        "pct": 100.0,
        "previous": 0,
        "previous_pct": None,
    }
    assert [r["method"] for r in rows] == [m.value for m in Method]  # nothing not recorded
