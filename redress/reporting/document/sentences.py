"""Sentence patterns the report repeats: a figure that rose or fell, a rate that moved, a list of
the largest few."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Literal

from redress.core import presenters

from .model import Paragraph, Run, Value
from .values import FigureView, Kind, para


def direction(change: float) -> str:
    return "rose" if change > 0 else "fell" if change < 0 else "stayed the same"


def trend(
    view: FigureView,
    subject: str,
    figure_id: str,
    kind: Kind = "count",
    *,
    unknown: Callable[[Value], Paragraph],
    since: str | None = None,
) -> Paragraph | None:
    """ "Stage 1 complaints rose by 16.8% to 362." from the figure and its `.change_pct`;
    `unknown(value)` when there is no previous value to compare with. None without a value.
    `since` names the period compared with where a reader could not guess it (a quarter's
    report): "… rose by 12.5% to 36 from 32 in the same quarter last year." """
    if not view.has(figure_id):
        return None
    current = view.value(figure_id, kind)
    change_id = f"{figure_id}.change_pct"
    change = view.raw(change_id)
    if change is None or view.withheld(change_id):
        return unknown(current)
    if since:
        return para(subject, *trend_clause(view, figure_id, kind, since=since), ".")
    if change == 0:
        return para(f"{subject} stayed the same at ", current, ".")
    return para(
        f"{subject} {direction(change)} by ", view.magnitude(change_id), " to ", current, "."
    )


def trend_clause(
    view: FigureView, figure_id: str, kind: Kind = "count", *, since: str | None = None
) -> list[Run]:
    """ " rose by 16.8% to 362" (no subject, no full stop), or just " was 362" when the
    previous value is unknown; empty without a value. With `since`: " rose by 12.5% to 36 from
    32 in the same quarter last year", " stayed the same at 36 as in April 2021"."""
    if not view.has(figure_id):
        return []
    current = view.value(figure_id, kind)
    change_id = f"{figure_id}.change_pct"
    change = view.raw(change_id)
    if change is None or view.withheld(change_id):
        return [" was ", current]
    previous_id = f"{figure_id}.previous"
    if change == 0:
        return [" stayed the same at ", current, *([f" as in {since}"] if since else [])]
    runs: list[Run] = [f" {direction(change)} by ", view.magnitude(change_id), " to ", current]
    if since and view.has(previous_id):
        runs += [" from ", view.value(previous_id, kind), f" in {since}"]
    elif since:
        runs.append(f" on {since}")
    return runs


def shift(view: FigureView, figure_id: str, previous_label: str, kind: Kind = "pct") -> list[Run]:
    """ " fell to 13.8% (from 15.2% in 2020-21)": for rates, where a % change of a percentage
    would confuse; " was 13.8%" without a previous value."""
    if not view.has(figure_id):
        return []
    current = view.value(figure_id, kind)
    previous_id = f"{figure_id}.previous"
    previous = view.raw(previous_id)
    now = view.raw(figure_id)
    if previous is None or view.withheld(figure_id, previous_id):
        return [" was ", current]
    before = view.value(previous_id, kind)
    if now == previous:
        return [" stayed at ", current, f" (as in {previous_label})"]
    return [
        f" {direction(now - previous)} to ",
        current,
        " (from ",
        before,
        f" in {previous_label})",
    ]


def compared(
    view: FigureView, figure_id: str, previous_label: str, kind: Kind = "count"
) -> list[Run]:
    """\", compared with 310 in 2020-21\" from the figure's `.previous` (a count of nothing as
    "none"); empty when unknown."""
    previous_id = f"{figure_id}.previous"
    if not view.has(previous_id):
        return []
    before = count_or_none(view, previous_id) if kind == "count" else view.value(previous_id, kind)
    return [", compared with ", before, f" in {previous_label}"]


def against(
    view: FigureView,
    figure_id: str,
    previous_label: str,
    kind: Kind = "pct",
    *,
    better: Literal["higher", "lower"] | None = None,
    higher: str = "higher",
    lower: str = "lower",
) -> list[Run]:
    """\", against 63.7% in 2020-21: fewer in time, which is worse\" from the figure and its
    `.previous`. `higher` and `lower` say which way it moved ("slower", "quicker"); `better`
    says which way is better, where the direction is clear (more responses in time is better,
    more working days worse); without it the change is neither. \", the same as in 2020-21\"
    when the values shown are equal; empty when either is unknown."""
    previous_id = f"{figure_id}.previous"
    if not view.has(figure_id, previous_id) or view.withheld(figure_id, previous_id):
        return []
    now, before = view.raw(figure_id), view.raw(previous_id)
    if now == before:
        return [f", the same as in {previous_label}"]
    rose = now > before
    runs: list[Run] = [
        ", against ",
        view.value(previous_id, kind),
        f" in {previous_label}: {higher if rose else lower}",
    ]
    if better is not None:
        runs.append(", which is better" if rose == (better == "higher") else ", which is worse")
    return runs


def listing(items: Sequence[Sequence[Run]], *, joiner: str = "; ") -> list[Run]:
    """Items joined as "A (44); B (37); and C (34)" (with `joiner=", "`: "A, B and C")."""
    runs: list[Run] = []
    last = len(items) - 1
    for i, item in enumerate(items):
        if i:
            # Two items need no semicolon: "email (51.9%) and online form (28.2%)".
            and_ = " and " if last == 1 or joiner == ", " else f"{joiner}and "
            runs.append(and_ if i == last else joiner)
        runs.extend(item)
    return runs


# -- None, ties and reasons in words -------------------------------------------------------------

