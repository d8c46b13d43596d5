"""The sentence patterns of the report, over hand-made figures."""

import datetime
from decimal import Decimal

from redress.reporting.document.model import Value
from redress.reporting.document.sentences import (
    Ranking,
    Tier,
    compared,
    count_or_none,
    count_share,
    in_words,
    listing,
    rank,
    reason_phrase,
    shift,
    tied_rest,
    tier_listing,
    trend,
    trend_clause,
)
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
    assert para(*listing([["A"], ["B"], ["C"]], joiner=", ")).plain == "A, B and C"


def test_zero_is_none_and_has_no_percentage():
    figures = view(actions__overdue=0, actions__completed=22, within=0, within__pct=0.0)
    assert count_or_none(figures, "actions.overdue") == Value("none", "actions.overdue")
    assert count_or_none(figures, "actions.overdue", start=True).text == "None"
    assert count_or_none(figures, "actions.completed") == Value("22", "actions.completed")
    assert para(*count_share(figures, "within", "within.pct"), " were issued in time").plain == (
        "none were issued in time"
    )
    some = view(within=11, within__pct=84.6)
    assert para(*count_share(some, "within", "within.pct")).plain == "11 (84.6%)"


def test_small_numbers_in_words():
    assert [in_words(n) for n in (1, 6, 9, 10, 1018)] == ["one", "six", "nine", "10", "1,018"]


SERVICES = [("A", 3), ("B", 3), ("C", 2), *((name, 1) for name in "DEFGHI"), ("J", 0), ("K", None)]


def test_a_ranking_never_cuts_through_a_tie():
    # Six tied at the cut: too many to name, so counted.
    assert rank(SERVICES, 5) == Ranking(
        named=(Tier(3, ("A", "B")), Tier(2, ("C",))), rest=Tier(1, tuple("DEFGHI"))
    )
    # Three or fewer tied at the cut are all named, past the limit.
    assert rank([("A", 5), ("B", 4), ("C", 4), ("D", 4), ("E", 1)], 2) == Ranking(
        named=(Tier(5, ("A",)), Tier(4, ("B", "C", "D")))
    )
    # A cut between two counts, and fewer items than the limit, need nothing more.
    assert rank([("A", 5), ("B", 4), ("C", 3)], 2) == Ranking(
        named=(Tier(5, ("A",)), Tier(4, ("B",)))
    )
    assert rank([("A", 5), ("B", 0)], 5) == Ranking(named=(Tier(5, ("A",)),))
    # Everyone tied at the top: nothing named, all counted.
    assert rank([(x, 1) for x in "ABCDEFGHI"], 5) == Ranking(
        named=(), rest=Tier(1, tuple("ABCDEFGHI"))
    )


def test_ties_are_stated_as_ties():
    def words(ranking):
        return para(
            *tier_listing(ranking.named, lambda x: [x], lambda t: Value(str(t.count))),
            ".",
            f" {tied_rest(ranking.rest, 'services', 'received', in_words(ranking.rest.count))}"
            if ranking.rest
            else None,
        ).plain

    assert words(rank(SERVICES, 5)) == (
        "A and B (3 each); and C (2). Six other services received one each."
    )
    assert words(rank([("A", 44), ("B", 37), ("C", 28), ("D", 28)], 5)) == (
        "A (44); B (37); and C and D (28 each)."
    )
    assert words(rank([("A", 2), ("B", 2)], 5)) == "A and B (2 each)."
    assert words(rank([("A", 2), ("B", 1)], 5)) == "A (2) and B (1)."
    assert words(rank([("A", 4), ("B", 4), ("C", 4)], 5)) == "A, B and C (4 each)."
    assert tied_rest(Tier(2, tuple("ABCDEFGHIJKL")), "services", "received", "two") == (
        "12 other services received two each."
    )
    assert tied_rest(Tier(1, tuple("ABC")), "services", "received", "one", other=False) == (
        "Three services received one each."
    )


def test_a_reason_as_a_phrase():
    failure = "Service Failure / Refusal"
    assert reason_phrase(failure, "Take Action") == "a service failure or refusal to take action"
    assert reason_phrase(failure, "Provide Advice / Information") == (
        "a service failure or refusal to provide advice or information"
    )
    assert reason_phrase(failure, "Respond to Emails / Letters / Text Message") == (
        "a service failure or refusal to respond to emails, letters or text message"
    )
    assert reason_phrase("Delay", "Make a Decision") == "being slow to make a decision"
    assert reason_phrase("Service Quality", "Inappropriate Action Taken") == (
        "inappropriate action taken"
    )
    assert reason_phrase("Staff Conduct", "Lack of Knowledge/Training") == (
        "lack of knowledge or training"
    )
    assert reason_phrase("Staff Conduct", "Other / Miscellaneous") == (
        "other staff conduct matters"
    )
    assert reason_phrase("Refusal of Service", "EHCP Assessment") == "EHCP assessment"
    assert reason_phrase("Delay", None) == "delay, with no sub-category recorded"
    assert reason_phrase("Inability", "Attend") == "an inability to attend"


def test_a_value_against_the_year_before_says_whether_that_is_better():
    # Imported here: the comparisons with the year before are their own pattern.
    from redress.reporting.document.sentences import against

    in_time = "responses.stage1.within_maximum.pct"
    figures = view(
        responses__stage1__within_maximum__pct=53.4,
        responses__stage1__within_maximum__pct__previous=63.7,
        responses__stage1__average_working_days=28.81,
        responses__stage1__average_working_days__previous=27.44,
        outcome__stage1__upheld__pct=13.3,
        outcome__stage1__upheld__pct__previous=13.3,
        outcome__stage1__not_upheld__pct=35.1,
        outcome__stage1__not_upheld__pct__previous=None,
    )
    more = {"higher": "more in time", "lower": "fewer in time"}
    in_words = para("53.4%", *against(figures, in_time, "2020-21", "pct", better="higher", **more))
    assert in_words.plain == ("53.4%, against 63.7% in 2020-21: fewer in time, which is worse")
    slower = {"higher": "slower", "lower": "quicker"}
    days = "responses.stage1.average_working_days"
    assert para(*against(figures, days, "2020-21", "days", better="lower", **slower)).plain == (
        ", against 27.44 in 2020-21: slower, which is worse"
    )
    # More in time is better; fewer days is better.
    assert para(*against(figures, in_time, "2020-21", "pct", better="lower", **more)).plain == (
        ", against 63.7% in 2020-21: fewer in time, which is better"
    )
    # Neither better nor worse: only which way it moved.
    assert para(*against(figures, days, "2020-21", "days")).plain == (
        ", against 27.44 in 2020-21: higher"
    )
    assert para(*against(figures, "outcome.stage1.upheld.pct", "2020-21")).plain == (
        ", the same as in 2020-21"
    )
    assert against(figures, "outcome.stage1.not_upheld.pct", "2020-21") == []
    assert against(figures, "outcome.stage1.withdrawn.pct", "2020-21") == []
    # The earlier value names its figure, for the web report's link.
    runs = against(figures, in_time, "2020-21")
    assert runs[1] == Value("63.7%", f"{in_time}.previous")
