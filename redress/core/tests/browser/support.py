"""What every browser test shares: Debian's Chromium through Playwright, pages with and
without JavaScript, signing in, and the axe check.

The fixtures are registered once, in redress/conftest.py: Playwright's sync API may be started
only once per process, so no other conftest may define its own `browser`.

Playwright's sync API runs an event loop in this thread, so Django is told that database calls
from it are fine. Chromium must be installed (`apt-get install chromium`, or `make browser`):
these tests fail, never skip, without it.
"""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

CHROMIUM = Path(os.environ.get("REDRESS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PASSWORD = "correct horse battery staple"  # what redress/conftest.py gives every role user


@pytest.fixture(scope="session")
def browser(django_db_setup: None) -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"The browser tests need Chromium at {CHROMIUM}, and it is not there. Install it "
            "with `sudo apt-get install chromium` (or `make browser`), or set REDRESS_CHROMIUM "
            "to where it is.",
            pytrace=False,
        )
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}: run `npm ci`.", pytrace=False)
    from django.db import connections
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

    # Django keeps its connections per context, and Playwright's event loop gives the tests a
    # new one: its connections lack the copy of the database that serialized rollback restores
    # after each browser test's flush. Hand the copy on, or every later test would find the
    # shipped procedures and taxonomies gone. And close the connections on each side of the
    # switch: one left open in the context we leave is never closed, and PostgreSQL then
    # refuses to drop the test database at the end of the run.
    saved = {
        c.alias: c._test_serialized_contents
        for c in connections.all()
        if hasattr(c, "_test_serialized_contents")
    }
    connections.close_all()
    with sync_playwright() as playwright:
        for alias, contents in saved.items():
            connections[alias]._test_serialized_contents = contents
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
        connections.close_all()


def _page(browser: Any, live_server: Any, *, javascript: bool) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server.url, java_script_enabled=javascript)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def page(browser, live_server) -> Iterator[Any]:
    yield from _page(browser, live_server, javascript=True)


@pytest.fixture
def no_js_page(browser, live_server) -> Iterator[Any]:
    yield from _page(browser, live_server, javascript=False)


def sign_in(page: Any, username: str) -> None:
    """Sign in with the password and, for a user who must give one, a code from their
    authenticator app (one is made for them: redress.accounts.tests.support)."""
    from redress.accounts.models import User
    from redress.accounts.second_factor import required_for
    from redress.accounts.tests.support import authenticator_for, code_for

    user = User.objects.get(username=username)
    device = authenticator_for(user) if required_for(user) else None
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    if device is not None:
        page.wait_for_url("**/accounts/two-step/code/**")
        page.get_by_label("Enter the code from your authenticator app").fill(code_for(device))
        page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/")


def load_axe(page: Any) -> None:
    """axe-core, into the page as it is now. Evaluated through the browser's DevTools protocol:
    an added inline <script> would be refused by the pages' Content-Security-Policy."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text())


def csp_violations(page: Any) -> list[str]:
    """A list that fills with the page's Content-Security-Policy violations as the browser
    reports them in its console, from now on (each navigation included)."""
    found: list[str] = []

    def console(message: Any) -> None:
        if "Content Security Policy" in message.text:
            found.append(f"{page.url}: {message.text}")

    page.on("console", console)
    return found


def assert_accessible(page: Any, context: str = "") -> None:
    """No axe violations of WCAG 2.0, 2.1 and 2.2 A and AA on the page as it is now. (Needs a
    page with JavaScript on: axe's timers never fire in a context with it turned off.)"""
    load_axe(page)
    violations = page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return results.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + n.failureSummary)
            }));
        }""",
        WCAG_TAGS,
    )
    where = context or page.url
    report = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"])
        for v in violations
    )
    assert not violations, f"Accessibility problems on {where}:\n{report}"
