"""The executive summary's headline sentences, and the description of the procedure."""

from __future__ import annotations

from redress.core import presenters

from ..context import BuildContext
from ..model import BulletList, Paragraph, Run, Value
from ..sentences import (
    against,
    count_or_none,
    in_lower_words,
    listing,
    rank,
    trend,
    trend_clause,
)
from ..values import FigureView, para
from .common import Blocks, new_since, nothing_to_compare, share

CYP_WORDS = "children, young people or care leavers"


def headlines(ctx: BuildContext) -> list[Paragraph]:
    """The headline sentences, each written from the figures; a headline whose figures are
    missing is left out."""
    v = ctx.view
    out: list[Paragraph | None] = []
    # A locality or service that began after the same period a year before had no complaints
    # then: not "none", but nothing to compare with, which stage 1's headline says.
    new = new_since(ctx)
    for n in (1, 2, 3):

        def received(value: Value, n: int = n) -> Paragraph:
            noun = _plural(v, f"received.stage{n}", "complaint")
            if ctx.since is None or new is not None:
                why: list[Run] = []
                if new is not None and n == 1:
                    why = [f", and {nothing_to_compare(ctx, new)}"]
                if not v.raw(f"received.stage{n}"):
                    return para(f"No stage {n} complaints were received in {ctx.label}", *why, ".")
                return para(value, f" stage {n} {noun} received in {ctx.label}", *why, ".")
            return _received_since(ctx, n, value, noun)

        out.append(
            trend(
                v,
                f"Stage {n} complaints",
                f"received.stage{n}",
                unknown=received,
                since=ctx.since,
            )
        )
    out.append(_upheld(ctx))
    out.append(_timeliness(ctx))
    out.append(_reasons(ctx))
    if v.has("cyp.stage1.received") and not v.raw("cyp.stage1.received"):
        out.append(para(f"No stage 1 complaints were made by {CYP_WORDS}."))
    elif v.has("cyp.stage1.received", "cyp.stage1.pct"):
        count = v.raw("cyp.stage1.received")
        out.append(
            para(
                v.value("cyp.stage1.received"),
                f" stage 1 {presenters.plural(count, 'complaint')} (",
                v.value("cyp.stage1.pct", "pct"),
                f") {_were(count)} made by {CYP_WORDS}.",
            )
        )
    out.append(_ombudsman(ctx))
    out.append(_money(ctx))
    if v.has("actions.total") and v.raw("actions.total"):
        out.append(
            para(
                v.value("actions.total"),
                f" learning {presenters.plural(v.raw('actions.total'), 'action')} "
                f"{_were(v.raw('actions.total'))} raised from complaints; ",
                v.value("actions.completed"),
                f" {_were(v.raw('actions.completed'))} completed by "
                f"{presenters.govuk_date(ctx.as_of)}.",
            )
        )
    out.append(
        trend(
            v,
            "Compliments recorded",
            "compliments.received",
            unknown=lambda value: para(
                value, f" {_plural(v, 'compliments.received', 'compliment')} recorded."
            ),
            since=ctx.since,
        )
    )
    return [p for p in out if p is not None]


def _received_since(ctx: BuildContext, n: int, value: Value, noun: str) -> Paragraph:
    """A quarter's (a month's…) count with no % change to give, against the same period a year
    before: "5 stage 1 complaints were received in Q4 2021-22, compared with none in the same
    quarter last year.", "No stage 3 complaints were received in Q4 2021-22 or in the same
    quarter last year." """
    v, figure_id = ctx.view, f"received.stage{n}"
    previous = f"{figure_id}.previous"
    before = v.raw(previous) if v.has(previous) else None
    if not v.raw(figure_id):
        opening: list[Run] = [f"No stage {n} complaints were received in {ctx.label}"]
        if before == 0:
            return para(*opening, f" or in {ctx.since}.")
    else:
        opening = [value, f" stage {n} {noun} received in {ctx.label}"]
    if before is None:
        return para(*opening, ".")
    return para(*opening, ", compared with ", count_or_none(v, previous), f" in {ctx.since}.")


def _were(count: int | None) -> str:
    return "was" if count == 1 else "were"


def _plural(v, figure_id: str, noun: str) -> str:
    """`complaints were` / `complaint was`, agreeing with the figure."""
    count = v.raw(figure_id)
    return f"{presenters.plural(count, noun)} {_were(count)}"


