"""What the Ombudsman asked of the second demo authority, and when it was done.

The import format carries an enquiry's recommendations as text, with one due and one completed
date; the report's case summaries read the remedies one by one (an apology, a payment, a stage
of the procedure to begin). Section 9.1 of the Sandwell report gives them for its two findings
of fault, so the demo's set-up records them through the Ombudsman services, as a complaints
officer would.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from redress.demo.generator.build import working_days
from redress.ombudsman.models import Enquiry, RemedyKind
from redress.ombudsman.services import remedy_add, remedy_complete

# Received date of the enquiry -> (kind, what was asked, working days after the decision it
# was done, evidence); each is due within 20 working days. The £180 itself is in the workbook's
# payments, so it is not paid again.
REMEDIES: dict[datetime.date, tuple[tuple[str, str, int, str], ...]] = {
    datetime.date(2021, 5, 10): (
        (RemedyKind.APOLOGY, "Apologise for not holding the stage 3 review panel.", 3,
         "Letter of apology sent by the Statutory Complaints Manager."),
        (RemedyKind.START_STAGE, "Hold the stage 3 review panel.", 5,
         "Stage 3 request accepted; the panel was arranged with the complainant."),
    ),
    datetime.date(2021, 8, 2): (
        (RemedyKind.APOLOGY, "Apologise for the six months the stage 1 response took.", 4,
         "Letter of apology sent by the Director of Operations."),
        (RemedyKind.PAYMENT, "Pay £180 for the complainant's time and trouble.", 10,
         "£180 paid to the complainant."),
        (RemedyKind.START_STAGE, "Begin a stage 2 investigation.", 5,
         "Stage 2 investigation begun by the council's Statutory Complaints Manager."),
    ),
}  # fmt: skip


@transaction.atomic
def add_sandwell_remedies() -> int:
    """Record and complete the remedies of the two enquiries where fault was found; returns
    how many were added (none when they are there already)."""
    wd = working_days()
    added = 0
    for received, remedies in REMEDIES.items():
        enquiry = Enquiry.objects.filter(received_date=received, decision="fault_found").first()
        if enquiry is None:
            raise LookupError(
                f"No Ombudsman enquiry received on {received} with fault found: import the "
                "Sandwell-shaped demo workbook (demo_generate --authority sandwell) first."
            )
        if enquiry.remedies.exists():
            continue
        decided = enquiry.decision_date or received
        for kind, description, days, evidence in remedies:
            done = wd.add(decided, days)
            remedy = remedy_add(
                enquiry=enquiry,
                kind=kind,
                by=None,
                description=description,
                due_on=wd.add(decided, 20),
            )
            remedy_complete(remedy=remedy, completed_on=done, evidence=evidence, by=None)
            added += 1
    return added
