"""Writes for legal holds: a complaint on legal hold is kept out of retention until the hold is
lifted (`services.retention_run` skips it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from redress.complaints.models import Complaint
from redress.core import audit, clock
from redress.procedures.rules import RuleViolation

from . import selectors
from .models import LegalHold

if TYPE_CHECKING:
    from redress.accounts.models import User


class LegalHoldAlreadyInForce(RuleViolation):
    """Complaint {reference} is already on legal hold (placed on {placed}): lift that hold
    first, or leave it in force."""


class NoLegalHold(RuleViolation):
    """Complaint {reference} is not on legal hold, so there is no hold to lift."""


class AlreadyAnonymised(RuleViolation):
    """Complaint {reference}'s personal data has already been anonymised under the retention
    policy, so a legal hold can no longer keep it."""


class LegalHoldReasonMissing(RuleViolation):
    """Enter why the complaint is on legal hold."""

    field = "reason"


def _locked(complaint: Complaint) -> Complaint:
    # The retention run locks the complaints it anonymises, so a hold placed meanwhile either
    # waits for that batch or is seen by it.
    return Complaint.objects.select_for_update(of=("self",)).get(pk=complaint.pk)


@transaction.atomic
def legal_hold_place(*, complaint: Complaint, reason: str, by: User | None) -> LegalHold:
    """Keep the complaint out of retention until the hold is lifted."""
    _locked(complaint)
    reason = reason.strip()
    if not reason:
        raise LegalHoldReasonMissing()
    if selectors.is_anonymised(complaint):
        raise AlreadyAnonymised(reference=complaint.reference)
    current = selectors.legal_hold_in_force(complaint)
    if current is not None:
        raise LegalHoldAlreadyInForce(reference=complaint.reference, placed=current.placed_at)
    hold = LegalHold.objects.create(
        complaint=complaint, reason=reason, placed_by=by, placed_at=clock.now()
    )
    audit.record(
        action="legal_hold.place",
        obj=hold,
        by=by,
        complaint=complaint,
        after=audit.snapshot(hold, ["reason", "placed_at"]),
    )
    return hold


@transaction.atomic
def legal_hold_lift(*, complaint: Complaint, reason: str, by: User | None) -> LegalHold:
    """End the complaint's legal hold: retention applies to it again from the next run."""
    _locked(complaint)
    hold = selectors.legal_hold_in_force(complaint)
    if hold is None:
        raise NoLegalHold(reference=complaint.reference)
    audit.save_changes(
        hold,
        {"lifted_at": clock.now(), "lifted_by": by, "lifted_reason": reason.strip()},
        action="legal_hold.lift",
        by=by,
        complaint=complaint,
        shown=["lifted_at", "lifted_reason"],
    )
    return hold
