"""Children and young people: their complaints, advocacy, themes and what they told us; their
informal feedback; and Appendix C, the voice of the child."""

from __future__ import annotations

from .. import selectors
from ..context import BuildContext
from ..labels import QUESTIONS, label
from ..model import BulletList, Paragraph, Run
from ..redact import redact
from ..values import para
from .common import Blocks, compared_or_new
from .summary import CYP_WORDS

# Children's outcomes in the order a reader expects, as the sentence says them.
OUTCOME_WORDS = (
    ("upheld", "upheld"),
    ("partially_upheld", "partly upheld"),
    ("not_upheld", "not upheld"),
    ("inconclusive", "inconclusive"),
    ("withdrawn", "withdrawn"),
    ("outside_jurisdiction", "found outside the procedure"),
)


def _advocacy(ctx: BuildContext) -> Paragraph | None:
    """The offers and referrals, and how many an advocate supported, e.g. 'We offered an advocate on
    22 of these complaints and referred 10 children to our advocacy provider, compared with 3
    in 2020-21. An advocate supported 10 of them.'"""
    v = ctx.view
    runs: list[Run] = []
    if v.has("cyp.stage1.advocacy_offered", "cyp.stage1.advocacy_referred"):
        offered = v.raw("cyp.stage1.advocacy_offered")
        referred = v.raw("cyp.stage1.advocacy_referred")
        if offered:
            runs += [f"{ctx.we(start=True)} offered an advocate on ",
                     v.value("cyp.stage1.advocacy_offered"), " of these complaints"]  # fmt: skip
        else:
            runs += ["No offer of an advocate was recorded on these complaints"]
        provider = f"to {ctx.our} advocacy provider"
        if referred and offered:
            child = "child" if referred == 1 else "children"
            runs += [" and referred ", v.value("cyp.stage1.advocacy_referred"),
                     f" {child} {provider}"]  # fmt: skip
        elif referred:
            # Without an offer recorded, "we" has not been named yet: the children were referred.
            were = "child was" if referred == 1 else "children were"
            runs += [
                ", but ",
                v.value("cyp.stage1.advocacy_referred"),
                f" {were} referred {provider}",
            ]
        elif offered:
            runs += [f", and referred no child {provider}"]
        else:
            runs += [f", and no child was referred {provider}"]
        runs += [*compared_or_new(ctx, "cyp.stage1.advocacy_referred"), ". "]
    supported = v.raw("cyp.stage1.with_advocate")
    if supported:
        runs += ["An advocate supported ", v.value("cyp.stage1.with_advocate"), " of them."]
    elif supported == 0:
        runs += ["None of them was supported by an advocate."]
    return para(*runs) if runs else None


def _outcomes(ctx: BuildContext) -> Paragraph | None:
    """The outcomes, those none had left unsaid, e.g. 'Of these complaints, 3 were upheld, 2 partly
    upheld and 14 not upheld; 3 still await a response.'"""
    v = ctx.view
    had = [
        (f"cyp.stage1.outcome.{key}", words, v.raw(f"cyp.stage1.outcome.{key}"))
        for key, words in OUTCOME_WORDS
    ]
    had = [(figure_id, words, n) for figure_id, words, n in had if n]
    waiting = v.raw("cyp.stage1.outcome.outstanding")
    runs: list[Run] = []
    if had:
        runs.append("Of these complaints, ")
        last = len(had) - 1
        for i, (figure_id, words, n) in enumerate(had):
            if i:
                runs.append(" and " if i == last else ", ")
            verb = ("was " if n == 1 else "were ") if i == 0 else ""
            runs += [v.value(figure_id), f" {verb}{words}"]
    if waiting:
        verb = "awaits" if waiting == 1 else "await"
        if had:
            runs += ["; ", v.value("cyp.stage1.outcome.outstanding"), f" still {verb} a response"]
        else:
            runs += [v.value("cyp.stage1.outcome.outstanding"), f" of them {verb} a response"]
    return para(*runs, ".") if runs else None


def children(ctx: BuildContext) -> Blocks:
    v = ctx.view
    blocks: Blocks = []
    if v.has("cyp.stage1.received"):
        share: list[Run] = (
            []
            if v.withheld("cyp.stage1.pct")
            else [" (", v.value("cyp.stage1.pct", "pct"), " of all stage 1 complaints)"]
        )
        blocks.append(
            para(
                f"Stage 1 complaints made by {CYP_WORDS} in {ctx.label}: ",
                v.value("cyp.stage1.received"),
                *share,
                *compared_or_new(ctx, "cyp.stage1.received"),
                ".",
            )
        )
    if v.raw("cyp.stage1.received"):  # (a withheld count is some)
        if v.withheld("cyp.stage1.received"):
            # Not the advocacy and outcomes of a withheld number of complaints, part by part.
            blocks.append(
                para("How many had an advocate, and how they ended, is not published for so few.")
            )
        else:
            blocks += [p for p in (_advocacy(ctx), _outcomes(ctx)) if p is not None]
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
                f"When a child's complaint closes, {ctx.we_do('ask', 'asks')} them whether it "
                "worked for them (“closing the loop”). Their answers:"
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
                *(
                    # Not how many of a withheld number were satisfied.
                    ["."]
                    if v.withheld("informal_feedback.cyp")
                    else [
                        ", of whom ",
                        v.value("informal_feedback.cyp.satisfied"),
                        " said they were satisfied with how it was dealt with.",
                    ]
                ),
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
    # Complaints can be summed up in the same words (children in one home raising the same
    # concerns): each summary is quoted once.
    items = tuple(para(text) for text in dict.fromkeys(e.text for e in examples))
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
    withheld = ctx.view.withheld("cyp.stage1.received")
    if withheld:
        # Each excerpt is one complaint's, so their number is a least number of complaints the
        # report withholds: three examples would say there were at least three. One says no
        # more than "fewer than 5" already does (a withheld count is 1 to 4, and "none" is
        # said as such), so one is shown, the oldest, and no more, however many are approved.
        approved = approved[:1]
    said = [e.excerpt or "" for e in approved]
    texts = [redact(s, e.names) for s, e in zip(said, approved, strict=True)]
    ctx.redactions["case example"] = sum(1 for s, t in zip(said, texts, strict=True) if t != s)
    intro = (
        f"An example of the complaints made by {CYP_WORDS} in {ctx.label}, in an excerpt "
        "approved for publication (only one is shown where their number is withheld):"
        if withheld
        else f"From the complaints made by {CYP_WORDS} in {ctx.label}, in excerpts approved "
        "for publication:"
    )
    return [para(intro), BulletList(tuple(para(t) for t in dict.fromkeys(texts)))]
