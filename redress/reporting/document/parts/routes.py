"""Routes out of the procedure: mediation and the Local Government and Social Care Ombudsman."""

from __future__ import annotations

from redress.core import presenters

from ..context import BuildContext
from ..labels import DECISIONS, MEDIATION_OUTCOMES, label
from ..model import Paragraph, Run
from ..sentences import SoFew, count_or_none
from ..values import para
from .common import Blocks, compared_or_new
from .ombudsman_cases import CASE_BY_CASE, case_summaries


def mediation(ctx: BuildContext) -> Blocks:
    v = ctx.view
    if not v.raw("mediation.offered") and not v.raw("mediation.held"):
        return [para(f"No mediation was offered in {ctx.label}.")]
    offered = v.raw("mediation.offered")
    resolved, escalated = v.raw("mediation.outcome.resolved"), v.raw("mediation.outcome.escalated")
    what_became: list[Run] = ["."]
    if v.withheld("mediation.offered"):
        # Not what became of a withheld number of mediations, part by part.
        what_became = [SoFew().end("what came of them")]
    elif resolved or escalated:
        what_became.append(" Of those offered, ")
        if resolved:
            what_became += [v.value("mediation.outcome.resolved"), " resolved the complaint"]
        if resolved and escalated:
            what_became.append(" and ")
        if escalated:
            what_became += [
                v.value("mediation.outcome.escalated"),
                " went on to the next stage of the procedure",
            ]
        what_became.append(".")
    blocks: Blocks = [
        para(
            count_or_none(v, "mediation.offered", start=True),
            f" {presenters.plural(offered, 'mediation')} "
            f"{'was' if offered == 1 else 'were'} offered and ",
            count_or_none(v, "mediation.held"),
            f" held in {ctx.label}",
            *what_became,
        )
    ]
    cost = ctx.settings.stage2_average_cost
    if v.withheld("mediation.estimated_saving"):
        # Not said: it would give back the withheld count of mediations that resolved
        # complaints (a published report for one locality or service).
        pass
    elif cost and v.has("mediation.estimated_saving"):
        blocks.append(
            para(
                f"With a stage 2 investigation costing {presenters.money(cost)} on average, the "
                "mediations that resolved complaints saved an estimated ",
                v.value("mediation.estimated_saving", "money"),
                ".",
            )
        )
    else:
        blocks.append(
            para(
                "No average cost of a stage 2 investigation is configured, so the saving from "
                "mediation is not estimated."
            )
        )
    rows = v.rows("mediation.outcomes")
    blocks.append(
        v.table(
            "mediation.outcomes",
            [("outcome", "Outcome", "text"), ("count", "Mediations", "count")],
            labels={
                "outcome": {r["outcome"]: label(MEDIATION_OUTCOMES, r["outcome"]) for r in rows}
            },
        )
    )
    return blocks


def _decisions(ctx: BuildContext) -> Paragraph:
    """What the Ombudsman decided, in words, leaving out what it did not do and saying "none"
    for zero, e.g. 'The Ombudsman referred 3 back to us as premature and decided not to
    investigate 5. It investigated and decided 9, finding fault in 7.'"""
    v = ctx.view
    runs: list[Run] = []
    premature, declined = v.raw("lgo.decision.premature"), v.raw("lgo.decision.not_investigated")
    if premature or declined:
        runs.append("The Ombudsman ")
        if premature:
            runs += [
                "referred ",
                v.value("lgo.decision.premature"),
                f" back to {ctx.us} as premature",
            ]
        if premature and declined:
            runs.append(" and ")
        if declined:
            runs += ["decided not to investigate ", v.value("lgo.decision.not_investigated")]
        runs.append(". ")
    if v.raw("lgo.investigated"):  # (a withheld count is some)
        runs += [
            "It investigated and decided " if runs else "The Ombudsman investigated and decided ",
            v.value("lgo.investigated"),
        ]
        if not v.withheld("lgo.investigated"):
            # (Of a withheld number, not how many it found fault in.)
            runs += [", finding fault in ", count_or_none(v, "lgo.decision.fault_found")]
        runs.append(". ")
    else:
        who = "It" if runs else "The Ombudsman"
        runs.append(f"{who} made no decision after an investigation. ")
    pending = v.raw("lgo.decision.pending")
    if pending:
        runs += [
            v.value("lgo.decision.pending", start=True),
            f" {presenters.plural(pending, 'enquiry', 'enquiries')} received in {ctx.span} "
            f"{'is' if pending == 1 else 'are'} still awaiting a decision.",
        ]
    else:
        runs.append(f"No enquiry received in {ctx.span} is still awaiting a decision.")
    return para(*runs)


