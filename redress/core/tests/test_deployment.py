"""Production settings are safe by default: with DEBUG off, `check --deploy` finds nothing
(HTTPS only, HSTS, secure cookies…), and each of those defaults can be set from the environment
(the README's "Settings" lists them)."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[3]
SHOWN = (
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_PROXY_SSL_HEADER",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SESSION_COOKIE_AGE",
    "SESSION_EXPIRE_AT_BROWSER_CLOSE",
    "REDRESS_SESSION_MAX_AGE",
    "AXES_FAILURE_LIMIT",
    "CSRF_TRUSTED_ORIGINS",
)


def _environment(tmp_path: Path, **overrides: str) -> dict[str, str]:
    """A production machine's environment: no DEBUG, its own key, host and database."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DEBUG", "REDRESS_", "SECURE_", "OIDC_", "CSRF_"))
        # (the browser tests set this one in the test process; a server never would)
        and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env |= {
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "redress.council.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'redress.sqlite3'}",
        "REDRESS_VAR_DIR": str(tmp_path / "var"),
    }
    return env | overrides


def _run(tmp_path: Path, *args: str, **overrides: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603
        [sys.executable, *args],
        cwd=ROOT,
        env=_environment(tmp_path, **overrides),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _settings(tmp_path: Path, **overrides: str) -> dict[str, object]:
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {SHOWN!r}}}))"
    )
    done = _run(tmp_path, "-c", script, DJANGO_SETTINGS_MODULE="redress.settings", **overrides)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_check_deploy_finds_nothing_with_debug_off(tmp_path):
    done = _run(tmp_path, "manage.py", "check", "--deploy", "--fail-level", "WARNING", DEBUG="0")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout


def test_production_defaults(tmp_path):
    shown = _settings(tmp_path)
    assert shown == {
        "DEBUG": False,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        "SECURE_PROXY_SSL_HEADER": None,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_AGE": 30 * 60,
        "SESSION_EXPIRE_AT_BROWSER_CLOSE": True,
        "REDRESS_SESSION_MAX_AGE": 12 * 3600,
        "AXES_FAILURE_LIMIT": 5,
        "CSRF_TRUSTED_ORIGINS": [],
    }


def test_each_default_is_set_from_the_environment(tmp_path):
    shown = _settings(
        tmp_path,
        REDRESS_PROXY_SSL_HEADER="X-Forwarded-Proto",
        REDRESS_HSTS_SECONDS="600",
        REDRESS_HSTS_PRELOAD="0",
        REDRESS_IDLE_MINUTES="15",
        REDRESS_SESSION_HOURS="8",
        REDRESS_SIGN_IN_ATTEMPTS="10",
        CSRF_TRUSTED_ORIGINS="https://redress.council.example",
    )
    assert shown["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert shown["SECURE_HSTS_SECONDS"] == 600
    assert shown["SECURE_HSTS_PRELOAD"] is False
    assert shown["SESSION_COOKIE_AGE"] == 15 * 60
    assert shown["REDRESS_SESSION_MAX_AGE"] == 8 * 3600
    assert shown["AXES_FAILURE_LIMIT"] == 10
    assert shown["CSRF_TRUSTED_ORIGINS"] == ["https://redress.council.example"]


def test_development_needs_no_https(tmp_path):
    shown = _settings(tmp_path, DEBUG="1")
    assert shown["SECURE_SSL_REDIRECT"] is False
    assert shown["SESSION_COOKIE_SECURE"] is False
    assert shown["SECURE_HSTS_SECONDS"] == 0


def test_single_sign_on_half_configured_is_an_error(tmp_path):
    done = _run(
        tmp_path, "manage.py", "check", OIDC_RP_CLIENT_ID="redress", OIDC_RP_CLIENT_SECRET="s"
    )
    assert done.returncode != 0
    assert "Single sign-on needs OIDC_OP_AUTHORIZATION_ENDPOINT" in done.stderr


@pytest.mark.django_db
@override_settings(SECURE_SSL_REDIRECT=True, SECURE_HSTS_SECONDS=31_536_000)
def test_plain_http_is_sent_to_https_and_https_gets_hsts():
    login = reverse("accounts:login")
    response = Client().get(login)
    assert response.status_code == 301
    assert response["Location"] == f"https://testserver{login}"
    response = Client().get(login, secure=True)
    assert response.status_code == 200
    assert "max-age=31536000" in response["Strict-Transport-Security"]
