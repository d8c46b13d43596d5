"""The sign-in journeys in Chromium, checked with axe: a complaints manager setting up an
authenticator app from the page's key and signing in with a code, and the lock-out page."""

import base64
import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from redress.accounts.tests.support import code_for
from redress.core.tests.browser.support import PASSWORD, assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _password(page, username, password=PASSWORD):
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_a_complaints_manager_sets_up_an_authenticator_and_signs_in_with_it(page, manager):
    _password(page, manager.username)
    page.get_by_role("heading", name="Set up an authenticator app").wait_for()
    assert page.get_by_role("img", name="QR code for your authenticator app").is_visible()
    assert not page.get_by_role("link", name="Complaints").count()  # nowhere else to go yet
    assert_accessible(page, "setting up an authenticator app")

    page.get_by_label("Code from your authenticator app").fill("000000")
    page.get_by_role("button", name="Continue").click()
    page.get_by_text("There is a problem").wait_for()
    assert_accessible(page, "setting up, with a wrong code")

    key = re.sub(r"\s", "", page.locator("#secret-key").inner_text())
    device = TOTPDevice.objects.get(key=base64.b32decode(key).hex())
    page.wait_for_timeout(1100)  # a wrong code slows the next for a second
    page.get_by_label("Code from your authenticator app").fill(code_for(device))
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="Your backup codes").wait_for()
    assert page.locator(".redress-backup-codes li").count() == 10
    assert_accessible(page, "the backup codes")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="My work").wait_for()

    page.goto("/accounts/logout/confirm/")
    page.get_by_role("button", name="Sign out").click()
    _password(page, manager.username)
    page.get_by_role("heading", name="Enter the code from your authenticator app").wait_for()
    assert_accessible(page, "entering a code")
    page.get_by_label("Enter the code from your authenticator app").fill(code_for(device))
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="My work").wait_for()


def test_the_lock_out_page(page, officer):
    for _ in range(5):
        _password(page, officer.username, "not the password")
    page.get_by_text("You have entered the wrong password too many times").wait_for()
    assert page.title().startswith("Error: Sign in")
    assert_accessible(page, "the sign-in page when locked out")