def _upheld(ctx: BuildContext) -> Paragraph | None:
    v = ctx.view
    ids = {n: f"outcome.stage{n}.upheld_or_partially.pct" for n in (1, 2, 3)}
    if not v.has(ids[1]):
        return None
    others: list[list[Run]] = [
        [v.value(ids[n], "pct"), f" at stage {n}"] for n in (2, 3) if v.has(ids[n])
    ]
    return para(
        v.value(ids[1], "pct"),
        " of stage 1 complaints were upheld or partially upheld",
        *(["; the figure was ", *listing(others)] if others else []),
        ".",
    )


def _timeliness(ctx: BuildContext) -> Paragraph | None:
    """Stage 1 timeliness as the authority's report measures it (setting
    report_timeliness_by): over the responses of the period (Birmingham's), or over the
    complaints received in it against their own deadlines (Sandwell's); each against the year
    before, saying whether that is better or worse."""
    if ctx.by_deadline:
        return _timeliness_by_deadline(ctx)
    v = ctx.view
    average = "responses.stage1.average_working_days"
    if not v.has(average):
        return None
    slower = against(
        v, average, ctx.previous_label, "days", better="lower", higher="slower", lower="quicker"
    )
    limit, within = ctx.timescale(1), "responses.stage1.within_maximum.pct"
    if not (limit and v.has(within)):
        return para(
            "The average stage 1 response took ",
            v.value(average, "days"),
            " working days (over the ",
            v.value("responses.stage1.count"),
            f" responses issued in {ctx.label})",
            *slower,
            ".",
        )
    return para(
        v.value(within, "pct"),
        " of the ",
        v.value("responses.stage1.count"),
        f" stage 1 responses issued in {ctx.label} were within {presenters.working_days(limit)}",
        *against(
            v,
            within,
            ctx.previous_label,
            better="higher",
            higher="more in time",
            lower="fewer in time",
        ),
        ". The average response took ",
        v.value(average, "days"),
        " working days",
        *slower,
        ".",
    )


def _timeliness_by_deadline(ctx: BuildContext) -> Paragraph | None:
    """ "76.1% of the 205 stage 1 complaints received in 2021-22 and answered by 31 May 2022
    were answered within the deadline (extended where agreed), against 84.0% in 2020-21:
    fewer in time, which is worse. The average response took …" """
    v = ctx.view
    within, average = (
        "timeliness.stage1.within_applicable.pct",
        "timeliness.stage1.average_working_days",
    )
    if not (v.raw("timeliness.stage1.cohort") and v.has(within)):
        return None
    cohort = _plural(v, "timeliness.stage1.cohort", "complaint").split(" ")
    runs: list[Run] = [
        v.value(within, "pct"),
        " of the ",
        v.value("timeliness.stage1.cohort"),
        f" stage 1 {cohort[0]} received in {ctx.label} and answered by "
        f"{presenters.govuk_date(ctx.as_of)} {cohort[1]} answered within the deadline "
        "(extended where agreed)",
        *against(
            v,
            within,
            ctx.previous_label,
            better="higher",
            higher="more in time",
            lower="fewer in time",
        ),
        ".",
    ]
    if v.has(average):
        runs += [
            " The average response took ",
            v.value(average, "days"),
            " working days",
            *against(
                v,
                average,
                ctx.previous_label,
                "days",
                better="lower",
                higher="slower",
                lower="quicker",
            ),
            ".",
        ]
    return para(*runs)


def _reasons(ctx: BuildContext) -> Paragraph | None:
    if ctx.by_theme:
        return _theme(ctx)
    v = ctx.view
    rows = v.rows("aspects.stage1.by_category")
    total = v.raw("aspects.stage1.total")
    if not rows or not total:
        return None
    parts: list[list[Run]] = [
        [
            share(
                r["count"], total, drill=v.row_value("aspects.stage1.by_category", i, "count").drill
            ),
            f" about {r['category']}",
        ]
        for i, r in enumerate(rows[:2])
    ]
    first, *second = parts
    runs: list[Run] = [first[0], " of the reasons given for stage 1 complaints were", first[1]]
    if second:
        runs += [" and ", *second[0]]
    return para(*runs, ".")


