"""Every URL, as every role and as a visitor who has not signed in: the answer each gets.

The test walks the whole URL configuration, so a URL without a permission decision in
DECISIONS below fails the suite (add a line for it). Each line gives the answers to a GET:

    L    a redirect to the sign-in page (a visitor who has not signed in)
    200  the page
    302  a redirect elsewhere
    403  refused with the reason (the role has no such pages, or may not do this)
    404  not found: also a record the user may not see, exactly as a missing one
    405  the address takes only POST

The columns are: a visitor, then the roles (complaints manager, complaints officer, responding
manager, investigating officer, participation or advocacy worker, executive). The records each
URL's arguments name are in ARGUMENTS. Those records have twins the responding manager,
investigating officer and participation worker may not see (a complaint not allocated or
appointed to them and not from a child; an unpublished report edition; an adult's informal
feedback): after `|`, the answers of those four roles (rm io pw ex) for the twin. The complaints
team sees every record and a visitor is sent to sign in, so their answers are the same.

The Django admin's own URLs are left to `test_the_admin_is_for_complaints_managers_only`.
Downloads in every format and version (DOWNLOADS) and the drill-down behind every figure and
every table of the figures registry (`drill_decisions`) have tests of their own below.
"""

from __future__ import annotations

import datetime
import functools
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.views.static import serve

from redress.accounts.models import Role, User

# The records are built once for the module (see `world`); each test reads them.
pytestmark = pytest.mark.django_db

