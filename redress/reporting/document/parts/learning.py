"""Learning and improving from complaints, next steps, and Appendix D: "you said, we did", each
learning action of the period with what its complaint told us, what changed, the stage that
prompted it and whether it is done.

Appendix D, not the learning section, holds the table: it has a row for every action (the demo
year has dozens), where the section gives the counts and themes a reader takes in at once. A
published version prints only the words a complaints manager approved (the "you said", the "we
did", or the action's description, with any name left in them taken out), never the
complaint's reference, and only the actions with some approved words.
"""

from __future__ import annotations

import datetime
from itertools import groupby

from redress.core import presenters

from .. import selectors
from ..context import BuildContext
from ..model import Cell, RowKind, TableBlock
from ..redact import redact
from ..sentences import count_or_none
from ..values import column, para, text_cell
from .common import Blocks

NO_THEME = "No theme"
NOTHING = "–"
NOT_RECORDED = "Not recorded"
EMPTY = (NOTHING, NOT_RECORDED)


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
        para(
            f"Appendix D pairs what each complaint told {ctx.us} with what changed as a result"
            + ("" if ctx.speaks_as_authority else " (“you said, we did”)")
            + ", with the stage that prompted it and whether it is done."
        ),
    ]


def next_steps(ctx: BuildContext) -> Blocks:
    # Written by the complaints team for each edition; the section's narrative is its content.
    return []


def prompted_by(action: selectors.YouSaidWeDid) -> str:
    """'Stage 1', 'Ombudsman', 'The complaint' (no stage recorded) or 'Complaints in general'."""
    if action.stage is not None:
        return f"Stage {action.stage}"
    if action.ombudsman:
        return "Ombudsman"
    return "The complaint" if action.complaint_reference else "Complaints in general"


def done(action: selectors.YouSaidWeDid, as_of: datetime.date) -> str:
    """'Completed 2 August 2021', 'Due by 30 September 2022', 'Overdue: due by 30 September
    2021' or 'Open, no due date', as it stood on `as_of`."""
    date = presenters.govuk_date
    if action.completed is not None:
        return f"Completed {date(action.completed)}"
    if action.due is None:
        return "Open, no due date"
    if action.due < as_of:
        return f"Overdue: due by {date(action.due)}"
    return f"Due by {date(action.due)}"


def _theme_order(action: selectors.YouSaidWeDid) -> tuple[bool, str, datetime.date]:
    return (action.theme is None, action.theme or "", action.raised)


def _words(action: selectors.YouSaidWeDid, *, published: bool) -> tuple[str, str]:
    """What the row prints as "you said" and "we did". The team's version: the action's own
    words (its description where nothing was written as "we did"); a published version: only
    approved excerpts."""
    if published:
        return (
            action.you_said_excerpt or NOTHING,
            action.we_did_excerpt or action.excerpt or NOTHING,
        )
    return (action.you_said or NOT_RECORDED, action.we_did or action.description)


def appendix_learning(ctx: BuildContext) -> Blocks:
    actions = sorted(
        selectors.you_said_we_did(period=ctx.period, as_of=ctx.as_of, areas=ctx.areas),
        key=_theme_order,
    )
    if not actions:
        return [para(f"No learning actions were raised in {ctx.label}.")]
    if ctx.published:
        actions = [a for a in actions if a.you_said_excerpt or a.we_did_excerpt or a.excerpt]
        if not actions:
            ctx.redactions["learning example"] = 0
            return [
                para(
                    f"The learning actions raised from complaints in {ctx.label} are described "
                    "only in the complaints team's version of this report: no excerpt of them "
                    "has been approved for publication."
                )
            ]
    # Each row's texts by column; the table keeps the columns with something in them (no
    # "You said" column where none was written, or approved).
    lines: list[dict[str, str] | str] = []
    removed = 0
    for theme, group in groupby(actions, key=lambda a: a.theme):
        lines.append(theme or NO_THEME)
        for action in group:
            said, did = _words(action, published=ctx.published)
            if ctx.published:
                cleaned = redact(said, action.names), redact(did, action.names)
                removed += cleaned != (said, did)
                said, did = cleaned
            lines.append(
                {
                    "complaint": action.complaint_reference or NOTHING,
                    "you_said": said,
                    "we_did": did,
                    "prompted_by": prompted_by(action),
                    "done": done(action, ctx.as_of),
                }
            )
    said_any = any(isinstance(line, dict) and line["you_said"] not in EMPTY for line in lines)
    columns = (
        *([] if ctx.published else [column("complaint", "Complaint")]),
        # The authority's voice has no "we": the columns say what they hold.
        *(
            [
                column(
                    "you_said", "What the complaint said" if ctx.speaks_as_authority else "You said"
                )
            ]
            if said_any
            else []
        ),
        column("we_did", "What changed" if ctx.speaks_as_authority else "We did"),
        column("prompted_by", "Prompted by"),
        column("done", "Done"),
    )
    rows: list[tuple[Cell, ...]] = []
    kinds: list[RowKind] = []
    for line in lines:
        if isinstance(line, str):
            rows.append((text_cell(line), *(text_cell("") for _ in columns[1:])))
            kinds.append("group")
        else:
            rows.append(tuple(text_cell(line[c.key]) for c in columns))
            kinds.append("row")
    if ctx.published:
        ctx.redactions["learning example"] = removed
        intro = (
            f"What complaints told {ctx.us} in {ctx.label} and what changed as a result, by "
            "learning theme, in words approved for publication."
        )
        footnote = (
            "Only words a complaints manager approved for publication are printed, with any "
            f"name taken out; {NOTHING} where none were approved. Done: as at "
            f"{presenters.govuk_date(ctx.as_of)}."
        )
    else:
        intro = (
            f"What complaints told {ctx.us} in {ctx.label} and what changed as a result, by "
            "learning theme, with the complaint each came from (this version only)."
        )
        footnote = (
            f"{columns[-3].label}: what was recorded as done, or the action itself where "
            f"nothing has been recorded yet. Done: as at {presenters.govuk_date(ctx.as_of)}."
            + ("" if said_any else " No “you said” was recorded for any of them.")
        )
    return [
        para(intro),
        TableBlock(
            key="learning.you_said_we_did",
            caption="“You said, we did”: what complaints told us and what changed",
            columns=columns,
            rows=tuple(rows),
            footnote=footnote,
            row_kinds=tuple(kinds),
        ),
    ]
