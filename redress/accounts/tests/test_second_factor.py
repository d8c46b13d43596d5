"""The second factor: complaints managers and anyone with the admin set up an authenticator app
and give a code at every sign-in, and reach nothing else until they have; backup codes, shown
once, each work once; anyone else may choose to use one."""

import base64
import datetime
import re

import pytest
import time_machine
from django.test import Client, RequestFactory
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from redress.accounts.admin_site import RedressAdminSite
from redress.accounts.tests.support import authenticator_for, code_for
from redress.core.models import AuditEvent

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
HOME = reverse("core:home")
SETUP = reverse("accounts:second_factor_setup")
VERIFY = reverse("accounts:second_factor_verify")
CODES = reverse("accounts:backup_codes")
OVERVIEW = reverse("accounts:second_factor")
PASSWORD = "correct horse battery staple"


def _password(client, user, next_url=""):
    url = f"{LOGIN}?next={next_url}" if next_url else LOGIN
    return client.post(url, {"username": user.username, "password": PASSWORD, "next": next_url})


def _set_up(client):
    """Set up the authenticator from the page's own key (as a person types it): the codes."""
    page = client.get(SETUP).content.decode()
    secret = re.search(r'<code id="secret-key" class="redress-secret">([A-Z2-7 ]+)</code>', page)
    key = base64.b32decode(secret.group(1).replace(" ", ""))
    device = TOTPDevice.objects.get(key=key.hex())
    response = client.post(SETUP, {"code": code_for(device)})
    assert response.status_code == 302
    codes_page = client.get(response["Location"]).content.decode()
    return device, re.findall(r"<li><code>([a-z2-7]+)</code></li>", codes_page)


def test_a_complaints_manager_is_sent_to_set_up_an_authenticator(manager):
    client = Client()
    response = _password(client, manager)
    assert response.status_code == 302
    assert client.get(HOME)["Location"] == f"{SETUP}?next=/"
    for url in (HOME, reverse("complaints:list"), reverse("reporting:reports"), OVERVIEW):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(SETUP), url


def test_the_set_up_page_shows_a_qr_code_and_the_key_as_text(manager):
    client = Client()
    _password(client, manager)
    page = client.get(SETUP).content.decode()
    device = TOTPDevice.objects.get(user=manager, confirmed=False)
    assert '<svg role="img"' in page
    assert "<title>QR code for your authenticator app</title>" in page
    assert "<img" not in page  # no image fetched from anywhere
    key = base64.b32encode(device.bin_key).decode()
    assert " ".join(key[i : i + 4] for i in range(0, len(key), 4)) in page
    assert "complaints manager" in page
    assert 'autocomplete="one-time-code"' in page
    assert 'class="govuk-service-navigation' not in page  # nowhere else to go yet
    assert key[:4] in client.get(SETUP).content.decode()  # the same key on reload
    assert TOTPDevice.objects.filter(user=manager).count() == 1


def test_setting_up_shows_backup_codes_once_and_then_lets_them_in(manager):
    client = Client()
    _password(client, manager)
    device, codes = _set_up(client)
    device.refresh_from_db()
    assert device.confirmed
    assert len(codes) == 10
    assert len(set(codes)) == 10
    assert client.get(CODES)["Location"] == OVERVIEW  # never shown twice
    assert client.get(HOME).status_code == 200
    assert AuditEvent.objects.filter(action="account.second_factor_set_up").count() == 1


def test_a_wrong_code_does_not_set_it_up(manager):
    client = Client()
    _password(client, manager)
    client.get(SETUP)
    page = client.post(SETUP, {"code": "000000"}).content.decode()
    assert "<title>Error: Set up an authenticator app" in page
    assert "The code is not right" in page
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    assert client.get(HOME)["Location"].startswith(SETUP)


def test_with_an_authenticator_they_give_a_code_after_the_password(staff_manager):
    device = authenticator_for(staff_manager)
    client = Client()
    with time_machine.travel(datetime.datetime(2021, 6, 21, 9, tzinfo=datetime.UTC)) as clock:
        _password(client, staff_manager, next_url="/admin/")
        response = client.get("/admin/")
        assert response["Location"] == f"{VERIFY}?next=/admin/"
        page = client.post(VERIFY, {"code": "123456", "next": "/admin/"}).content.decode()
        assert "The code is not right" in page
        page = client.post(VERIFY, {"code": code_for(device), "next": "/admin/"})
        assert "You have entered too many wrong codes" in page.content.decode()  # for a second
        clock.shift(2)
        response = client.post(VERIFY, {"code": code_for(device), "next": "/admin/"})
        assert response["Location"] == "/admin/"
        assert client.get("/admin/").status_code == 200


