"""Routes out of the procedure: mediation and the Local Government and Social Care Ombudsman."""

from __future__ import annotations

from decimal import Decimal

import polars as pl

from redress.complaints.choices import MediationOutcome
from redress.ombudsman.models import INVESTIGATED_DECISIONS, Decision

from .context import FigureContext, selection
from .numbers import pounds
from .registry import Counted, Table, counted, scalar, table

MEDIATION_OUTCOMES = tuple(o.value for o in MediationOutcome)
DECISIONS = tuple(d.value for d in Decision)


@selection
def offered(ctx: FigureContext) -> pl.DataFrame:
    return ctx.facts.mediations.filter(ctx.in_period("offered"))


@scalar("mediation.offered")
def mediation_offered(ctx: FigureContext) -> Counted:
    """mediations offered in the period"""
    return counted(offered(ctx))


@scalar("mediation.held")
def mediation_held(ctx: FigureContext) -> Counted:
    """mediations held in the period"""
    return counted(ctx.facts.mediations.filter(ctx.in_period("held")))


@scalar("mediation.outcome.{outcome}", outcome=MEDIATION_OUTCOMES)
def mediation_outcome(ctx: FigureContext, outcome: str) -> Counted:
    """mediations offered in the period with outcome {outcome}"""
    return counted(offered(ctx), pl.col("outcome") == outcome)


@scalar("mediation.estimated_saving")
def mediation_saving(ctx: FigureContext) -> Decimal:
    """mediation.outcome.resolved × the configured average cost of a stage 2 investigation"""
    resolved = offered(ctx).filter(pl.col("outcome") == "resolved").height
    return (ctx.settings.stage2_average_cost * resolved).quantize(Decimal("0.01"))


@table("mediation.outcomes")
def mediation_outcomes(ctx: FigureContext) -> Table:
    """Columns outcome, count: mediations offered in the period by outcome (pending: none yet)"""
    frame = offered(ctx)
    rows, evidence = [], {}
    for outcome in (*MEDIATION_OUTCOMES, None):
        mine = frame.filter(pl.col("outcome").eq_missing(outcome))
        rows.append({"outcome": outcome or "pending", "count": mine.height})
        evidence[len(rows) - 1] = mine
    return Table(rows, evidence)


@selection
def decided(ctx: FigureContext) -> pl.DataFrame:
    return ctx.facts.enquiries.filter(ctx.in_period("decided") & pl.col("decision").is_not_null())


@scalar("lgo.enquiries", previous=True)
def enquiries(ctx: FigureContext) -> Counted:
    """Ombudsman enquiries received in the period"""
    return counted(ctx.facts.enquiries.filter(ctx.in_period("received")))


@scalar("lgo.decision.{decision}", decision=DECISIONS)
def decision(ctx: FigureContext, decision: str) -> Counted:
    """Ombudsman decisions made in the period with decision {decision}"""
    return counted(decided(ctx), pl.col("decision") == decision)


@scalar("lgo.decision.pending")
def pending(ctx: FigureContext) -> Counted:
    """Ombudsman enquiries received in the period with no decision by as_of"""
    return counted(
        ctx.facts.enquiries.filter(ctx.in_period("received") & pl.col("decision").is_null())
    )


@scalar("lgo.investigated")
def investigated(ctx: FigureContext) -> Counted:
    """lgo.decision.fault_found + lgo.decision.no_fault"""
    return counted(
        decided(ctx), pl.col("decision").is_in([d.value for d in INVESTIGATED_DECISIONS])
    )


@scalar("lgo.remedy_payments")
def remedy_payments(ctx: FigureContext) -> Decimal:
    """payments of kind compensation at stage lgo dated in the period (£)"""
    payments = ctx.facts.payments.filter(
        ctx.in_period("date") & (pl.col("stage") == "lgo") & (pl.col("kind") == "compensation")
    )
    return pounds(int(payments["pence"].sum()))


@table("lgo.decisions")
def decisions(ctx: FigureContext) -> Table:
    """Columns decision, count: Ombudsman decisions made in the period, and pending enquiries
    received in it
    """
    rows, evidence = [], {}
    for name in (*DECISIONS, "pending"):
        mine = (
            pending(ctx).rows
            if name == "pending"
            else decided(ctx).filter(pl.col("decision") == name)
        )
        rows.append({"decision": name, "count": mine.height})
        evidence[len(rows) - 1] = mine
    return Table(rows, evidence)


@table("lgo.enquiries")
def enquiry_list(ctx: FigureContext) -> Table:
    """Columns enquiry, received_date, decision: each Ombudsman enquiry received in the period,
    numbered in order of receipt, never named (decision blank while pending)
    """
    frame = ctx.facts.enquiries.filter(ctx.in_period("received")).sort("received", "lgo_reference")
    rows, evidence = [], {}
    for i, r in enumerate(frame.iter_rows(named=True)):
        rows.append(
            {
                "enquiry": f"Enquiry {i + 1}",
                "received_date": r["received"],
                "decision": r["decision"] or "pending",
            }
        )
        evidence[i] = frame.slice(i, 1)
    return Table(rows, evidence)
