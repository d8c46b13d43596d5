"""What the public pages show of a record, in words: a followed complaint's stages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from redress.complaints.models import Stage
from redress.core.presenters import govuk_date
from redress.procedures.models import Procedure


def followed_stages(stages: Iterable[Stage], procedure: Procedure) -> list[dict[str, Any]]:
    """Each stage as the complainant following it sees it: its name in the procedure, when it
    was received, when the response is due or was sent and its outcome, the reasons given for
    extending it, and whether it is on hold (holds and extensions prefetched)."""
    return [
        {
            "number": stage.number,
            "name": procedure.stage_rule(stage.number).name,
            "received": govuk_date(stage.received_date),
            "due": govuk_date(stage.due_date) if stage.due_date else "",
            "responded": govuk_date(stage.responded_date) if stage.responded_date else "",
            "outcome": stage.get_outcome_display() if stage.outcome else "",
            "extensions": [e.reason for e in stage.extensions.all() if e.reason],
            "on_hold": any(h.end_date is None for h in stage.holds.all()),
        }
        for stage in stages
    ]
