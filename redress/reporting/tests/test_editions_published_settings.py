"""A published edition keeps the report profile and voice it was published with (settings
report_sections, report_reasons_by, report_timeliness_by, report_voice): changing a setting
later changes drafts at once and no published report. Editions published before the settings
were kept are given those of the day the migration runs."""

import datetime
import importlib
from html import escape

import pytest
from django.apps import apps
from django.urls import reverse

from redress.core import config
from redress.core.models import AuditEvent
from redress.reporting import services
from redress.reporting.document.model import Paragraph, ReportDocument
from redress.reporting.models import ReportEdition
from redress.reporting.selectors import edition_sections, edition_settings, report_settings

from .document_fixtures import AS_OF, YEAR, make_small_year
from .factories import write_the_empty_sections

pytestmark = pytest.mark.django_db
AUTHORITY = "Testshire Council"
NEW_SETTINGS = {
    "report_sections": "timeliness,summary,volumes",
    "report_reasons_by": "theme",
    "report_timeliness_by": "deadline",
    "report_voice": "authority",
    # What publication withholds and what stage 2 cost are the edition's too.
    "suppression_threshold": "2",
    "stage2_average_cost": "1200",
}


@pytest.fixture
def year(db, settings):
    settings.REDRESS_TODAY = datetime.date(2022, 6, 10)
    config.set_value("authority_name", AUTHORITY, by=None)
    return make_small_year()


def publish(manager) -> ReportEdition:
    edition = services.edition_create(period=YEAR, service=None, by=manager)
    write_the_empty_sections(edition, as_of=AS_OF, by=manager)
    return services.edition_publish(edition=edition, as_of=AS_OF, by=manager)


def change_the_settings() -> None:
    for key, text in NEW_SETTINGS.items():
        config.set_value(key, text, by=None)


def report(edition: ReportEdition, *, publish: bool = True) -> ReportDocument:
    prepared = services.prepare_report(
        period=YEAR, as_of=AS_OF, service=None, publish=publish, edition=edition
    )
    assert prepared.document is not None
    return prepared.document


def outline(document: ReportDocument) -> list[tuple[str, str, list[str]]]:
    """Each section's key, title and paragraphs, in order, and the summary."""
    sections = [
        (s.key, s.title, [b.plain for b in s.blocks if isinstance(b, Paragraph)])
        for s in document.sections
    ]
    return [("summary-headlines", "", [p.plain for p in document.summary]), *sections]


def test_publishing_keeps_the_profile_and_voice_of_the_day(year, manager):
    config.set_value("report_voice", "authority", by=None)
    config.set_value("report_sections", "summary,volumes,timeliness,reasons", by=None)
    edition = publish(manager)
    expected = {
        "report_sections": ["summary", "volumes", "timeliness", "reasons"],
        "report_reasons_by": "category",
        "report_timeliness_by": "responses",
        "report_voice": "authority",
        "suppression_threshold": 5,
        "stage2_average_cost": "0.00",
    }
    edition.refresh_from_db()
    assert edition.published_settings == expected
    [event] = AuditEvent.objects.filter(action="report_edition.publish")
    assert event.before["published_settings"] == {}
    assert event.after["published_settings"] == expected


def test_a_draft_keeps_nothing(year, manager):
    edition = services.edition_create(period=YEAR, service=None, by=manager)
    assert edition.published_settings == {}


def test_a_published_report_is_built_as_published_whatever_the_settings_become(year, manager):
    edition = publish(manager)
    before = outline(report(edition))
    internal_before = outline(report(edition, publish=False))
    assert [key for key, *_ in before][1:3] == ["summary", "procedure"]
    change_the_settings()
    assert outline(report(edition)) == before
    assert outline(report(edition, publish=False)) == internal_before
    assert edition_settings(edition) == report_settings(
        profile={
            "report_sections": [],
            "report_reasons_by": "category",
            "report_timeliness_by": "responses",
            "report_voice": "we",
            "suppression_threshold": 5,
            "stage2_average_cost": "0.00",
        }
    )


def test_a_draft_follows_the_settings_at_once(year, manager):
    draft = services.edition_create(period=YEAR, service=None, by=manager)
    change_the_settings()
    document = report(draft, publish=False)
    assert [s.key for s in document.sections] == ["timeliness", "summary", "volumes"]
    assert document.sections[0].title == f"How quickly {AUTHORITY} responds"
    headline = next(p.plain for p in document.summary if "working days" in p.plain)
    assert "answered within the deadline" in headline
    settings = edition_settings(draft)
    assert (settings.sections, settings.reasons_by, settings.timeliness_by, settings.voice) == (
        ("timeliness", "summary", "volumes"),
        "theme",
        "deadline",
        "authority",
    )


def test_the_published_edition_s_pages_list_its_own_sections(year, manager, manager_client):
    edition = publish(manager)
    listed = [(s.spec.key, s.spec.title) for s in edition_sections(edition)]
    change_the_settings()
    assert [(s.spec.key, s.spec.title) for s in edition_sections(edition)] == listed
    draft = services.edition_create(period=YEAR, service=None, by=manager)
    assert [s.spec.key for s in edition_sections(draft)] == [
        "timeliness",
        "summary",
        "volumes",
        "annex_suppressions",
    ]
    page = manager_client.get(reverse("reporting:edition", args=[edition.pk])).content.decode()
    for _, title in listed:
        assert escape(title) in page
    assert "themes of complaints" not in page
    download = manager_client.get(
        reverse("reporting:edition_download", args=[edition.pk]),
        {"format": "html", "version": "published"},
    ).content.decode()
    assert "How quickly we respond" in download
    assert f"How quickly {AUTHORITY} responds" not in download


def test_a_published_edition_with_nothing_kept_reads_the_current_settings(year, manager):
    """An edition published without its settings kept (made outside the services) is built as
    editions were before: with the settings as they are."""
    edition = publish(manager)
    ReportEdition.objects.filter(pk=edition.pk).update(published_settings={})
    edition.refresh_from_db()
    change_the_settings()
    assert [s.key for s in report(edition).sections][:3] == ["timeliness", "summary", "volumes"]


def test_a_setting_the_edition_does_not_hold_is_read_as_it_is_now(db):
    config.set_value("report_voice", "authority", by=None)
    settings = report_settings(profile={"report_sections": ["volumes", "summary"]})
    assert settings.sections == ("volumes", "summary")
    assert settings.voice == "authority"
    assert settings.timeliness_by == "responses"


def test_the_migration_keeps_the_settings_of_the_day_for_published_editions(year, manager):
    published = publish(manager)
    draft = services.edition_create(period=YEAR, service=None, by=manager)
    ReportEdition.objects.update(published_settings={})
    config.set_value("report_timeliness_by", "deadline", by=None)
    config.set_value("report_sections", "summary,timeliness", by=None)
    migration = importlib.import_module(
        "redress.reporting.migrations.0006_edition_published_settings"
    )
    migration.keep_current_settings(apps, None)
    published.refresh_from_db()
    draft.refresh_from_db()
    assert published.published_settings == {
        "report_sections": ["summary", "timeliness"],
        "report_reasons_by": "category",
        "report_timeliness_by": "deadline",
        "report_voice": "we",
    }
    assert draft.published_settings == {}
    # The defaults it writes for a setting never set are the settings' own.
    for key, default in migration.DEFAULTS.items():
        setting = config.SETTINGS[key]
        assert default == setting.to_json(setting.default)