DECISIONS = """
# URL name                                 anon cm  co  rm  io  pw  ex  | rm  io  pw  ex: a twin
core:home                                  L   200 200 200 200 200 200

accounts:login                             200 200 200 200 200 200 200
accounts:logout_confirm                    L   200 200 200 200 200 200
accounts:logout                            L   405 405 405 405 405 405
# the second factor: cm has one and is verified (force_login), the others have none yet
accounts:second_factor                     L   200 200 200 200 200 200
accounts:second_factor_setup               L   200 200 200 200 200 200
accounts:second_factor_verify              L   302 302 302 302 302 302
accounts:backup_codes                      L   302 302 302 302 302 302
# single sign-on: not found unless configured (redress/accounts/tests/test_sso.py)
accounts:sso_start                         404 404 404 404 404 404 404
accounts:sso_callback                      404 404 404 404 404 404 404

complaints:list                            L   200 200 200 200 200 403
complaints:download                        L   200 200 403 403 403 403
complaints:team                            L   200 200 403 403 403 200
# recording a complaint (a journey not yet begun starts at its first page) and correcting one
complaints:record                          L   302 302 403 403 403 403
complaints:record_check                    L   302 302 403 403 403 403
complaints:record_done                     L   302 302 403 403 403 403
complaints:record_page                     L   200 200 403 403 403 403
complaints:change_details                  L   302 302 403 403 403 403 | 404 404 404 403
complaints:change_details_check            L   302 302 403 403 403 403 | 404 404 404 403
complaints:change_details_page             L   302 302 403 403 403 403 | 404 404 404 403
# the complaint's pages
complaints:summary                         L   200 200 200 200 200 403 | 404 404 404 403
complaints:stages                          L   200 200 200 200 200 403 | 404 404 404 403
complaints:timeline                        L   200 200 200 200 200 403 | 404 404 404 403
complaints:people                          L   200 200 200 200 200 403 | 404 404 404 403
complaints:payments                        L   200 200 200 200 200 403 | 404 404 404 403
# case work: `number` is 2 (allocated to rm, io appointed); the complaint is at stage 3
complaints:payment_record                  L   200 200 403 403 403 403 | 404 404 404 403
complaints:payment_remove                  L   200 200 403 403 403 403 | 404 404 404 403
complaints:advocacy_refer                  L   200 200 403 403 403 403 | 404 404 404 403
complaints:escalate                        L   200 200 403 403 403 403 | 404 404 404 403
complaints:acknowledge                     L   200 200 403 403 403 403 | 404 404 404 403
complaints:extend                          L   200 200 403 403 403 403 | 404 404 404 403
complaints:respond                         L   200 200 200 403 403 403 | 404 404 404 403
complaints:allocate                        L   200 200 403 403 403 403 | 404 404 404 403
complaints:hold                            L   200 200 403 403 403 403 | 404 404 404 403
complaints:resume                          L   200 200 403 403 403 403 | 404 404 404 403
complaints:findings                        L   200 200 200 200 403 403 | 404 404 404 403
complaints:withdraw                        L   200 200 403 403 403 403 | 404 404 404 403
complaints:outside_jurisdiction            L   200 200 403 403 403 403 | 404 404 404 403
complaints:stage2_appoint                  L   200 200 403 403 403 403 | 404 404 404 403
complaints:appointment_remove              L   200 200 403 403 403 403 | 404 404 404 403
complaints:stage2_statement                L   200 200 403 403 403 403 | 404 404 404 403
complaints:stage2_reasons                  L   200 200 403 403 403 403 | 404 404 404 403
complaints:stage2_reasons_carry_over       L   200 200 403 403 403 403 | 404 404 404 403
complaints:stage2_reason_remove            L   200 200 403 403 403 403 | 404 404 404 403
complaints:stage2_io_report                L   200 200 403 403 403 403 | 404 404 404 403
complaints:stage2_ip_report                L   200 200 403 403 403 403 | 404 404 404 403
complaints:stage2_adjudication             L   200 200 403 403 403 403 | 404 404 404 403
complaints:stage3_appoint                  L   200 200 403 403 403 403 | 404 404 404 403
complaints:stage3_panel                    L   200 200 403 403 403 403 | 404 404 404 403
complaints:stage3_report                   L   200 200 403 403 403 403 | 404 404 404 403
complaints:stage3_respond                  L   200 200 403 403 403 403 | 404 404 404 403
complaints:mediation_offer                 L   200 200 403 403 403 403 | 404 404 404 403
complaints:mediation_hold                  L   200 200 403 403 403 403 | 404 404 404 403
complaints:mediation_outcome               L   200 200 403 403 403 403 | 404 404 404 403
# a legal hold keeps a complaint from the retention policy: the complaints team places and lifts it
retention:legal_hold                       L   200 200 403 403 403 403 | 404 404 404 403
# documents: whoever sees the complaint lists and downloads them; the team uploads to it and its
# stages, rm and io to stage 2 (allocated, appointed); only the team removes one
documents:list                             L   200 200 200 200 200 403 | 404 404 404 403
documents:upload                           L   200 200 200 200 403 403 | 404 404 404 403
documents:download                         L   200 200 200 200 200 403 | 404 404 404 403
documents:remove                           L   200 200 403 403 403 403 | 404 404 404 403
# letters: whoever sees the complaint sees its letters; the complaints team writes, emails and
# posts them; the team reads the templates and only the complaints manager changes one (POST)
letters:list                               L   200 200 200 200 200 403 | 404 404 404 403
letters:choose                             L   200 200 403 403 403 403 | 404 404 404 403
letters:compose                            L   200 200 403 403 403 403 | 404 404 404 403
letters:letter                             L   200 200 200 200 200 403 | 404 404 404 403
letters:send                               L   200 200 403 403 403 403 | 404 404 404 403
letters:posted                             L   200 200 403 403 403 403 | 404 404 404 403
letter_templates:list                      L   200 200 403 403 403 403
letter_templates:edit                      L   200 200 403 403 403 403
letter_templates:history                   L   200 200 403 403 403 403

ombudsman:list                             L   200 200 200 200 200 403
ombudsman:record                           L   200 200 403 403 403 403
ombudsman:record_for_complaint             L   200 200 403 403 403 403 | 404 404 404 403
ombudsman:enquiry                          L   200 200 200 200 200 403 | 404 404 404 403
ombudsman:response                         L   200 200 403 403 403 403 | 404 404 404 403
ombudsman:organisation                     L   200 200 403 403 403 403 | 404 404 404 403
ombudsman:decide                           L   200 200 403 403 403 403 | 404 404 404 403
ombudsman:remedy_add                       L   200 200 403 403 403 403 | 404 404 404 403
ombudsman:remedy_complete                  L   200 200 403 403 403 403 | 404 404 404 403

learning:list                              L   200 200 200 200 200 403
learning:raise                             L   200 200 403 403 403 403
learning:raise_for_complaint               L   200 200 403 403 403 403 | 404 404 404 403
learning:action                            L   200 200 200 200 200 403 | 404 404 404 403
learning:complete                          L   200 200 403 403 403 403 | 404 404 404 403

feedback:compliment_list                   L   200 200 403 403 403 403
feedback:compliment_record                 L   200 200 403 403 403 403
feedback:compliment                        L   200 200 403 403 403 403
feedback:informal_list                     L   200 200 403 403 200 403
feedback:informal_record                   L   200 200 403 403 403 403
feedback:informal                          L   200 200 403 403 200 403 | 403 403 404 403
feedback:satisfaction                      L   200 200 403 403 403 403 | 404 404 404 403

reporting:reports                          L   200 200 200 403 200 200
reporting:editions                         L   200 200 200 403 200 200
reporting:edition_new                      L   200 200 403 403 403 403
reporting:edition                          L   200 200 200 403 200 200 | 404 403 404 404
reporting:edition_preview                  L   200 200 200 403 200 200 | 404 403 404 404
reporting:edition_download                 L   200 200 200 403 200 200 | 404 403 404 404
reporting:edition_publish                  L   302 403 403 403 403 403 | 404 403 404 404
reporting:edition_section                  L   200 200 403 403 403 403 | 404 403 404 404
# publishable excerpts: only a complaints manager writes, approves and withdraws them
reporting:edition_excerpts                 L   200 403 403 403 403 403 | 404 403 404 404
reporting:excerpt                          L   200 403 403 403 403 403
reporting:figure                           L   200 200 200 403 200 403
# row 0 of received.by_service counts two complaints: withheld from the publication version,
# the one rm and pw read (every figure and table: `drill_decisions`)
reporting:table                            L   200 200 403 403 403 403

# messages: anyone chooses their own reminders; the complaints manager sees and resends failures
notifications:preferences                  L   200 200 200 200 200 200
notifications:failed                       L   200 403 403 403 403 403
notifications:retry                        L   405 405 405 405 405 405

# the satisfaction survey: its link answers anyone, signed in or not (the world has a survey
# sent with the link in ARGUMENTS); the complaints team sends it and records an opt-out
surveys:respond                            200 200 200 200 200 200 200
surveys:done                               200 200 200 200 200 200 200
surveys:send                               L   200 200 403 403 403 403 | 404 404 404 403
surveys:opt_out                            L   200 200 403 403 403 403 | 404 404 404 403

# the public side (redress.front): anyone, signed in or not, the same public pages
front:start                                200 200 200 200 200 200 200
front:complaint_start                      200 200 200 200 200 200 200
front:complaint_question                   200 200 200 200 200 200 200
# check and sent, before any answer: back to the first page or the start
front:complaint_check                      302 302 302 302 302 302 302
front:complaint_done                       302 302 302 302 302 302 302
front:child_start                          200 200 200 200 200 200 200
front:child_question                       200 200 200 200 200 200 200
front:child_check                          302 302 302 302 302 302 302
front:child_done                           302 302 302 302 302 302 302
front:compliment_start                     200 200 200 200 200 200 200
front:compliment_question                  200 200 200 200 200 200 200
front:compliment_check                     302 302 302 302 302 302 302
front:compliment_done                      302 302 302 302 302 302 302
front:feedback_start                       200 200 200 200 200 200 200
front:feedback_question                    200 200 200 200 200 200 200
front:feedback_check                       302 302 302 302 302 302 302
front:feedback_done                        302 302 302 302 302 302 302
# follow my complaint: no one has a follow session here, so its pages go back to asking for a
# link; an unknown link is not found; stopping takes only POST
front:follow_start                         200 200 200 200 200 200 200
front:follow_sent                          200 200 200 200 200 200 200
front:follow_complaint                     302 302 302 302 302 302 302
front:follow_next_stage                    302 302 302 302 302 302 302
front:follow_letter                        404 404 404 404 404 404 404 | 404 404 404 404
front:follow_stop                          405 405 405 405 405 405 405
front:follow_link                          404 404 404 404 404 404 404

# triage of what the public sent: the complaints team's (the world's submission is a complaint,
# so recording it as a compliment or opening a next stage for it is not found)
triage:queue                               L   200 200 403 403 403 403
triage:record                              L   200 200 403 403 403 403 | 403 403 403 403
triage:accept                              L   200 200 403 403 403 403 | 403 403 403 403
triage:informal                            L   200 200 403 403 403 403 | 403 403 403 403
triage:decline                             L   200 200 403 403 403 403 | 403 403 403 403
triage:compliment                          L   404 404 403 403 403 403 | 403 403 403 403
triage:next_stage                          L   404 404 403 403 403 403 | 403 403 403 403
triage:file                                L   200 200 403 403 403 403 | 403 403 403 403

# subject access: the complaints team only; anyone else is told the person is not found
people:subject_access                      L   200 200 404 404 404 404 | 404 404 404 404
people:subject_access_download             L   200 200 404 404 404 404 | 404 404 404 404
"""

