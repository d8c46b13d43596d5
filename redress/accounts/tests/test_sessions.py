"""How long a session lasts: 30 minutes without a request signs you out, 12 hours after signing
in does however busy you are, and closing the browser ends it (no lasting cookie)."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db

HOME = reverse("core:home")
LOGIN = reverse("accounts:login")
START = datetime.datetime(2021, 6, 21, 9, tzinfo=datetime.UTC)
minutes = datetime.timedelta(minutes=1)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def _signed_in(client):
    return client.get(HOME).status_code == 200


def test_thirty_minutes_idle_signs_you_out(clock, officer):
    client = Client()
    client.force_login(officer)
    clock.shift(29 * minutes)
    assert _signed_in(client)
    clock.shift(29 * minutes)  # each request starts the thirty minutes again
    assert _signed_in(client)
    clock.shift(31 * minutes)
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=/"


def test_the_idle_timeout_is_a_setting(clock, officer, settings):
    settings.SESSION_COOKIE_AGE = 5 * 60
    client = Client()
    client.force_login(officer)
    clock.shift(6 * minutes)
    assert not _signed_in(client)


def test_twelve_hours_after_signing_in_you_sign_in_again(clock, officer):
    client = Client()
    client.force_login(officer)
    for _ in range(12 * 60 // 20 - 1):
        clock.shift(20 * minutes)
        assert _signed_in(client)
    clock.shift(20 * minutes)  # 12 hours
    assert not _signed_in(client)


def test_the_session_is_also_refused_by_the_middleware_whatever_the_store(clock, officer, settings):
    """Signed cookies keep no expiry on the server: the middleware's own check still holds."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    client = Client()
    client.force_login(officer)
    clock.shift(31 * minutes)
    assert not _signed_in(client)


def test_the_session_cookie_ends_with_the_browser(officer):
    client = Client()
    response = client.post(
        LOGIN, {"username": officer.username, "password": "correct horse battery staple"}
    )
    cookie = response.cookies["sessionid"]
    assert not cookie["expires"]
    assert not cookie["max-age"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def _session_writes(client):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(HOME).status_code == 200
    return [q for q in captured if q["sql"].startswith("UPDATE") and "session" in q["sql"]]


def test_a_page_does_not_write_the_session_each_time(clock, officer):
    """The idle clock is saved at most once a minute, so a page costs no session write."""
    client = Client()
    client.force_login(officer)
    clock.shift(datetime.timedelta(seconds=59))
    assert not _session_writes(client)
    clock.shift(datetime.timedelta(seconds=2))
    assert _session_writes(client)
