"""Volumes and trends, rates against referrals and assessments, services and areas, and
escalation."""

from __future__ import annotations

from typing import Any

from redress.core import presenters
from redress.reporting.charts import definitions as charts
from redress.reporting.figures import FigureSet, compute_figures
from redress.reporting.periods import Period

from ..context import BuildContext
from ..labels import TABLE_CAPTIONS
from ..model import Cell, Run, TableBlock, Value
from ..sentences import Tier, count_or_none, in_words, rank, shift, tied_rest, tier_listing
from ..values import Kind, column, fmt, para, text_cell
from .common import (
    OPEN_CASES_COLUMNS,
    STAGE_COLUMNS,
    Blocks,
    began_words,
    chart_block,
    highest_against_open_cases,
    new_since,
    nothing_to_compare,
    share,
)
from .restructure import open_cases_elsewhere, services_by_part, spans_restructure
from .trends import volumes_trend

# -- Volumes ------------------------------------------------------------------------------------


def volumes(ctx: BuildContext) -> Blocks:
    v = ctx.view
    blocks: Blocks = []
    if v.has("received.stage1"):
        count, change = v.raw("received.stage1"), v.raw("received.stage1.change_pct")
        comparison: list[Run] = []
        if change == 0:
            comparison = [f", the same as in {ctx.previous_label}"]
        elif change is not None:
            comparison = [
                f", {'an increase' if change > 0 else 'a decrease'} of ",
                v.magnitude("received.stage1.change_pct"),
                f" on {ctx.previous_label} (",
                v.value("received.stage1.previous"),
                ")",
            ]
        opening: list[Run] = (
            [
                v.value("received.stage1"),
                f" stage 1 {presenters.plural(count, 'complaint')} "
                f"{'was' if count == 1 else 'were'} received in {ctx.label}",
            ]
            if count
            else [f"No stage 1 complaints were received in {ctx.label}"]
        )
        blocks.append(para(*opening, *comparison, "."))
        if count:
            blocks.append(_procedure_split(ctx))
    later: list[list[Run]] = []
    # A scope that began after the same period a year before is not compared with it: it had
    # no complaints then because it did not exist, not because none were made.
    new = new_since(ctx) is not None
    for n, noun in ((2, "stage 2 complaints"), (3, "stage 3 review panels requested")):
        if not v.has(f"received.stage{n}"):
            continue
        now: list[Run] = [count_or_none(v, f"received.stage{n}")]
        compared = v.has(f"received.stage{n}.previous") and not new
        before = v.raw(f"received.stage{n}.previous") if compared else None
        if before == 0 and not v.raw(f"received.stage{n}"):
            now = [f"there were no {noun} in either {ctx.label} or {ctx.previous_label}"]
        elif compared:
            now = [
                f"{noun} went from ",
                count_or_none(v, f"received.stage{n}.previous"),
                f" in {ctx.previous_label} to ",
                *now,
            ]
        elif v.raw(f"received.stage{n}"):
            now = [f"{noun} numbered ", *now]
        else:
            now = [f"there were no {noun}"]
        later.append(now)
    if later:
        first = later[0]
        if isinstance(first[0], str):
            first = [first[0][0].upper() + first[0][1:], *first[1:]]
        runs: list[Run] = list(first)
        for item in later[1:]:
            runs += [", while ", *item]
        blocks.append(para(*runs, "."))
    blocks.append(_split_table(ctx))
    # Years side by side: an annual report's history (a quarter's or a locality's would show
    # whole years of another scope, or a single one).
    by_year = v.rows("received.by_year") if ctx.words.kind == "year" else []
    if len(by_year) > 1:
        chart = charts.by_year(by_year, withheld=presenters.fewer_than(ctx.view.threshold))
        blocks.append(chart_block(chart, _by_year_table(ctx)))
    blocks += volumes_trend(ctx)
    shown = _months_shown(ctx)
    if shown:
        rows = v.rows("received.stage1.by_month")
        blocks.append(
            chart_block(
                charts.by_month(
                    [rows[i] for i in shown],
                    periods=None
                    if ctx.words.kind == "year"
                    else (ctx.previous_heading, ctx.heading),
                    current=[m.label for m in ctx.period.months()],
                ),
                _by_month_table(ctx, shown),
            )
        )
    return blocks


def _months_shown(ctx: BuildContext) -> list[int]:
    """The rows of `received.stage1.by_month` the report shows: a year's report its three
    years, a shorter period's its own months and the same months a year before (not the
    months between, nor two years before); never a month before the report's locality or
    service area began, which is not a month of none."""
    rows = ctx.view.rows("received.stage1.by_month")
    wanted: set[str] | None = None
    if ctx.words.kind != "year":
        wanted = {m.label for p in (ctx.period.previous, ctx.period) for m in p.months()}
    began = ctx.began
    first = f"{began:%Y-%m}" if began is not None else ""
    return [
        i
        for i, r in enumerate(rows)
        if (wanted is None or r["month"] in wanted) and r["month"] >= first
    ]


