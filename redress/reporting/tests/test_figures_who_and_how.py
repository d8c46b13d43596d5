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
    b.stage1("2020-06-01", method="letter", complainant_type="professional")  # the year before
    return compute(b, calendar)


@covers(tables=["method.stage1"])
def test_method_of_stage1_complaints_with_those_not_recorded(figures):
    counts = {"email": 3, "online_form": 1, "telephone": 1}
    sixth = 16.7  # 1 of 6 = 16.666…%
    pcts = {"email": 50.0, "online_form": sixth, "telephone": sixth}
    expect_table(
        figures,
        "method.stage1",
        [
            {"method": m.value, "count": counts.get(m.value, 0), "pct": pcts.get(m.value, 0.0)}
            for m in Method
        ]
        + [{"method": "not_recorded", "count": 1, "pct": sixth}],
    )


@covers(tables=["complainant.stage1"])
def test_who_made_stage1_complaints(figures):
    counts = {"parent": 3, "other_family": 1, "child_young_person": 1, "care_leaver": 1}
    pcts = {"parent": 50.0, "other_family": 16.7, "child_young_person": 16.7, "care_leaver": 16.7}
    # Every complainant was recorded, so there is no "not recorded" row.
    expect_table(
        figures,
        "complainant.stage1",
        [
            {
                "complainant_type": c.value,
                "count": counts.get(c.value, 0),
                "pct": pcts.get(c.value, 0.0),
            }
            for c in ComplainantType
        ],
    )
