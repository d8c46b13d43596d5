import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from redress.complaints.tests.factories import ComplaintFactory, ExtensionFactory

pytestmark = pytest.mark.django_db

URL = reverse("complaints:list")


def _references(response):
    return re.findall(r">(CSC-\d{4}-\d{4,5})</a>", response.content.decode())


def test_the_list_shows_every_complaint_with_its_status(officer_client, caseload):
    response = officer_client.get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    # Newest first by default.
    assert _references(response) == [
        "CSC-2021-0001",
        "CSC-2021-0002",
        "CSC-2021-0003",
        "CSC-2021-0004",
    ]
    assert "4 complaints" in page
    assert "3 open" in page
    assert "1 overdue" in page
    assert "1 closed" in page
    assert "Due today" in page
    assert "9 working days overdue" in page
    assert "Closed: Upheld" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "overdue"}, ["CSC-2021-0002"]),
        ({"status": "open"}, ["CSC-2021-0001", "CSC-2021-0002", "CSC-2021-0004"]),
        ({"status": "closed"}, ["CSC-2021-0003"]),
        ({"stage": "2"}, ["CSC-2021-0004"]),
        ({"stage": "1"}, ["CSC-2021-0001", "CSC-2021-0002", "CSC-2021-0003"]),
        ({"procedure": "local"}, ["CSC-2021-0003"]),
        ({"q": "0002"}, ["CSC-2021-0002"]),
        ({"complainant_type": "child_young_person"}, ["CSC-2021-0002"]),
        ({"locality": "citywide"}, ["CSC-2021-0002", "CSC-2021-0003", "CSC-2021-0004"]),
        (
            {"received_from-day": "1", "received_from-month": "5", "received_from-year": "2021"},
            ["CSC-2021-0001", "CSC-2021-0002", "CSC-2021-0003"],
        ),
        (
            {"received_to-day": "10", "received_to-month": "5", "received_to-year": "2021"},
            ["CSC-2021-0003", "CSC-2021-0004"],
        ),
    ],
)
def test_filters(officer_client, caseload, query, expected):
    response = officer_client.get(URL, query)
    assert _references(response) == expected


def test_filter_by_service_area_and_locality(officer_client, caseload):
    fostering = caseload.due_today.service_area
    response = officer_client.get(URL, {"service_area": fostering.pk})
    assert _references(response) == ["CSC-2021-0001", "CSC-2021-0003"]
    response = officer_client.get(URL, {"locality": caseload.due_today.locality_id})
    assert _references(response) == ["CSC-2021-0001"]


def test_selected_filters_are_shown_with_links_that_remove_them(officer_client, caseload):
    page = officer_client.get(URL, {"status": "overdue", "stage": "1"}).content.decode()
    assert "Selected filters" in page
    assert 'href="/complaints/?stage=1"' in page  # removes "overdue", keeps stage 1
    assert 'href="/complaints/?status=overdue"' in page
    assert "Clear filters" in page


def test_a_wrong_date_is_an_error_and_the_other_filters_still_apply(officer_client, caseload):
    response = officer_client.get(
        URL,
        {
            "status": "open",
            "received_from-day": "31",
            "received_from-month": "2",
            "received_from-year": "2021",
        },
    )
    page = response.content.decode()
    assert "There is a problem with the filters" in page
    assert "Received from must be a real date" in page
    assert 'href="#received_from-day"' in page
    assert "<title>Error: Complaints" in page
    assert _references(response) == ["CSC-2021-0001", "CSC-2021-0002", "CSC-2021-0004"]


def test_a_date_missing_its_month_says_so(officer_client, caseload):
    page = officer_client.get(
        URL, {"received_to-day": "3", "received_to-year": "2021"}
    ).content.decode()
    assert "Received to must include a month" in page


def test_dates_the_wrong_way_round_are_an_error(officer_client, caseload):
    query = {
        "received_from-day": "1",
        "received_from-month": "6",
        "received_from-year": "2021",
        "received_to-day": "1",
        "received_to-month": "5",
        "received_to-year": "2021",
    }
    page = officer_client.get(URL, query).content.decode()
    assert "Received to must be the same as or after received from" in page


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("reference", ["CSC-2021-0001", "CSC-2021-0002", "CSC-2021-0003", "CSC-2021-0004"]),
        ("-reference", ["CSC-2021-0004", "CSC-2021-0003", "CSC-2021-0002", "CSC-2021-0001"]),
        ("received", ["CSC-2021-0004", "CSC-2021-0003", "CSC-2021-0002", "CSC-2021-0001"]),
        # Ties go by reference the same way round, so one index serves both directions.
        ("-stage", ["CSC-2021-0004", "CSC-2021-0003", "CSC-2021-0002", "CSC-2021-0001"]),
        ("service", ["CSC-2021-0001", "CSC-2021-0003", "CSC-2021-0002", "CSC-2021-0004"]),
    ],
)
def test_sorting(officer_client, caseload, sort, expected):
    response = officer_client.get(URL, {"sort": sort})
    assert _references(response) == expected


def test_sort_headings_say_which_way_the_list_is_sorted(officer_client, caseload):
    page = officer_client.get(URL, {"sort": "reference", "status": "open"}).content.decode()
    assert re.search(r'aria-sort="ascending"[^>]*>\s*<a [^>]*href="[^"]*sort=-reference', page)
    assert re.search(r'aria-sort="none"[^>]*>\s*<a [^>]*href="[^"]*sort=-received', page)
    assert "status=open" in re.search(r'href="([^"]*sort=-reference[^"]*)"', page).group(1)


def _make(n, start=0):
    for i in range(start, start + n):
        complaint = ComplaintFactory(reference=f"CSC-2020-{i:04d}")
        ExtensionFactory(stage=complaint.stages.get(), extended_to_days=20)


def test_pages_of_25_with_govuk_pagination(officer_client):
    _make(30)
    first = officer_client.get(URL, {"sort": "reference"}).content.decode()
    assert len(re.findall(r">CSC-2020-\d{4}</a>", first)) == 25
    assert "30 complaints" in first
    assert 'class="govuk-pagination' in first
    assert "sort=reference&amp;page=2" in first
    second = officer_client.get(URL, {"sort": "reference", "page": "2"}).content.decode()
    assert re.findall(r">(CSC-2020-\d{4})</a>", second) == [
        f"CSC-2020-{i:04d}" for i in range(25, 30)
    ]


def test_a_page_takes_the_same_number_of_queries_however_many_complaints(officer_client):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert officer_client.get(URL, {"status": "open"}).status_code == 200
        return len(captured)

    _make(5)
    few = queries()
    _make(40, start=5)
    assert queries() == few
    assert few <= 15  # page, filters, counts, session, and the header's authority name


def test_an_investigator_sees_only_their_complaints(investigator_client, caseload):
    response = investigator_client.get(URL)
    assert _references(response) == ["CSC-2021-0004"]
    assert "1 complaint" in response.content.decode()


def test_a_responding_manager_sees_only_allocated_complaints(responding_manager_client, caseload):
    assert _references(responding_manager_client.get(URL)) == ["CSC-2021-0004"]


def test_an_executive_is_refused_with_a_reason(executive_client, caseload):
    response = executive_client.get(URL)
    assert response.status_code == 403
    page = response.content.decode()
    assert "You cannot see this page" in page
    assert "shows figures and reports, not individual complaints" in page
    assert "CSC-2021" not in page
