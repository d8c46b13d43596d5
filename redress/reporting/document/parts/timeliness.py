"""How quickly complaints are answered, and Appendix A (responsiveness).

Published annual reports measure timeliness over the responses issued in the year, whenever the
complaint arrived (the `responses.*` figures); FIGURES.md's timeliness cohort counts the
complaints received in the year instead (`timeliness.*`), each against its own deadline, as
Sandwell's report does. The report leads with the measure its authority chooses (setting
report_timeliness_by: "responses", Birmingham's, by default; or "deadline"), says so, and gives
the other beside it.
"""

from __future__ import annotations

from dataclasses import replace

from redress.core import presenters
from redress.reporting.charts import definitions as charts

from ..context import BuildContext
from ..labels import TABLE_CAPTIONS, band_label, naming_words
from ..model import Cell, Paragraph, Run, TableBlock
from ..sentences import SoFew, against, count_or_none
from ..values import column, para, text_cell
from .common import Blocks, chart_block
from .trends import timeliness_trend

EXCLUDED = "withdrawn complaints and those outside the jurisdiction of the procedure are left out"
GROUPS = (
    ("stage1", "Stage 1"),
    ("stage2.statutory", "Statutory stage 2"),
    ("stage2.local", "Local stage 2"),
    ("stage3", "Stage 3"),
)


def _within(ctx: BuildContext, prefix: str, check: str, *, first: bool = False) -> list[Run]:
    """ "142 (53.4%)", or "none" (at the start of a sentence, "None") when there were none."""
    v = ctx.view
    if v.raw(f"{prefix}.within_{check}") == 0:
        return ["None" if first else "none"]
    if v.withheld(f"{prefix}.within_{check}.pct"):
        shown = v.value(f"{prefix}.within_{check}")
        if first and shown.suppressed:
            shown = replace(shown, text=presenters.first_capital(shown.text))
        return [shown]
    return [
        v.value(f"{prefix}.within_{check}"),
        " (",
        v.value(f"{prefix}.within_{check}.pct", "pct"),
        ")",
    ]


def _were(ctx: BuildContext, figure_id: str) -> str:
    return "was" if ctx.view.raw(figure_id) == 1 else "were"


def _responses(ctx: BuildContext, figure_id: str, words: str) -> str:
    """ "statutory stage 2 responses", or "response" when there was one."""
    return f"{words} {presenters.plural(ctx.view.raw(figure_id), 'response')}"


def _in_time_against(ctx: BuildContext, figure_id: str) -> list[Run]:
    """ ", against 63.7% in 2020-21: fewer in time, which is worse": more in time is better."""
    return against(
        ctx.view,
        figure_id,
        ctx.previous_label,
        better="higher",
        higher="more in time",
        lower="fewer in time",
    )


def _days_against(ctx: BuildContext, figure_id: str) -> list[Run]:
    """ ", against 27.44 in 2020-21: slower, which is worse": more working days is worse."""
    return against(
        ctx.view,
        figure_id,
        ctx.previous_label,
        "days",
        better="lower",
        higher="slower",
        lower="quicker",
    )


def _average(ctx: BuildContext, prefix: str) -> list[Run]:
    """ "The average response time was 28.81 working days, against 27.44 in 2020-21: slower,
    which is worse." """
    figure_id = f"{prefix}.average_working_days"
    if ctx.view.withheld(figure_id):
        return []
    return [
        "The average response time was ",
        ctx.view.value(figure_id, "days"),
        " working days",
        *_days_against(ctx, figure_id),
        ".",
    ]


def _panel_timescale(ctx: BuildContext) -> str:
    """ "within 30 working days of the request", from the stage 3 rules (where they agree)."""
    days = {
        s.panel_within_days
        for p in ctx.procedures
        for s in p.stages
        if s.stage == 3 and s.panel_within_days is not None
    }
    if len(days) == 1:
        return f"within {presenters.working_days(days.pop())} of the request"
    return "within the panel timescale"


