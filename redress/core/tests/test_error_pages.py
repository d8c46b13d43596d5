"""The error pages: GOV.UK pages rendered by Django's own handlers from `core/jinja2/`."""

import pytest

pytestmark = pytest.mark.django_db


def test_not_found_is_a_govuk_page(officer_client):
    response = officer_client.get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page
    assert "govuk-template" in page


def test_the_server_error_page_renders_without_a_request(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in page
    assert "Signed in as" not in page


def test_a_bad_request_is_a_govuk_page_without_a_request(rf):
    """Django answers 400 when a page's session could not be saved after it ran (the database
    restarting in between, bench/bench_load.py --restart-postgres): the user is told to check
    whether their change was recorded, on the service's own page."""
    from django.core.exceptions import SuspiciousOperation
    from django.views.defaults import bad_request

    response = bad_request(rf.get("/"), SuspiciousOperation("session"))
    page = response.content.decode()
    assert response.status_code == 400
    assert "Sorry, your request could not be completed" in page
    assert "check whether it was recorded" in page
    assert "govuk-template" in page
    assert "Signed in as" not in page
