"""Costs of investigating complaints and compensation, in pounds and pence (Decimal, exact),
with the year before."""

from decimal import Decimal

import pytest

from .builders import FactsBuilder, compute, covers, expect, expect_table


def money() -> FactsBuilder:
    b = FactsBuilder()
    for date, amount, kind, stage in (
        # 2021-22
        ("2021-05-04", "1000.10", "investigating_officer", "2"),
        ("2021-11-30", "500.05", "investigating_officer", "2"),
        ("2021-06-01", "250.00", "independent_person", "2"),
        ("2022-03-31", "999.99", "review_panel", "3"),
        ("2021-08-02", "10.01", "other_cost", "2"),
        ("2021-04-01", "100.00", "compensation", "1"),
        ("2021-04-02", "0.01", "compensation", "1"),
        ("2021-10-01", "50.00", "compensation", "2"),
        ("2022-01-20", "25.50", "compensation", "lgo"),
        # 2020-21
        ("2021-03-31", "1500.15", "investigating_officer", "2"),
        ("2020-09-01", "500.00", "review_panel", "3"),
        ("2020-05-01", "200.02", "compensation", "1"),
        ("2020-12-01", "300.00", "compensation", "3"),
        # 2022-23: in neither year.
        ("2022-04-01", "999.00", "investigating_officer", "2"),
    ):
        b.payment(date, amount, kind=kind, stage=stage)
    return b


@pytest.fixture(scope="module")
def figures(calendar):
    return compute(money(), calendar)


def with_previous(figure_id: str) -> tuple[str, str, str]:
    return figure_id, f"{figure_id}.previous", f"{figure_id}.change_pct"


@covers(
    *with_previous("costs.stage2.investigating_officer"),
    *with_previous("costs.stage2.independent_person"),
    *with_previous("costs.stage3.review_panel"),
    *with_previous("costs.investigation.total"),
)
def test_investigation_costs(figures):
    expect(
        figures,
        {
            "costs.stage2.investigating_officer": Decimal("1500.15"),  # 1,000.10 + 500.05
            "costs.stage2.investigating_officer.previous": Decimal("1500.15"),
            "costs.stage2.investigating_officer.change_pct": 0.0,
            "costs.stage2.independent_person": Decimal("250.00"),
            "costs.stage2.independent_person.previous": Decimal("0.00"),
            "costs.stage2.independent_person.change_pct": None,  # from zero
            "costs.stage3.review_panel": Decimal("999.99"),
            "costs.stage3.review_panel.previous": Decimal("500.00"),
            "costs.stage3.review_panel.change_pct": 100.0,  # 99.998% rounds to 100.0
            # The three, plus the other cost of £10.01.
            "costs.investigation.total": Decimal("2760.15"),
            "costs.investigation.total.previous": Decimal("2000.15"),
            "costs.investigation.total.change_pct": 38.0,  # 760.00 ÷ 2,000.15 = 37.997%
        },
    )


@covers(
    *with_previous("compensation.stage1"),
    *with_previous("compensation.stage2"),
    *with_previous("compensation.stage3"),
    *with_previous("compensation.lgo"),
    *with_previous("compensation.total"),
    *with_previous("payments.total"),
)
def test_compensation_by_stage_and_all_payments(figures):
    expect(
        figures,
        {
            "compensation.stage1": Decimal("100.01"),
            "compensation.stage1.previous": Decimal("200.02"),
            "compensation.stage1.change_pct": -50.0,
            "compensation.stage2": Decimal("50.00"),
            "compensation.stage2.previous": Decimal("0.00"),
            "compensation.stage2.change_pct": None,
            "compensation.stage3": Decimal("0.00"),
            "compensation.stage3.previous": Decimal("300.00"),
            "compensation.stage3.change_pct": -100.0,
            "compensation.lgo": Decimal("25.50"),
            "compensation.lgo.previous": Decimal("0.00"),
            "compensation.lgo.change_pct": None,
            "compensation.total": Decimal("175.51"),
            "compensation.total.previous": Decimal("500.02"),
            "compensation.total.change_pct": -64.9,  # −324.51 ÷ 500.02 = −64.898%
            "payments.total": Decimal("2935.66"),  # 2,760.15 + 175.51
            "payments.total.previous": Decimal("2500.17"),  # 2,000.15 + 500.02
            "payments.total.change_pct": 17.4,  # 435.49 ÷ 2,500.17 = 17.418%
        },
    )


@covers(tables=["costs"])
def test_the_costs_table_has_every_line_with_both_years(figures):
    def row(kind, stage, amount, previous):
        return {
            "kind": kind,
            "stage": stage,
            "amount": Decimal(amount),
            "previous": Decimal(previous),
        }

    expect_table(
        figures,
        "costs",
        [
            row("investigating_officer", "2", "1500.15", "1500.15"),
            row("independent_person", "2", "250.00", "0.00"),
            row("review_panel", "3", "999.99", "500.00"),
            row("other_cost", "any", "10.01", "0.00"),
            row("compensation", "1", "100.01", "200.02"),
            row("compensation", "2", "50.00", "0.00"),
            row("compensation", "3", "0.00", "300.00"),
            row("compensation", "lgo", "25.50", "0.00"),
        ],
    )


def test_many_small_amounts_add_up_to_the_penny(calendar):
    b = FactsBuilder()
    for _ in range(10):
        b.payment("2021-06-01", "0.10", kind="compensation", stage="1")
    b.payment("2021-06-01", "0.20", kind="compensation", stage="2")
    figures = compute(b, calendar)
    # 0.1 added ten times in floating point is 0.9999999999999999.
    assert figures.figures["compensation.stage1"] == Decimal("1.00")
    assert figures.figures["compensation.total"] == Decimal("1.20")