def _theme(ctx: BuildContext) -> Paragraph | None:
    """Reasons by theme (setting report_reasons_by): "The theme raised most often in stage 1
    complaints was actions or conduct of worker (56 complaints)."; a tie as a tie."""
    v = ctx.view
    rows = v.rows("themes.stage1")
    ranking = rank([(i, r["count"]) for i, r in enumerate(rows)], 1)
    if not ranking.named:
        return None
    tier = ranking.named[0]
    one = len(tier.members) == 1
    names = listing([[in_lower_words(rows[i]["theme"])] for i in tier.members], joiner=", ")
    noun = "complaint" if tier.count == 1 else "complaints"
    return para(
        f"The {'theme' if one else 'themes'} raised most often in stage 1 complaints "
        f"{'was' if one else 'were'} ",
        *names,
        " (",
        v.row_value("themes.stage1", tier.members[0], "count"),
        f" {noun}{'' if one else ' each'}).",
    )


def _ombudsman(ctx: BuildContext) -> Paragraph | None:
    v = ctx.view
    if not v.has("lgo.enquiries") or not v.raw("lgo.enquiries"):
        return None
    enquiries = v.raw("lgo.enquiries")
    premature = v.raw("lgo.decision.premature")
    investigated, fault = v.raw("lgo.investigated") or 0, v.raw("lgo.decision.fault_found") or 0
    runs: list[Run] = [
        v.value("lgo.enquiries"),
        f" {presenters.plural(enquiries, 'complainant')} contacted the Local Government and Social "
        "Care Ombudsman; ",
        *(
            ["none was referred back as premature"]
            if not premature
            else [
                v.value("lgo.decision.premature"),
                f" {_were(premature)} referred back as premature",
            ]
        ),
    ]
    if not investigated:
        runs.append(", and it made no decision after an investigation.")
    elif v.withheld("lgo.investigated"):
        # How many it investigated, and not how many of those it found fault in ("fault in
        # fewer than 5 of the fewer than 5"): a part of a withheld number says little and reads
        # badly.
        runs += [", and it investigated and decided ", v.value("lgo.investigated"), "."]
    elif fault == investigated:
        every = {1: "the one", 2: "both"}.get(investigated, f"all {investigated}")
        runs.append(
            f", and the Ombudsman found fault in {every} "
            f"{presenters.plural(investigated, 'complaint')} it investigated and decided."
        )
    elif not fault:
        runs += [
            ", and the Ombudsman found no fault in the ",
            v.value("lgo.investigated"),
            f" {presenters.plural(investigated, 'complaint')} it investigated and decided.",
        ]
    else:
        runs += [
            ", and the Ombudsman found fault in ",
            v.value("lgo.decision.fault_found"),
            " of the ",
            v.value("lgo.investigated"),
            f" {presenters.plural(investigated, 'complaint')} it investigated and decided.",
        ]
    return para(*runs)


def _none_recorded(v: FigureView, figure_id: str) -> bool:
    """Nothing recorded this period or the one before: a sum of no payments."""
    previous = f"{figure_id}.previous"
    return not v.raw(figure_id) and (not v.has(previous) or not v.raw(previous))


def _money(ctx: BuildContext) -> Paragraph | None:
    v = ctx.view
    if not v.has("compensation.total", "costs.investigation.total"):
        return None
    compensation, costs = "compensation.total", "costs.investigation.total"
    if _none_recorded(v, compensation) and _none_recorded(v, costs):
        return None
    if _none_recorded(v, costs):
        return para(
            "Compensation paid",
            *trend_clause(v, compensation, "money", since=ctx.since),
            "; no cost of investigating complaints was recorded.",
        )
    if _none_recorded(v, compensation):
        return para(
            "No compensation was paid, while the cost of investigating complaints",
            *trend_clause(v, costs, "money", since=ctx.since),
            ".",
        )
    return para(
        "Compensation paid",
        *trend_clause(v, compensation, "money", since=ctx.since),
        " while the cost of investigating complaints",
        *trend_clause(v, costs, "money", since=ctx.since),
        ".",
    )


def summary(ctx: BuildContext) -> Blocks:
    intro = para(
        f"This report gives the complaints and compliments received by {ctx.authority}"
        f"{_scope(ctx)} from {ctx.dates}, as recorded on {presenters.govuk_date(ctx.as_of)}. "
        f"{_compared(ctx)}Complaint "
        "numbers alone are not a measure of the quality of a service, but they show where "
        "things go wrong and what was done about it."
    )
    ctx.headlines = headlines(ctx)
    blocks: Blocks = [intro, para("The headlines are:"), BulletList(tuple(ctx.headlines))]
    if ctx.published:
        blocks.append(
            para(
                "This is the published version of the report: counts below "
                f"{ctx.settings.suppression_threshold} that could identify a child are shown as "
                f"“{presenters.fewer_than(ctx.settings.suppression_threshold)}”; quotations "
                "and examples are only excerpts a complaints manager approved for publication, "
                "with names removed unless the person agreed to be named."
            )
        )
    return blocks


