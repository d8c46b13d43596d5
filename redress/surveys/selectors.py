"""Reads: a complaint's surveys, and whether its survey can be sent now."""

from __future__ import annotations

from redress.complaints.choices import StageStatus
from redress.complaints.models import Complaint
from redress.procedures.rules import RuleViolation

from . import rules
from .models import Survey
from .services import channel_for, opted_out


def surveys_of(complaint: Complaint) -> list[Survey]:
    return list(Survey.objects.filter(complaint=complaint).order_by("stage_number"))


def why_not_sendable(complaint: Complaint) -> RuleViolation | None:
    """Why the survey about the stage the complaint closed at cannot be sent now (None: it
    can be). The same checks `services.survey_offer` makes, without writing."""
    if complaint.status != StageStatus.CLOSED or complaint.stage_reached is None:
        return rules.SurveyComplaintOpen(reference=complaint.reference)
    answered = Survey.objects.filter(
        complaint=complaint, stage_number=complaint.stage_reached, answered_at__isnull=False
    ).exists()
    if answered:
        return rules.SurveyAlreadyAnswered(stage=complaint.stage_reached)
    person = complaint.complainant
    if person is None:
        return rules.SurveyNoComplainant(reference=complaint.reference)
    if opted_out(person):
        return rules.SurveyOptedOut()
    if channel_for(person) is None:
        return rules.SurveyNoAddress()
    return None
