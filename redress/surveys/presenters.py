"""A complaint's surveys as its summary page and the send page show them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from redress.complaints.models import Complaint
from redress.core import clock
from redress.core.presenters import govuk_date, plural

from .models import Answer, Question, Survey
from .selectors import surveys_of, why_not_sendable
from .services import opted_out

CHANNELS = {"email": "by email", "sms": "by text message"}


@dataclass(frozen=True)
class SurveyRow:
    stage: str
    status: str
    answers: list[tuple[str, str]] = field(default_factory=list)
    comment: str = ""


@dataclass(frozen=True)
class SurveyState:
    rows: list[SurveyRow]
    can_send: bool
    send_text: str
    why_not: str
    opted_out: bool
    has_complainant: bool


def _status(survey: Survey, now: datetime.datetime) -> str:
    # govuk_date reads a moment as its local day (core.presenters.local_day).
    how = CHANNELS.get(survey.channel, survey.channel)
    sent = f"Sent {how} on {govuk_date(survey.sent_on)}"
    if survey.sends > 1:
        again = survey.sends - 1
        sent += f", and {again} {plural(again, 'time')} again since"
    if survey.answered_at is not None:
        return f"{sent}. Answered on {govuk_date(survey.answered_at)}."
    if survey.expires_at <= now:
        return f"{sent}. Not answered: the link expired on {govuk_date(survey.expires_at)}."
    return f"{sent}. Not answered yet: the link works until {govuk_date(survey.expires_at)}."


def survey_row(survey: Survey, now: datetime.datetime) -> SurveyRow:
    answers = []
    if survey.answered_at is not None:
        answers = [
            (str(q.label), str(Answer(getattr(survey, q.value)).label))
            if getattr(survey, q.value)
            else (str(q.label), "No answer")
            for q in Question
        ]
    return SurveyRow(
        stage=f"Stage {survey.stage_number}",
        status=_status(survey, now),
        answers=answers,
        comment=survey.comment,
    )


def survey_state(complaint: Complaint) -> SurveyState:
    now = clock.now()
    surveys = surveys_of(complaint)
    why = why_not_sendable(complaint)
    current = next((s for s in surveys if s.stage_number == complaint.stage_reached), None)
    person = complaint.complainant
    return SurveyState(
        rows=[survey_row(s, now) for s in surveys],
        can_send=why is None,
        send_text="Send the survey again" if current is not None else "Send the survey",
        why_not=why.message if why is not None else "",
        opted_out=person is not None and opted_out(person),
        has_complainant=person is not None,
    )
