"""The Ombudsman's decisions case by case, in anonymised words: what it decided, whether it found
fault, what it asked us to do and whether each was done, on time or late, or is still due.

Where the Ombudsman made at most `CASE_BY_CASE` decisions, every one is summarised, as Sandwell's
report did with its five. Beyond that, as Birmingham's report did with its 23 enquiries, only the
investigations (fault found or not) and any case that asked for a remedy are summarised, and the
rest are counted in the decisions table: a large authority's 150 decisions case by case would be
a register of ten pages, not a report (ADR 0033).

The words come from the enquiry's structured fields, never from its free text (its summary,
recommendations or evidence), in every version: the only words about the case itself are the
excerpt of its summary a complaints manager approved, with any name left in it taken out. A
published version numbers the cases "Case 1", "Case 2"… in the order decided; the complaints
team's adds the Ombudsman's and the complaint's references, and says which summaries still
want an approved excerpt.
"""

from __future__ import annotations

import datetime

from redress.core import presenters
from redress.ombudsman.models import Decision, RemedyKind

from .. import selectors
from ..context import BuildContext
from ..model import Paragraph
from ..redact import redact
from ..values import para
from .common import Blocks

# The most decisions (or enquiries, for routes' list of them) a report gives one by one.
CASE_BY_CASE = 10

INVESTIGATED = frozenset({Decision.FAULT_FOUND, Decision.NO_FAULT})

# The decisions counted, not summarised, where there are more than CASE_BY_CASE: how a count of
# them reads ("25 premature").
REST_WORDS = {
    Decision.PREMATURE: "premature",
    Decision.CLOSED_AFTER_INITIAL_ENQUIRIES: "closed after initial enquiries",
    Decision.NOT_INVESTIGATED: "not investigated",
    Decision.OUTSIDE_JURISDICTION: "outside its jurisdiction",
}


def summarised(case: selectors.OmbudsmanCase) -> bool:
    """Whether a case is summarised where there are more than `CASE_BY_CASE`: an investigation,
    or a case that asked for something to be put right."""
    return (
        case.decision in INVESTIGATED
        or bool(case.remedies)
        or case.remedy_due is not None
        or case.recommended
        or bool(case.paid)
    )


def decision_words(decision: str, us: str) -> str:
    """The decision as a sentence: 'The Ombudsman investigated and found fault.'"""
    return {
        Decision.PREMATURE: (
            f"The Ombudsman decided the complaint was premature and referred it back to {us} "
            "to consider under the complaints procedure."
        ),
        Decision.CLOSED_AFTER_INITIAL_ENQUIRIES: (
            "The Ombudsman closed the complaint after its initial enquiries, without an "
            "investigation."
        ),
        Decision.NOT_INVESTIGATED: "The Ombudsman decided not to investigate the complaint.",
        Decision.OUTSIDE_JURISDICTION: (
            "The Ombudsman decided the complaint was outside its jurisdiction."
        ),
        Decision.FAULT_FOUND: "The Ombudsman investigated and found fault.",
        Decision.NO_FAULT: "The Ombudsman investigated and found no fault.",
    }[Decision(decision)]


def asked(kind: str, *, amount: str | None = None) -> str:
    """What a remedy asks of the authority, after 'to': 'apologise', 'make a payment of £300.00'."""
    return {
        RemedyKind.APOLOGY: "apologise",
        RemedyKind.PAYMENT: f"make a payment of {amount}" if amount else "make a payment",
        RemedyKind.SERVICE_IMPROVEMENT: "improve a service",
        RemedyKind.START_STAGE: "consider the complaint under the complaints procedure",
        RemedyKind.OTHER: "take a further action",
    }[RemedyKind(kind)]


def remedy_state(remedy: selectors.RemedyDone, as_of: datetime.date) -> str:
    """Where a remedy stood on `as_of`: 'done on 3 June 2021, on time', 'done on 20 June 2021,
    late: it was due by 15 June 2021', 'still due, by 1 August 2022', 'not yet done: overdue
    since 1 May 2022'."""
    date = presenters.govuk_date
    if remedy.completed is not None:
        if remedy.due is None:
            return f"done on {date(remedy.completed)}"
        if remedy.completed <= remedy.due:
            return f"done on {date(remedy.completed)}, on time"
        return f"done on {date(remedy.completed)}, late: it was due by {date(remedy.due)}"
    if remedy.due is None:
        return "still to be done"
    if remedy.due < as_of:
        return f"not yet done: overdue since {date(remedy.due)}"
    return f"still due, by {date(remedy.due)}"


