"""Outcomes of the stages received in the period, as recorded by as_of: `outstanding` where
none is, percentages of the stages received, and upheld or partially upheld with the year
before."""

import pytest

from redress.reporting.figures.outcomes import OUTCOMES

from .builders import FactsBuilder, compute, covers, expect, expect_table

STAGE1 = {
    "upheld": 1,
    "partially_upheld": 2,
    "not_upheld": 2,
    "inconclusive": 0,
    "outside_jurisdiction": 1,
    "withdrawn": 1,
    "outstanding": 1,
}
STAGE2 = {"partially_upheld": 1, "not_upheld": 1, "outstanding": 1}


def outcomes() -> FactsBuilder:
    b = FactsBuilder()
    for outcome, count in STAGE1.items():
        for _ in range(count):
            b.stage1(
                "2021-09-01",
                responded=None if outcome == "outstanding" else "2021-09-10",
                outcome=None if outcome == "outstanding" else outcome,
            )
    for outcome, count in STAGE2.items():
        for _ in range(count):
            complaint = b.complaint("2021-05-04")
            b.stage(
                complaint,
                number=2,
                received="2021-07-01",
                outcome=None if outcome == "outstanding" else outcome,
            )
    # 2020-21: stage 1 upheld, partially upheld and two not upheld; stage 2 not upheld twice;
    # stage 3 upheld once.
    for outcome in ("upheld", "partially_upheld", "not_upheld", "not_upheld"):
        b.stage1("2020-10-01", outcome=outcome)
    for outcome in ("not_upheld", "not_upheld", "upheld"):
        complaint = b.complaint("2020-05-01")
        b.stage(
            complaint,
            number=2 if outcome == "not_upheld" else 3,
            received="2020-10-01",
            outcome=outcome,
        )
    # A stage received after the year does not count, whatever its outcome.
    b.stage1("2022-04-04", outcome="upheld")
    return b


@pytest.fixture(scope="module")
def figures(calendar):
    return compute(outcomes(), calendar)


@covers(
    *(f"outcome.stage{n}.{o}{pct}" for n in (1, 2, 3) for o in OUTCOMES for pct in ("", ".pct"))
)
def test_outcomes_by_stage_as_counts_and_percentages_of_received(figures):
    # Stage 1: 8 received. Stage 2: 3. Stage 3: none, so every percentage is null.
    pct1 = {o: round(n / 8 * 100, 1) for o, n in STAGE1.items()}  # n ÷ 8 is exact to 1 place
    assert pct1 == {
        "upheld": 12.5,
        "partially_upheld": 25.0,
        "not_upheld": 25.0,
        "inconclusive": 0.0,
        "outside_jurisdiction": 12.5,
        "withdrawn": 12.5,
        "outstanding": 12.5,
    }
    pct2 = {"partially_upheld": 33.3, "not_upheld": 33.3, "outstanding": 33.3}
    expected = {}
    for outcome in OUTCOMES:
        expected[f"outcome.stage1.{outcome}"] = STAGE1[outcome]
        expected[f"outcome.stage1.{outcome}.pct"] = pct1[outcome]
        expected[f"outcome.stage2.{outcome}"] = STAGE2.get(outcome, 0)
        expected[f"outcome.stage2.{outcome}.pct"] = pct2.get(outcome, 0.0)
        expected[f"outcome.stage3.{outcome}"] = 0
        expected[f"outcome.stage3.{outcome}.pct"] = None
    expect(figures, expected)


@covers(
    *(
        f"outcome.stage{n}.upheld_or_partially.pct{suffix}"
        for n in (1, 2, 3)
        for suffix in ("", ".previous", ".change_pct")
    ),
)
def test_upheld_or_partially_upheld_with_the_year_before(figures):
    expect(
        figures,
        {
            "outcome.stage1.upheld_or_partially.pct": 37.5,  # 3 ÷ 8
            "outcome.stage1.upheld_or_partially.pct.previous": 50.0,  # 2 ÷ 4
            "outcome.stage1.upheld_or_partially.pct.change_pct": -25.0,
            "outcome.stage2.upheld_or_partially.pct": 33.3,  # 1 ÷ 3
            "outcome.stage2.upheld_or_partially.pct.previous": 0.0,  # 0 ÷ 2
            "outcome.stage2.upheld_or_partially.pct.change_pct": None,  # from zero
            "outcome.stage3.upheld_or_partially.pct": None,  # nothing received
            "outcome.stage3.upheld_or_partially.pct.previous": 100.0,
            "outcome.stage3.upheld_or_partially.pct.change_pct": None,  # to unknown
        },
    )