COLUMNS = (
    "anonymous",
    Role.COMPLAINTS_MANAGER,
    Role.COMPLAINTS_OFFICER,
    Role.RESPONDING_MANAGER,
    Role.INVESTIGATING_OFFICER,
    Role.PARTICIPATION_WORKER,
    Role.EXECUTIVE,
)
# The roles whose answer may differ for a record they may not see.
TWIN_COLUMNS = COLUMNS[3:]

# What each URL's arguments point at: a record in `_records` (its id is used),
# or a literal value. By namespace, then by URL name where one differs. "?" is a query string.
REPORT_QUERY = "from=2021-04-01&to=2022-03-31&as_of=2022-05-31"
ARGUMENTS: dict[str, dict[str, Any]] = {
    "complaints": {
        "pk": "complaint",
        "number": 2,
        "payment_pk": "payment",
        "appointment": "appointment",
        "aspect": "aspect",
        "mediation": "mediation",
        "key": "0123456789ab",  # a journey (recording or correcting a complaint) not yet begun
        "page": "received",
    },
    "learning": {"pk": "action"},
    "learning:raise_for_complaint": {"pk": "complaint"},
    "ombudsman": {"pk": "enquiry", "remedy_pk": "remedy"},
    "ombudsman:record_for_complaint": {"pk": "complaint"},
    "feedback:compliment": {"pk": "compliment"},
    "feedback:informal": {"pk": "informal"},
    "feedback:satisfaction": {"pk": "complaint"},
    "reporting": {"pk": "edition", "section": "volumes"},
    "reporting:edition_download": {"pk": "edition", "?": "format=json"},  # PDF takes seconds
    "reporting:excerpt": {"kind": "compliments", "pk": "compliment"},
    "reporting:figure": {"figure_id": "outcome.stage1.upheld", "?": REPORT_QUERY},
    "reporting:table": {"table_id": "received.by_service", "row": 0, "?": REPORT_QUERY},
    "people": {"pk": "person"},
    "retention": {"pk": "complaint"},
    "documents": {"pk": "complaint", "document_pk": "document"},
    "letters": {"pk": "complaint", "letter_pk": "letter", "code": "response"},
    "letter_templates": {"code": "response"},
    "notifications:retry": {"pk": 1},
    "surveys": {"pk": "complaint", "token": "the-role-test-survey-link"},
    "front:complaint_question": {"slug": "what-happened"},
    "front:child_question": {"slug": "about"},
    "front:compliment_question": {"slug": "what"},
    "front:feedback_question": {"slug": "questions"},
    "front:follow_link": {"token": "not-a-link"},
    "front:follow_letter": {"letter_pk": "letter"},
    "triage": {"pk": "submission"},
    "triage:file": {"pk": "submission", "file_pk": "submission_file"},
}
# The records ARGUMENTS may name (see `_records`).
RECORDS = frozenset(
    {"complaint", "payment", "appointment", "aspect", "mediation", "action", "enquiry", "remedy"}
    | {"compliment", "informal", "edition", "person", "document", "letter", "submission"}
    | {"submission_file"}
)


