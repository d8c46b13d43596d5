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


def write_the_empty_sections(edition, *, as_of, by, text="We will report on this next year."):
    """Give every section that would print nothing a narrative, as its authors must before
    publishing (returns the keys written)."""
    from redress.reporting import services

    keys = services.unwritten_sections(edition, as_of=as_of)
    for key in keys:
        services.narrative_save(edition=edition, section=key, text=text, by=by)
    return keys