def test_a_password_alone_never_sets_up_a_second_device(manager):
    """Someone with only the password of a user who has an authenticator cannot add their own."""
    authenticator_for(manager)
    client = Client()
    _password(client, manager)
    assert client.get(SETUP)["Location"].startswith(VERIFY)
    assert client.post(SETUP, {"code": "123456"})["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=manager).count() == 1


def test_a_backup_code_works_once(manager):
    client = Client()
    _password(client, manager)
    _, codes = _set_up(client)
    client.logout()

    again = Client()
    _password(again, manager)
    assert again.post(VERIFY, {"code": codes[0].upper()})["Location"] == HOME
    assert AuditEvent.objects.filter(action="account.backup_code_used").count() == 1
    third = Client()
    _password(third, manager)
    assert "The code is not right" in third.post(VERIFY, {"code": codes[0]}).content.decode()
    assert third.get(HOME).status_code == 302


def test_with_a_backup_code_they_can_set_up_a_new_phone(manager):
    client = Client()
    _password(client, manager)
    _, codes = _set_up(client)
    client.logout()

    client = Client()
    _password(client, manager)
    client.post(VERIFY, {"code": codes[0]})
    page = client.get(SETUP).content.decode()
    assert "replaces the one you use now" in page
    new, new_codes = _set_up(client)
    assert list(TOTPDevice.objects.filter(user=manager)) == [new]
    assert not set(codes) & set(new_codes)


def test_many_wrong_codes_are_slowed_down(manager):
    authenticator_for(manager)
    client = Client()
    _password(client, manager)
    for _ in range(3):
        page = client.post(VERIFY, {"code": "000000"}).content.decode()
    assert "You have entered too many wrong codes" in page


def test_new_backup_codes_replace_the_old(manager):
    client = Client()
    _password(client, manager)
    _, codes = _set_up(client)
    response = client.post(CODES)
    page = client.get(response["Location"]).content.decode()
    new_codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", page)
    assert len(new_codes) == 10
    assert not set(codes) & set(new_codes)
    assert StaticDevice.objects.get(user=manager).token_set.count() == 10


def test_backup_codes_only_for_a_verified_session(officer_client):
    assert officer_client.post(CODES).status_code == 403


def test_the_admin_asks_for_the_second_factor():
    """Even a staff user let past the middleware is refused by the admin site itself."""
    from redress.accounts.models import Role, User

    user = User(username="s", role=Role.COMPLAINTS_MANAGER, is_staff=True, is_active=True)
    request = RequestFactory().get("/admin/")
    request.user = user
    site = RedressAdminSite()
    assert not site.has_permission(request)
    user.is_verified = lambda: False
    assert not site.has_permission(request)
    user.is_verified = lambda: True
    assert site.has_permission(request)


def test_anyone_with_the_admin_must_use_one(superuser_client_unverified):
    client = superuser_client_unverified
    assert client.get(HOME)["Location"].startswith(SETUP)


@pytest.fixture
def superuser_client_unverified(db):
    from redress.accounts.models import User

    User.objects.create_superuser("sam_super", "sam@example.org", PASSWORD)
    client = Client()
    client.post(LOGIN, {"username": "sam_super", "password": PASSWORD})
    return client


def test_other_roles_may_choose_to_use_one(officer):
    client = Client()
    _password(client, officer)
    home = client.get(HOME)
    assert home.status_code == 200  # not asked
    assert f'href="{OVERVIEW}">Two-step sign-in</a>' in home.content.decode()
    page = client.get(OVERVIEW).content.decode()
    assert "You can choose" in page
    assert "Not set up" in page
    _set_up(client)
    assert "Make new backup codes" in client.get(OVERVIEW).content.decode()
    client.logout()

    client = Client()
    _password(client, officer)
    assert client.get(HOME)["Location"].startswith(VERIFY)  # asked from now on


def test_a_complaints_manager_resets_a_lost_authenticator(staff_manager, officer):
    client = Client()
    _password(client, officer)
    _set_up(client)
    device = TOTPDevice.objects.get(user=officer)
    admin_client = Client()
    admin_client.force_login(staff_manager)
    change = admin_client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]))
    assert change.status_code == 200
    assert device.key not in change.content.decode()  # the secret is never shown
    delete = reverse("admin:otp_totp_totpdevice_delete", args=[device.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    event = AuditEvent.objects.get(action="admin.delete")
    assert "key" not in event.before
    StaticDevice.objects.filter(user=officer).delete()

    client = Client()
    _password(client, officer)
    assert client.get(HOME).status_code == 200  # an officer chose it; now they have none


def test_force_login_in_tests_stands_for_both_factors(manager_client):
    assert manager_client.get(HOME).status_code == 200