def remedies_words(case: selectors.OmbudsmanCase, *, us: str, as_of: datetime.date) -> str:
    """'It asked us to apologise (done on 3 June 2021, on time) and to make a payment of
    £300.00 (still due, by 1 August 2021).' A payment's amount is what was paid on the enquiry
    where it asked for one payment. An enquiry recorded without its remedies one by one says
    what its decision asked as a whole: 'It asked us to put things right (done on …)'."""
    payments = sum(1 for r in case.remedies if r.kind == RemedyKind.PAYMENT)
    paid = presenters.money(case.paid) if case.paid else None
    if case.remedies:
        amount = paid if payments == 1 else None
        parts = [
            f"to {asked(r.kind, amount=amount)} ({remedy_state(r, as_of)})" for r in case.remedies
        ]
        words = f"It asked {us} {presenters.and_list(parts)}."
    elif case.remedy_due is not None or case.recommended:
        whole = selectors.RemedyDone("", case.remedy_due, case.remedy_completed)
        words = f"It asked {us} to put things right ({remedy_state(whole, as_of)})."
    elif case.decision == Decision.FAULT_FOUND:
        words = "It asked for no remedy."
    else:
        words = ""
    if paid and payments != 1:
        words += (
            f" Payments totalling {paid} were made."
            if payments
            else f" A payment of {paid} was made."
        )
    return words.strip()


def case_paragraph(
    case: selectors.OmbudsmanCase, number: int, *, ctx: BuildContext
) -> tuple[Paragraph, bool]:
    """The case in words, and whether a name was taken out of its excerpt."""
    if ctx.published:
        heading = f"Case {number}, decided {presenters.govuk_date(case.decided)}."
    else:
        complaint = f", complaint {case.complaint_reference}" if case.complaint_reference else ""
        heading = (
            f"Case {number} ({case.lgo_reference}{complaint}), decided "
            f"{presenters.govuk_date(case.decided)}."
        )
    words = [heading, decision_words(case.decision, ctx.us)]
    remedies = remedies_words(case, us=ctx.us, as_of=ctx.as_of)
    if remedies:
        words.append(remedies)
    redacted = False
    if case.excerpt:
        text = redact(case.excerpt, case.names)
        redacted = text != case.excerpt
        words.append(f"In brief: {text}")
    elif case.summary and not ctx.published:
        words.append("(Its summary has no excerpt approved for publication yet.)")
    return para(" ".join(words)), redacted


def _decisions_withheld(ctx: BuildContext) -> bool:
    return any(
        f.startswith(("lgo.decision.", "lgo.investigated", "lgo.remedies."))
        for f in ctx.view.figures.suppressed_figures
    )


def case_summaries(ctx: BuildContext) -> Blocks:
    """The Ombudsman's decisions in the period, one paragraph each (beyond `CASE_BY_CASE`, only
    those `summarised`); a sentence when there were none."""
    cases = selectors.ombudsman_cases(period=ctx.period, as_of=ctx.as_of, areas=ctx.areas)
    if not cases:
        return [para(f"The Ombudsman made no decision about {ctx.our} complaints in {ctx.label}.")]
    if _decisions_withheld(ctx):
        # Case by case, they would give back the numbers of decisions withheld from a
        # published report for one locality or service.
        return [
            para(
                f"The Ombudsman's decisions in {ctx.label} are described case by case only in "
                "the complaints team's version of this report: so few of some kinds were made "
                "that their numbers are withheld to protect children."
            )
        ]
    shown = cases if len(cases) <= CASE_BY_CASE else [c for c in cases if summarised(c)]
    blocks: Blocks = [para(_introduction(ctx, cases, shown))]
    removed = 0
    for number, case in enumerate(shown, start=1):
        paragraph, redacted = case_paragraph(case, number, ctx=ctx)
        removed += redacted
        blocks.append(paragraph)
    if ctx.published:
        ctx.redactions["Ombudsman case"] = removed
    return blocks


def _introduction(
    ctx: BuildContext, cases: list[selectors.OmbudsmanCase], shown: list[selectors.OmbudsmanCase]
) -> str:
    """'The Ombudsman's decisions in 2021-22, case by case in the order decided…', or where
    only some are summarised, which and where the rest are counted."""
    published = (
        " No one is named, and a case is summarised in its own words only where a complaints "
        "manager approved a summary of it for publication."
    )
    if len(shown) == len(cases):
        return (
            f"The Ombudsman's {presenters.plural(len(cases), 'decision')} in {ctx.label}, case "
            "by case in the order decided"
            + (
                f".{published}"
                if ctx.published
                else ", with the Ombudsman's and the complaint's references (this version only)."
            )
        )
    made = f"The Ombudsman made {presenters.count(len(cases))} decisions in {ctx.label}."
    rest = [c for c in cases if not summarised(c)]
    kinds = presenters.and_list(
        [
            f"{presenters.count(n)} {REST_WORDS[decision]}"
            for decision in REST_WORDS
            if (n := sum(1 for c in rest if c.decision == decision))
        ]
    )
    if not shown:
        return (
            f"{made} None followed an investigation or asked {ctx.us} to put something right "
            f"({kinds}); they are counted in the table of decisions."
        )
    which = "one" if len(shown) == 1 else presenters.count(len(shown))
    verb = "is" if len(shown) == 1 else "are"
    return (
        f"{made} The {which} that followed an investigation or asked {ctx.us} to put something "
        f"right {verb} summarised case by case, in the order decided"
        + ("" if ctx.published else ", with the Ombudsman's and the complaint's references")
        + f". The other {'one' if len(rest) == 1 else presenters.count(len(rest))} ({kinds}) "
        f"{'is' if len(rest) == 1 else 'are'} counted in the table of decisions."
        + (published if ctx.published else "")
    )
