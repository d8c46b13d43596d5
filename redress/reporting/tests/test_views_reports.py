"""The reports page: who may use it, choosing a report, downloading it, and the preview."""

import datetime
import json
import re

import pytest
from django.urls import reverse

from redress.feedback.models import Compliment
from redress.reporting.excerpts.services import excerpt_save
from redress.reporting.render import FORMATS
from redress.reporting.tests.casebook import build_casebook

pytestmark = pytest.mark.django_db
URL = reverse("reporting:reports")


@pytest.fixture
def casebook(db, settings):
    settings.REDRESS_TODAY = datetime.date(2022, 5, 31)
    return build_casebook()


@pytest.fixture
def quotable(casebook, manager):
    """The casebook's compliments, each with its words approved for publication as recorded:
    the versions outside the team quote only approved excerpts."""
    for compliment in Compliment.objects.exclude(text=""):
        excerpt_save(record=compliment, text=compliment.text, approve=True, by=manager)


def year_query(action="download", **extra):
    return {"action": action, "period": "year:2021-22", "fmt": "json", **extra}


@pytest.mark.parametrize(
    "client_name",
    ["manager_client", "officer_client", "responding_manager_client", "executive_client"],
)
def test_the_reports_page_opens_for_those_who_read_reports(request, casebook, client_name):
    client = request.getfixturevalue(client_name)
    page = client.get(URL).content.decode()
    assert '<h1 class="govuk-heading-l">Reports</h1>' in page
    assert 'href="/reports/"' in page  # the service navigation's Reports item
    # The last complete financial year is chosen; every year with data can be.
    assert '<option value="year:2021-22" selected>2021-22</option>' in page
    assert '<option value="year:2020-21">' in page
    assert '<option value="quarter:2021-22-Q4">2021-22 Q4: January to March 2022</option>' in page
    assert '<option value="month:2022-05">May 2022</option>' in page
    # Nothing that has not begun yet.
    assert "month:2022-06" not in page


def test_investigating_officers_are_told_why_they_have_no_reports(investigator_client):
    response = investigator_client.get(URL)
    assert response.status_code == 403
    assert "does not include the authority&#39;s reports" in response.content.decode()
    home = investigator_client.get(reverse("core:home")).content.decode()
    assert 'href="/reports/"' not in home


def test_the_complaints_team_downloads_the_internal_figures(casebook, officer_client):
    response = officer_client.get(URL, year_query(version="internal"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == (
        'attachment; filename="complaints-report-2021-22.json"'
    )
    data = json.loads(response.content)
    assert data["as_of"] == "2022-05-31"
    assert data["tables"]["received.by_service"][0]["stage1"] == 3


def test_the_team_can_download_the_publication_version(casebook, officer_client):
    response = officer_client.get(URL, year_query(version="published", service="Fostering"))
    assert response["Content-Disposition"] == (
        'attachment; filename="complaints-report-2021-22-fostering-published.json"'
    )
    assert json.loads(response.content)["tables"]["received.by_service"][0]["stage1"] is None


@pytest.mark.parametrize("client_name", ["executive_client", "responding_manager_client"])
def test_others_only_ever_get_the_publication_version(request, casebook, client_name):
    client = request.getfixturevalue(client_name)
    page = client.get(URL).content.decode()
    assert 'name="version"' not in page
    assert "the version made for publication" in page
    response = client.get(URL, year_query(version="internal"))
    assert response["Content-Disposition"].endswith('-published.json"')
    row = json.loads(response.content)["tables"]["received.by_service"][0]
    assert row["stage1"] is None
    assert row["suppressed"] is True


def test_a_quarter_a_month_and_dates_can_be_chosen(casebook, officer_client):
    quarter = officer_client.get(URL, year_query(period="quarter:2021-22-Q2"))
    assert json.loads(quarter.content)["period"]["label"] == "2021-22 Q2"
    month = officer_client.get(URL, year_query(period="month:2022-03"))
    assert json.loads(month.content)["figures"]["received.stage1"] == 2
    dates = {
        "period": "dates",
        "start-day": "6",
        "start-month": "4",
        "start-year": "2021",
        "end-day": "9",
        "end-month": "5",
        "end-year": "2022",
    }
    custom = officer_client.get(URL, year_query(**dates))
    assert json.loads(custom.content)["period"] == {
        "label": "2021-04-06 to 2022-05-09",
        "start": "2021-04-06",
        "end": "2022-05-09",
    }


def test_as_of_reads_the_records_as_they_stood(casebook, officer_client):
    as_of = {"as_of-day": "5", "as_of-month": "3", "as_of-year": "2022"}
    data = json.loads(officer_client.get(URL, year_query(**as_of)).content)
    assert data["as_of"] == "2022-03-05"
    assert data["figures"]["received.stage1"] == 5


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"period": "dates"}, "Enter the first day of the period"),
        (
            {
                "period": "dates",
                "start-day": "1",
                "start-month": "4",
                "start-year": "2022",
                "end-day": "31",
                "end-month": "3",
                "end-year": "2022",
            },
            "The last day must be the same as or after the first day",
        ),
        ({"period": "quarter:2030-31-Q1"}, "Select a period from the list"),
        (
            {"start-day": "1", "start-month": "4", "start-year": "2021"},
            "To report on these dates, choose &#39;Other dates&#39; as the period, or clear them",
        ),
        (
            {"service": "Nowhere"},
            "Select the whole authority, a locality or a service area from the list",
        ),
        ({"fmt": "odt"}, "Select one of the formats"),
        (
            {"as_of-day": "1", "as_of-month": "6", "as_of-year": "2022"},
            "The figures-as-at date must be today or in the past",
        ),
        (
            {"as_of-day": "31", "as_of-month": "3", "as_of-year": "2021"},
            "must be on or after the first day of the period",
        ),
        ({"as_of-day": "31", "as_of-month": "2", "as_of-year": "2022"}, "must be a real date"),
    ],
)
def test_mistakes_come_back_as_errors_on_the_page(casebook, officer_client, query, message):
    response = officer_client.get(URL, year_query(**query))
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert message in page
    assert "<title>Error: Reports" in page


