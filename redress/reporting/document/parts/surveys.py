"""What complainants told us: the satisfaction survey sent when a complaint closes, how many
answered, and their answers overall, by the stage the complaint closed at and by service. Only
counts: a respondent's comment never reaches a report."""

from __future__ import annotations

from ..context import BuildContext
from ..labels import STAGES, SURVEY_QUESTIONS
from ..sentences import count_share
from ..values import Kind, para
from .common import Blocks

ANSWER_COLUMNS: list[tuple[str, str, Kind]] = [
    ("question", "Question", "text"),
    ("yes", "Yes", "count"),
    ("partly", "Partly", "count"),
    ("no", "No", "count"),
]


def what_complainants_told_us(ctx: BuildContext) -> Blocks:
    v = ctx.view
    if not v.raw("survey.sent"):
        return [
            para(
                f"No satisfaction surveys were sent in {ctx.label}: they are sent to "
                "complainants when their complaint closes."
            )
        ]
    blocks: Blocks = [
        para(
            f"When a complaint closes, {ctx.we_do('ask', 'asks')} the complainant four "
            f"questions: did {ctx.we()} listen to them, did they understand the outcome, were "
            "they kept informed, and would they feel able to complain again. In "
            f"{ctx.label} {ctx.we()} sent ",
            v.value("survey.sent"),
            " surveys, and ",
            *count_share(v, "survey.responses", "survey.responses.pct"),
            " were answered.",
        )
    ]
    if not v.raw("survey.responses"):
        return blocks
    questions = {"question": SURVEY_QUESTIONS}
    blocks.append(v.table("survey.answers", ANSWER_COLUMNS, labels=questions))
    blocks.append(
        v.table(
            "survey.answers.by_stage",
            [("stage", "Stage the complaint closed at", "text"), *ANSWER_COLUMNS],
            labels={**questions, "stage": dict(STAGES)},
        )
    )
    if v.rows("survey.answers.by_service"):
        blocks.append(
            v.table(
                "survey.answers.by_service",
                [("service", "Service", "text"), *ANSWER_COLUMNS],
                labels=questions,
            )
        )
    return blocks