@dataclass(frozen=True)
class Decision:
    name: str
    answers: dict[str, str]  # column -> answer
    twin_answers: dict[str, str] | None  # for the record the restricted roles may not see


def _decisions(table: str) -> dict[str, Decision]:
    decisions: dict[str, Decision] = {}
    for line in table.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        main, _, twin = line.partition("|")
        name, *answers = main.split()
        assert len(answers) == len(COLUMNS), f"{name}: give {len(COLUMNS)} answers, not {answers}"
        twins = twin.split()
        assert not twin or len(twins) == len(TWIN_COLUMNS), f"{name}: after | give 4 answers"
        assert name not in decisions, f"{name} is in the table twice"
        decisions[name] = Decision(
            name,
            dict(zip(COLUMNS, answers, strict=True)),
            dict(zip(TWIN_COLUMNS, twins, strict=True)) if twin else None,
        )
    return decisions


TABLE = _decisions(DECISIONS)


def _walk(patterns: list[Any], namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue  # the admin's own URLs: checked on their own below
            inner = f"{namespace}:{entry.namespace}" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, inner.lstrip(":"))
        elif entry.callback is not serve:  # static and media files, when DEBUG serves them
            name = f"{namespace}:{entry.name}" if namespace else str(entry.name)
            yield name, entry


