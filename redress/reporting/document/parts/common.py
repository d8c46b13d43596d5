"""Helpers the section builders share."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from redress.core import presenters
from redress.reporting.charts import Chart
from redress.reporting.figures.numbers import pct

from ..model import Block, ChartBlock, Paragraph, Run, TableBlock, Value
from ..sentences import NAMED_TIE, Tier, compared, listing, rank
from ..values import Kind, fmt

if TYPE_CHECKING:
    from ..context import BuildContext

Blocks = list[Block]

# The columns of the tables of complaints by service (or area, year) and stage, and of stage 1
# complaints against open cases: the year's and each part's of a restructured year.
STAGE_COLUMNS: list[tuple[str, str, Kind]] = [
    ("stage1", "Stage 1", "count"),
    ("stage2", "Stage 2", "count"),
    ("stage3", "Stage 3", "count"),
]
OPEN_CASES_COLUMNS: list[tuple[str, str, Kind]] = [
    ("service", "Service", "text"),
    ("complaints", "Stage 1 complaints", "count"),
    ("open_cases", "Open cases", "number"),
    ("pct", "Complaints as a % of open cases", "ratio"),
]


def highest_against_open_cases(
    ctx: BuildContext, table_id: str, when: str, indices: list[int] | None = None
) -> Paragraph | None:
    """ "Children in Care had the highest proportion of stage 1 complaints to open cases in
    January to March 2022 (2.90%), followed by Smethwick and Oldbury (2.80%)." (Sandwell's
    words after its Table 5): of the table's rows (or those of `indices`, a part of it), the
    services with the highest and next highest proportion, a tie
    said as one ("… (2.90% each)"). None when no service has complaints, or too many tie to
    name.

    A published report withholds the rows of services with fewer than 5 complaints; a ranking
    that took them in would narrow what they hide (a top proportion of 2.90% tells a withheld
    row of 40 open cases had one complaint), so it ranks the rest and says so: "Of the
    services with 5 or more stage 1 complaints in January to March 2022, …"."""
    v = ctx.view
    rows = v.rows(table_id)
    indices = list(range(len(rows))) if indices is None else indices
    shown = [
        i
        for i in indices
        if not v.suppressed(table_id, i, "complaints") and not v.suppressed(table_id, i, "pct")
    ]
    ranking = rank([(i, rows[i]["pct"]) for i in shown], 2, name_at_most=NAMED_TIE)
    if not ranking.named:
        return None

    def names(tier: Tier[int]) -> list[Run]:
        named = [str(rows[i]["service"]) for i in tier.members]
        if len(named) > 1 and any(" and " in name for name in named):
            # "Child Protection and Court, and Disabled Children's Service": the comma says
            # where one name ends.
            return [", ".join(named[:-1]) + ", and " + named[-1]]
        return listing([[name] for name in named], joiner=", ")

    def amount(tier: Tier[int]) -> list[Run]:
        each = " each" if len(tier.members) > 1 else ""
        return [" (", v.row_value(table_id, tier.members[0], "pct", "ratio"), f"{each})"]

    first, *after = ranking.named
    have = " had" if len(first.members) == 1 else " shared"
    if len(shown) == len(indices):
        runs: list[Run] = [
            *names(first),
            f"{have} the highest proportion of stage 1 complaints to open cases {when}",
        ]
    else:
        runs = [
            f"Of the services with {v.threshold} or more stage 1 complaints {when}, ",
            *names(first),
            f"{have} the highest proportion to open cases",
        ]
    runs += amount(first)
    if after and len(first.members) == 1:
        runs += [", followed by ", *names(after[0]), *amount(after[0])]
    return Paragraph((*runs, "."))


def new_since(ctx: BuildContext) -> datetime.date | None:
    """The day the report's scope began, when that was after the same period a year before
    ended: nothing of it existed then, so there is nothing to compare with (not "none")."""
    began = ctx.began
    return began if began is not None and began > ctx.period.previous.end else None


def began_words(ctx: BuildContext, began: datetime.date) -> str:
    """ "the West locality began on 1 January 2022", "Family Hub began on 1 February 2022" """
    who = f"the {ctx.covers}" if ctx.locality else ctx.covers
    return f"{who} began on {presenters.govuk_date(began)}"


def nothing_to_compare(ctx: BuildContext, began: datetime.date, *, dated: bool = False) -> str:
    """ "the West locality began on 1 January 2022, so there is nothing in the same quarter
    last year to compare with": what a comparison with a period before the scope says
    (`dated`: the period's dates after its name, "… last year (1 January 2021 to 31 March
    2021) …")."""
    before = ctx.previous_label
    if dated:
        start, end = ctx.period.previous.start, ctx.period.previous.end
        before += f" ({presenters.govuk_date(start)} to {presenters.govuk_date(end)})"
    return f"{began_words(ctx, began)}, so there is nothing in {before} to compare with"


def compared_or_new(ctx: BuildContext, figure_id: str, kind: Kind = "count") -> list[Run]:
    """ ", compared with 3 in 2020-21" (`compared`); for a scope that began after the same
    period a year before, "; the West locality began on 1 January 2022, so there is nothing in
    the same quarter last year to compare with" instead of "compared with none" (or £0)."""
    new = new_since(ctx)
    if new is None:
        return compared(ctx.view, figure_id, ctx.previous_label, kind)
    if not ctx.view.has(f"{figure_id}.previous"):
        return []
    return [f"; {nothing_to_compare(ctx, new)}"]


def chart_block(chart: Chart, table: TableBlock) -> ChartBlock | TableBlock:
    """The chart with its data table; just the table when the chart would be empty."""
    if chart.empty:
        return table
    return ChartBlock(
        key=chart.key,
        title=chart.title,
        spec=chart.spec,
        description=chart.description,
        table=table,
    )


def share(
    part: int | None, whole: int | None, *, figure_id: str | None = None, drill=None
) -> Value:
    """A percentage the report derives from two figures (a part of a whole), rounded as the
    figures are; it names the figure counting the part, whose records are behind it."""
    value = pct(part, whole) if part is not None and whole is not None else None
    return Value(fmt(value, "pct"), figure_id, drill=drill)
