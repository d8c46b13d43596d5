"""Single sign-on with an OpenID Connect provider, with its token and userinfo endpoints
mocked (no network): on only when configured; groups map to roles; someone in no mapped group
gets no access, with a page that says why."""

import datetime
from types import SimpleNamespace
from unittest import mock
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
from django.test import Client, override_settings
from django.urls import reverse

from redress.accounts.models import Role, User
from redress.accounts.sso import role_for
from redress.core.models import AuditEvent

pytestmark = pytest.mark.django_db

START = reverse("accounts:sso_start")
CALLBACK = reverse("accounts:sso_callback")
SECRET = "a client secret shared with the provider, long enough for HS256"
GROUPS = {
    "grp-complaints-team": Role.COMPLAINTS_OFFICER,
    "grp-complaints-managers": Role.COMPLAINTS_MANAGER,
    "grp-directors": Role.EXECUTIVE,
}
SSO = override_settings(
    REDRESS_SSO=True,
    AUTHENTICATION_BACKENDS=[
        "axes.backends.AxesStandaloneBackend",
        "django.contrib.auth.backends.ModelBackend",
        "redress.accounts.sso.SingleSignOnBackend",
    ],
    OIDC_RP_CLIENT_ID="redress-client",
    OIDC_RP_CLIENT_SECRET=SECRET,
    OIDC_OP_AUTHORIZATION_ENDPOINT="https://login.example.org/authorize",
    OIDC_OP_TOKEN_ENDPOINT="https://login.example.org/token",
    OIDC_OP_USER_ENDPOINT="https://login.example.org/userinfo",
    OIDC_OP_JWKS_ENDPOINT="https://login.example.org/keys",
    OIDC_RP_SIGN_ALGO="HS256",
    OIDC_RP_SCOPES="openid email profile",
    OIDC_GROUPS_CLAIM="groups",
    OIDC_USERNAME_CLAIM="preferred_username",
    OIDC_GROUP_ROLES={k: str(v) for k, v in GROUPS.items()},
    OIDC_PROVIDER_NAME="Microsoft",
    OIDC_USE_PKCE=True,
    OIDC_TIMEOUT=10,
    OIDC_AUTHENTICATION_CALLBACK_URL="accounts:sso_callback",
)


def _provider_answers(nonce, *, groups, username="jo.bloggs@council.example", audience=None):
    """What the provider's token and userinfo endpoints answer: an ID token signed with the
    client secret (HS256), carrying the groups, and the userinfo claims."""
    now = datetime.datetime.now(datetime.UTC)
    id_token = jwt.encode(
        {
            "iss": "https://login.example.org",
            "aud": audience or "redress-client",
            "sub": "user-42",
            "nonce": nonce,
            "iat": now,
            "exp": now + datetime.timedelta(minutes=5),
            "groups": groups,
            "preferred_username": username,
        },
        SECRET,
        algorithm="HS256",
    )
    token = SimpleNamespace(
        status_code=200, json=lambda: {"id_token": id_token, "access_token": "at"}
    )
    userinfo = SimpleNamespace(
        status_code=200,
        headers={"content-type": "application/json"},
        raise_for_status=lambda: None,
        json=lambda: {
            "sub": "user-42",
            "email": "jo.bloggs@council.example",
            "given_name": "Jo",
            "family_name": "Bloggs",
        },
    )
    return token, userinfo


def _sign_on(client, **answers):
    """Start at Redress, come back from the provider with a code: the callback's response."""
    response = client.get(START, {"next": "/complaints/"})
    assert response.status_code == 302
    sent = parse_qs(urlparse(response["Location"]).query)
    assert response["Location"].startswith("https://login.example.org/authorize?")
    assert sent["code_challenge_method"] == ["S256"]
    token, userinfo = _provider_answers(sent["nonce"][0], **answers)
    with (
        mock.patch("mozilla_django_oidc.auth.requests.post", return_value=token) as post,
        mock.patch("mozilla_django_oidc.auth.requests.get", return_value=userinfo),
    ):
        response = client.get(CALLBACK, {"code": "the-code", "state": sent["state"][0]})
    assert post.call_args.kwargs["data"]["code_verifier"]  # PKCE
    return response


def test_without_configuration_there_is_no_single_sign_on(client):
    assert client.get(START).status_code == 404
    assert client.get(CALLBACK, {"code": "x", "state": "y"}).status_code == 404
    assert "Sign in with" not in client.get(reverse("accounts:login")).content.decode()


@SSO
def test_the_sign_in_page_offers_the_provider(client):
    page = client.get(reverse("accounts:login")).content.decode()
    assert "Sign in with Microsoft" in page


@SSO
def test_a_new_user_is_made_with_the_role_their_group_gives():
    client = Client()
    response = _sign_on(client, groups=["grp-complaints-team", "grp-unrelated"])
    assert response.status_code == 302
    assert response["Location"] == "/complaints/"
    user = User.objects.get(username="jo.bloggs@council.example")
    assert user.role == Role.COMPLAINTS_OFFICER
    assert (user.first_name, user.last_name, user.email) == (
        "Jo",
        "Bloggs",
        "jo.bloggs@council.example",
    )
    assert not user.has_usable_password()
    assert client.get("/complaints/").status_code == 200
    assert AuditEvent.objects.filter(action="account.created_by_sign_on").exists()


@SSO
def test_someone_in_no_mapped_group_gets_no_access():
    client = Client()
    response = _sign_on(client, groups=["grp-unrelated"])
    page = response.content.decode()
    assert response.status_code == 403
    assert "You cannot use Redress with this account" in page
    assert "not in any group that gives access" in page
    assert not User.objects.filter(username="jo.bloggs@council.example").exists()
    assert client.get(reverse("core:home"))["Location"].startswith(reverse("accounts:login"))


@SSO
def test_the_role_follows_the_groups_at_each_sign_in():
    user = User.objects.create_user(
        "jo.bloggs@council.example", role=Role.COMPLAINTS_MANAGER, is_staff=True
    )
    _sign_on(Client(), groups=["grp-directors"])
    user.refresh_from_db()
    assert user.role == Role.EXECUTIVE
    assert not user.is_staff  # only complaints managers may use the admin
    event = AuditEvent.objects.get(action="account.updated_by_sign_on")
    assert event.before["role"] == Role.COMPLAINTS_MANAGER
    assert event.after["role"] == Role.EXECUTIVE

    user.is_active = False
    user.save()
    response = _sign_on(Client(), groups=["grp-directors"])
    assert response.status_code == 403
    assert "Signing in did not work" in response.content.decode()


@SSO
def test_a_complaints_manager_still_gives_a_code():
    client = Client()
    _sign_on(client, groups=["grp-complaints-managers", "grp-complaints-team"])
    assert User.objects.get().role == Role.COMPLAINTS_MANAGER
    response = client.get("/complaints/")
    assert response["Location"].startswith(reverse("accounts:second_factor_setup"))


@SSO
def test_a_token_for_another_client_is_refused():
    response = _sign_on(Client(), groups=["grp-complaints-team"], audience="someone-else")
    assert response.status_code == 403
    assert "Signing in did not work" in response.content.decode()
    assert not User.objects.exists()


def test_the_first_role_in_order_wins_when_several_groups_map():
    mapping = {k: str(v) for k, v in GROUPS.items()}
    assert role_for(["grp-directors", "grp-complaints-team"], mapping) == Role.COMPLAINTS_OFFICER
    assert role_for("grp-directors", mapping) == Role.EXECUTIVE
    assert role_for(["nothing"], mapping) is None
    assert role_for(None, mapping) is None
