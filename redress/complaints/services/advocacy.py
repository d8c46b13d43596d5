"""Advocacy: a child or young person who complains is offered an advocate (section 26A of the
Children Act 1989), and, where they want one, referred to the advocacy provider the authority
commissions. The referral is recorded on the complaint and sent through the notifications
service, saying only what the provider needs to make contact through the complaints team:
never what the complaint says."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction

from redress.complaints.models import Complaint
from redress.complaints.state import complaint_changed
from redress.core import audit, config
from redress.core.clock import today
from redress.core.presenters import govuk_date
from redress.people.presenters import age_words
from redress.procedures import rules

from .checks import lock_complaint

if TYPE_CHECKING:
    from redress.accounts.models import User
    from redress.people.models import Person

REFERRAL_FIELDS = ("advocacy_offered", "advocacy_referred_on")


def advocacy_child(complaint: Complaint) -> Person | None:
    """Who an advocate would support: the complainant where a child or young person (or care
    leaver) complains, else the child it is made on behalf of, else the first child it is
    about."""
    if complaint.is_cyp and complaint.complainant is not None:
        return complaint.complainant
    if complaint.on_behalf_of is not None:
        return complaint.on_behalf_of
    return complaint.children.order_by("pk").first()


def provider_name() -> str:
    """The advocacy provider as messages and pages name it."""
    return str(config.get("advocacy_provider_name")) or "the advocacy provider"


def referral_blocked(complaint: Complaint) -> rules.RuleViolation | None:
    """Why the child behind `complaint` cannot be referred now, whatever the date: already
    referred, no child on the record, or no provider's address set. None when they can be."""
    if complaint.advocacy_referred_on is not None:
        return rules.AdvocacyAlreadyReferred(
            reference=complaint.reference, date=complaint.advocacy_referred_on
        )
    if advocacy_child(complaint) is None:
        return rules.AdvocacyNoChild(reference=complaint.reference)
    if not config.get("advocacy_provider_email"):
        return rules.AdvocacyProviderNotSet()
    return None


@transaction.atomic
def complaint_refer_advocacy(
    *, complaint: Complaint, by: User | None, referred_on: datetime.date | None = None
) -> Complaint:
    """Refer the child behind a complaint to the authority's advocacy provider on
    `referred_on` (today when not given): the complaint records the referral and the offer,
    and the provider is sent the reference, the child's first name and age, and how to reach
    the complaints team. Refused a second time, before the complaint was received, in the
    future, without a child on the record, or with no provider's address set."""
    complaint = lock_complaint(complaint)
    referred_on = referred_on or today()
    blocked = referral_blocked(complaint)
    if blocked is not None:
        raise blocked
    if referred_on > today():
        raise rules.AdvocacyReferralInFuture(date=referred_on)
    if referred_on < complaint.received_date:
        raise rules.AdvocacyReferralBeforeReceived(
            date=referred_on, earlier_date=complaint.received_date
        )
    child = advocacy_child(complaint)
    assert child is not None  # referral_blocked said so
    provider = str(config.get("advocacy_provider_email"))
    audit.save_changes(
        complaint,
        {"advocacy_offered": True, "advocacy_referred_on": referred_on},
        action="complaint.advocacy_refer",
        by=by,
        complaint=complaint,
        shown=REFERRAL_FIELDS,
    )
    _send_referral(complaint, child, provider=provider, referred_on=referred_on)
    complaint_changed(complaint)
    complaint.refresh_from_db()
    return complaint


def referral_message(
    complaint: Complaint, child: Person, *, referred_on: datetime.date
) -> tuple[str, str]:
    """The referral's subject and body: the reference, the child's first name and age, and
    the complaints team's contact details. Nothing the complaint says, nor the child's
    surname, address or contact details: the provider arranges contact through the team."""
    authority = str(config.get("authority_name"))
    greeting = str(config.get("advocacy_provider_name")) or "colleague"
    first_name = (child.name or "").split(" ")[0] or "Not recorded"
    team = [
        line
        for line in (
            f"Phone: {config.get('complaints_phone')}" if config.get("complaints_phone") else "",
            f"Email: {config.get('complaints_email')}" if config.get("complaints_email") else "",
        )
        if line
    ]
    lines = [
        f"Dear {greeting},",
        "",
        f"{authority}'s children's social care complaints team asks you to offer an advocate "
        "to a child or young person who has made, or is making, a complaint.",
        "",
        f"Our reference: {complaint.reference}",
        f"Referred on: {govuk_date(referred_on)}",
        f"First name: {first_name}",
        f"Age: {age_words(child, referred_on)}",
        "",
        "Please contact the complaints team, quoting the reference, to arrange to meet them. "
        "We will share their contact details with you then.",
        *(["", *team] if team else []),
        "",
        authority,
    ]
    return f"Advocacy referral: {complaint.reference}", "\n".join(lines)


def _send_referral(
    complaint: Complaint, child: Person, *, provider: str, referred_on: datetime.date
) -> None:
    from redress.notifications.models import Kind  # (notifications builds on complaints)
    from redress.notifications.services import message_send

    subject, body = referral_message(complaint, child, referred_on=referred_on)
    message_send(
        kind=Kind.ADVOCACY_REFERRAL,
        subject=subject,
        body=body,
        to=provider,
        complaint=complaint,
        dedupe_key=f"advocacy.refer:{complaint.pk}",
    )
