"""The Ombudsman's decisions case by case (issue 11, part 3): each decision in words, whether
fault was found, each remedy by kind and whether it was done on time, late, or is still due or
overdue; numbered "Case 1", "Case 2"…, the team's version with the references; the enquiry's
free text never printed, only an approved excerpt of its summary, and no name."""

from __future__ import annotations

import dataclasses
import datetime

import pytest

from redress.complaints.tests.factories import ComplaintFactory
from redress.ombudsman.tests.factories import EnquiryFactory, RemedyFactory
from redress.organisations.tests.factories import ServiceAreaFactory
from redress.procedures.calendar import WorkingCalendar
from redress.reporting import services
from redress.reporting.document.model import Paragraph
from redress.reporting.document.parts.ombudsman_cases import decision_words, remedy_state
from redress.reporting.document.selectors import RemedyDone
from redress.reporting.facts import extract_facts
from redress.reporting.figures import FigureSet
from redress.reporting.periods import financial_year

from .builders.cases import childs_complaint, excerpt, ombudsman_decision, ombudsman_payment
from .test_document_build import SETTINGS, build, paragraphs

D = datetime.date
YEAR = financial_year("2021-22")
AS_OF = D(2022, 5, 31)
SUMMARY = "Jamie Smith's mother, of 14 Larch Grove, said the social worker ignored her letters."


# -- the words, one by one ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("decision", "words"),
    [
        (
            "premature",
            "The Ombudsman decided the complaint was premature and referred it back to us to "
            "consider under the complaints procedure.",
        ),
        (
            "closed_after_initial_enquiries",
            "The Ombudsman closed the complaint after its initial enquiries, without an "
            "investigation.",
        ),
        ("not_investigated", "The Ombudsman decided not to investigate the complaint."),
        (
            "outside_jurisdiction",
            "The Ombudsman decided the complaint was outside its jurisdiction.",
        ),
        ("fault_found", "The Ombudsman investigated and found fault."),
        ("no_fault", "The Ombudsman investigated and found no fault."),
    ],
)
def test_each_decision_in_words(decision, words):
    assert decision_words(decision, "us") == words


def test_the_authority_s_voice_names_it():
    assert "referred it back to Testshire Council to" in decision_words(
        "premature", "Testshire Council"
    )


@pytest.mark.parametrize(
    ("due", "completed", "state"),
    [
        (D(2021, 8, 1), D(2021, 7, 20), "done on 20 July 2021, on time"),
        (D(2021, 8, 1), D(2021, 8, 1), "done on 1 August 2021, on time"),
        (
            D(2021, 8, 1),
            D(2021, 8, 10),
            "done on 10 August 2021, late: it was due by 1 August 2021",
        ),
        (None, D(2021, 8, 10), "done on 10 August 2021"),
        (D(2022, 6, 30), None, "still due, by 30 June 2022"),
        (D(2022, 5, 31), None, "still due, by 31 May 2022"),  # due today is not overdue
        (D(2022, 3, 1), None, "not yet done: overdue since 1 March 2022"),
        (None, None, "still to be done"),
    ],
)
def test_each_remedy_state(due, completed, state):
    assert remedy_state(RemedyDone("apology", due, completed), AS_OF) == state


# -- the section, from the records --------------------------------------------------------------


@pytest.fixture
def cases(db):
    fostering = ServiceAreaFactory(name="Fostering")
    complaint = childs_complaint("CSC-2021-00077", service_area=fostering, received=D(2021, 4, 6))
    fault = ombudsman_decision(
        lgo_reference="21 004 512",
        complaint=complaint,
        received=D(2021, 5, 3),
        decision="fault_found",
        decided=D(2021, 7, 1),
        remedy_due_date=D(2021, 8, 1),
        summary=SUMMARY,
    )
    RemedyFactory(
        enquiry=fault, kind="apology", due_date=D(2021, 8, 1), completed_date=D(2021, 7, 20)
    )
    RemedyFactory(
        enquiry=fault, kind="payment", due_date=D(2021, 8, 1), completed_date=D(2021, 8, 10)
    )
    RemedyFactory(enquiry=fault, kind="other", due_date=D(2022, 3, 1))
    RemedyFactory(enquiry=fault, kind="service_improvement", due_date=D(2022, 6, 30))
    ombudsman_payment(fault, complaint=complaint, paid=D(2021, 8, 10), amount="300.00")
    others = [
        ("21 005 001", "no_fault", D(2021, 9, 1)),
        ("21 005 002", "premature", D(2021, 10, 1)),
        ("21 005 003", "closed_after_initial_enquiries", D(2021, 11, 1)),
        ("21 005 004", "not_investigated", D(2021, 12, 1)),
        ("21 005 005", "outside_jurisdiction", D(2022, 1, 4)),
        ("21 005 006", "fault_found", D(2022, 2, 1)),  # fault, no remedy asked for
        ("21 005 007", "fault_found", D(2022, 4, 5)),  # decided after the year
        ("20 009 001", "no_fault", D(2021, 3, 30)),  # decided the year before
    ]
    for reference, decision, decided in others:
        ombudsman_decision(
            lgo_reference=reference,
            complaint=ComplaintFactory(service_area=fostering),
            received=D(2021, 2, 1),
            decision=decision,
            decided=decided,
            summary="A summary only the team reads.",
        )
    EnquiryFactory(lgo_reference="21 006 000", received_date=D(2022, 1, 10))  # pending
    return fault