def _panels(ctx: BuildContext, so_few: SoFew) -> Paragraph | None:
    """ "Review panels met for 13 of the 14 stage 3 requests received in 2021-22; 11 of them
    within 30 working days of the request." None for a panel that has not met, "a review panel"
    for one; nothing without stage 3 requests. With the requests withheld, how many panels met
    and not "of" them: "Review panels met for fewer than 5 stage 3 requests received in
    2021-22." """
    v = ctx.view
    requests = v.raw("received.stage3")
    held, in_time = (
        v.raw("timeliness.stage3.panels_held"),
        v.raw("timeliness.stage3.panels_in_time"),
    )
    if not requests or held is None or in_time is None:
        return None
    received = f"stage 3 {presenters.plural(requests, 'request')} received in {ctx.label}"
    within = _panel_timescale(ctx)
    if v.withheld("received.stage3"):
        if held == 0:
            return para(
                f"No review panel had met by {presenters.govuk_date(ctx.as_of)} for the {received}."
            )
        return para(
            "Review panels met for ",
            v.value("timeliness.stage3.panels_held"),
            f" {received}",
            so_few.end(f"how many {within}"),
        )
    if held == 0:
        return para(
            f"No review panel had met by {presenters.govuk_date(ctx.as_of)} for ",
            *(["the "] if requests == 1 else ["any of the ", v.value("received.stage3"), " "]),
            f"{received}.",
        )
    if held == requests:
        opening: list[Run] = (
            [f"A review panel met for the {received}"]
            if requests == 1
            else ["Review panels met for all ", v.value("received.stage3"), f" {received}"]
        )
    else:
        opening = [
            "A review panel met for " if held == 1 else "Review panels met for ",
            v.value("timeliness.stage3.panels_held"),
            " of the ",
            v.value("received.stage3"),
            f" {received}",
        ]
    if held == 1:
        timing: list[Run] = [f", {within}." if in_time else f", but not {within}."]
    elif in_time == held:
        timing = [f"; all of them {within}."]
    else:
        timing = ["; ", count_or_none(v, "timeliness.stage3.panels_in_time"), f" of them {within}."]
    return para(*opening, *timing)


def _issued(ctx: BuildContext, so_few: SoFew, figure_id: str, words: str) -> Paragraph:
    """A withheld number of responses, without its parts: "Fewer than 5 stage 1 responses were
    issued in 2021-22; how many were in time is not published for so few." """
    return para(
        ctx.view.value(figure_id),
        f" {words} responses were issued in {ctx.label}",
        so_few.end("how many were in time"),
    )


def _responses_blocks(ctx: BuildContext, so_few: SoFew) -> Blocks:
    """The responses issued in the period, whenever the complaint was received: each stage's
    share in time and average, the review panels, and the response-time bands. A withheld
    number of responses is given without its parts (`SoFew`)."""
    v = ctx.view
    blocks: Blocks = []
    if v.withheld("responses.stage1.count"):
        blocks.append(_issued(ctx, so_few, "responses.stage1.count", "stage 1"))
    elif v.raw("responses.stage1.count"):
        limit = ctx.timescale(1)
        blocks.append(
            para(
                *_within(ctx, "responses.stage1", "maximum", first=True),
                " of ",
                v.value("responses.stage1.count"),
                f" {_responses(ctx, 'responses.stage1.count', 'stage 1')} "
                f"{_were(ctx, 'responses.stage1.within_maximum')} issued within "
                f"{presenters.working_days(limit)}, the longest the procedure allows",
                *_in_time_against(ctx, "responses.stage1.within_maximum.pct"),
                ". ",
                *_within(ctx, "responses.stage1", "applicable", first=True),
                " met their applicable deadline (the initial timescale, or the extended one "
                "where an extension was agreed), and ",
                *_within(ctx, "responses.stage1", "initial"),
                " the initial timescale. ",
                *_average(ctx, "responses.stage1"),
            )
        )
    if v.withheld("responses.stage2.statutory.count"):
        blocks.append(_issued(ctx, so_few, "responses.stage2.statutory.count", "statutory stage 2"))
    elif v.raw("responses.stage2.statutory.count"):
        prefix = "responses.stage2.statutory"
        blocks.append(
            para(
                "Of the ",
                v.value(f"{prefix}.count"),
                f" {_responses(ctx, f'{prefix}.count', 'statutory stage 2')}, ",
                *_within(ctx, prefix, "initial"),
                f" {_were(ctx, f'{prefix}.within_initial')} issued within the initial "
                f"{presenters.working_days(ctx.timescale(2, 'statutory', longest=False))}",
                *_in_time_against(ctx, f"{prefix}.within_initial.pct"),
                ". ",
                *_within(ctx, prefix, "maximum", first=True),
                f" {_were(ctx, f'{prefix}.within_maximum')} issued within "
                f"{presenters.working_days(ctx.timescale(2, 'statutory'))}",
                *_in_time_against(ctx, f"{prefix}.within_maximum.pct"),
                ". ",
                *_average(ctx, prefix),
            )
        )
    if v.withheld("responses.stage2.local.count"):
        blocks.append(_issued(ctx, so_few, "responses.stage2.local.count", "local stage 2"))
    elif v.raw("responses.stage2.local.count"):
        prefix = "responses.stage2.local"
        blocks.append(
            para(
                "Of the ",
                v.value(f"{prefix}.count"),
                f" {_responses(ctx, f'{prefix}.count', 'local stage 2')}, ",
                *_within(ctx, prefix, "applicable"),
                f" {_were(ctx, f'{prefix}.within_applicable')} issued within the deadline",
                *_in_time_against(ctx, f"{prefix}.within_applicable.pct"),
                ". ",
                *_average(ctx, prefix),
            )
        )
    if v.withheld("responses.stage3.count"):
        blocks.append(_issued(ctx, so_few, "responses.stage3.count", "stage 3"))
    elif v.raw("responses.stage3.count"):
        blocks.append(
            para(
                "Of the ",
                v.value("responses.stage3.count"),
                " stage 3 responses, ",
                *_within(ctx, "responses.stage3", "applicable"),
                f" were given within {presenters.working_days(ctx.timescale(3))} of the request.",
            )
        )
    panels = _panels(ctx, so_few)
    if panels is not None:
        blocks.append(panels)
    blocks += _band_tables(ctx, "responses")
    blocks.append(
        para(f"Appendix A gives the same bands over the complaints received in {ctx.label}.")
    )
    return blocks


