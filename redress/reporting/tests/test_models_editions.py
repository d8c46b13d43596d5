"""Report editions and their narratives: what the database itself refuses."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from redress.reporting.models import EditionStatus, ReportEdition, SectionNarrative
from redress.reporting.periods import Period
from redress.reporting.tests.factories import ReportEditionFactory, SectionNarrativeFactory

pytestmark = pytest.mark.django_db


def test_an_edition_knows_its_period_and_service():
    edition = ReportEditionFactory(
        period_start=datetime.date(2021, 4, 1),
        period_end=datetime.date(2021, 6, 30),
        period_label="2021-22 Q1",
        service_area_name="Fostering",
    )
    assert edition.period == Period(
        datetime.date(2021, 4, 1), datetime.date(2021, 6, 30), "2021-22 Q1"
    )
    assert edition.service == "Fostering"
    assert ReportEditionFactory(service_area_name="").service is None
    assert not edition.is_published


def test_a_period_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportEditionFactory(
            period_start=datetime.date(2022, 3, 31), period_end=datetime.date(2021, 4, 1)
        )


def test_a_published_edition_must_say_when_and_as_at_which_day():
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportEditionFactory(status=EditionStatus.PUBLISHED)
    edition = ReportEditionFactory(
        status=EditionStatus.PUBLISHED,
        as_of=datetime.date(2022, 5, 31),
        published_at=datetime.datetime(2022, 6, 1, 9, tzinfo=datetime.UTC),
    )
    assert edition.is_published


def test_one_narrative_per_section_of_an_edition():
    narrative = SectionNarrativeFactory(section="volumes")
    with pytest.raises(IntegrityError), transaction.atomic():
        SectionNarrative.objects.create(edition=narrative.edition, section="volumes", text="x")
    SectionNarrativeFactory(edition=narrative.edition, section="timeliness")
    assert narrative.edition.narratives.count() == 2


def test_deleting_an_edition_deletes_its_narratives():
    narrative = SectionNarrativeFactory()
    narrative.edition.delete()
    assert not SectionNarrative.objects.exists()
    assert not ReportEdition.objects.exists()