def ombudsman_paragraphs(publish: bool) -> list[str]:
    prepared = services.prepare_report(period=YEAR, as_of=AS_OF, publish=publish)
    assert prepared.document is not None
    section = prepared.document.section("ombudsman")
    return [b.plain for b in section.blocks if isinstance(b, Paragraph)]


def cases_in(paragraphs: list[str]) -> list[str]:
    return [p for p in paragraphs if p.startswith("Case ")]


def test_the_team_s_version_has_each_decision_with_its_references(cases):
    found = cases_in(ombudsman_paragraphs(publish=False))
    assert found == [
        "Case 1 (21 004 512, complaint CSC-2021-00077), decided 1 July 2021. The Ombudsman "
        "investigated and found fault. It asked us to apologise (done on 20 July 2021, on "
        "time), to make a payment of £300.00 (done on 10 August 2021, late: it was due by 1 "
        "August 2021), to take a further action (not yet done: overdue since 1 March 2022) and "
        "to improve a service (still due, by 30 June 2022). (Its summary has no excerpt approved "
        "for publication yet.)",
        *(
            f"Case {n} (21 005 00{n - 1}, complaint {ref}), decided {when}. {words} (Its "
            "summary has no excerpt approved for publication yet.)"
            for n, ref, when, words in [
                (2, found[1].split("complaint ")[1].split(")")[0], "1 September 2021",
                 "The Ombudsman investigated and found no fault."),
                (3, found[2].split("complaint ")[1].split(")")[0], "1 October 2021",
                 "The Ombudsman decided the complaint was premature and referred it back to us "
                 "to consider under the complaints procedure."),
                (4, found[3].split("complaint ")[1].split(")")[0], "1 November 2021",
                 "The Ombudsman closed the complaint after its initial enquiries, without an "
                 "investigation."),
                (5, found[4].split("complaint ")[1].split(")")[0], "1 December 2021",
                 "The Ombudsman decided not to investigate the complaint."),
                (6, found[5].split("complaint ")[1].split(")")[0], "4 January 2022",
                 "The Ombudsman decided the complaint was outside its jurisdiction."),
            ]
        ),
        f"Case 7 (21 005 006, complaint {found[6].split('complaint ')[1].split(')')[0]}), "
        "decided 1 February 2022. The Ombudsman investigated and found fault. It asked for no "
        "remedy. (Its summary has no excerpt approved for publication yet.)",
    ]  # fmt: skip


def test_the_published_version_numbers_cases_and_prints_no_free_text(cases, manager):
    paragraphs = ombudsman_paragraphs(publish=True)
    found = cases_in(paragraphs)
    assert found[0] == (
        "Case 1, decided 1 July 2021. The Ombudsman investigated and found fault. It asked us "
        "to apologise (done on 20 July 2021, on time), to make a payment of £300.00 (done on 10 "
        "August 2021, late: it was due by 1 August 2021), to take a further action (not yet "
        "done: overdue since 1 March 2022) and to improve a service (still due, by 30 June "
        "2022)."
    )
    assert found[1] == (
        "Case 2, decided 1 September 2021. The Ombudsman investigated and found no fault."
    )
    assert len(found) == 7
    assert (
        "The Ombudsman's decisions in 2021-22, case by case in the order decided. No one is "
        "named, and a case is summarised in its own words only where a complaints manager "
        "approved a summary of it for publication."
    ) in paragraphs
    text = " ".join(paragraphs)
    for secret in ("21 004 512", "CSC-2021", "Jamie", "Smith", "Larch", "only the team"):
        assert secret not in text, secret

    # An approved excerpt is printed, with a name left in it taken out.
    excerpt(cases, "A parent's letters went unanswered; Jamie Smith's plan was late.", by=manager)
    found = cases_in(ombudsman_paragraphs(publish=True))
    assert found[0].endswith(
        "In brief: A parent's letters went unanswered; [name]'s plan was late."
    )
    assert "In brief" not in found[1]
    team = cases_in(ombudsman_paragraphs(publish=False))
    assert team[0].startswith("Case 1 (21 004 512, complaint CSC-2021-00077)")
    assert team[0].endswith("In brief: A parent's letters went unanswered; [name]'s plan was late.")


