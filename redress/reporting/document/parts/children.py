"""Children and young people: their complaints, advocacy, themes and what they told us; their
informal feedback; and Appendix C, the voice of the child."""

from __future__ import annotations

from .. import selectors
from ..context import BuildContext
from ..labels import QUESTIONS, label
from ..model import BulletList
from ..redact import redact
from ..sentences import compared
from ..values import para
from .common import Blocks
from .summary import CYP_WORDS


def children(ctx: BuildContext) -> Blocks:
    v = ctx.view
    blocks: Blocks = []
    if v.has("cyp.stage1.received"):
        blocks.append(
            para(
                f"Stage 1 complaints made by {CYP_WORDS} in {ctx.label}: ",
                v.value("cyp.stage1.received"),
                " (",
                v.value("cyp.stage1.pct", "pct"),
                " of all stage 1 complaints)",
                *compared(v, "cyp.stage1.received", ctx.previous_label),
                ".",
            )
        )
    if v.raw("cyp.stage1.received") and v.has(
        "cyp.stage1.advocacy_offered", "cyp.stage1.advocacy_referred"
    ):
        blocks.append(
            para(
                "An advocate was offered on ",
                v.value("cyp.stage1.advocacy_offered"),
                " of these complaints, and ",
                v.value("cyp.stage1.advocacy_referred"),
                " were referred to our advocacy provider",
                *compared(v, "cyp.stage1.advocacy_referred", ctx.previous_label),
                ".",
            )
        )
    if v.raw("cyp.stage1.received"):
        blocks.append(
            para(
                "Supported by an advocate: ",
                v.value("cyp.stage1.with_advocate"),
                ". Outcomes: ",
                v.value("cyp.stage1.outcome.upheld"),
                " upheld, ",
                v.value("cyp.stage1.outcome.partially_upheld"),
                " partially upheld, ",
                v.value("cyp.stage1.outcome.not_upheld"),
                " not upheld, ",
                v.value("cyp.stage1.outcome.withdrawn"),
                " withdrawn, ",
                v.value("cyp.stage1.outcome.outside_jurisdiction"),
                " outside the procedure's jurisdiction and ",
                v.value("cyp.stage1.outcome.outstanding"),
                " awaiting a response.",
            )
        )
        blocks.append(
            para("Examples of the complaints children and young people made are in Appendix C.")
        )
    if v.rows("cyp.themes"):
        blocks.append(
            v.table("cyp.themes", [("theme", "Theme", "text"), ("count", "Complaints", "count")])
        )
    if v.rows("cyp.satisfaction") and any(
        (r["yes"] or 0) + (r["no"] or 0) + (r["partly"] or 0) + (r["no_answer"] or 0)
        for r in v.rows("cyp.satisfaction")
    ):
        blocks.append(
            para(
                "When a child's complaint closes, we ask them whether it worked for them "
                "(“closing the loop”). Their answers:"
            )
        )
        blocks.append(
            v.table(
                "cyp.satisfaction",
                [
                    ("question", "Question", "text"),
                    ("yes", "Yes", "count"),
                    ("partly", "Partly", "count"),
                    ("no", "No", "count"),
                    ("no_answer", "No answer", "count"),
                ],
                labels={
                    "question": {
                        r["question"]: label(QUESTIONS, r["question"])
                        for r in v.rows("cyp.satisfaction")
                    }
                },
            )
        )
    if v.has("informal_feedback.received"):
        blocks.append(
            para(
                f"Informal feedback (concerns raised without a formal complaint) received in "
                f"{ctx.label}: ",
                v.value("informal_feedback.received"),
                ". From children and young people: ",
                v.value("informal_feedback.cyp"),
                ", of whom ",
                v.value("informal_feedback.cyp.satisfied"),
                " said they were satisfied with how it was dealt with.",
            )
        )
    if v.rows("informal_feedback.themes"):
        blocks.append(
            v.table(
                "informal_feedback.themes",
                [("theme", "Theme", "text"), ("count", "Feedback", "count")],
            )
        )
    return blocks


def appendix_voice(ctx: BuildContext) -> Blocks:
    examples = selectors.cyp_case_examples(period=ctx.period, as_of=ctx.as_of, areas=ctx.areas)
    if not examples:
        return [para(f"No stage 1 complaints from {CYP_WORDS} were received in {ctx.label}.")]
    if ctx.published:
        return _published_voice(ctx, examples)
    items = tuple(para(e.text) for e in examples)
    return [para(f"The complaints made by {CYP_WORDS} in {ctx.label}:"), BulletList(items)]


def _published_voice(ctx: BuildContext, examples: list[selectors.CaseExample]) -> Blocks:
    """Only the excerpts a complaints manager approved: a complaint's summary never leaves the
    complaints team."""
    approved = [e for e in examples if e.excerpt]
    if not approved:
        ctx.redactions["case example"] = 0
        return [
            para(
                f"The complaints made by {CYP_WORDS} in {ctx.label} are described only in the "
                "complaints team's version of this report: no excerpt of them has been "
                "approved for publication."
            )
        ]
    said = [e.excerpt or "" for e in approved]
    texts = [redact(s, e.names) for s, e in zip(said, approved, strict=True)]
    ctx.redactions["case example"] = sum(1 for s, t in zip(said, texts, strict=True) if t != s)
    intro = (
        f"From the complaints made by {CYP_WORDS} in {ctx.label}, in excerpts approved for "
        "publication:"
    )
    return [para(intro), BulletList(tuple(para(t) for t in texts))]