def preview(client, **extra):
    return client.get(URL, year_query(action="preview", fmt="pdf", **extra)).content.decode()


def drill_links(page):
    return re.findall(r'href="(/reports/(?:figures|tables)/[^"]+)"', page)


def test_the_preview_links_every_count_to_its_records(casebook, officer_client):
    page = preview(officer_client)
    assert "Complaints and compliments annual report 2021-22" in page
    assert "Preview of the internal version, with figures as at 31 May 2022." in page
    links = drill_links(page)
    query = "?from=2021-04-01&amp;to=2022-03-31&amp;as_of=2022-05-31"
    assert f"/reports/figures/received.stage1/{query}" in links
    assert f"/reports/tables/received.by_service/0/{query}" in links
    # A link leads to the records, as many as the figure counted.
    first = officer_client.get(links[0].replace("&amp;", "&"))
    assert first.status_code == 200
    assert "exactly as the" in first.content.decode()


def test_a_service_preview_links_to_that_service(casebook, officer_client):
    page = preview(officer_client, service="Fostering")
    assert (
        "/reports/figures/received.stage1/?from=2021-04-01&amp;to=2022-03-31&amp;as_of="
        "2022-05-31&amp;service=Fostering" in drill_links(page)
    )


def test_an_executive_preview_has_no_links_and_no_names(quotable, executive_client):
    page = preview(executive_client)
    assert "Complaints and compliments annual report 2021-22" in page
    assert "Preview of the publication version" in page
    assert drill_links(page) == []
    # Joel Davison agreed to be named and Ellen Connolly did not: an executive sees neither.
    assert "Joel" not in page
    assert "Davison" not in page
    assert "Ellen" not in page
    assert "listened to our son" in page  # the approved excerpt, without his name


def test_the_publication_version_names_only_those_who_agreed(quotable, officer_client):
    internal = preview(officer_client)
    assert "Ellen Connolly" in internal
    published = preview(officer_client, version="published")
    assert "Joel Davison" in published
    assert "Ellen" not in published


def test_a_responding_manager_preview_links_to_records(casebook, responding_manager_client):
    page = preview(responding_manager_client)
    assert "Preview of the publication version" in page
    assert drill_links(page)


def test_every_format_downloads(casebook, officer_client):
    for fmt, content_type, start in [
        ("html", "text/html; charset=utf-8", b"<!DOCTYPE html>"),
        ("docx", FORMATS["docx"].content_type, b"PK"),
        ("xlsx", FORMATS["xlsx"].content_type, b"PK"),
    ]:
        response = officer_client.get(URL, year_query(fmt=fmt))
        assert response["Content-Type"] == content_type
        assert response["Content-Disposition"] == (
            f'attachment; filename="complaints-report-2021-22.{fmt}"'
        )
        assert response.content.startswith(start), fmt
