"""What complainants told us: the satisfaction survey sent when a complaint closes
(redress.surveys), its response rate and its answers by stage reached and by service."""

from __future__ import annotations

from typing import Any

import polars as pl

from redress.surveys.models import Answer, Question

from .context import STAGES, FigureContext, selection
from .numbers import pct
from .registry import Counted, Table, counted, scalar, table

QUESTIONS = tuple(q.value for q in Question)
ANSWERS = tuple(a.value for a in Answer)  # yes, partly, no


@selection
def surveys_sent(ctx: FigureContext) -> pl.DataFrame:
    return ctx.facts.surveys.filter(ctx.in_period("sent"))


@selection
def surveys_answered(ctx: FigureContext) -> pl.DataFrame:
    # (Extraction leaves out answers given after `as_of`; hand-built facts may hold them.)
    return surveys_sent(ctx).filter(pl.col("answered") <= ctx.as_of)


@scalar("survey.sent")
def sent(ctx: FigureContext) -> Counted:
    """satisfaction surveys sent in the period (one per complaint and stage it closed at,
    however often its link was sent)
    """
    return counted(surveys_sent(ctx))


@scalar("survey.responses")
def responses(ctx: FigureContext) -> Counted:
    """of `survey.sent`, those answered by `as_of`"""
    return counted(surveys_answered(ctx))


@scalar("survey.responses.pct")
def responses_pct(ctx: FigureContext) -> float | None:
    """`survey.responses` ÷ `survey.sent` × 100"""
    return pct(surveys_answered(ctx).height, surveys_sent(ctx).height)


def _answer_rows(
    frame: pl.DataFrame, key: dict[str, object]
) -> list[tuple[dict[str, object], pl.LazyFrame]]:
    """A row per question: how many answered yes, partly and no, with the surveys behind it
    (their answer to that question as `answer`)."""
    # Every count in one pass; the records behind each row are made only if the drill-down
    # asks for them (a LazyFrame).
    return _rows_of(frame.select(_answer_counts()).row(0, named=True), frame.lazy(), key)


def _answer_counts() -> list[pl.Expr]:
    """How many answered each question each way, as `question:answer`."""
    return [
        (pl.col(question) == answer).sum().alias(f"{question}:{answer}")
        for question in QUESTIONS
        for answer in ANSWERS
    ]


def _rows_of(
    counted: dict[str, Any], lazy: pl.LazyFrame, key: dict[str, object]
) -> list[tuple[dict[str, object], pl.LazyFrame]]:
    """A row per question from the counts of `_answer_counts`, with the surveys behind it."""
    rows = []
    for question in QUESTIONS:
        evidence = lazy.with_columns(
            pl.lit(question).alias("question"), pl.col(question).alias("answer")
        )
        counts = {answer: int(counted[f"{question}:{answer}"]) for answer in ANSWERS}
        rows.append(({**key, "question": question, **counts}, evidence))
    return rows


def _table(pairs: list[tuple[dict[str, object], pl.LazyFrame]]) -> Table:
    return Table([row for row, _ in pairs], {i: frame for i, (_, frame) in enumerate(pairs)})


@table("survey.answers")
def answers(ctx: FigureContext) -> Table:
    """Columns question, yes, partly, no: the answers to the surveys of `survey.responses`,
    a row per question
    """
    return _table(_answer_rows(surveys_answered(ctx), {}))


@table("survey.answers.by_stage")
def answers_by_stage(ctx: FigureContext) -> Table:
    """Columns stage, question, yes, partly, no: the same by the stage the complaint closed at
    when the survey was sent, a row per stage (1, 2, 3) and question
    """
    answered = surveys_answered(ctx)
    pairs = []
    for stage in STAGES:
        pairs += _answer_rows(answered.filter(pl.col("stage") == stage), {"stage": stage})
    return _table(pairs)


@table("survey.answers.by_service")
def answers_by_service(ctx: FigureContext) -> Table:
    """Columns service, question, yes, partly, no: the same by the complaint's service area
    when the survey was sent, a row per question for each service with an answered survey, by
    service name
    """
    answered = surveys_answered(ctx).filter(pl.col("service").is_not_null())
    # Counted by service in one pass; each service's surveys are described, not copied.
    counts = answered.group_by("service").agg(_answer_counts())
    pairs = []
    for row in sorted(counts.iter_rows(named=True), key=lambda row: str(row["service"])):
        service = row["service"]
        mine = answered.lazy().filter(pl.col("service") == service)
        pairs += _rows_of(row, mine, {"service": service})
    return _table(pairs)
