"""Offering the satisfaction survey and recording its answers; a complainant's opt-out.

When a complaint closes, the complaints services call `survey_offer_on_close`: the complainant
is sent a link (by email, or by text message where that is how they prefer to be contacted or
there is no email address) through the notifications service, once per complaint and stage it
closed at. The complaints team can send it again (`survey_offer(resend=True)`): a new link,
the old one no longer works.

The link holds a random token (`secrets.token_urlsafe`, 256 bits). Only its SHA-256 is kept: a
token this long needs no salt or slow hash, since no one can guess one to try. Looking the hash
up by an index reveals nothing an attacker could use (they choose the token, not its hash), and
the stored hash is compared again in constant time. An unknown token, one already used (its
hash is cleared when the answers are saved) and an expired one all raise the same
`SurveyLinkNotValid`.
"""

from __future__ import annotations

import datetime
import hmac
import logging
import secrets
from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from redress.complaints.choices import StageStatus
from redress.complaints.models import Complaint
from redress.core import audit, clock, config
from redress.core.presenters import govuk_date
from redress.core.tokens import token_hash
from redress.notifications.models import Channel, Kind
from redress.notifications.services import message_send
from redress.people.models import ContactMethod, Person

from . import rules
from .models import Answer, OptOut, Question, Survey

if TYPE_CHECKING:
    from redress.accounts.models import User

log = logging.getLogger(__name__)

COMMENT_MAX = 2000
# What the timeline shows of a survey: never the token's hash, the address or the comment.
SHOWN = ["stage_number", "channel", "sends", "expires_at"]
ANSWERED = [q.value for q in Question]
RESPONDENT = "The complainant (satisfaction survey)"


def link_days() -> int:
    return int(settings.REDRESS_SURVEY_LINK_DAYS)


def survey_link(token: str) -> str:
    return settings.REDRESS_SITE_URL.rstrip("/") + reverse("surveys:respond", args=[token])


def opted_out(person: Person) -> bool:
    return OptOut.objects.filter(person=person).exists()


def channel_for(person: Person) -> tuple[str, str] | None:
    """(channel, address) to send the survey by, or None. Email, unless they prefer text
    messages and have a phone number, or have a phone number and no email address."""
    email, phone = person.email.strip(), person.phone.strip()
    if phone and (person.preferred_contact == ContactMethod.TEXT or not email):
        return Channel.SMS, phone
    if email:
        return Channel.EMAIL, email
    return None


def _message(complaint: Complaint, link: str, expires: datetime.date, channel: str) -> tuple:
    authority = str(config.get("authority_name"))
    subject = f"{authority}: tell us how we handled your complaint"
    if channel == Channel.SMS:
        body = (
            f"{authority}: your complaint {complaint.reference} has closed. Tell us how we "
            f"handled it (4 questions): {link} The link works once, until {govuk_date(expires)}."
        )
        return subject, body
    body = (
        f"Your complaint {complaint.reference} has closed.\n\n"
        "Please tell us how we handled it: four short questions, and space for anything else "
        "you want to say. It takes about two minutes.\n\n"
        f"{link}\n\n"
        f"The link works once, until {govuk_date(expires)}. If you would rather not answer, "
        "you need do nothing.\n\n"
        f"{authority}"
    )
    return subject, body


def _closed_at(complaint: Complaint) -> tuple[int | None, str]:
    """The complaint's stored state, read afresh (a service has just changed it)."""
    reached, status = Complaint.objects.filter(pk=complaint.pk).values_list(
        "stage_reached", "status"
    )[0]
    return reached, status