@functools.cache
def named_urls() -> dict[str, URLPattern]:
    found: dict[str, URLPattern] = {}
    for name, pattern in _walk(get_resolver().url_patterns):
        assert pattern.name, f"The URL {pattern.pattern} has no name: name it, then decide it here"
        found[name] = pattern
    return found


def _argument_names(pattern: URLPattern) -> list[str]:
    return list(pattern.pattern.regex.groupindex)


def test_every_url_has_a_permission_decision():
    urls = named_urls()
    missing = [name for name in urls if name not in TABLE]
    assert not missing, "\n".join(
        f"add a permission decision for {name} in test_url_permissions.py" for name in missing
    )
    gone = [name for name in TABLE if name not in urls]
    assert not gone, f"decisions for URLs that no longer exist (remove them): {gone}"


def test_every_url_argument_points_at_a_record():
    for name, pattern in named_urls().items():
        for argument in _argument_names(pattern):
            assert argument in _arguments(name), (
                f"{name} takes <{argument}>: say in ARGUMENTS which record it points at"
            )


def _arguments(name: str) -> dict[str, Any]:
    namespace = name.rpartition(":")[0]
    return {**ARGUMENTS.get(namespace, {}), **ARGUMENTS.get(name, {})}


def _address(name: str, records: SimpleNamespace) -> str | None:
    """The URL with its arguments pointing at `records`; None when an argument names a record
    `records` does not have (the twins have no compliment: only the complaints team sees
    compliments at all)."""
    arguments = _arguments(name)
    query = arguments.pop("?", "")
    kwargs: dict[str, Any] = {}
    for argument in _argument_names(named_urls()[name]):
        value = arguments[argument]
        if isinstance(value, str) and value in RECORDS:
            if not hasattr(records, value):
                return None
            value = getattr(records, value).pk
        kwargs[argument] = value
    url = reverse(name, kwargs=kwargs)
    return f"{url}?{query}" if query else url


def _names_a_record(name: str) -> bool:
    arguments = _arguments(name)
    return any(arguments[a] in RECORDS for a in _argument_names(named_urls()[name]))


def answer_to(client: Client, url: str) -> str:
    response = client.get(url)
    if response.status_code == 302 and response["Location"].startswith(reverse("accounts:login")):
        return "L"
    return str(response.status_code)


# The records the URLs point at --------------------------------------------------------------


