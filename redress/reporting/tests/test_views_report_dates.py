"""Dates out of range or malformed in a report's address (issue 8, point 10): a clear message,
never a server error. `from=0001-01-01&to=9999-12-31` was one: 1 January 0001 has no financial
year before it."""

import datetime

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
REPORT = {"from": "2021-04-01", "to": "2022-03-31", "as_of": "2022-05-31"}
RANGE = "must be in the years 1900 to 2199"


def _drills(client, **query):
    for url in (
        reverse("reporting:figure", args=["received.stage1"]),
        reverse("reporting:table", args=["received.by_service", 0]),
    ):
        yield client.get(url, {**REPORT, **query})


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"from": "0001-01-01", "to": "9999-12-31"}, f"&#39;from=0001-01-01&#39; {RANGE}"),
        ({"from": "0001-01-01", "to": "9999-12-31"}, f"&#39;to=9999-12-31&#39; {RANGE}"),
        ({"to": "9999-12-31"}, f"&#39;to=9999-12-31&#39; {RANGE}"),
        ({"from": "1899-12-31"}, f"&#39;from=1899-12-31&#39; {RANGE}"),
        ({"as_of": "0001-01-01"}, f"&#39;as_of=0001-01-01&#39; {RANGE}"),
        ({"as_of": "2200-01-01"}, f"&#39;as_of=2200-01-01&#39; {RANGE}"),
        ({"from": "10000-01-01"}, "&#39;from=10000-01-01&#39; is not a date"),
        ({"from": "2021-02-30"}, "&#39;from=2021-02-30&#39; is not a date"),
        ({"to": "2022/03/31"}, "&#39;to=2022/03/31&#39; is not a date"),
        ({"as_of": "-2022-05-31"}, "&#39;as_of=-2022-05-31&#39; is not a date"),
        ({"as_of": "x" * 5000}, "is not a date in the form YYYY-MM-DD"),
    ],
)
def test_a_drill_down_explains_a_date_it_cannot_use(officer_client, query, message):
    for response in _drills(officer_client, **query):
        assert response.status_code == 400
        assert message in response.content.decode()


def test_the_widest_dates_allowed_still_make_a_report(officer_client):
    for response in _drills(officer_client, **{"from": "1900-01-01", "to": "2199-12-31"}):
        assert response.status_code in (200, 404)  # 404: no row 0 in an empty table


def _dates(prefix: str, day: datetime.date) -> dict[str, str]:
    return {
        f"{prefix}-day": str(day.day),
        f"{prefix}-month": str(day.month),
        f"{prefix}-year": f"{day.year:04d}",
    }


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            {"period": "dates"}
            | _dates("start", datetime.date(1, 1, 1))
            | _dates("end", datetime.date(9999, 12, 31)),
            f"The first day {RANGE}",
        ),
        (
            {"period": "dates"}
            | _dates("start", datetime.date(2021, 4, 1))
            | _dates("end", datetime.date(9999, 12, 31)),
            f"The last day {RANGE}",
        ),
        (_dates("as_of", datetime.date(1, 1, 1)), f"The figures-as-at date {RANGE}"),
    ],
)
def test_the_reports_page_explains_a_date_it_cannot_use(officer_client, settings, extra, message):
    settings.REDRESS_TODAY = datetime.date(2022, 5, 31)
    query = {"action": "preview", "period": "year:2021-22", "fmt": "json", **extra}
    response = officer_client.get(reverse("reporting:reports"), query)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert message in response.content.decode()


def test_a_new_edition_explains_a_date_it_cannot_use(manager_client, settings):
    settings.REDRESS_TODAY = datetime.date(2022, 5, 31)
    data = (
        {"period": "dates"}
        | _dates("start", datetime.date(1, 1, 1))
        | _dates("end", datetime.date(2021, 12, 31))
    )
    response = manager_client.post(reverse("reporting:edition_new"), data)
    assert response.status_code == 200
    assert f"The first day {RANGE}" in response.content.decode()
