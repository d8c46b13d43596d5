"""An edition for a locality (issue 11): made, written, published and downloaded as any other,
its report counting the service areas that were in the locality during the period or the same
period a year before (the restructure of localities.py), its pages naming the locality."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction
from django.urls import reverse

from redress.complaints.models import Complaint
from redress.complaints.tests.factories import LearningActionFactory
from redress.reporting import services
from redress.reporting.excerpts.selectors import candidates
from redress.reporting.models import ExcerptSource, ReportEdition
from redress.reporting.periods import make_period
from redress.reporting.selectors import ReportError, next_steps_draft
from redress.reporting.selectors.editions import edition_areas

from .casebook import AS_OF, build_casebook
from .factories import write_the_empty_sections
from .localities import build_restructure

pytestmark = pytest.mark.django_db
Q4 = make_period(datetime.date(2022, 1, 1), datetime.date(2022, 3, 31))


@pytest.fixture
def world(db, settings):
    settings.REDRESS_TODAY = AS_OF
    return build_restructure(build_casebook())


@pytest.fixture
def west(world, officer):
    return services.edition_create(period=Q4, service=None, locality="west", by=officer)


def test_an_edition_for_a_locality_takes_its_recorded_name(west):
    assert (west.locality_name, west.service_area_name) == ("West", "")
    assert (west.locality, west.service, west.covers) == ("West", None, "West locality")
    assert west.title == "Complaints report 2021-22 Q4: West locality"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"locality": "Wes"}, "There is no locality called 'Wes'. Did you mean 'West'?"),
        ({"locality": "North"}, "The locality 'North' was not in use between 1 January 2022"),
        (
            {"locality": "South", "service": "Fostering"},
            "give a locality or a service area, not both",
        ),
    ],
)
def test_a_locality_the_report_cannot_use_is_refused(world, officer, kwargs, message):
    kwargs.setdefault("service", None)
    with pytest.raises(ReportError, match=message):
        services.edition_create(period=Q4, by=officer, **kwargs)
    assert not ReportEdition.objects.exists()


def test_an_edition_is_never_for_both(west):
    with transaction.atomic(), pytest.raises(IntegrityError):
        ReportEdition.objects.filter(pk=west.pk).update(service_area_name="Fostering")


def test_its_report_is_the_locality_s(world, west):
    prepared = services.prepare_report(period=Q4, as_of=AS_OF, locality="West", edition=west)
    assert prepared.scope.locality == "West"
    assert set(prepared.scope.area_ids) == world.west_areas
    assert prepared.document is not None
    assert prepared.document.title.endswith("Q4 2021-22: West locality")
    assert set(edition_areas(west)) == world.west_areas


@pytest.mark.parametrize(
    ("whom", "message"),
    [
        ({}, "is for West locality, not the whole authority"),
        ({"locality": "South"}, "is for West locality, not South locality"),
        ({"service": "Fostering"}, "is for West locality, not Fostering"),
    ],
)
def test_another_scope_s_report_is_refused_for_it(west, whom, message):
    with pytest.raises(ReportError, match=message):
        services.prepare_report(period=Q4, as_of=AS_OF, edition=west, **whom)


def test_it_is_created_from_the_page(world, officer_client):
    page = officer_client.get(reverse("reporting:edition_new")).content.decode()
    assert '<option value="locality:West">West locality</option>' in page
    response = officer_client.post(
        reverse("reporting:edition_new"),
        {"period": "quarter:2021-22-Q4", "service": "locality:South", "title": ""},
    )
    edition = ReportEdition.objects.get()
    assert response.status_code == 302
    assert (edition.locality_name, edition.title) == (
        "South",
        "Complaints report 2021-22 Q4: South locality",
    )


def test_a_stale_locality_is_an_error_on_the_page(world, officer_client):
    response = officer_client.post(
        reverse("reporting:edition_new"),
        {"period": "quarter:2021-22-Q4", "service": "locality:North", "title": ""},
    )
    assert response.status_code == 200
    assert (
        "The locality &#39;North&#39; was not in use between 1 January 2022 and 31 March 2022 "
        "(it was in use until 31 March 2020)"
    ) in response.content.decode()
    assert not ReportEdition.objects.exists()


def test_it_is_published_and_downloaded_in_every_format(west, manager, manager_client):
    write_the_empty_sections(west, as_of=AS_OF, by=manager)
    services.edition_publish(edition=west, as_of=AS_OF, by=manager)
    west.refresh_from_db()
    assert west.is_published
    listing = manager_client.get(reverse("reporting:editions")).content.decode()
    assert "West locality" in listing
    page = manager_client.get(reverse("reporting:edition", args=[west.pk])).content.decode()
    assert "Locality" in page
    assert "West locality" in page
    url = reverse("reporting:edition_download", args=[west.pk])
    for fmt in ("json", "html", "docx", "xlsx"):
        response = manager_client.get(url, {"format": fmt, "version": "published"})
        assert response.status_code == 200, fmt
        assert response["Content-Disposition"].endswith(f'-west-locality-published.{fmt}"')
    data = json.loads(manager_client.get(url, {"format": "json"}).content)
    assert data["scope"]["kind"] == "locality"
    assert data["scope"]["name"] == "West"
    preview = manager_client.get(reverse("reporting:edition_preview", args=[west.pk]))
    assert "West locality" in preview.content.decode()


def test_the_command_makes_the_edition_s_report(west):
    out = io.StringIO()
    call_command("report", "--edition", str(west.pk), stdout=out)
    assert json.loads(out.getvalue())["scope"]["name"] == "West"
    call_command("report", "--edition", str(west.pk), "--locality", "west", stdout=io.StringIO())
    with pytest.raises(CommandError, match="is for West locality; leave out --service and"):
        call_command("report", "--edition", str(west.pk), "--locality", "South")
    with pytest.raises(CommandError, match="is for West locality; leave out --service and"):
        call_command("report", "--edition", str(west.pk), "--service", "Fostering")


def test_its_quotations_are_the_locality_s_records(world, west, officer):
    whole = services.edition_create(period=Q4, service=None, by=officer)
    for source in (ExcerptSource.COMPLAINT, ExcerptSource.COMPLIMENT):
        everyone = {c.pk for c in candidates(whole, source)}
        local = {c.pk for c in candidates(west, source)}
        assert local <= everyone
    complaints = {c.pk for c in candidates(west, ExcerptSource.COMPLAINT)}
    areas = set(
        Complaint.objects.filter(pk__in=complaints).values_list("service_area_id", flat=True)
    )
    assert areas <= world.west_areas


def test_next_steps_are_drafted_from_the_locality_s_open_actions(world, west):
    LearningActionFactory(complaint=world.complaints["FH01"], description="Call back in a day")
    LearningActionFactory(complaint=world.complaints["EH01"], description="Answer in writing")
    draft = next_steps_draft(west)
    assert "- Call back in a day" in draft
    assert "Answer in writing" not in draft