def _records(*, seen: bool, people: SimpleNamespace) -> SimpleNamespace:
    """A complaint at stage 3 with everything hanging off it. `seen`: allocated and appointed
    to the restricted roles and from a child (so the participation worker sees it too), with a
    published edition and a child's informal feedback; otherwise none of those."""
    from redress.complaints.tests.factories import (
        AppointmentFactory,
        AspectFactory,
        ComplaintFactory,
        LearningActionFactory,
        MediationFactory,
        PaymentFactory,
        StageFactory,
    )
    from redress.documents import samples
    from redress.documents.services import document_upload
    from redress.feedback.tests.factories import ComplimentFactory, InformalFeedbackFactory
    from redress.front.services.submissions import submission_record
    from redress.letters.models import LetterTemplate
    from redress.letters.services import letter_produce
    from redress.ombudsman.tests.factories import EnquiryFactory, RemedyFactory
    from redress.organisations.tests.factories import ServiceAreaFactory
    from redress.reporting.models import EditionStatus
    from redress.reporting.tests.factories import ReportEditionFactory

    day = datetime.date.fromisoformat
    complaint = ComplaintFactory(
        received_date=day("2021-05-04"),
        complainant_type="child_young_person" if seen else "parent",
        service_area=ServiceAreaFactory(name="Fostering"),
    )
    complaint.stages.update(responded_date=day("2021-05-14"), outcome="upheld")
    stage2 = StageFactory(
        complaint=complaint,
        number=2,
        received_date=day("2021-05-24"),
        allocated_to=people.responding_manager if seen else None,
    )
    complaint.stages.filter(number=2).update(responded_date=day("2021-07-30"), outcome="upheld")
    stage3 = StageFactory(
        complaint=complaint,
        number=3,
        received_date=day("2021-08-16"),
        allocated_to=people.responding_manager if seen else None,
    )
    appointment = AppointmentFactory(
        stage=stage2, user=people.investigating_officer if seen else None, name="Ivan Ino"
    )
    aspect = AspectFactory(stage=stage2)
    mediation = MediationFactory(complaint=complaint, offered_date=day("2021-05-20"))
    enquiry = EnquiryFactory(complaint=complaint, received_date=day("2021-09-01"))
    published = {"status": EditionStatus.PUBLISHED, "as_of": day("2022-05-31")}
    document = document_upload(
        complaint=complaint,
        file=io.BytesIO(samples.pdf(["A letter"])),
        name="letter.pdf",
        kind="complaint_letter",
        stage=stage2,
        by=None,
    )
    if seen:
        _survey(complaint, token=ARGUMENTS["surveys"]["token"])
    letter = letter_produce(
        complaint=complaint,
        stage=stage3,
        template=LetterTemplate.objects.get(code="ombudsman"),
        recipient_role="complainant",
        subject="Your complaint and the Ombudsman",
        body="Dear complainant,\n\nYou may ask the Ombudsman.",
        by=None,
    )
    submission = submission_record(
        kind="complaint",
        answers={"what_happened": "No reply.", "service_area": None},
        files=[("note.txt", io.BytesIO(b"A note sent with the complaint.\n"))],
    )
    return SimpleNamespace(
        complaint=complaint,
        letter=letter,
        person=complaint.complainant,
        stage2=stage2,
        stage3=stage3,
        appointment=appointment,
        aspect=aspect,
        mediation=mediation,
        payment=PaymentFactory(complaint=complaint, date=day("2021-06-01")),
        enquiry=enquiry,
        document=document,
        remedy=RemedyFactory(enquiry=enquiry),
        action=LearningActionFactory(complaint=complaint),
        **({"compliment": ComplimentFactory()} if seen else {}),
        informal=InformalFeedbackFactory(from_child=seen),
        submission=submission,
        submission_file=submission.files.get(),
        edition=ReportEditionFactory(
            **(published | {"published_at": datetime.datetime(2022, 6, 1, tzinfo=datetime.UTC)})
            if seen
            else {}
        ),
    )