def _deadline_lead(ctx: BuildContext, so_few: SoFew) -> Paragraph:
    """ "Of the 205 stage 1 complaints received in 2021-22 and answered by 31 May 2022, 156
    (76.1%) were answered within their deadline, against 84.0% in 2020-21: fewer in time, which
    is worse. Of them, …": the lead of a report measured as Sandwell's is."""
    v = ctx.view
    cohort = v.raw("timeliness.stage1.cohort")
    if not cohort:
        return para(
            f"No stage 1 complaint received in {ctx.label} had been answered by "
            f"{presenters.govuk_date(ctx.as_of)}."
        )
    if v.withheld("timeliness.stage1.cohort"):
        return _cohort_withheld(ctx, so_few)
    limit = ctx.timescale(1)
    longest = (
        f"{presenters.working_days(limit)}, the longest the procedure allows"
        if limit
        else "the longest timescale the procedure allows"
    )
    noun = presenters.plural(cohort, "complaint")
    return para(
        "Of the ",
        v.value("timeliness.stage1.cohort"),
        f" stage 1 {noun} received in {ctx.label} and answered by "
        f"{presenters.govuk_date(ctx.as_of)}, ",
        *_within(ctx, "timeliness.stage1", "applicable"),
        f" {_were(ctx, 'timeliness.stage1.within_applicable')} answered within "
        f"{'its' if cohort == 1 else 'their'} deadline",
        *_in_time_against(ctx, "timeliness.stage1.within_applicable.pct"),
        ". Of them, " if cohort > 1 else ". It was ",
        *(
            [
                *_within(ctx, "timeliness.stage1", "initial"),
                " met the initial timescale, and ",
                *_within(ctx, "timeliness.stage1", "maximum"),
                f" were answered within {longest}. ",
            ]
            if cohort > 1
            else [
                "" if v.raw("timeliness.stage1.within_maximum") else "not ",
                f"answered within {longest}. ",
            ]
        ),
        *_average(ctx, "timeliness.stage1"),
    )


def _by_quarter(ctx: BuildContext) -> Blocks:
    """In time and late by quarter of receipt, against the applicable deadline: a chart with
    its table."""
    v = ctx.view
    if not v.rows("timeliness.stage1.by_quarter"):
        return []
    table = v.table(
        "timeliness.stage1.by_quarter",
        [
            ("quarter", "Quarter received", "text"),
            ("met", "In time", "count"),
            ("missed", "Late", "count"),
        ],
    )
    chart = charts.by_quarter(
        v.rows("timeliness.stage1.by_quarter"), withheld=presenters.fewer_than(v.threshold)
    )
    return [chart_block(chart, table)]


