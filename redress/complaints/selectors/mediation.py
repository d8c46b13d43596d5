"""Reads about mediation: whether it can be offered now."""

from __future__ import annotations

from redress.complaints.choices import OUTCOMES_EXCLUDED_FROM_TIMELINESS
from redress.complaints.models import Complaint


def may_offer(complaint: Complaint) -> bool:
    """Whether mediation can be offered now: a stage has a response (not a withdrawal or a
    finding of no jurisdiction) and no mediation is waiting for its outcome."""
    answered = [
        s
        for s in complaint.stages.all()
        if s.responded_date is not None and s.outcome not in OUTCOMES_EXCLUDED_FROM_TIMELINESS
    ]
    pending = any(m.outcome == "" for m in complaint.mediations.all())
    # Mediation is offered instead of, or before, the next stage: after the procedure's last
    # stage there is none to go to, and the Ombudsman is next.
    latest = max((s.number for s in answered), default=0)
    further = any(r.stage > latest for r in complaint.procedure.stage_rules.all())
    return bool(answered) and not pending and further
