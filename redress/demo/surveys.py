"""The demo's satisfaction surveys: the demo authority began sending them on 1 April 2021, so each
complaint that closed from then to the demo's today has one, sent the day it closed, and a
share of them answered, so the report's "What complainants told us" has figures.

The history is written as imports write theirs (a complainant in the past was not sent a
message today): the surveys directly, each with an audit event saying it is demonstration data.
Who answered and how is drawn from each complaint's reference, so every run gives the same
figures. The latest survey is left unanswered with a link that works, which `demo_setup`
prints, to try the survey page as a complainant (the link is new each run).
"""

from __future__ import annotations

import datetime
import random
import secrets

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from redress.complaints.models import Stage
from redress.core import audit, clock
from redress.core.tokens import token_hash
from redress.surveys.models import Answer, Question, Survey
from redress.surveys.services import RESPONDENT, link_days, survey_link

STARTED = datetime.date(2021, 4, 1)
NOTE = "Demonstration data (redress/demo/surveys.py)."
RESPONSE_RATE = 0.45
# The chances of yes, partly and no: the further a complaint went, the less content its
# complainant (a complaint that reaches stage 3 is one the earlier stages did not settle).
ANSWER_WEIGHTS = {1: (0.58, 0.24, 0.18), 2: (0.42, 0.3, 0.28), 3: (0.3, 0.3, 0.4)}
COMMENTS = (
    "The response letter explained the decision clearly.",
    "It took longer than I was told it would.",
    "I was not told who was dealing with it until the end.",
    "Thank you for listening.",
)


def _at_noon(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=timezone.get_current_timezone())


@transaction.atomic
def add_demo_surveys() -> tuple[int, str | None]:
    """Add the surveys of complaints that closed since STARTED and have none yet (run again,
    it adds nothing); returns how many were added and a link to try, if one was made now."""
    today = clock.today()
    closing = (
        Stage.objects.filter(
            number=F("complaint__stage_reached"),
            complaint__status="closed",
            responded_date__gte=STARTED,
            responded_date__lte=today,
        )
        .exclude(complaint__surveys__stage_number=F("number"))
        .select_related("complaint")
        .order_by("responded_date", "complaint__reference")
    )
    stages = list(closing)
    if not stages:
        return 0, None
    days = datetime.timedelta(days=link_days())
    surveys = []
    for stage in stages:
        complaint, closed_on = stage.complaint, stage.responded_date
        assert closed_on is not None  # (the query asks for a response date)
        sent = _at_noon(closed_on)
        draw = random.Random(f"{complaint.reference}/{stage.number}")
        survey = Survey(
            complaint=complaint,
            stage_number=stage.number,
            service_area_id=complaint.service_area_id,
            channel="email",
            sent_on=closed_on,
            last_sent_at=sent,
            expires_at=sent + days,
        )
        answered_on = closed_on + datetime.timedelta(days=draw.randint(1, 20))
        if draw.random() < RESPONSE_RATE and answered_on <= today:
            weights = ANSWER_WEIGHTS[stage.number]
            for question in Question:
                value = draw.choices([a.value for a in Answer], weights=weights)[0]
                setattr(survey, question.value, value)
            survey.answered_at = _at_noon(answered_on)
            survey.comment = draw.choice(COMMENTS) if draw.random() < 0.2 else ""
        surveys.append(survey)
    # The latest survey, if its link has not expired, is left unanswered with a link that works.
    link = None
    latest = surveys[-1]
    if latest.expires_at > clock.now():
        for question in Question:
            setattr(latest, question.value, "")
        latest.answered_at, latest.comment = None, ""
        token = secrets.token_urlsafe(32)
        latest.token_hash = token_hash(token)
        link = survey_link(token)
    Survey.objects.bulk_create(surveys)
    for survey in surveys:
        audit.record(
            action="survey.offer",
            obj=survey,
            by=None,
            after=audit.snapshot(survey, ["stage_number", "channel", "sends", "expires_at"]),
            complaint=survey.complaint,
            note=NOTE,
        )
        if survey.answered_at is not None:
            audit.record(
                action="survey.answer",
                obj=survey,
                by=None,
                label=RESPONDENT,
                after=audit.snapshot(survey, [q.value for q in Question]),
                complaint=survey.complaint,
                note=NOTE,
            )
    return len(surveys), link