@transaction.atomic
def survey_offer(*, complaint: Complaint, by: User | None, resend: bool = False) -> Survey:
    """Send the complainant the satisfaction survey about the stage the complaint closed at.
    Without `resend`, a survey already sent is left as it is (and returned); with it, a new
    link is sent and the old one stops working. Refused while the complaint is open, once the
    survey is answered, without an email address or phone number, or if the complainant opted
    out."""
    complaint = Complaint.objects.select_for_update(of=("self",)).get(pk=complaint.pk)
    reached, status = _closed_at(complaint)
    if status != StageStatus.CLOSED or reached is None:
        raise rules.SurveyComplaintOpen(reference=complaint.reference)
    existing = Survey.objects.filter(complaint=complaint, stage_number=reached).first()
    if existing is not None and existing.answered:
        raise rules.SurveyAlreadyAnswered(stage=reached)
    if existing is not None and not resend:
        return existing
    person = complaint.complainant
    if person is None:
        raise rules.SurveyNoComplainant(reference=complaint.reference)
    if opted_out(person):
        raise rules.SurveyOptedOut()
    how = channel_for(person)
    if how is None:
        raise rules.SurveyNoAddress()
    channel, address = how

    token = secrets.token_urlsafe(32)
    now = clock.now()
    expires = now + datetime.timedelta(days=link_days())
    if existing is None:
        survey = Survey.objects.create(
            complaint=complaint,
            stage_number=reached,
            service_area_id=complaint.service_area_id,
            token_hash=token_hash(token),
            channel=channel,
            sent_on=clock.today(),
            last_sent_at=now,
            sends=1,
            expires_at=expires,
        )
        before = None
    else:
        survey = existing
        before = audit.snapshot(survey, SHOWN)
        survey.token_hash = token_hash(token)
        survey.channel = channel
        survey.last_sent_at = now
        survey.sends += 1
        survey.expires_at = expires
        survey.save()
    subject, body = _message(complaint, survey_link(token), expires.date(), channel)
    message_send(
        kind=Kind.OTHER,
        subject=subject,
        body=body,
        to=address,
        channel=channel,
        complaint=complaint,
        dedupe_key=f"survey:{survey.pk}:{survey.sends}",
    )
    audit.record(
        action="survey.resend" if before is not None else "survey.offer",
        obj=survey,
        by=by,
        before=before,
        after=audit.snapshot(survey, SHOWN),
        complaint=complaint,
    )
    return survey


def survey_offer_on_close(*, complaint: Complaint, by: User | None) -> Survey | None:
    """Called by the complaints services in the transaction that closes a complaint's stage:
    if that closed the complaint, offer the survey (once for each stage it closes at). Nothing
    happens for an open complaint, a survey already sent, a complainant without an address or
    who opted out. Whatever goes wrong here, the stage's closing is kept: the survey's writes
    roll back on their own, and the team can send it from the complaint's summary."""
    reached, status = _closed_at(complaint)
    if status != StageStatus.CLOSED or reached is None:
        return None
    if Survey.objects.filter(complaint_id=complaint.pk, stage_number=reached).exists():
        return None
    try:
        with transaction.atomic():
            return survey_offer(complaint=complaint, by=by)
    except rules.RuleViolation:
        return None  # no one to send it to: the summary says why
    except Exception:  # a survey must never stop a response being recorded
        log.exception("The satisfaction survey of %s was not offered", complaint.reference)
        return None


def survey_for_token(token: str, *, lock: bool = False) -> Survey:
    """The unanswered, unexpired survey the token opens, else `SurveyLinkNotValid` (the same for
    an unknown, a used and an expired token)."""
    wanted = token_hash(token or "")
    surveys = Survey.objects.select_related("complaint")
    if lock:
        surveys = surveys.select_for_update(of=("self",))
    survey = surveys.filter(token_hash=wanted).first()
    stored = survey.token_hash if survey is not None and survey.token_hash else ""
    if (
        survey is None
        or not hmac.compare_digest(stored, wanted)
        or survey.answered
        or survey.expires_at <= clock.now()
    ):
        raise rules.SurveyLinkNotValid()
    return survey


@transaction.atomic
def survey_answer(*, token: str, answers: Mapping[str, str], comment: str = "") -> Survey:
    """Record the complainant's answers through their link, which then stops working. Every
    question needs yes, partly or no; the comment is optional."""
    survey = survey_for_token(token, lock=True)
    for question in Question:
        value = answers.get(question.value, "")
        if value not in Answer.values:
            raise rules.SurveyAnswerMissing(question=question.label)
    comment = (comment or "").strip()[:COMMENT_MAX]
    before = audit.snapshot(survey, ANSWERED)
    for question in Question:
        setattr(survey, question.value, answers[question.value])
    survey.comment = comment
    survey.answered_at = clock.now()
    survey.token_hash = None  # used: from now on the link finds nothing
    survey.save()
    after = audit.snapshot(survey, ANSWERED)
    after["comment_given"] = bool(comment)  # (the comment itself stays on the survey)
    audit.record(
        action="survey.answer",
        obj=survey,
        by=None,
        label=RESPONDENT,
        before=before,
        after=after,
        complaint=survey.complaint,
    )
    return survey


@transaction.atomic
def survey_opt_out(
    *, person: Person, by: User, complaint: Complaint | None = None, opt_out: bool = True
) -> None:
    """Record that the complainant does not want satisfaction surveys (or, with
    `opt_out=False`, that they want them again)."""
    existing = OptOut.objects.filter(person=person).first()
    if opt_out and existing is None:
        record = OptOut.objects.create(person=person, recorded_by=by)
        audit.record(
            action="survey.opt_out",
            obj=record,
            by=by,
            after={"person": person.pk},
            complaint=complaint,
        )
    elif not opt_out and existing is not None:
        audit.record(
            action="survey.opt_in",
            obj=existing,
            by=by,
            before={"person": person.pk},
            complaint=complaint,
        )
        existing.delete()