def _procedure_split(ctx: BuildContext):
    v = ctx.view
    total = v.raw("received.stage1")
    stat, local = v.raw("received.stage1.statutory"), v.raw("received.stage1.local")
    # A withheld count is neither said nor a share worked from (a report for one locality).
    withheld = v.withheld("received.stage1", "received.stage1.statutory", "received.stage1.local")
    if not stat or not local:
        # "All 12 were considered through the local complaints procedure." (no "0 (0.0%)").
        which = "statutory" if stat else "local"
        one = total == 1 or withheld
        return para(
            "All were considered through the " if one else "All ",
            None if one else v.value("received.stage1"),
            None if one else " were considered through the ",
            f"{which} complaints procedure.",
        )
    if withheld:
        return para(
            v.value("received.stage1.statutory"),
            " were considered through the statutory complaints procedure and ",
            v.value("received.stage1.local"),
            " through the local complaints procedure.",
        )
    return para(
        v.value("received.stage1.statutory"),
        " (",
        share(stat, total, figure_id="received.stage1.statutory"),
        ") were considered through the statutory complaints procedure and ",
        v.value("received.stage1.local"),
        " (",
        share(local, total, figure_id="received.stage1.local"),
        ") through the local complaints procedure.",
    )


def _split_table(ctx: BuildContext) -> TableBlock:
    v = ctx.view
    rows = []
    for n in (1, 2):
        rows.append(
            (
                text_cell(f"Stage {n}"),
                v.scalar_cell(f"received.stage{n}.statutory"),
                v.scalar_cell(f"received.stage{n}.local"),
                v.scalar_cell(f"received.stage{n}"),
            )
        )
    return TableBlock(
        key="received.by_procedure",
        caption="Complaints received by procedure",
        columns=(
            column("stage", "Stage"),
            column("statutory", "Statutory procedure", "count"),
            column("local", "Local procedure", "count"),
            column("total", "All", "count"),
        ),
        rows=tuple(rows),
        footnote="Stage 3 review panels belong to the statutory procedure only.",
    )


def _by_year_table(ctx: BuildContext) -> TableBlock:
    return ctx.view.table(
        "received.by_year",
        [
            ("year", "Year", "text"),
            *STAGE_COLUMNS,
        ],
    )


def _by_month_table(ctx: BuildContext, shown: list[int]) -> TableBlock:
    """A year's 36 months as a month-by-year grid (12 rows), easier to read than a list; a
    shorter period's months, one row each, beside the same months a year before. A month
    before the report's scope began is "–", and a footnote says why."""
    v = ctx.view
    rows = v.rows("received.stage1.by_month")
    index_of = {rows[i]["month"]: i for i in shown}
    began = ctx.began
    footnote = None
    if began is not None and any(r["month"] < f"{began:%Y-%m}" for r in rows):
        footnote = (
            f"{began_words(ctx, began)[0].upper()}{began_words(ctx, began)[1:]}: "
            "a month before then is not counted, nor shown as none."
        )

    def cell(label: str) -> Cell:
        index = index_of.get(label)
        return (
            v.cell("received.stage1.by_month", index, "count")
            if index is not None
            else (text_cell("–"))
        )

    if ctx.words.kind != "year":
        months = ctx.period.months()
        before = ctx.period.previous.months()
        compare = len(before) == len(months) and any(m.label in index_of for m in before)
        columns = [column("month", "Month")]
        if compare:
            columns.append(column("previous", ctx.previous_heading, "count"))
        columns.append(column("current", ctx.heading, "count"))
        body = []
        for i, month in enumerate(months):
            number = int(month.label[5:])
            cells: list[Cell] = [text_cell(presenters.month_name(number))]
            if compare:
                cells.append(cell(before[i].label))
            cells.append(cell(month.label))
            body.append(tuple(cells))
        return TableBlock(
            key="received.stage1.by_month",
            caption=TABLE_CAPTIONS["received.stage1.by_month"],
            columns=tuple(columns),
            rows=tuple(body),
            footnote=footnote,
        )
    years: dict[str, dict[int, str]] = {}
    for r in (rows[i] for i in shown):
        year, number = (int(x) for x in r["month"].split("-"))
        first = year if number >= 4 else year - 1
        years.setdefault(f"{first}-{(first + 1) % 100:02d}", {})[number] = r["month"]
    grid = []
    for number in [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3]:
        cells = [text_cell(presenters.month_name(number))]
        for labels in years.values():
            label = labels.get(number)
            cells.append(cell(label) if label is not None else text_cell("–"))
        grid.append(tuple(cells))
    return TableBlock(
        key="received.stage1.by_month",
        caption=TABLE_CAPTIONS["received.stage1.by_month"],
        columns=(column("month", "Month"), *(column(y, y, "count") for y in years)),
        rows=tuple(grid),
        footnote=footnote,
    )