# Tied at the cut of a top-N list: the tied items are named when there are this many or fewer,
# otherwise counted ("six other services received one each").
NAMED_TIE = 3

NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def in_words(n: int) -> str:
    """A whole number as prose writes it: "six" under ten, "1,018" from ten up."""
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else presenters.count(n)


def count_or_none(view: FigureView, figure_id: str, *, start: bool = False) -> Value:
    """The count, or "none" ("None" to open a sentence) when it is zero: "none were overdue"."""
    if view.raw(figure_id) == 0:
        return Value("None" if start else "none", figure_id)
    return view.value(figure_id)


def count_share(view: FigureView, count_id: str, pct_id: str, *, start: bool = False) -> list[Run]:
    """ "11 (84.6%)", or just "none" when the count is zero: no percentage of nothing (nor of a
    withheld count: "fewer than 5")."""
    if view.raw(count_id) == 0 or view.withheld(count_id):
        return [count_or_none(view, count_id, start=start)]
    return [view.value(count_id), " (", view.value(pct_id, "pct"), ")"]


@dataclass(frozen=True)
class Tier[T]:
    """Items with the same count, in the order they were given."""

    count: float
    members: tuple[T, ...]


@dataclass(frozen=True)
class Ranking[T]:
    named: tuple[Tier[T], ...]
    # The items tied at the cut when too many to name ("six other services received one each").
    rest: Tier[T] | None = None


def rank[T](
    items: Sequence[tuple[T, float | None]], limit: int, *, name_at_most: int = NAMED_TIE
) -> Ranking[T]:
    """The `limit` largest items (those with nothing are left out), never cutting through a tie:
    the items tied at the cut are all named when there are `name_at_most` or fewer, and
    otherwise left as the ranking's `rest`, to be counted rather than named."""
    ordered = sorted((pair for pair in items if pair[1]), key=lambda pair: -(pair[1] or 0))
    named: list[Tier[T]] = []
    taken = 0
    for count, group in groupby(ordered, key=lambda pair: pair[1]):
        if taken >= limit:
            break
        tier = Tier(count or 0, tuple(item for item, _ in group))
        if taken + len(tier.members) > limit and len(tier.members) > name_at_most:
            return Ranking(tuple(named), tier)
        named.append(tier)
        taken += len(tier.members)
    return Ranking(tuple(named))


def tier_listing[T](
    tiers: Sequence[Tier[T]],
    name: Callable[[T], Sequence[Run]],
    amount: Callable[[Tier[T]], Run],
) -> list[Run]:
    """Tiers as "A (44); B (37); and C and D (28 each)": a tie is stated as one."""
    items: list[list[Run]] = []
    for tier in tiers:
        runs = listing([name(member) for member in tier.members], joiner=", ")
        each = " each)" if len(tier.members) > 1 else ")"
        items.append([*runs, " (", amount(tier), each])
    if any(len(tier.members) > 1 for tier in tiers) and len(items) == 2:
        # "A and B (3 each); and C (2)": a plain "and" between the tiers would be ambiguous.
        return [*items[0], "; and ", *items[1]]
    return listing(items)


def tied_rest(rest: Tier, noun: str, did: str, amount: str, *, other: bool = True) -> str:
    """ "Six other services received one each." for the items tied at the cut of a ranking."""
    many = in_words(len(rest.members))
    return f"{many[0].upper()}{many[1:]}{' other' if other else ''} {noun} {did} {amount} each."


# Category words that take an infinitive: a failure or refusal *to* do what the sub-category
# names ("Service Failure / Refusal: Take Action"). "Delay: Take Action" is being slow to.
INFINITIVE_HEADS = {"failure", "failures", "refusal", "refusals", "inability", "unwillingness"}
SLOW_HEADS = {"delay", "delays"}
CATCH_ALL = {"other", "miscellaneous", "misc", "general"}


def in_lower_words(name: str) -> str:
    """A taxonomy name as running text: "Emails / Letters / Text Message" as "emails, letters or
    text message"; acronyms ("ASTI") kept."""
    options = [o.strip() for o in name.split("/") if o.strip()]
    words = [
        " ".join(w if len(w) > 1 and w.isupper() else w.lower() for w in option.split())
        for option in options
    ]
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " or " + words[-1]


def reason_phrase(category: str, subcategory: str | None) -> str:
    """A reason (category and sub-category) as a phrase to follow "about": "a service failure or
    refusal to take action", "being slow to make a decision", "inappropriate action taken",
    "other staff conduct matters"."""
    what = in_lower_words(category)
    head = what.split()[-1] if what else ""
    if not subcategory:
        return f"{what}, with no sub-category recorded"
    sub = in_lower_words(subcategory)
    if {o.strip().lower() for o in subcategory.split("/")} <= CATCH_ALL:
        return f"other {what} matters"
    if head in INFINITIVE_HEADS:
        return f"{'an' if what[0] in 'aeiou' else 'a'} {what} to {sub}"
    if head in SLOW_HEADS:
        return f"being slow to {sub}"
    return sub


# -- a withheld whole ----------------------------------------------------------------------------


class SoFew:
    """Why a withheld count's parts go unsaid, said once in a section. A published report for
    one locality or service that withholds a whole ("fewer than 5 stage 1 responses") does not
    give its parts "of" it ("fewer than 5 of fewer than 5 … in time"): the first sentence to
    leave them out says why ("…; how many were in time is not published for so few."), and
    those after it in the same section simply end."""

    def __init__(self) -> None:
        self.said = False

    def end(self, what: str) -> str:
        """ "; how many were in time is not published for so few." the first time, "." after."""
        if self.said:
            return "."
        self.said = True
        return f"; {what} is not published for so few."
