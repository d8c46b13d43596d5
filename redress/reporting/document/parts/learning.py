"""Learning and improving from complaints, next steps, and Appendix D (examples of learning)."""

from __future__ import annotations

from itertools import groupby

from redress.core import presenters

from .. import selectors
from ..context import BuildContext
from ..model import BulletList
from ..redact import redact
from ..sentences import count_or_none
from ..values import para
from .common import Blocks


def learning(ctx: BuildContext) -> Blocks:
    v = ctx.view
    if not v.raw("actions.total"):
        return [para(f"No learning actions were raised from complaints in {ctx.label}.")]
    return [
        para(
            "When they answer a complaint, managers record what it taught and what will change. ",
            v.value("actions.total"),
            f" learning {presenters.plural(v.raw('actions.total'), 'action')} "
            f"{'was' if v.raw('actions.total') == 1 else 'were'} raised in {ctx.label}; ",
            count_or_none(v, "actions.completed"),
            f" had been completed by {presenters.govuk_date(ctx.as_of)} and ",
            count_or_none(v, "actions.overdue"),
            f" {'was' if v.raw('actions.overdue') == 1 else 'were'} overdue.",
        ),
        v.table(
            "actions.by_theme",
            [
                ("theme", "Theme", "text"),
                ("total", "Raised", "count"),
                ("completed", "Completed", "count"),
                ("overdue", "Overdue", "count"),
            ],
        ),
        para("Examples of the learning and the improvements made are in Appendix D."),
    ]


def next_steps(ctx: BuildContext) -> Blocks:
    # Written by the complaints team for each edition; the section's narrative is its content.
    return []


def appendix_learning(ctx: BuildContext) -> Blocks:
    examples = selectors.learning_examples(period=ctx.period, as_of=ctx.as_of, areas=ctx.areas)
    if not examples:
        return [para(f"No learning actions were raised in {ctx.label}.")]
    if ctx.published:
        # Only the excerpts a complaints manager approved: an action's own description never
        # leaves the complaints team.
        examples = [e for e in examples if e.excerpt]
        if not examples:
            ctx.redactions["learning example"] = 0
            return [
                para(
                    f"The learning actions raised from complaints in {ctx.label} are described "
                    "only in the complaints team's version of this report: no excerpt of them "
                    "has been approved for publication."
                )
            ]
    intro = f"The learning actions raised from complaints in {ctx.label}, by theme"
    blocks: Blocks = [
        para(intro + (", in excerpts approved for publication." if ctx.published else "."))
    ]
    removed = 0
    for theme, group in groupby(examples, key=lambda e: e.theme):
        items = []
        for example in group:
            said = (example.excerpt or "") if ctx.published else example.text
            text = redact(said, example.names) if ctx.published else said
            removed += text != said
            items.append(para(text))
        blocks += [para(f"{theme or 'No theme'}:"), BulletList(tuple(items))]
    if ctx.published:
        ctx.redactions["learning example"] = removed
    return blocks
