"""Sentence patterns the report repeats: a figure that rose or fell, a rate that moved, a list of
the largest few."""

from __future__ import annotations

from collections.abc import Callable, Sequence

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
) -> Paragraph | None:
    """ "Stage 1 complaints rose by 16.8% to 362." from the figure and its `.change_pct`;
    `unknown(value)` when there is no previous value to compare with. None without a value."""
    if not view.has(figure_id):
        return None
    current = view.value(figure_id, kind)
    change_id = f"{figure_id}.change_pct"
    change = view.raw(change_id)
    if change is None:
        return unknown(current)
    if change == 0:
        return para(f"{subject} stayed the same at ", current, ".")
    return para(
        f"{subject} {direction(change)} by ", view.magnitude(change_id), " to ", current, "."
    )


def trend_clause(view: FigureView, figure_id: str, kind: Kind = "count") -> list[Run]:
    """ " rose by 16.8% to 362" (no subject, no full stop), or just " was 362" when the
    previous value is unknown; empty without a value."""
    if not view.has(figure_id):
        return []
    current = view.value(figure_id, kind)
    change_id = f"{figure_id}.change_pct"
    change = view.raw(change_id)
    if change is None:
        return [" was ", current]
    if change == 0:
        return [" stayed the same at ", current]
    return [f" {direction(change)} by ", view.magnitude(change_id), " to ", current]


def shift(view: FigureView, figure_id: str, previous_label: str, kind: Kind = "pct") -> list[Run]:
    """ " fell to 13.8% (from 15.2% in 2020-21)": for rates, where a % change of a percentage
    would confuse; " was 13.8%" without a previous value."""
    if not view.has(figure_id):
        return []
    current = view.value(figure_id, kind)
    previous_id = f"{figure_id}.previous"
    previous = view.raw(previous_id)
    now = view.raw(figure_id)
    if previous is None:
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
    """\", compared with 310 in 2020-21\" from the figure's `.previous`; empty when unknown."""
    previous_id = f"{figure_id}.previous"
    if not view.has(previous_id):
        return []
    return [", compared with ", view.value(previous_id, kind), f" in {previous_label}"]


def listing(items: Sequence[Sequence[Run]]) -> list[Run]:
    """Items joined as "A (44); B (37); and C (34)"."""
    runs: list[Run] = []
    last = len(items) - 1
    for i, item in enumerate(items):
        if i:
            # Two items need no semicolon: "email (51.9%) and online form (28.2%)".
            runs.append(" and " if last == 1 else "; and " if i == last else "; ")
        runs.extend(item)
    return runs
