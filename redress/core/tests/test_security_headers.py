"""Every page and download answers with the Content-Security-Policy and `Cache-Control:
no-store`, static files keep their caching, and no page or template carries script or style
the policy would refuse (issue 8).

The URLs are the role × URL test's (test_url_permissions.py), so a new page is covered as soon
as it has its line there."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils.csp import CSP, build_policy

from redress.core.tests.test_url_permissions import TABLE, _address, _client, world  # noqa: F401

pytestmark = pytest.mark.django_db

JSON = "application/json"
NONCE = re.compile(r" 'nonce-([^']+)'")
REDRESS = Path(settings.BASE_DIR) / "redress"


def policy_of(response) -> tuple[str, str | None]:
    """The response's policy with its nonce taken out, and the nonce."""
    header = response.headers.get("Content-Security-Policy", "")
    nonce = NONCE.search(header)
    return NONCE.sub("", header), nonce.group(1) if nonce else None


def test_the_policy_is_strict():
    policy = settings.SECURE_CSP
    assert policy["default-src"] == [CSP.SELF]
    assert CSP.UNSAFE_INLINE not in policy["script-src"]
    assert CSP.UNSAFE_EVAL not in policy["script-src"]
    assert CSP.UNSAFE_INLINE not in policy.get("style-src", [])
    assert policy["object-src"] == [CSP.NONE]
    assert policy["base-uri"] == [CSP.SELF]
    assert policy["frame-ancestors"] == [CSP.NONE]
    assert policy["form-action"] == [CSP.SELF]


class _Inline(HTMLParser):
    """What a page has that its policy must allow: inline scripts (and their nonces), style
    attributes, inline event handlers and javascript: links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.nonces: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        # JSON in a script element is data, never run.
        if tag == "script" and "src" not in attributes and attributes.get("type") != JSON:
            self.nonces.append(attributes.get("nonce"))
        for name, value in attrs:
            if name == "style":
                self.problems.append(f"<{tag} style={value!r}>")
            elif name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            elif name in {"href", "src", "action"} and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.problems.append(f"<{tag} {name}={value!r}>")


# A document served (200) is sandboxed and may load nothing (documents/views.py); a refusal is
# an ordinary page with the site's policy.
STRICTER = {
    "documents:download": "default-src 'none'; sandbox",
    "triage:file": "default-src 'none'; sandbox",  # a file sent online, served as documents are
    "front:follow_letter": "default-src 'none'; sandbox",  # a letter, to the complainant
}


@pytest.mark.parametrize("column", ["anonymous", "complaints_manager", "executive"])
def test_every_page_answers_with_the_policy_and_no_store(world, column):  # noqa: F811
    client = _client(world, column)
    expected = build_policy(settings.SECURE_CSP)
    wrong = []
    for name in TABLE:
        url = _address(name, world.seen)
        assert url is not None
        response = client.get(url)
        policy, nonce = policy_of(response)
        served = response.status_code == 200 and name in STRICTER
        if policy != (STRICTER[name] if served else expected):
            wrong.append(f"{name} {url} ({response.status_code}): policy {policy!r}")
        if response.headers.get("Cache-Control") != "no-store":
            wrong.append(f"{name} {url}: Cache-Control {response.headers.get('Cache-Control')!r}")
        if response.headers.get("Pragma") != "no-cache":
            wrong.append(f"{name} {url}: no Pragma: no-cache")
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            page = _Inline()
            page.feed(response.content.decode())
            wrong += [f"{name} {url}: {problem}" for problem in page.problems]
            if any(n is None or n != nonce for n in page.nonces):
                wrong.append(f"{name} {url}: an inline script without the response's nonce")
    assert not wrong, f"As {column}:\n" + "\n".join(wrong)


def test_the_admin_and_the_error_pages_too(world):  # noqa: F811
    client = _client(world, "complaints_manager")
    expected = build_policy(settings.SECURE_CSP)
    for url in (reverse("admin:index"), "/no/such/page/", reverse("admin:login")):
        response = client.get(url)
        assert policy_of(response)[0] == expected, url
        assert response["Cache-Control"] == "no-store", url


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_complaints_download_is_not_stored(world, fmt):  # noqa: F811
    response = _client(world, "complaints_officer").get(
        reverse("complaints:download"), {"format": fmt}
    )
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-store"
    assert response["Pragma"] == "no-cache"


@pytest.mark.parametrize("fmt", ["html", "docx"])
def test_a_report_download_is_not_stored(world, fmt):  # noqa: F811
    response = _client(world, "complaints_officer").get(
        reverse("reporting:edition_download", args=[world.seen.edition.pk]), {"format": fmt}
    )
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-store"
    assert response["Pragma"] == "no-cache"


def test_a_view_asking_for_caching_is_overruled(rf):
    from django.http import HttpResponse

    from redress.core.middleware import NoStoreMiddleware

    def cached(request):
        response = HttpResponse("personal")
        response["Cache-Control"] = "public, max-age=3600"
        response["Expires"] = "Thu, 01 Jan 2099 00:00:00 GMT"
        return response

    response = NoStoreMiddleware(cached)(rf.get("/"))
    assert response["Cache-Control"] == "no-store"
    assert "Expires" not in response


def test_static_files_keep_their_caching():
    response = Client().get(settings.STATIC_URL + "redress/redress.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert "Content-Security-Policy" not in response


# -- the templates --------------------------------------------------------------------------------

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"""\sstyle\s*=\s*["']""", re.IGNORECASE)
EVENT_ATTRIBUTE = re.compile(r"""<[a-z][^>]*\son[a-z]+\s*=""", re.IGNORECASE)


def templates() -> list[Path]:
    found = [*REDRESS.glob("*/jinja2/**/*.html"), *REDRESS.glob("*/templates/**/*.html")]
    assert len(found) > 50, "the templates were not found"
    return sorted(found)


def test_no_template_has_an_inline_script_without_a_nonce():
    """An inline script runs only with the response's nonce; data (JSON) is not run."""
    wrong = []
    for path in templates():
        for match in SCRIPT_TAG.finditer(path.read_text()):
            attributes = match.group(1)
            if "src=" in attributes or 'type="application/json"' in attributes:
                continue
            if "nonce=" not in attributes:
                wrong.append(f"{path.relative_to(REDRESS)}: <script{attributes}>")
    assert not wrong, "Inline scripts the policy refuses (move them to a file):\n" + "\n".join(
        wrong
    )


def test_no_template_has_a_style_attribute_or_an_event_handler():
    wrong = []
    for path in templates():
        text = path.read_text()
        if STYLE_ATTRIBUTE.search(text):
            wrong.append(f"{path.relative_to(REDRESS)}: a style attribute (use a class)")
        if EVENT_ATTRIBUTE.search(text):
            wrong.append(f"{path.relative_to(REDRESS)}: an on…= event handler (use a script file)")
    assert not wrong, "\n".join(wrong)
