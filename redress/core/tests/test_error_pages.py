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