# -- Rates ----------------------------------------------------------------------------------------

RATE_IDS = {
    "received.stage1",
    "context.referrals",
    "context.family_assessments",
    "ratio.stage1_to_referrals.pct",
    "ratio.stage1_to_family_assessments.pct",
}


def _history(ctx: BuildContext) -> list[tuple[Period, FigureSet]]:
    """The two periods before this one, computed the same way (only the rate figures)."""
    earlier = [ctx.period.previous.previous, ctx.period.previous]
    return [
        (p, compute_figures(facts=ctx.facts, period=p, settings=ctx.settings, only=RATE_IDS))
        for p in earlier
    ]


def rates(ctx: BuildContext) -> Blocks:
    v = ctx.view
    blocks: Blocks = []
    if v.has("ratio.stage1_to_referrals.pct") or v.has("ratio.stage1_to_family_assessments.pct"):
        blocks.append(
            para(
                "Complaint numbers are best read against the work of the service. In "
                f"{ctx.label} stage 1 complaints were ",
                v.value("ratio.stage1_to_referrals.pct", "ratio"),
                " of the ",
                v.value("context.referrals"),
                " referrals received and ",
                v.value("ratio.stage1_to_family_assessments.pct", "ratio"),
                " of the ",
                v.value("context.family_assessments"),
                " family assessments completed.",
            )
        )
    else:
        blocks.append(
            para(
                f"No referral or family assessment figures are recorded for {ctx.label}, so no "
                "rates are given."
            )
        )
        return blocks
    history = _history(ctx)
    labels = [p.label for p, _ in history] + [ctx.label]
    lines: tuple[tuple[str, str, Kind], ...] = (
        ("context.referrals", "Referrals received", "count"),
        ("ratio.stage1_to_referrals.pct", "Stage 1 complaints as a % of referrals", "ratio"),
        ("context.family_assessments", "Family assessments completed", "count"),
        (
            "ratio.stage1_to_family_assessments.pct",
            "Stage 1 complaints as a % of family assessments",
            "ratio",
        ),
    )
    body = []
    for figure_id, words, kind in lines:
        cells = [text_cell(words)]
        # Earlier periods' cells name no figure: a figure id means this period's figure.
        cells += [
            Cell(text=fmt(fs.figures.get(figure_id), kind), value=fs.figures.get(figure_id))
            for _, fs in history
        ]
        cells.append(v.scalar_cell(figure_id, kind))
        body.append(tuple(cells))
    table = TableBlock(
        key="rates.three_years",
        caption="Stage 1 complaints against referrals and family assessments",
        columns=(
            column("measure", "Measure"),
            *(column(label, label, "count") for label in labels),
        ),
        rows=tuple(body),
    )
    chart_rows: list[dict[str, Any]] = []
    for measure, figure_id in (
        ("Referrals", "ratio.stage1_to_referrals.pct"),
        ("Family assessments", "ratio.stage1_to_family_assessments.pct"),
    ):
        values = [fs.figures.get(figure_id) for _, fs in history] + [v.raw(figure_id)]
        chart_rows += [
            {"measure": measure, "year": y, "pct": p} for y, p in zip(labels, values, strict=True)
        ]
    blocks.append(chart_block(charts.rates(chart_rows), table))
    if v.rows("ratio.stage1_to_open_cases.by_service") and open_cases_elsewhere(ctx):
        # Each part's own services against their open cases, shown with the services.
        blocks.append(
            para(
                f"The services were restructured during {ctx.label}, so stage 1 complaints "
                "against open cases are given for each part of it, with the complaints by service."
            )
        )
    elif v.rows("ratio.stage1_to_open_cases.by_service"):
        blocks.append(v.table("ratio.stage1_to_open_cases.by_service", OPEN_CASES_COLUMNS))
        highest = highest_against_open_cases(
            ctx, "ratio.stage1_to_open_cases.by_service", f"in {ctx.label}"
        )
        if highest is not None:
            blocks.append(highest)
    return blocks


# -- Services and areas -----------------------------------------------------------------------


