"""Editions are created, written and published only through the services, each change
audited; a published edition never changes."""

import datetime

import pytest
from django.utils import timezone

from redress.core.models import AuditEvent
from redress.organisations.tests.factories import ServiceAreaFactory
from redress.reporting import services
from redress.reporting.models import EditionStatus, SectionNarrative
from redress.reporting.periods import financial_year, make_period
from redress.reporting.selectors import UnknownServiceError, narratives
from redress.reporting.tests.factories import write_the_empty_sections

pytestmark = pytest.mark.django_db
YEAR = financial_year("2021-22")


@pytest.fixture
def edition(officer):
    return services.edition_create(period=YEAR, service=None, by=officer)


def events(action):
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


def test_creating_an_edition_is_audited(officer):
    edition = services.edition_create(period=YEAR, service=None, by=officer)
    assert edition.title == "Complaints annual report 2021-22"
    assert (edition.period_start, edition.period_end) == (YEAR.start, YEAR.end)
    assert edition.period_label == "2021-22"
    assert edition.status == EditionStatus.DRAFT
    assert edition.created_by == officer
    [event] = events("report_edition.create")
    assert event.actor == officer
    assert event.object_id == str(edition.pk)
    assert event.after["title"] == "Complaints annual report 2021-22"
    assert event.after["period_label"] == "2021-22"


def test_an_edition_for_one_service_takes_its_recorded_name(officer):
    ServiceAreaFactory(name="South Safeguarding")
    quarter = make_period(datetime.date(2021, 7, 1), datetime.date(2021, 9, 30))
    edition = services.edition_create(period=quarter, service="south safeguarding", by=officer)
    assert edition.service_area_name == "South Safeguarding"
    assert edition.title == "Complaints report 2021-22 Q2: South Safeguarding"


def test_an_edition_for_an_unknown_service_is_refused(officer):
    ServiceAreaFactory(name="South Safeguarding")
    with pytest.raises(UnknownServiceError, match="Did you mean 'South Safeguarding'"):
        services.edition_create(period=YEAR, service="South Safeguard", by=officer)
    assert not events("report_edition.create")


def test_a_title_can_be_given(manager):
    edition = services.edition_create(
        period=YEAR, service=None, title="  Annual report to the board  ", by=manager
    )
    assert edition.title == "Annual report to the board"


@pytest.mark.parametrize("role", ["responding_manager", "investigator", "executive"])
def test_only_the_complaints_team_writes_editions(request, role, officer):
    user = request.getfixturevalue(role)
    with pytest.raises(services.OnlyTeamWritesEditions):
        services.edition_create(period=YEAR, service=None, by=user)
    edition = services.edition_create(period=YEAR, service=None, by=officer)
    with pytest.raises(services.OnlyTeamWritesEditions):
        services.narrative_save(edition=edition, section="volumes", text="x", by=user)


def test_saving_a_narrative_is_audited_with_before_and_after(edition, officer, manager):
    first = services.narrative_save(
        edition=edition, section="volumes", text="Complaints rose.\r\n\r\n\r\nWhy?  ", by=officer
    )
    assert first.text == "Complaints rose.\n\nWhy?"
    assert first.updated_by == officer
    services.narrative_save(edition=edition, section="volumes", text="Complaints fell.", by=manager)
    first.refresh_from_db()
    assert first.text == "Complaints fell."
    assert first.updated_by == manager
    created, changed = events("report_edition.narrative")
    assert created.before is None
    assert created.after == {"section": "volumes", "text": "Complaints rose.\n\nWhy?"}
    assert changed.before == {"section": "volumes", "text": "Complaints rose.\n\nWhy?"}
    assert changed.after == {"section": "volumes", "text": "Complaints fell."}
    assert changed.actor == manager
    assert changed.note == "Complaints annual report 2021-22: Volumes and trends"
    assert narratives(edition) == {"volumes": "Complaints fell."}


def test_saving_the_same_text_again_records_nothing(edition, officer):
    services.narrative_save(edition=edition, section="volumes", text="Same.", by=officer)
    services.narrative_save(edition=edition, section="volumes", text="Same.\n", by=officer)
    assert len(events("report_edition.narrative")) == 1


def test_an_emptied_narrative_is_left_out_of_the_report(edition, officer):
    services.narrative_save(edition=edition, section="volumes", text="Words.", by=officer)
    services.narrative_save(edition=edition, section="volumes", text="   ", by=officer)
    assert narratives(edition) == {}
    assert SectionNarrative.objects.get().text == ""


def test_a_narrative_needs_a_real_section(edition, officer):
    with pytest.raises(services.NotASection, match="'volume' is not a section of the report"):
        services.narrative_save(edition=edition, section="volume", text="x", by=officer)
    assert not SectionNarrative.objects.exists()


def test_a_narrative_has_a_limit(edition, officer):
    too_long = "a" * (services.NARRATIVE_LIMIT + 1)
    with pytest.raises(services.NarrativeTooLong) as refused:
        services.narrative_save(edition=edition, section="summary", text=too_long, by=officer)
    assert refused.value.message == (
        "The narrative for 'Executive summary' has 20,001 characters; it can have at most 20,000."
    )
    assert not SectionNarrative.objects.exists()


def test_publishing_freezes_the_date_the_figures_are_read_at(edition, manager, settings):
    settings.REDRESS_TODAY = datetime.date(2022, 6, 10)
    write_the_empty_sections(edition, as_of=datetime.date(2022, 5, 31), by=manager)
    published = services.edition_publish(
        edition=edition, as_of=datetime.date(2022, 5, 31), by=manager
    )
    assert published.status == EditionStatus.PUBLISHED
    assert published.as_of == datetime.date(2022, 5, 31)
    assert published.published_by == manager
    assert published.published_at is not None
    [event] = events("report_edition.publish")
    assert event.before == {
        "status": "draft",
        "as_of": None,
        "published_at": None,
        "published_by": None,
        "published_settings": {},
    }
    assert event.after["status"] == "published"
    assert event.after["as_of"] == "2022-05-31"
    assert event.after["published_by"] == manager.pk


