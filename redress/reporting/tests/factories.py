from decimal import Decimal

import factory

from redress.reporting.models import ContextFigure


class ContextFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContextFigure

    period = "2021-22"
    measure = "referrals"
    value = Decimal("15636")