def services(ctx: BuildContext) -> Blocks:
    v = ctx.view
    rows = v.rows("received.by_service")
    blocks: Blocks = [
        para(
            "Services delivered across the whole authority, rather than in one area, are "
            "grouped together as “Citywide”."
        )
    ]
    for n, noun, one in (
        (1, "stage 1 complaints", "stage 1 complaint"),
        (2, "stage 2 complaints", "stage 2 complaint"),
        (3, "stage 3 requests", "stage 3 request"),
    ):
        sentence = _top_services(ctx, n, noun, one)
        if sentence is not None:
            blocks.append(sentence)
    if v.rows("received.by_area"):
        table = v.table(
            "received.by_area",
            [
                ("area", "Area", "text"),
                *STAGE_COLUMNS,
            ],
        )
        blocks.append(chart_block(charts.by_area(v.rows("received.by_area")), table))
    if rows and spans_restructure(ctx):
        blocks += services_by_part(ctx)
    elif rows:
        table = v.table(
            "received.by_service",
            [
                ("service", "Service", "text"),
                *STAGE_COLUMNS,
            ],
        )
        blocks.append(chart_block(charts.stage1_by_service(rows), table))
    return blocks


TOP = 5


def _top_services(ctx: BuildContext, n: int, noun: str, one: str):
    """ "The services receiving most stage 3 requests were: East Child in Care and South
    Safeguarding (3 each); and Disabled Children's Social Care (2). Six other services received
    one each." The list never cuts through a tie."""
    v = ctx.view
    key = f"stage{n}"
    table_id = "received.by_service"
    rows = v.rows(table_id)
    order = sorted(range(len(rows)), key=lambda i: rows[i]["service"])
    ranking = rank([(i, rows[i][key]) for i in order], TOP)
    if not ranking.named and ranking.rest is None:
        if any(r[key] is None for r in rows):
            return para(f"No service received {ctx.settings.suppression_threshold} or more {noun}.")
        return None

    def amount(tier: Tier[int]) -> Run:
        if len(tier.members) == 1:
            return v.row_value(table_id, tier.members[0], key)
        return Value(fmt(tier.count, "count"))

    rest = ranking.rest
    if not ranking.named and rest is not None:
        # Every service with any is tied: "Nine services received one stage 3 request each."
        return para(
            tied_rest(
                rest,
                "services",
                "received",
                f"{in_words(int(rest.count))} {one if rest.count == 1 else noun}",
                other=False,
            )
        )
    listed = tier_listing(ranking.named, lambda i: [rows[i]["service"]], amount)
    tail = f" {tied_rest(rest, 'services', 'received', in_words(int(rest.count)))}" if rest else ""
    if len(ranking.named) == 1 and len(ranking.named[0].members) == 1 and not rest:
        return para(f"The service receiving most {noun} was ", *listed, ".")
    return para(f"The services receiving most {noun} were: ", *listed, ".", tail or None)


# -- Escalation -------------------------------------------------------------------------------


def escalation(ctx: BuildContext) -> Blocks:
    v = ctx.view
    one_two, two_three = "escalation.stage1_to_stage2.pct", "escalation.stage2_to_stage3.pct"
    blocks: Blocks = []
    if v.has(one_two):
        blocks.append(
            para(
                "The percentage of complaints escalated from stage 1 to stage 2",
                *shift(v, one_two, ctx.previous_label),
                ".",
            )
        )
    if v.has(two_three):
        blocks.append(
            para(
                "The percentage escalated from statutory stage 2 to a stage 3 review panel",
                *shift(v, two_three, ctx.previous_label),
                ".",
            )
        )
    # A scope that began after the same period a year before has no rate then to set beside
    # this one: no column (nor bars) for that period, and the footnote says why.
    new = new_since(ctx)
    rows = []
    body = []
    for figure_id, words in ((one_two, "Stage 1 to stage 2"), (two_three, "Stage 2 to stage 3")):
        previous = v.raw(f"{figure_id}.previous")
        if new is None:
            rows.append({"rate": words, "year": ctx.previous_label, "pct": previous})
        rows.append({"rate": words, "year": ctx.label, "pct": v.raw(figure_id)})
        before = () if new else (v.scalar_cell(f"{figure_id}.previous", "pct"),)
        body.append((text_cell(words), *before, v.scalar_cell(figure_id, "pct")))
    if any(r["pct"] is not None for r in rows):
        footnote = "Stage 2 to stage 3 is measured against statutory stage 2 complaints."
        if new is not None:
            words = nothing_to_compare(ctx, new)
            footnote += f" {words[0].upper()}{words[1:]}."
        previous_column = () if new else (column(ctx.previous_label, ctx.previous_label, "pct"),)
        table = TableBlock(
            key="escalation.rates",
            caption="Escalation rates",
            columns=(
                column("rate", "Escalation"),
                *previous_column,
                column(ctx.label, ctx.label, "pct"),
            ),
            rows=tuple(body),
            footnote=footnote,
        )
        blocks.append(chart_block(charts.escalation(rows), table))
    return blocks
