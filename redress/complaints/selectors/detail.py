"""One complaint as its pages show it: the record, each stage with its deadlines, the people,
the payments and the learning."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet

from redress.complaints.choices import StageStatus
from redress.complaints.models import Complaint, Hold, Mediation, Stage
from redress.core.presenters import govuk_date
from redress.procedures.calendar import DeadlineExplanation
from redress.procedures.deadlines import StageDeadlines, explain_stage_deadline
from redress.procedures.models import StageRule

from .clock import Clock
from .scoping import complaints_visible_to, visible_among


@dataclass(frozen=True)
class Milestone:
    """A step on the way to a review panel stage's final response (the panel meets, the chair
    reports, the authority responds to the report): a date to work to, not the stage's
    deadline, which is its final response date."""

    name: str
    days: int
    after: str
    due: datetime.date | None  # None until the step before it is recorded
    done: datetime.date | None


def panel_milestones(
    stage: Stage, rule: StageRule | None, deadlines: StageDeadlines | None
) -> tuple[Milestone, ...]:
    if rule is None or deadlines is None or rule.panel_within_days is None:
        return ()
    steps = [
        (
            "The review panel meets",
            rule.panel_within_days,
            "the request",
            deadlines.panel_due,
            stage.panel_date,
        ),
        (
            "The chair's report",
            rule.report_within_days,
            "the panel",
            deadlines.report_due,
            stage.panel_report_date,
        ),
        (
            "The authority's response to the report",
            rule.response_within_days,
            "the report",
            deadlines.response_due,
            stage.responded_date,
        ),
    ]
    return tuple(
        Milestone(name=name, days=days, after=after, due=due, done=done)
        for name, days, after, due, done in steps
        if days is not None
    )


@dataclass(frozen=True)
class StageView:
    stage: Stage
    rule: StageRule | None
    deadlines: StageDeadlines | None
    explanation: DeadlineExplanation | None
    days_left: int | None
    acknowledgement_due: datetime.date | None
    mediations: list[Mediation]
    milestones: tuple[Milestone, ...] = ()
    holds: tuple[Hold, ...] = ()

    @property
    def running_hold(self) -> Hold | None:
        """The hold the stage is on now, if it is on hold."""
        return next((h for h in self.holds if h.end_date is None), None)


def hold_phrase(hold: Hold) -> str:
    """`12 July to 19 July 2021: court proceedings`, for the deadline's explanation."""
    start = (
        f"{hold.start_date.day} {hold.start_date:%B}"
        if hold.end_date is not None and hold.end_date.year == hold.start_date.year
        else govuk_date(hold.start_date)
    )
    return f"{start} to {govuk_date(hold.end_date)}: {hold.reason}"


def complaint_for_page(*, user: Any, pk: int) -> Complaint | None:
    """The complaint with everything its pages show, if the user may see it."""
    return next(iter(_for_page(complaints_visible_to(user)).filter(pk=pk).order_by()), None)


def _for_page(complaints: QuerySet[Complaint]) -> QuerySet[Complaint]:
    stages = Stage.objects.order_by("number").select_related(
        "organisation", "allocated_to", "responded_by"
    )
    # Joined: the people. Each other record it points to is read by its own small query: the
    # time PostgreSQL takes to plan a join grows steeply with its tables, and with ten it
    # spent 10-17 ms planning a read of one row (measured at a million complaints).
    return complaints.select_related(
        "complainant",
        "on_behalf_of",
        "advocate_person",
    ).prefetch_related(
        "procedure",
        "service_area",
        "locality",
        "organisation",
        "theme__parent",
        "related_to",
        Prefetch("stages", queryset=stages),
        "stages__extensions__agreed_by",
        "stages__holds",
        "stages__aspects__category",
        "stages__aspects__subcategory",
        "stages__appointments__user",
        "procedure__stage_rules",
        "mediations",
        # Unordered: ordering by date would tempt SQLite to walk the date index for a few rows.
        Prefetch("follow_ons", queryset=Complaint.objects.order_by()),
        "ombudsman_enquiries__remedies",
        "payments",
        "actions__theme__parent",
        "satisfaction_answers",
    )


@dataclass(frozen=True)
class RelatedComplaints:
    """The complaints linked to one (the earlier one it follows on from, the later ones that
    follow on from it) as one user may see them. That this complaint follows on from another
    is part of its own record, so one the user may not see is mentioned, never named; a later
    complaint they may not see is another complaint's fact, and is left out altogether."""

    earlier: Complaint | None
    earlier_hidden: bool
    later: list[Complaint]


def related_complaints(*, user: Any, complaint: Complaint) -> RelatedComplaints:
    """The complaint's earlier and later complaints (from `complaint_for_page`, which reads
    them) through the same scoping as every complaint page."""
    earlier = complaint.related_to
    later = sorted(complaint.follow_ons.all(), key=lambda c: (c.received_date, c.reference))
    visible = visible_among(user, [c.pk for c in later] + ([earlier.pk] if earlier else []))
    shown = [c for c in later if c.pk in visible]
    hidden_earlier = earlier is not None and earlier.pk not in visible
    return RelatedComplaints(
        earlier=None if hidden_earlier else earlier,
        earlier_hidden=hidden_earlier,
        later=shown,
    )


def stage_views(complaint: Complaint, clock: Clock) -> list[StageView]:
    """Each stage of a complaint (from `complaint_for_page`) with its deadlines explained."""
    views = []
    mediations = list(complaint.mediations.all())
    for stage in complaint.stages.all():
        deadlines = clock.deadlines(stage)
        rule = clock.rule(stage)
        holds = tuple(stage.holds.all())
        ended = tuple(hold_phrase(h) for h in holds if h.end_date is not None)
        views.append(
            StageView(
                stage=stage,
                rule=rule,
                deadlines=deadlines,
                explanation=(
                    explain_stage_deadline(
                        deadlines=deadlines, calendar=clock.calendar, holds=ended
                    )
                    if deadlines is not None
                    else None
                ),
                days_left=(  # none while on hold: the clock is stopped
                    clock.days_left(deadlines.applicable_due)
                    if deadlines is not None
                    and stage.is_open
                    and stage.status != StageStatus.ON_HOLD
                    else None
                ),
                acknowledgement_due=(
                    clock.calendar.due_date(stage.received_date, rule.acknowledgement_days)
                    if rule is not None and rule.acknowledgement_days is not None
                    else None
                ),
                mediations=[m for m in mediations if m.after_stage == stage.number],
                milestones=panel_milestones(stage, rule, deadlines),
                holds=holds,
            )
        )
    return views


def payments_total(complaint: Complaint) -> Decimal:
    return sum((p.amount for p in complaint.payments.all()), Decimal("0"))