def _cohort_withheld(ctx: BuildContext, so_few: SoFew) -> Paragraph:
    """A withheld timeliness cohort, without its parts: "Fewer than 5 stage 1 complaints
    received in 2021-22 had been answered by 31 May 2022 (the timeliness cohort)." """
    return para(
        ctx.view.value("timeliness.stage1.cohort"),
        f" stage 1 complaints received in {ctx.label} had been answered by "
        f"{presenters.govuk_date(ctx.as_of)} (the timeliness cohort)",
        so_few.end("how many were answered in time"),
    )


def _cohort_paragraph(ctx: BuildContext, so_few: SoFew) -> Paragraph:
    """The complaints received in the period and answered (the timeliness cohort), against the
    longest timescale: the second measure of a report that leads with the responses."""
    v = ctx.view
    if v.withheld("timeliness.stage1.cohort"):
        return _cohort_withheld(ctx, so_few)
    return (
        para(
            f"Counted over the complaints received in {ctx.label} and answered by "
            f"{presenters.govuk_date(ctx.as_of)} (the timeliness cohort), ",
            *_within(ctx, "timeliness.stage1", "maximum"),
            " of ",
            v.value("timeliness.stage1.cohort"),
            " stage 1 complaints were answered within the longest timescale",
            *_in_time_against(ctx, "timeliness.stage1.within_maximum.pct"),
            ". ",
            *_average(ctx, "timeliness.stage1"),
        )
        if v.raw("timeliness.stage1.cohort")
        else para(
            f"No stage 1 complaint received in {ctx.label} had been answered by "
            f"{presenters.govuk_date(ctx.as_of)}."
        )
    )


def timeliness(ctx: BuildContext) -> Blocks:
    """The measure the report leads with first (setting report_timeliness_by: the responses
    issued in the period, or the complaints received in it against their own deadlines), then
    the other, the trend, the quarters and stage 2's investigations."""
    v = ctx.view
    so_few = SoFew()
    if ctx.by_deadline:
        blocks: Blocks = [
            para(
                f"This section counts the complaints received in {ctx.label} and answered by "
                f"{presenters.govuk_date(ctx.as_of)}, each against its own deadline (the initial "
                "timescale, or the extended one where an extension was agreed); "
                f"{EXCLUDED}. The same measures over the responses issued in {ctx.label}, "
                "whenever the complaint was received, follow."
            ),
            _deadline_lead(ctx, so_few),
            *_by_quarter(ctx),
            _cohort_table(ctx),
            *_responses_blocks(ctx, so_few),
        ]
    else:
        blocks = [
            para(
                f"This section counts the responses issued in {ctx.label}, whenever the "
                f"complaint was received, as earlier annual reports did; {EXCLUDED}. The same "
                f"measures over the complaints received in {ctx.label} follow."
            ),
            *_responses_blocks(ctx, so_few),
            _cohort_paragraph(ctx, so_few),
            _cohort_table(ctx),
        ]
    blocks += timeliness_trend(ctx)
    if not ctx.by_deadline:
        blocks += _by_quarter(ctx)
    if v.withheld("stage2.active"):
        blocks.append(
            para(
                v.value("stage2.active"),
                f" stage 2 investigations were open at some time during {ctx.span}",
                so_few.end("how many were completed in it"),
            )
        )
    elif v.raw("stage2.active"):
        blocks.append(
            para(
                v.value("stage2.active"),
                f" stage 2 investigations were open at some time during {ctx.span}; ",
                v.value("stage2.completed"),
                " were completed in it, ",
                v.value("stage2.completed_out_of_time"),
                " of them after their deadline",
                *(
                    []
                    if v.withheld("stage2.completed.average_working_days")
                    else [
                        ", taking ",
                        v.value("stage2.completed.average_working_days", "days"),
                        " working days on average",
                        *_days_against(ctx, "stage2.completed.average_working_days"),
                    ]
                ),
                ".",
            )
        )
    return blocks