@covers(tables=["outcomes"])
def test_the_outcomes_table_lists_every_outcome_of_every_stage(figures):
    rows = []
    for stage, counts, pcts in (
        (1, STAGE1, {o: n / 8 * 100 for o, n in STAGE1.items()}),
        (2, STAGE2, dict.fromkeys(STAGE2, 33.3)),
        (3, {}, None),
    ):
        for outcome in OUTCOMES:
            pct = None if pcts is None else float(pcts.get(outcome, 0.0))
            rows.append(
                {"stage": stage, "outcome": outcome, "count": counts.get(outcome, 0), "pct": pct}
            )
    expect_table(figures, "outcomes", rows)
    assert [r["outcome"] for r in rows[:7]] == [
        "upheld",
        "partially_upheld",
        "not_upheld",
        "inconclusive",
        "outside_jurisdiction",
        "withdrawn",
        "outstanding",
    ]


def test_an_outcome_recorded_without_a_response_still_counts(calendar):
    # Withdrawn before any response: the outcome is what the figure counts.
    b = FactsBuilder()
    b.stage1("2021-06-07", outcome="withdrawn")
    figures = compute(b, calendar)
    assert figures.figures["outcome.stage1.withdrawn"] == 1
    assert figures.figures["outcome.stage1.outstanding"] == 0


def test_percentages_round_half_away_from_zero(calendar):
    # 1 of 16 upheld is 6.25%: 6.3, not the 6.2 of rounding half to even.
    b = FactsBuilder()
    for n in range(16):
        b.stage1("2021-06-07", outcome="upheld" if n == 0 else "not_upheld")
    figures = compute(b, calendar)
    assert figures.figures["outcome.stage1.upheld.pct"] == 6.3
    assert figures.figures["outcome.stage1.not_upheld.pct"] == 93.8  # 93.75


@covers(
    *(
        f"outcome.stage1.{outcome}.pct.{suffix}"
        for outcome in ("upheld", "partially_upheld", "not_upheld")
        for suffix in ("previous", "change_pct")
    ),
)
def test_stage1_upheld_partially_and_not_upheld_with_the_year_before(figures):
    # 2021-22: 1, 2 and 2 of 8; 2020-21: 1, 1 and 2 of 4.
    expect(
        figures,
        {
            "outcome.stage1.upheld.pct.previous": 25.0,
            "outcome.stage1.upheld.pct.change_pct": -50.0,
            "outcome.stage1.partially_upheld.pct.previous": 25.0,
            "outcome.stage1.partially_upheld.pct.change_pct": 0.0,
            "outcome.stage1.not_upheld.pct.previous": 50.0,
            "outcome.stage1.not_upheld.pct.change_pct": -50.0,
        },
    )
    # The other outcomes and stages have no previous value.
    assert "outcome.stage1.withdrawn.pct.previous" not in figures.figures
    assert "outcome.stage2.upheld.pct.previous" not in figures.figures


def test_a_change_in_a_share_is_worked_from_the_exact_ratios(calendar):
    # 1 of 3 upheld (33.3%) against 1 of 6 (16.7%): exactly double, +100%, where the rounded
    # shares would give +99.4%.
    b = FactsBuilder()
    for n in range(3):
        b.stage1("2021-06-07", outcome="upheld" if n == 0 else "not_upheld")
    for n in range(6):
        b.stage1("2020-06-01", outcome="upheld" if n == 0 else "not_upheld")
    figures = compute(b, calendar)
    assert figures.figures["outcome.stage1.upheld.pct"] == 33.3
    assert figures.figures["outcome.stage1.upheld.pct.previous"] == 16.7
    assert figures.figures["outcome.stage1.upheld.pct.change_pct"] == 100.0
