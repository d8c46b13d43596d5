import datetime
from decimal import Decimal

import factory

from redress.reporting.models import ContextFigure, ReportEdition, SectionNarrative


class ContextFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContextFigure

    period = "2021-22"
    measure = "referrals"
    value = Decimal("15636")


class ReportEditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportEdition

    title = "Complaints annual report 2021-22"
    period_start = datetime.date(2021, 4, 1)
    period_end = datetime.date(2022, 3, 31)
    period_label = "2021-22"


class SectionNarrativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SectionNarrative

    edition = factory.SubFactory(ReportEditionFactory)
    section = "volumes"
    text = "Complaints rose this year as the service reached more families."