def _cohort_table(ctx: BuildContext) -> TableBlock:
    v = ctx.view
    body = []
    for group, words in GROUPS:
        prefix = f"timeliness.{group}"
        body.append(
            (
                text_cell(words),
                v.scalar_cell(f"{prefix}.cohort"),
                v.scalar_cell(f"{prefix}.within_initial.pct", "pct"),
                v.scalar_cell(f"{prefix}.within_applicable.pct", "pct"),
                v.scalar_cell(f"{prefix}.within_maximum.pct", "pct"),
                v.scalar_cell(f"{prefix}.average_working_days", "days"),
            )
        )
    return TableBlock(
        key="timeliness.cohort",
        caption=f"Timeliness of the complaints received in {ctx.label}",
        columns=(
            column("stage", "Stage"),
            column("cohort", "Answered", "count"),
            column("initial", "Within initial timescale", "pct"),
            column("applicable", "Within applicable deadline", "pct"),
            column("maximum", "Within longest timescale", "pct"),
            column("average", "Average working days", "days"),
        ),
        rows=tuple(body),
        footnote=f"Complaints received in the period and answered by "
        f"{presenters.govuk_date(ctx.as_of)}; {EXCLUDED}.",
    )


# -- Appendix A ---------------------------------------------------------------------------------


def _bands_by_area(ctx: BuildContext, table_id: str, caption: str) -> TableBlock | None:
    """Areas down the side, bands across, the number and percentage of each."""
    v = ctx.view
    rows = v.rows(table_id)
    if not rows:
        return None
    bands = list(dict.fromkeys(r["band"] for r in rows))
    areas: dict[str, dict[str, int]] = {}
    for i, r in enumerate(rows):
        areas.setdefault(r["area"], {})[r["band"]] = i
    columns = [column("area", "Area")]
    for band in bands:
        columns += [
            column(f"{band}.count", band_label(band), "count"),
            column(f"{band}.pct", f"{band} working days: %", "pct"),
        ]

    def line(area: str, indexes: dict[str, int]) -> tuple[Cell, ...]:
        cells: list[Cell] = [text_cell(naming_words(table_id, "area", area) or area)]
        for band in bands:
            cells += [
                v.cell(table_id, indexes[band], "count"),
                v.cell(table_id, indexes[band], "pct", "pct"),
            ]
        return tuple(cells)

    return TableBlock(
        key=table_id,
        caption=caption,
        columns=tuple(columns),
        rows=tuple(line(a, ix) for a, ix in areas.items() if a != "TOTAL"),
        total=line("TOTAL", areas["TOTAL"]) if "TOTAL" in areas else None,
    )


def _bands(ctx: BuildContext, table_id: str) -> TableBlock | None:
    v = ctx.view
    if not v.rows(table_id):
        return None
    return v.table(
        table_id,
        [
            ("band", "Working days taken", "text"),
            ("count", "Number of complaints", "count"),
            ("pct", "Percentage", "pct"),
        ],
        labels={"band": {r["band"]: band_label(r["band"]) for r in v.rows(table_id)}},
    )


def _band_tables(ctx: BuildContext, population: str) -> Blocks:
    """Stage 1 bands by area, statutory and local stage 2 bands, each with its average, for
    the `responses` or the `timeliness` (cohort) population."""
    v = ctx.view
    blocks: Blocks = []
    unsaid = False  # an average withheld (its count is), said once after the tables
    for group, table_id in (
        ("stage1", f"{population}.stage1.bands_by_area"),
        ("stage2.statutory", f"{population}.stage2.statutory.bands"),
        ("stage2.local", f"{population}.stage2.local.bands"),
    ):
        table = (
            _bands_by_area(ctx, table_id, TABLE_CAPTIONS[table_id])
            if table_id.endswith("by_area")
            else _bands(ctx, table_id)
        )
        if table is not None:
            average = f"{population}.{group}.average_working_days"
            blocks.append(table)
            if v.withheld(average):
                unsaid = True
            else:
                blocks.append(
                    para("Average response time: ", v.value(average, "days"), " working days.")
                )
    if unsaid:
        blocks.append(
            para(
                "No average response time is given where "
                f"{presenters.fewer_than(v.threshold)} responses were issued."
            )
        )
    return blocks


def appendix_responsiveness(ctx: BuildContext) -> Blocks:
    return [
        para(
            f"The response-time bands of “{ctx.title_of('timeliness')}”, counted over the "
            f"complaints received in {ctx.label} and answered by "
            f"{presenters.govuk_date(ctx.as_of)} (the timeliness cohort); {EXCLUDED}."
        ),
        *_band_tables(ctx, "timeliness"),
    ]
