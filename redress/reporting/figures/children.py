"""Children and young people: their complaints, advocacy, themes and closing-the-loop answers;
and repeat complainants."""

from __future__ import annotations

import polars as pl

from redress.feedback.models import Question

from .context import FigureContext, selection
from .numbers import pct
from .outcomes import OUTCOMES, outcome_is
from .registry import Counted, Table, counted, scalar, table


@selection
def cyp_stage1(ctx: FigureContext) -> pl.DataFrame:
    return ctx.received(1).filter(pl.col("cyp"))


@scalar("cyp.stage1.received", previous=True)
def cyp_received(ctx: FigureContext) -> Counted:
    """stage 1 complaints received in the period from a child or young person or a care leaver"""
    return counted(cyp_stage1(ctx))


@scalar("cyp.stage1.pct")
def cyp_pct(ctx: FigureContext) -> float | None:
    """cyp.stage1.received ÷ received.stage1 × 100"""
    return pct(cyp_stage1(ctx).height, ctx.received(1).height)


@scalar("cyp.stage1.with_advocate")
def cyp_with_advocate(ctx: FigureContext) -> Counted:
    """children's stage 1 complaints received in the period supported by an advocate (internal or
    external)
    """
    return counted(cyp_stage1(ctx), pl.col("advocate").is_in(["internal", "external"]))


@scalar("cyp.stage1.advocacy_offered", previous=True)
def cyp_advocacy_offered(ctx: FigureContext) -> Counted:
    """children's stage 1 complaints received in the period recorded as offered an advocate"""
    return counted(cyp_stage1(ctx), pl.col("advocacy_offered"))


@scalar("cyp.stage1.advocacy_referred", previous=True)
def cyp_advocacy_referred(ctx: FigureContext) -> Counted:
    """children's stage 1 complaints received in the period whose child was referred to the
    advocacy provider (the referral recorded by as_of)"""
    return counted(cyp_stage1(ctx), pl.col("advocacy_referred").is_not_null())


@scalar("cyp.stage1.outcome.{outcome}", outcome=OUTCOMES)
def cyp_outcome(ctx: FigureContext, outcome: str) -> Counted:
    """children's stage 1 complaints received in the period with outcome {outcome}"""
    return counted(cyp_stage1(ctx), outcome_is(outcome))


@table("cyp.themes")
def cyp_themes(ctx: FigureContext) -> Table:
    """Columns theme, count: children's stage 1 complaints received in the period by theme; where
    no theme is recorded, by the category of their reasons (one count per complaint and
    category)
    """
    complaints = cyp_stage1(ctx)
    themed = complaints.filter(pl.col("theme").is_not_null()).select("complaint_id", "theme")
    unthemed_ids = complaints.filter(pl.col("theme").is_null())["stage_id"]
    by_category = (
        ctx.facts.aspects.filter(pl.col("stage_id").is_in(unthemed_ids.implode()))
        .select("complaint_id", pl.col("category").cast(pl.String).alias("theme"))
        .unique(["complaint_id", "theme"])
    )
    frame = pl.concat([themed, by_category])
    counts = (
        frame.group_by("theme").len("count").sort([pl.col("count").cast(pl.Int64).neg(), "theme"])
    )
    rows = [{"theme": r["theme"], "count": int(r["count"])} for r in counts.iter_rows(named=True)]
    return Table(rows, {i: frame.filter(pl.col("theme") == r["theme"]) for i, r in enumerate(rows)})


@table("cyp.satisfaction")
def satisfaction(ctx: FigureContext) -> Table:
    """Columns question, yes, no, partly, no_answer: closing-the-loop answers for complaints
    received in the period
    """
    answers = ctx.facts.satisfaction.filter(ctx.in_period("complaint_received"))
    rows, evidence = [], {}
    for question in Question:
        mine = answers.filter(pl.col("question") == question.value)
        rows.append(
            {
                "question": question.value,
                "yes": int((mine["answer"] == "yes").sum()),
                "no": int((mine["answer"] == "no").sum()),
                "partly": int((mine["answer"] == "partly").sum()),
                "no_answer": int(mine["answer"].is_null().sum()),
            }
        )
        evidence[len(rows) - 1] = mine
    return Table(rows, evidence)


def _complaints_per_person(ctx: FigureContext) -> pl.DataFrame:
    return (
        ctx.received(1)
        .filter(pl.col("complainant_id").is_not_null())
        .group_by("complainant_id")
        .agg(pl.len().alias("complaints"), pl.col("complaint_id"))
    )


@scalar("repeat_complainants.stage1.people")
def repeat_people(ctx: FigureContext) -> Counted:
    """distinct complainants with 2 or more stage 1 complaints received in the period"""
    repeat = _complaints_per_person(ctx).filter(pl.col("complaints") >= 2)
    return Counted(repeat.height, repeat.explode("complaint_id"))


@table("repeat_complainants.distribution")
def repeat_distribution(ctx: FigureContext) -> Table:
    """Columns complaints, people: complainants by how many stage 1 complaints they made in the
    period (2, 3, 4+)
    """
    people = _complaints_per_person(ctx)
    rows, evidence = [], {}
    for label, condition in (
        ("2", pl.col("complaints") == 2),
        ("3", pl.col("complaints") == 3),
        ("4+", pl.col("complaints") >= 4),
    ):
        mine = people.filter(condition)
        rows.append({"complaints": label, "people": mine.height})
        evidence[len(rows) - 1] = mine.explode("complaint_id")
    return Table(rows, evidence)
