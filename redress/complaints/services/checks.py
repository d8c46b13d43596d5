"""Checks and look-ups that several complaint services share (with the general ones from
`procedures.checks`, re-exported)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import models

from redress.complaints.choices import Outcome
from redress.complaints.models import Complaint, Stage
from redress.core.presenters import govuk_date
from redress.procedures import rules

# The checks every app's services share live with the rules, below complaints; the complaint
# services import them from here with the complaint-specific ones.
from redress.procedures.checks import (
    choice,
    choices_text,
    not_before,
    not_in_future,
    period_text,
    required_text,
)
from redress.procedures.models import Procedure, StageRule

if TYPE_CHECKING:
    from redress.organisations.models import ServiceArea
    from redress.taxonomies.models import Term


def procedure_label(procedure: Procedure) -> str:
    """`statutory children's procedure`, to sit inside a sentence."""
    return procedure.name[:1].lower() + procedure.name[1:]


def lock_stage(stage: Stage) -> Stage:
    """The stage, read afresh and locked until the transaction ends, so two people cannot
    change it at once."""
    return (
        Stage.objects.select_for_update(of=("self",))
        .select_related("complaint__procedure")
        .get(pk=stage.pk)
    )


def lock_complaint(complaint: Complaint) -> Complaint:
    return (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("procedure", "service_area")
        .get(pk=complaint.pk)
    )


def rule_for(procedure: Procedure, number: int) -> StageRule:
    try:
        return procedure.stage_rule(number)
    except StageRule.DoesNotExist:
        raise rules.NoSuchStage(procedure=procedure_label(procedure), stage=number) from None


def stage_state(stage: Stage) -> str:
    """How a closed stage ended, for messages: `withdrawn on 3 May 2021`."""
    when = f" on {govuk_date(stage.responded_date)}" if stage.responded_date else ""
    if stage.outcome == Outcome.WITHDRAWN:
        return f"withdrawn{when}"
    if stage.outcome == Outcome.OUTSIDE_JURISDICTION:
        return f"found outside jurisdiction{when}"
    return f"responded to{when}"


def ensure_open(stage: Stage) -> None:
    """A stage that was responded to or withdrawn changes only through `stage_correct`."""
    if stage.is_open:
        return
    if stage.outcome in {Outcome.WITHDRAWN, Outcome.OUTSIDE_JURISDICTION} or not (
        stage.responded_date
    ):
        raise rules.StageClosed(stage=stage.number, state=stage_state(stage))
    raise rules.AlreadyResponded(stage=stage.number, responded=stage.responded_date)


def current_days(stage: Stage, rule: StageRule) -> int:
    """The applicable timescale: the longest extension agreed, else the initial timescale."""
    longest = stage.extensions.aggregate(longest=models.Max("extended_to_days"))["longest"]
    return longest or rule.timescale_days


def service_area_in_use(service_area: ServiceArea, day: datetime.date) -> None:
    if not service_area.is_effective_on(day):
        raise rules.ServiceAreaNotInUse(
            service=service_area.name,
            date=day,
            period=period_text(service_area.valid_from, service_area.valid_to),
        )


def term_of_kind(term: Term, kinds: Iterable[str], *, described: str) -> None:
    if term.taxonomy.kind not in set(kinds):
        raise rules.TermNotForUse(term=term.name, taxonomy=term.taxonomy.name, kind=described)


__all__ = [
    "choice",
    "choices_text",
    "current_days",
    "ensure_open",
    "lock_complaint",
    "lock_stage",
    "not_before",
    "not_in_future",
    "period_text",
    "procedure_label",
    "required_text",
    "rule_for",
    "service_area_in_use",
    "stage_state",
    "term_of_kind",
]