def test_the_remedies_sentence_says_what_was_done_by_the_date_set(cases):
    paragraphs = ombudsman_paragraphs(publish=True)
    assert (
        "The Ombudsman set a date to put things right in 1 of its decisions in 2021-22. None "
        "is fully done yet: 1 is still outstanding, and overdue."
    ) in paragraphs


def test_no_decisions_says_so(db):
    EnquiryFactory(received_date=D(2022, 1, 10))  # pending: the section is there
    paragraphs = ombudsman_paragraphs(publish=True)
    assert paragraphs[-1] == "The Ombudsman made no decision about our complaints in 2021-22."


# -- whether what was asked was done, from the figures -----------------------------------------

REMEDIES = {
    "lgo.enquiries": 6,
    "lgo.investigated": 4,
    "lgo.decision.fault_found": 4,
    "lgo.remedies.due": 4,
    "lgo.remedies.on_time": 2,
    "lgo.remedies.on_time.pct": 50.0,
    "lgo.remedies.late": 1,
    "lgo.remedies.outstanding": 1,
    "lgo.remedies.overdue": 1,
}


@pytest.mark.parametrize(
    ("figures", "voice", "sentence"),
    [
        (
            {},
            "we",
            "The Ombudsman set a date to put things right in 4 of its decisions in 2021-22. We "
            "did everything it asked by that date in 2 (50.0%) and later in 1; 1 is still "
            "outstanding, and overdue.",
        ),
        (
            {"lgo.remedies.on_time": 4, "lgo.remedies.late": 0, "lgo.remedies.outstanding": 0},
            "we",
            "The Ombudsman set a date to put things right in 4 of its decisions in 2021-22. We "
            "did everything it asked by that date in each of them.",
        ),
        (
            {
                "lgo.remedies.on_time": 0,
                "lgo.remedies.late": 1,
                "lgo.remedies.outstanding": 3,
                "lgo.remedies.overdue": 2,
            },
            "authority",
            "The Ombudsman set a date to put things right in 4 of its decisions in 2021-22. "
            "Testshire Council did everything it asked after that date in 1; 3 are still "
            "outstanding, 2 of them overdue.",
        ),
    ],
)
def test_the_remedies_sentence_in_each_case(db, figures, voice, sentence):
    facts = extract_facts(as_of=AS_OF, calendar=WorkingCalendar())
    document = build(
        FigureSet(period=YEAR, as_of=AS_OF, figures=REMEDIES | figures),
        facts,
        settings=dataclasses.replace(SETTINGS, voice=voice),
    )
    assert sentence in paragraphs(document, "ombudsman")


def test_a_decision_recorded_without_its_remedies_one_by_one(db):
    """As the demo's (and an import's) enquiries are: a date to comply by, the day it was all
    done, the recommendations in words the report does not print, a payment on the enquiry."""
    whole = ombudsman_decision(
        received=D(2021, 5, 3),
        decision="fault_found",
        decided=D(2021, 9, 22),
        recommendations="Apologise to Mrs Jones and pay £250.",
        remedy_due_date=D(2021, 11, 1),
        remedy_completed_date=D(2021, 11, 3),
    )
    ombudsman_payment(whole, paid=D(2021, 10, 27), amount="250.00")
    several = ombudsman_decision(  # several payment remedies: the total
        received=D(2021, 5, 3), decision="fault_found", decided=D(2021, 10, 1)
    )
    for amount in ("100.00", "50.00"):
        RemedyFactory(
            enquiry=several, kind="payment", due_date=D(2021, 11, 1), completed_date=D(2021, 10, 5)
        )
        ombudsman_payment(several, paid=D(2021, 10, 5), amount=amount)
    found = cases_in(ombudsman_paragraphs(publish=True))
    assert found == [
        "Case 1, decided 22 September 2021. The Ombudsman investigated and found fault. It "
        "asked us to put things right (done on 3 November 2021, late: it was due by 1 November "
        "2021). A payment of £250.00 was made.",
        "Case 2, decided 1 October 2021. The Ombudsman investigated and found fault. It asked "
        "us to make a payment (done on 5 October 2021, on time) and to make a payment (done on "
        "5 October 2021, on time). Payments totalling £150.00 were made.",
    ]
    assert not any("Jones" in p for p in ombudsman_paragraphs(publish=False))