def _survey(complaint: Any, *, token: str) -> None:
    """A satisfaction survey sent with this link, unanswered and unexpired."""
    from redress.surveys.models import Survey
    from redress.surveys.services import token_hash

    sent = datetime.datetime(2022, 6, 1, tzinfo=datetime.UTC)
    Survey.objects.create(
        complaint=complaint,
        stage_number=2,
        service_area=complaint.service_area,
        token_hash=token_hash(token),
        channel="email",
        sent_on=sent.date(),
        last_sent_at=sent,
        expires_at=sent + datetime.timedelta(days=36500),
    )


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[SimpleNamespace]:
    """Built once for the module, in a transaction rolled back at its end: the tests only
    read (GET), so they share it."""
    with (
        override_settings(REDRESS_TODAY=datetime.date(2022, 6, 10)),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        people = SimpleNamespace(
            **{
                str(role): User.objects.create(
                    username=str(role), role=role, is_staff=role == Role.COMPLAINTS_MANAGER
                )
                for role in COLUMNS[1:]
            }
        )
        seen = _records(seen=True, people=people)
        twin = _records(seen=False, people=people)
        yield SimpleNamespace(people=people, seen=seen, twin=twin)
        transaction.set_rollback(True)


def _client(world: SimpleNamespace, column: str) -> Client:
    # A view that fails answers 500 (its traceback is in the captured log), so that one
    # broken page does not hide the answers of the others.
    client = Client(raise_request_exception=False)
    if column != "anonymous":
        client.force_login(getattr(world.people, column))
    return client


def _line(name: str, got: dict[str, str], twin: dict[str, str] | None) -> str:
    answers = " ".join(f"{got[c]:<3}" for c in COLUMNS)
    twins = " | " + " ".join(f"{twin[c]:<3}" for c in TWIN_COLUMNS) if twin else ""
    return f"{name:<42} {answers}{twins}".rstrip()


# A case: its decision, its URL, and the twin's URL (None: it names no record).
Case = tuple[Decision, str, str | None]


def _url_cases(world: SimpleNamespace) -> Iterator[Case]:
    for name, decision in TABLE.items():
        url = _address(name, world.seen)
        assert url is not None
        twin_url = _address(name, world.twin) if _names_a_record(name) else None
        yield decision, url, twin_url


def _wrong_answers(client: Client, column: str, cases: Iterable[Case]) -> list[str]:
    wrong = []
    for decision, url, twin_url in cases:
        name = decision.name
        got = answer_to(client, url)
        if got != decision.answers[column]:
            wrong.append(f"{name} {url}: expected {decision.answers[column]}, got {got}")
        if twin_url is None or column not in TWIN_COLUMNS:
            continue
        if decision.twin_answers is None:
            wrong.append(f"{name}: after |, give the answers for a record they may not see")
            continue
        got = answer_to(client, twin_url)
        if got != decision.twin_answers[column]:
            expected = decision.twin_answers[column]
            wrong.append(f"{name} {twin_url} (not theirs to see): expected {expected}, got {got}")
    return wrong


@pytest.mark.parametrize("column", COLUMNS)
def test_each_url_answers_as_decided(world, column):
    wrong = _wrong_answers(_client(world, column), column, _url_cases(world))
    assert not wrong, (
        f"As {column} (where the app is right, change the line in DECISIONS):\n" + "\n".join(wrong)
    )


def test_the_admin_is_for_complaints_managers_only(world):
    """The admin's own URLs: a complaints manager marked as staff gets the admin; everyone
    else is sent to the admin's sign-in page."""
    admin_login = reverse("admin:login")
    for column in COLUMNS:
        response = _client(world, column).get(reverse("admin:index"))
        if column == Role.COMPLAINTS_MANAGER:
            assert response.status_code == 200, column
        else:
            assert response.status_code == 302, column
            assert response["Location"].startswith(admin_login), column


# Downloads and drill-downs ---------------------------------------------------------------------
#
# Every way records and figures leave Redress: each download in each format and version, and the
# records behind every figure and every table of the figures registry.

VERSIONS = ("internal", "published")
# A line per download, the same columns as DECISIONS (a line ending in \ goes on below); the
# URL name is followed by its query.
# `{fmt}` stands for every report format and `{version}` for both versions: responding managers,
# participation workers and executives ask for either and always get the publication version.
DOWNLOADS = """
complaints:download?format=csv                                   L   200 200 403 403 403 403
complaints:download?format=xlsx                                  L   200 200 403 403 403 403
reporting:reports?action=download&period=year:2021-22&fmt={fmt}&version={version} \
                                                                 L   200 200 200 403 200 200
reporting:edition_download?format={fmt}&version={version} \
                                                                 L   200 200 200 403 200 200 \
                                                                 | 404 403 404 404
"""


def _expanded(table: str) -> str:
    """A line for every format and version where a line asks for them."""
    from redress.reporting.render import FORMATS

    lines = []
    for line in table.splitlines():
        if "{fmt}" in line:
            lines += [line.format(fmt=f, version=v) for f in FORMATS for v in VERSIONS]
        else:
            lines.append(line)
    return "\n".join(lines)


DOWNLOAD_TABLE = _decisions(_expanded(DOWNLOADS))


def _download_cases(world: SimpleNamespace) -> Iterator[Case]:
    for label, decision in DOWNLOAD_TABLE.items():
        name, _, query = label.partition("?")
        url = _address(name, world.seen)
        assert url is not None
        twin_url = _address(name, world.twin) if _names_a_record(name) else None
        yield (
            decision,
            f"{url.partition('?')[0]}?{query}",
            f"{twin_url.partition('?')[0]}?{query}" if twin_url else None,
        )


@pytest.fixture
def facts_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The world does not change while the tests read it, so each report's facts are extracted
    once rather than for every download and drill-down (each extraction reads every table)."""
    from redress.reporting import services
    from redress.reporting.selectors import reports

    real = reports.report_facts
    cache: dict[tuple[Any, ...], Any] = {}

    def once(**kwargs: Any) -> Any:
        key = tuple(sorted(kwargs.items()))
        if key not in cache:
            cache[key] = real(**kwargs)
        return cache[key]

    monkeypatch.setattr(reports, "report_facts", once)
    monkeypatch.setattr(services, "report_facts", once)


@pytest.fixture
def quick_documents(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whether a role gets a download is decided before its bytes are made, and a PDF or Word
    document takes seconds to make (reporting/tests/test_render_pdf.py and test_render_docx.py
    test them): here their last step, from the built document to bytes, is a stub."""
    from redress.reporting.render import docx, pdf

    monkeypatch.setattr(pdf, "render", lambda document, figures: b"%PDF-1.7 stub")
    monkeypatch.setattr(docx, "render", lambda document, figures: b"PK stub")


def test_every_report_format_and_version_is_a_download_case():
    from redress.reporting.render import FORMATS

    labels = list(DOWNLOAD_TABLE)
    assert len(labels) == 2 + 2 * len(FORMATS) * len(VERSIONS)
    assert "reporting:edition_download?format=pdf&version=internal" in labels


@pytest.mark.parametrize("column", COLUMNS)
def test_each_download_answers_as_decided(world, column, facts_once, quick_documents):
    wrong = _wrong_answers(_client(world, column), column, _download_cases(world))
    assert not wrong, (
        f"As {column} (where the app is right, change the line in DOWNLOADS):\n" + "\n".join(wrong)
    )


REPORT_YEAR = (datetime.date(2021, 4, 1), datetime.date(2022, 3, 31))  # as REPORT_QUERY
REPORT_AS_OF = datetime.date(2022, 5, 31)


@pytest.fixture(scope="module")
def drill_decisions(world: SimpleNamespace, django_db_blocker: Any) -> dict[str, Decision]:
    """A case for every scalar figure and for row 0 of every table in the figures registry,
    in the report of REPORT_QUERY. The decision: a visitor signs in; investigating officers and
    executives see no records (403); the complaints team gets the records of a count (200)
    and "not found" for a figure that is not a count or a row the table does not have (404);
    responding managers and participation workers, who read the publication version, get the
    same, except a row with a count that version withholds (403)."""
    from redress.reporting.figures import SCALARS, TABLES
    from redress.reporting.periods import make_period
    from redress.reporting.publish import publish_figures
    from redress.reporting.selectors import report_figures, report_settings

    with django_db_blocker.unblock():
        figures = report_figures(period=make_period(*REPORT_YEAR), as_of=REPORT_AS_OF)
        threshold = report_settings().suppression_threshold
    published = publish_figures(figures, threshold=threshold)
    withheld = {(table_id, row) for table_id, row, _ in published.suppressed}

    def decision(label: str, team: str, publication: str) -> Decision:
        answers = ["L", team, team, publication, "403", publication, "403"]
        return Decision(label, dict(zip(COLUMNS, answers, strict=True)), None)

    decisions = {}
    for figure_id in SCALARS:
        found = "200" if figure_id in figures.evidence else "404"
        url = reverse("reporting:figure", args=[figure_id])
        decisions[url] = decision(f"figure {figure_id}", found, found)
    for table_id in TABLES:
        found = "200" if 0 in figures.table_evidence.get(table_id, {}) else "404"
        url = reverse("reporting:table", args=[table_id, 0])
        publication = "403" if (table_id, 0) in withheld else found
        decisions[url] = decision(f"table {table_id} row 0", found, publication)
    return decisions


def test_the_drill_cases_are_every_figure_and_table_and_every_kind_of_answer(drill_decisions):
    from redress.reporting.figures import SCALARS, TABLES

    assert len(drill_decisions) == len(SCALARS) + len(TABLES)
    team = {d.answers[Role.COMPLAINTS_OFFICER] for d in drill_decisions.values()}
    assert team == {"200", "404"}
    withheld = [
        d.name
        for d in drill_decisions.values()
        if d.answers[Role.RESPONDING_MANAGER] == "403"
        and d.answers[Role.COMPLAINTS_OFFICER] == "200"
    ]
    assert "table received.by_service row 0" in withheld


@pytest.mark.parametrize("column", COLUMNS)
def test_every_figure_and_table_drills_down_as_decided(world, column, drill_decisions, facts_once):
    cases = ((d, f"{url}?{REPORT_QUERY}", None) for url, d in drill_decisions.items())
    wrong = _wrong_answers(_client(world, column), column, cases)
    assert not wrong, f"As {column} (see `drill_decisions`):\n" + "\n".join(wrong)
