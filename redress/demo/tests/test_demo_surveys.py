import datetime

import pytest
from django.test import Client

from redress.complaints.state import refresh_complaints
from redress.complaints.tests.factories import ComplaintFactory, StageFactory
from redress.core.models import AuditEvent
from redress.demo.surveys import add_demo_surveys
from redress.surveys.models import Survey

pytestmark = pytest.mark.django_db

D = datetime.date.fromisoformat


def closed(reference: str, received: str, responded: str):
    complaint = ComplaintFactory(reference=reference, received_date=D(received))
    complaint.stages.update(responded_date=D(responded), outcome="upheld")
    refresh_complaints([complaint.pk])
    return complaint


def test_complaints_closed_since_april_2021_get_a_survey_once(settings):
    settings.REDRESS_TODAY = D("2022-05-31")
    settings.REDRESS_SITE_URL = "https://redress.example"
    before = closed("KCT-2020-0001", "2021-02-01", "2021-03-01")  # closed before surveys began
    recent = [closed(f"KCT-2021-{n:04d}", "2021-05-04", f"2021-06-{n:02d}") for n in range(1, 21)]
    last = closed("KCT-2022-0001", "2022-05-03", "2022-05-20")
    escalated = closed("KCT-2021-0099", "2021-05-04", "2021-06-01")
    StageFactory(complaint=escalated, number=2, received_date=D("2021-06-10"))  # open again
    ComplaintFactory(reference="KCT-2022-0002", received_date=D("2022-05-03"))  # still open

    added, link = add_demo_surveys()
    assert added == 21
    surveyed = set(Survey.objects.values_list("complaint__reference", flat=True))
    assert surveyed == {c.reference for c in [*recent, last]}
    assert before.reference not in surveyed
    survey = Survey.objects.get(complaint=recent[0])
    assert (survey.stage_number, survey.sent_on) == (1, D("2021-06-01"))
    answered = Survey.objects.filter(answered_at__isnull=False)
    assert 0 < answered.count() < 21
    assert all(s.listened in ("yes", "partly", "no") for s in answered)
    assert AuditEvent.objects.filter(action="survey.offer").count() == 21
    assert AuditEvent.objects.filter(action="survey.answer").count() == answered.count()

    # The link works: the latest survey, unanswered, opens in the survey page.
    assert link is not None
    assert link.startswith("https://redress.example/survey/")
    page = Client().get(link.removeprefix("https://redress.example"))
    assert page.status_code == 200
    assert "KCT-2022-0001" in page.content.decode()

    # The same every run: who answered and how comes from the reference.
    answers = sorted(answered.values_list("complaint__reference", "listened", "complain_again"))
    assert add_demo_surveys() == (0, None)
    Survey.objects.all().delete()
    add_demo_surveys()
    again = Survey.objects.filter(answered_at__isnull=False)
    assert sorted(again.values_list("complaint__reference", "listened", "complain_again")) == (
        answers
    )
