"""The sentence patterns of the report, over hand-made figures."""

import datetime
from decimal import Decimal

from redress.reporting.document.model import Value
from redress.reporting.document.sentences import compared, listing, shift, trend, trend_clause
from redress.reporting.document.values import FigureView, para
from redress.reporting.figures import FigureSet
from redress.reporting.periods import financial_year


def view(**figures) -> FigureView:
    return FigureView(
        FigureSet(
            period=financial_year("2021-22"),
            as_of=datetime.date(2022, 5, 31),
            figures={k.replace("__", "."): v for k, v in figures.items()},
        ),
        threshold=5,
    )


def unknown(value: Value):
    return para(value, " received.")


def test_a_figure_that_rose_fell_or_stayed_the_same():
    rose = view(received__stage1=362, received__stage1__change_pct=16.8)
    fell = view(received__stage1=300, received__stage1__change_pct=-3.2)
    same = view(received__stage1=310, received__stage1__change_pct=0.0)
    subject = "Stage 1 complaints"
    assert trend(rose, subject, "received.stage1", unknown=unknown).plain == (
        "Stage 1 complaints rose by 16.8% to 362."
    )
    assert trend(fell, subject, "received.stage1", unknown=unknown).plain == (
        "Stage 1 complaints fell by 3.2% to 300."
    )
    assert trend(same, subject, "received.stage1", unknown=unknown).plain == (
        "Stage 1 complaints stayed the same at 310."
    )


def test_the_comparison_is_left_out_when_there_is_no_previous_value():
    figures = view(received__stage2=1, received__stage2__change_pct=None)
    assert trend(figures, "Stage 2 complaints", "received.stage2", unknown=unknown).plain == (
        "1 received."
    )
    assert trend(view(), "Stage 2", "received.stage2", unknown=unknown) is None


def test_numbers_name_their_figures():
    figures = view(compensation__total=Decimal("7089.00"), compensation__total__change_pct=-48.3)
    runs = trend_clause(figures, "compensation.total", "money")
    assert runs == [
        " fell by ",
        Value("48.3%", "compensation.total.change_pct"),
        " to ",
        Value("£7,089.00", "compensation.total"),
    ]


def test_a_rate_moves_from_one_value_to_another():
    figures = view(
        escalation__stage1_to_stage2__pct=13.8, escalation__stage1_to_stage2__pct__previous=15.2
    )
    assert para(
        "Escalation", *shift(figures, "escalation.stage1_to_stage2.pct", "2020-21"), "."
    ).plain == ("Escalation fell to 13.8% (from 15.2% in 2020-21).")
    alone = view(escalation__stage1_to_stage2__pct=13.8)
    assert para(
        "Escalation", *shift(alone, "escalation.stage1_to_stage2.pct", "2020-21")
    ).plain == ("Escalation was 13.8%")


def test_compared_with_the_previous_period():
    figures = view(lgo__enquiries=23, lgo__enquiries__previous=13)
    assert para(*compared(figures, "lgo.enquiries", "2020-21")).plain == (
        ", compared with 13 in 2020-21"
    )
    assert compared(view(lgo__enquiries=23), "lgo.enquiries", "2020-21") == []


def test_lists_of_one_two_and_more():
    assert para(*listing([["A (3)"]])).plain == "A (3)"
    assert para(*listing([["A (3)"], ["B (2)"]])).plain == "A (3) and B (2)"
    assert para(*listing([["A (3)"], ["B (2)"], ["C (1)"]])).plain == "A (3); B (2); and C (1)"