def _remedies(ctx: BuildContext) -> Paragraph | None:
    """Whether we did what the Ombudsman asked, e.g. 'The Ombudsman set a date to put things
    right in 4 of its decisions in 2021-22. We did everything it asked by that date in 2
    (50.0%) and later in 1; 1 is still outstanding, and overdue.'"""
    v = ctx.view
    due = v.raw("lgo.remedies.due")
    if not due:
        return None
    if v.withheld("lgo.remedies.due"):
        # Not how many of a withheld number were done on time, late or not yet.
        return para(
            "The Ombudsman set a date to put things right in ",
            v.value("lgo.remedies.due"),
            f" of its decisions in {ctx.label}",
            SoFew().end("how many were put right by then"),
        )
    runs: list[Run] = [
        "The Ombudsman set a date to put things right in ",
        v.value("lgo.remedies.due"),
        f" of its decisions in {ctx.label}. ",
    ]
    on_time, late = v.raw("lgo.remedies.on_time"), v.raw("lgo.remedies.late")
    outstanding, overdue = v.raw("lgo.remedies.outstanding"), v.raw("lgo.remedies.overdue")
    if on_time == due:
        runs.append(
            f"{ctx.we_do('did', 'did', start=True)} everything it asked by that date in "
            + ("that case." if due == 1 else "each of them.")
        )
        return para(*runs)
    if on_time or late:
        runs.append(f"{ctx.we_do('did', 'did', start=True)} everything it asked ")
        if on_time:
            runs += ["by that date in ", v.value("lgo.remedies.on_time")]
            if not v.withheld("lgo.remedies.on_time.pct"):
                runs += [" (", v.value("lgo.remedies.on_time.pct", "pct"), ")"]
        if on_time and late:
            runs.append(" and ")
        if late:
            runs += [
                "later in " if on_time else "after that date in ",
                v.value("lgo.remedies.late"),
            ]
        runs.append("; " if outstanding else ".")
    elif outstanding:
        runs.append("None is fully done yet: ")
    if outstanding:
        runs += [
            v.value("lgo.remedies.outstanding"),
            f" {'is' if outstanding == 1 else 'are'} still outstanding",
        ]
        if overdue:
            runs += (
                [", and overdue"]
                if overdue == outstanding
                else [", ", v.value("lgo.remedies.overdue"), " of them overdue"]
            )
        runs.append(".")
    return para(*runs)


def ombudsman(ctx: BuildContext) -> Blocks:
    v = ctx.view
    if not v.raw("lgo.enquiries") and not any(r["count"] for r in v.rows("lgo.decisions")):
        return [para(f"No complainant contacted the Ombudsman in {ctx.label}.")]
    enquiries = v.raw("lgo.enquiries")
    who: list[Run] = (
        ["no complainant"]
        if enquiries == 0
        else [
            v.value("lgo.enquiries"),
            " complainant"
            if enquiries == 1 and not v.withheld("lgo.enquiries")
            else " complainants",
        ]
    )
    blocks: Blocks = [
        para(
            f"In {ctx.label}, ",
            *who,
            " contacted the Ombudsman",
            *compared_or_new(ctx, "lgo.enquiries"),
            ".",
        ),
        _decisions(ctx),
    ]
    remedies = _remedies(ctx)
    if remedies is not None:
        blocks.append(remedies)
    if v.raw("lgo.remedy_payments"):
        blocks.append(
            para(
                "Payments made to remedy fault the Ombudsman found came to ",
                v.value("lgo.remedy_payments", "money"),
                ".",
            )
        )
    rows = v.rows("lgo.decisions")
    blocks.append(
        v.table(
            "lgo.decisions",
            [("decision", "Decision", "text"), ("count", "Enquiries", "count")],
            labels={"decision": {r["decision"]: label(DECISIONS, r["decision"]) for r in rows}},
            footnote=f"Decisions made in {ctx.span}, whenever the enquiry was received; pending: "
            f"enquiries received in {ctx.span} without a decision.",
        )
    )
    listed = v.rows("lgo.enquiries")
    if len(listed) > CASE_BY_CASE:
        # A register, not a report: the spreadsheet has every one.
        blocks.append(
            para(
                f"The {presenters.count(len(listed))} enquiries received in {ctx.label} are "
                "listed one by one, with when each was received and what was decided, in this "
                "report's spreadsheet."
            )
        )
    elif listed:
        blocks.append(
            v.table(
                "lgo.enquiries",
                [
                    ("enquiry", "Enquiry", "text"),
                    ("received_date", "Received", "date"),
                    ("decision", "Decision", "text"),
                ],
                labels={
                    "decision": {r["decision"]: label(DECISIONS, r["decision"]) for r in listed}
                },
                footnote="Enquiries are numbered in the order they were received; no complainant "
                "is named.",
            )
        )
    return blocks + case_summaries(ctx)
