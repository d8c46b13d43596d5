import datetime

import factory

from redress.complaints.tests.factories import ComplaintFactory
from redress.surveys.models import Survey
from redress.surveys.services import token_hash

SENT = datetime.datetime(2021, 6, 18, 10, tzinfo=datetime.UTC)


class SurveyFactory(factory.django.DjangoModelFactory):
    """A survey sent about stage 1 (unanswered unless answers are given); its link's token is
    `token-<n>`."""

    class Meta:
        model = Survey

    complaint = factory.SubFactory(ComplaintFactory)
    stage_number = 1
    service_area = factory.LazyAttribute(lambda o: o.complaint.service_area)
    token_hash = factory.Sequence(lambda n: token_hash(f"token-{n}"))
    channel = "email"
    sent_on = SENT.date()
    last_sent_at = SENT
    expires_at = SENT + datetime.timedelta(days=28)
