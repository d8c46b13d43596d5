"""The publish page builds the published report once a request: the GET to list the sections
with nothing in them, a refused POST in the service (the refusal carries the list), and never
again for the page."""

from __future__ import annotations

import datetime
import html
import re

import pytest
from django.urls import reverse

from redress.reporting import services
from redress.reporting.document import build as document_build
from redress.reporting.models import EditionStatus
from redress.reporting.periods import financial_year

pytestmark = pytest.mark.django_db
YEAR = financial_year("2021-22")
DATE = {"as_of-day": "31", "as_of-month": "5", "as_of-year": "2022"}


@pytest.fixture(autouse=True)
def _today(settings):
    settings.REDRESS_TODAY = datetime.date(2022, 6, 10)


@pytest.fixture
def draft(manager):
    return services.edition_create(period=YEAR, service=None, by=manager)


@pytest.fixture
def builds(monkeypatch):
    """The documents built, by whether they were published: every build goes through
    `build_document` (the services import it by name)."""
    made: list[bool] = []

    def counted(**kwargs):
        made.append(kwargs["figures"].published)
        return document_build.build_document(**kwargs)

    monkeypatch.setattr(services, "build_document", counted)
    return made


def listed(page: str, draft) -> list[str]:
    """The section keys linked from the list of sections with nothing in them."""
    prefix = reverse("reporting:edition_section", args=[draft.pk, "x"])[:-2]
    block = page.split("Sections with nothing in them", 1)[1].split("</ul>", 1)[0]
    return re.findall(re.escape(prefix) + r"([a-z_]+)/", block)


def test_the_page_builds_the_published_report_once(manager_client, draft, builds):
    page = manager_client.get(reverse("reporting:edition_publish", args=[draft.pk]))
    assert page.status_code == 200
    assert builds == [True]
    expected = services.unwritten_sections(draft, as_of=datetime.date(2022, 6, 10))
    assert "next_steps" in expected
    assert listed(page.content.decode(), draft) == expected


def test_a_refused_publication_builds_it_once_and_lists_what_it_refused(
    manager_client, draft, builds
):
    response = manager_client.post(reverse("reporting:edition_publish", args=[draft.pk]), DATE)
    assert response.status_code == 200
    assert builds == [True]  # in the service; the page reuses the refusal's list
    page = html.unescape(response.content.decode())
    assert re.search(r"Nothing is written for [^<]*'Next steps'", page)
    expected = services.unwritten_sections(draft, as_of=datetime.date(2022, 5, 31))
    assert listed(page, draft) == expected
    draft.refresh_from_db()
    assert draft.status == EditionStatus.DRAFT


def test_a_refusal_carries_the_keys_it_found(manager, draft):
    with pytest.raises(services.SectionsNotWritten) as refusal:
        services.edition_publish(edition=draft, as_of=datetime.date(2022, 5, 31), by=manager)
    assert refusal.value.unwritten == tuple(
        services.unwritten_sections(draft, as_of=datetime.date(2022, 5, 31))
    )
    assert "next_steps" in refusal.value.unwritten


def test_another_refusal_still_lists_the_empty_sections(manager_client, draft, builds):
    """A date in the future is refused before anything is built; the page then finds the list
    itself, once."""
    future = {"as_of-day": "1", "as_of-month": "7", "as_of-year": "2022"}
    response = manager_client.post(reverse("reporting:edition_publish", args=[draft.pk]), future)
    assert response.status_code == 200
    assert builds == [True]
    assert "next_steps" in listed(response.content.decode(), draft)