def test_publishing_reads_the_figures_as_at_today_by_default(edition, manager, settings):
    settings.REDRESS_TODAY = datetime.date(2022, 6, 10)
    write_the_empty_sections(edition, as_of=datetime.date(2022, 6, 10), by=manager)
    assert services.edition_publish(edition=edition, by=manager).as_of == datetime.date(2022, 6, 10)


def test_a_published_edition_never_changes(edition, officer, manager, settings):
    settings.REDRESS_TODAY = datetime.date(2022, 6, 10)
    write_the_empty_sections(edition, as_of=datetime.date(2022, 6, 10), by=manager)
    services.edition_publish(edition=edition, by=manager)
    written = set(SectionNarrative.objects.values_list("section", "text"))
    with pytest.raises(services.EditionAlreadyPublished, match="so it can no longer change"):
        services.narrative_save(edition=edition, section="volumes", text="Late", by=officer)
    with pytest.raises(services.EditionAlreadyPublished):
        services.narrative_leave_out(edition=edition, section="volumes", left_out=True, by=officer)
    with pytest.raises(services.EditionAlreadyPublished):
        services.edition_publish(edition=edition, by=manager)
    assert set(SectionNarrative.objects.values_list("section", "text")) == written
    assert len(events("report_edition.publish")) == 1


def test_publishing_refuses_while_a_section_would_print_nothing(edition, officer, manager):
    as_of = datetime.date(2022, 5, 31)
    empty = services.unwritten_sections(edition, as_of=as_of)
    assert "next_steps" in empty
    with pytest.raises(services.SectionsNotWritten, match=r"Nothing is written for .*'Next steps'"):
        services.edition_publish(edition=edition, as_of=as_of, by=manager)
    services.narrative_leave_out(edition=edition, section="next_steps", left_out=True, by=officer)
    [event] = events("report_edition.leave_out")
    assert (event.before, event.after) == (
        {"section": "next_steps", "left_out": False},
        {"section": "next_steps", "left_out": True},
    )
    assert "next_steps" not in services.unwritten_sections(edition, as_of=as_of)
    services.narrative_leave_out(edition=edition, section="next_steps", left_out=True, by=officer)
    assert len(events("report_edition.leave_out")) == 1  # the same again records nothing
    for key in set(empty) - {"next_steps"}:
        services.narrative_save(edition=edition, section=key, text="Written.", by=officer)
    published = services.edition_publish(edition=edition, as_of=as_of, by=manager)
    assert published.status == EditionStatus.PUBLISHED
    document = services.prepare_report(
        period=edition.period, as_of=as_of, publish=True, edition=published
    ).document
    assert "next_steps" not in [s.key for s in document.sections]
    assert document.unwritten == []


def test_leaving_out_a_section_that_is_not_one_is_refused(edition, officer):
    with pytest.raises(services.NotASection):
        services.narrative_leave_out(edition=edition, section="nope", left_out=True, by=officer)


def test_only_a_complaints_manager_publishes(edition, officer):
    with pytest.raises(services.OnlyManagersPublish):
        services.edition_publish(edition=edition, by=officer)
    edition.refresh_from_db()
    assert edition.status == EditionStatus.DRAFT
    assert not events("report_edition.publish")


def test_figures_cannot_be_read_at_a_future_date(edition, manager, settings):
    settings.REDRESS_TODAY = datetime.date(2022, 6, 10)
    with pytest.raises(services.AsOfInFuture, match="11 June 2022: that is in the future"):
        services.edition_publish(edition=edition, as_of=datetime.date(2022, 6, 11), by=manager)


def test_figures_cannot_be_read_before_the_period_starts(edition, manager, settings):
    settings.REDRESS_TODAY = datetime.date(2022, 6, 10)
    with pytest.raises(services.AsOfBeforePeriodStarts, match="starts on 1 April 2021"):
        services.edition_publish(edition=edition, as_of=datetime.date(2021, 3, 31), by=manager)
    edition.refresh_from_db()
    assert edition.status == EditionStatus.DRAFT


def test_an_edition_made_while_today_is_pinned_is_dated_that_day(officer, manager, settings):
    """A demonstration pins today; an edition created and published then is dated that day
    (at the real time of day), not on the real date."""
    settings.REDRESS_TODAY = datetime.date(2022, 5, 31)
    edition = services.edition_create(period=YEAR, service=None, by=officer)
    edition.refresh_from_db()
    assert timezone.localdate(edition.created_at) == datetime.date(2022, 5, 31)
    assert timezone.localdate(edition.updated_at) == datetime.date(2022, 5, 31)
    services.narrative_save(edition=edition, section="volumes", text="More.", by=officer)
    write_the_empty_sections(edition, as_of=datetime.date(2022, 5, 31), by=manager)
    services.edition_publish(edition=edition, by=manager)
    edition.refresh_from_db()
    assert timezone.localdate(edition.published_at) == datetime.date(2022, 5, 31)
    assert timezone.localdate(edition.updated_at) == datetime.date(2022, 5, 31)
    for narrative in SectionNarrative.objects.all():
        assert timezone.localdate(narrative.updated_at) == datetime.date(2022, 5, 31)
    for event in AuditEvent.objects.all():
        assert timezone.localdate(event.at) == datetime.date(2022, 5, 31)