# -- more decisions than a report gives case by case (ADR 0033) ----------------------------------


def decisions(kinds: list[str], batch: int = 1) -> None:
    """One decision of each kind, received in 2021-22 and decided 20 days apart from 1 May
    2021, in order; references '21 00<batch> 000', '21 00<batch> 001'…"""
    for n, decision in enumerate(kinds):
        ombudsman_decision(
            lgo_reference=f"21 {batch:03} {n:03}",
            received=D(2021, 4, 1),
            decision=decision,
            decided=D(2021, 5, 1) + datetime.timedelta(days=20 * n),
        )


def section_blocks(publish: bool):
    prepared = services.prepare_report(period=YEAR, as_of=AS_OF, publish=publish)
    assert prepared.document is not None
    return prepared.document.section("ombudsman").blocks


def test_beyond_ten_decisions_only_the_investigations_and_remedies_are_summarised(db):
    decisions(["premature"] * 2 + ["fault_found"] + ["not_investigated"] * 3)
    ombudsman_decision(
        lgo_reference="21 008 000",
        received=D(2021, 4, 1),
        decision="closed_after_initial_enquiries",
        decided=D(2021, 9, 1),
        recommendations="Apologise for the delay.",  # closed: we agreed to put it right
    )
    decisions(["no_fault", "not_investigated", "not_investigated", "outside_jurisdiction"], 2)
    decisions(["premature"] * 2, 3)
    team = [b.plain for b in section_blocks(publish=False) if isinstance(b, Paragraph)]
    assert (
        "The Ombudsman made 13 decisions in 2021-22. The 3 that followed an investigation or "
        "asked us to put something right are summarised case by case, in the order decided, "
        "with the Ombudsman's and the complaint's references. The other 10 (4 premature, 5 not "
        "investigated and 1 outside its jurisdiction) are counted in the table of decisions."
    ) in team
    found = cases_in(team)
    assert [case.split(", decided")[0] for case in found] == [
        "Case 1 (21 002 000)",  # no fault, 1 May 2021
        "Case 2 (21 001 002)",  # fault, 10 June 2021
        "Case 3 (21 008 000)",  # closed, with a remedy, 1 September 2021
    ]
    assert "found no fault" in found[0]
    assert "found fault" in found[1]
    assert "after its initial enquiries" in found[2]
    assert "It asked us to put things right" in found[2]

    published = section_blocks(publish=True)
    words = [b.plain for b in published if isinstance(b, Paragraph)]
    assert len(cases_in(words)) == 3
    assert any(
        p.startswith("The Ombudsman made 13 decisions in 2021-22. The 3 that followed")
        and "case by case, in the order decided. The other 10" in p
        and p.endswith("approved a summary of it for publication.")
        for p in words
    )
    # 13 enquiries: counted and in the spreadsheet, not listed one by one in print.
    assert "lgo.enquiries" not in [getattr(b, "key", None) for b in published]
    assert (
        "The 13 enquiries received in 2021-22 are listed one by one, with when each was "
        "received and what was decided, in this report's spreadsheet."
    ) in words


def test_ten_decisions_are_all_summarised_and_listed(db):
    decisions(["premature"] * 5 + ["not_investigated"] * 4 + ["fault_found"])
    blocks = section_blocks(publish=True)
    words = [b.plain for b in blocks if isinstance(b, Paragraph)]
    assert len(cases_in(words)) == 10
    assert "lgo.enquiries" in [getattr(b, "key", None) for b in blocks]
    assert not any("listed one by one" in p for p in words)


def test_beyond_ten_with_no_investigation(db):
    decisions(["premature"] * 6 + ["not_investigated"] * 5)
    words = [b.plain for b in section_blocks(publish=False) if isinstance(b, Paragraph)]
    assert (
        "The Ombudsman made 11 decisions in 2021-22. None followed an investigation or asked "
        "us to put something right (6 premature and 5 not investigated); they are counted in "
        "the table of decisions."
    ) in words
    assert not cases_in(words)