# The summary names a locality's service areas when there are this many or fewer.
NAMED_AREAS = 8


def _scope(ctx: BuildContext) -> str:
    """ " for Fostering", " in the South locality (its service areas Fostering South and
    Family Support South)", or nothing for the whole authority."""
    if ctx.locality:
        names = ctx.area_names
        if len(names) > NAMED_AREAS:
            # A long list would swamp the opening; the JSON's scope names every one.
            return f" in the {ctx.covers} (its {len(names)} service areas)"
        noun = presenters.plural(len(names), "service area")
        areas = f" (its {noun} {presenters.and_list(names)})"
        return f" in the {ctx.covers}{areas if names else ''}"
    return f" for {ctx.service}" if ctx.service else ""


def _compared(ctx: BuildContext) -> str:
    """For a quarter, a month or other dates, what every comparison is with (an annual report's
    is plainly the year before). A locality or service that began after that period is not
    compared with it: "The West locality began on 1 January 2022, so there is nothing in the
    same quarter last year (1 January 2021 to 31 March 2021) to compare with." """
    new = new_since(ctx)
    if new is not None:
        words = nothing_to_compare(ctx, new, dated=True)
        return f"{words[0].upper()}{words[1:]}. "
    if ctx.since is None:
        return ""
    start, end = ctx.period.previous.start, ctx.period.previous.end
    return (
        f"Each comparison is with {ctx.previous_label} ({presenters.govuk_date(start)} to "
        f"{presenters.govuk_date(end)}). "
    )


# -- The procedure -------------------------------------------------------------------------------

STAGE3_WORDS = (
    "the review panel meets within {panel} of the request; the chair's report follows within "
    "{report} of the panel; and {who} within {response} of the report."
)


def procedure(ctx: BuildContext) -> Blocks:
    """The procedures the authority uses, stage by stage from their rules, then mediation where
    it offers it, then the Ombudsman. Read from the report's facts (what was recorded by
    `as_of`, for the report's service areas): a procedure is described when a complaint was
    recorded under it (every configured one while none was), and mediation when one was
    offered, so an authority that handles everything under the statutory procedure, or never
    mediates, is not said to."""
    facts = ctx.facts
    in_use = set(facts.stages["procedure"].unique().to_list())
    described = [p for p in ctx.procedures if p.code in in_use] or ctx.procedures
    blocks: Blocks = []
    for proc in described:
        blocks.append(para(f"{proc.name}. {proc.description}".strip()))
        items = []
        who = ctx.we_do("respond", "responds")
        for stage in proc.stages:
            words = _timescale_words(stage, who)
            items.append(para(f"Stage {stage.stage} – {stage.name}: {words}"))
        blocks.append(BulletList(tuple(items)))
    if facts.mediations.height:
        # Nothing Redress records says who mediates (an independent mediator, or a senior
        # manager of the service, as in Sandwell's report), so the words do not either.
        blocks.append(
            para(
                "Mediation: where a complainant is unhappy with a response, a mediation meeting "
                "may be offered. It is voluntary and confidential, and a complaint it resolves "
                "needs no further investigation."
            )
        )
    blocks.append(
        para(
            "The Local Government and Social Care Ombudsman: once the procedure has ended, a "
            "complainant may ask the Ombudsman, a free and independent service, to look at their "
            "complaint."
        )
    )
    return blocks


def _timescale_words(stage, who: str) -> str:
    """The stage's timescale in words; `who` is the authority's response in the report's voice
    ("we respond", or "Kingsmoor Children's Trust responds")."""
    days = presenters.working_days
    if stage.panel_within_days:
        return STAGE3_WORDS.format(
            who=who,
            panel=days(stage.panel_within_days),
            report=days(stage.report_within_days),
            response=days(stage.response_within_days),
        )
    clock = (
        " from when the statement of complaint is agreed"
        if stage.clock_start == "statement_agreed"
        else ""
    )
    text = f"a response within {days(stage.timescale_days)}{clock}"
    if stage.max_days > stage.timescale_days:
        text += f", which can be extended to {days(stage.max_days)}"
    return text + "."
