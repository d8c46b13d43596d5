import datetime

import factory

from redress.feedback.models import Compliment, InformalFeedback, SatisfactionAnswer
from redress.organisations.tests.factories import ServiceAreaFactory


class ComplimentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Compliment

    received_date = datetime.date(2021, 5, 4)
    service_area = factory.SubFactory(ServiceAreaFactory)
    staff_member = factory.Faker("name", locale="en_GB")
    source = "parent"
    external = True
    text = "Thank you for everything you have done for our family."


class InformalFeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InformalFeedback

    received_date = datetime.date(2021, 5, 4)
    from_child = True
    advocate = True
    summary = "Wanted to see their brother more often."


class SatisfactionAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SatisfactionAnswer

    complaint = factory.SubFactory("redress.complaints.tests.factories.ComplaintFactory")
    question = "taken_seriously"
    answer = "yes"
