"""Throttling sign-in: wrong passwords lock a username out from an address for a while, on the
GOV.UK sign-in page (429, not a bare 403), for the admin too; a complaints manager unlocks."""

import datetime

import pytest
import time_machine
from axes.models import AccessAttempt
from django.test import Client, RequestFactory
from django.urls import reverse

from redress.accounts.lockout import client_ip
from redress.core.models import AuditEvent

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
HOME = reverse("core:home")
PASSWORD = "correct horse battery staple"
START = datetime.datetime(2021, 6, 21, 9, tzinfo=datetime.UTC)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def _sign_in(client, username, password=PASSWORD, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def _wrong(client, username, times, **extra):
    for _ in range(times):
        _sign_in(client, username, "not the password", **extra)


def test_fifty_wrong_passwords_then_the_right_one_is_refused(client, officer, clock):
    _wrong(client, officer.username, 50)
    response = _sign_in(client, officer.username)
    assert response.status_code == 429
    assert client.get(HOME)["Location"].startswith(LOGIN)  # not signed in

    clock.shift(datetime.timedelta(minutes=16))  # the cool-off (15 minutes) has passed
    response = _sign_in(client, officer.username)
    assert response.status_code == 302
    assert client.get(HOME).status_code == 200


def test_the_lock_comes_at_the_fifth_wrong_password(client, officer, clock):
    _wrong(client, officer.username, 4)
    assert _sign_in(client, officer.username).status_code == 302  # and the count starts again
    client.logout()
    _wrong(client, officer.username, 4)
    assert _sign_in(client, officer.username).status_code == 302
    client.logout()
    _wrong(client, officer.username, 5)
    assert _sign_in(client, officer.username).status_code == 429


def test_the_locked_out_page_is_the_sign_in_page_with_a_govuk_error(client, officer, clock):
    _wrong(client, officer.username, 5)
    response = _sign_in(client, officer.username)
    page = response.content.decode()
    assert response.status_code == 429
    assert "<title>Error: Sign in" in page
    assert "govuk-error-summary" in page
    assert "You have entered the wrong password too many times. Wait 15 minutes" in page
    assert 'href="#id_username"' in page
    assert f'value="{officer.username}"' in page


def test_each_attempt_while_locked_out_starts_the_wait_again(client, officer, clock):
    _wrong(client, officer.username, 5)
    clock.shift(datetime.timedelta(minutes=10))
    assert _sign_in(client, officer.username).status_code == 429
    clock.shift(datetime.timedelta(minutes=10))
    assert _sign_in(client, officer.username).status_code == 429
    clock.shift(datetime.timedelta(minutes=16))
    assert _sign_in(client, officer.username).status_code == 302


def test_the_lock_is_for_the_username_from_that_address(client, officer, manager, clock):
    _wrong(client, officer.username, 5)
    assert _sign_in(Client(), manager.username).status_code == 302  # another user
    elsewhere = Client(REMOTE_ADDR="198.51.100.7")
    assert _sign_in(elsewhere, officer.username).status_code == 302  # another address


def test_the_setting_changes_the_limit(client, officer, clock, settings):
    settings.AXES_FAILURE_LIMIT = 2
    _wrong(client, officer.username, 2)
    assert _sign_in(client, officer.username).status_code == 429


def test_the_admin_signs_in_on_the_same_throttled_page(client, manager, clock):
    """The admin has no sign-in form of its own to guess passwords on."""
    response = client.get(reverse("admin:index"))
    assert response["Location"].startswith(reverse("admin:login"))
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=/admin/"
    posted = client.post(reverse("admin:login"), {"username": manager.username, "password": "x"})
    assert posted.status_code == 302
    assert not AccessAttempt.objects.exists()  # no password was checked there
    _wrong(client, manager.username, 5)
    locked = client.post(
        f"{LOGIN}?next=/admin/", {"username": manager.username, "password": PASSWORD}
    )
    assert locked.status_code == 429


def test_a_complaints_manager_sees_and_unlocks_a_lock_out(client, officer, manager, clock):
    _wrong(client, officer.username, 5)
    manager.is_staff = True
    manager.save()
    admin_client = Client()
    admin_client.force_login(manager)
    changelist = admin_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert changelist.status_code == 200
    assert officer.username in changelist.content.decode()
    attempt = AccessAttempt.objects.get(username=officer.username)
    page = admin_client.get(reverse("admin:axes_accessattempt_change", args=[attempt.pk]))
    assert page.status_code == 200
    assert "POST Data" not in page.content.decode()  # what was typed is not shown

    delete = reverse("admin:axes_accessattempt_delete", args=[attempt.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    assert _sign_in(client, officer.username).status_code == 302
    event = AuditEvent.objects.get(action="admin.delete")
    assert event.before["username"] == officer.username
    assert "post_data" not in event.before


def test_other_roles_cannot_unlock(officer_client):
    url = reverse("admin:axes_accessattempt_changelist")
    assert officer_client.get(url)["Location"].startswith(reverse("admin:login"))


def test_behind_trusted_proxies_the_address_is_the_one_they_saw(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.1, 10.0.0.1"
    )
    assert client_ip(request) == "10.0.0.2"  # no proxy trusted: a visitor may forge the header
    settings.REDRESS_TRUSTED_PROXIES = 1
    assert client_ip(request) == "10.0.0.1"
    settings.REDRESS_TRUSTED_PROXIES = 2
    assert client_ip(request) == "198.51.100.1"
