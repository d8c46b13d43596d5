"""The HTML report in Chromium, checked with axe against WCAG 2.2 AA: the standalone page as it
is, and the staff page body with its charts made interactive by vega-embed, under the staff
pages' Content-Security-Policy."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils.csp import build_policy

from redress.reporting.document.build import build_document
from redress.reporting.publish import publish_figures
from redress.reporting.render import html

from .document_fixtures import SETTINGS, make_small_year

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
NODE = settings.BASE_DIR / "node_modules"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture
def report(db):
    year = make_small_year()
    figures = publish_figures(year.figures, threshold=5)
    document = build_document(
        figures=figures,
        authority="Testshire Council",
        service=None,
        narratives={"next_steps": "## Plans\n\n- Listen more"},
        settings=SETTINGS,
        facts=year.facts,
    )
    return document, figures


@pytest.fixture
def page(monkeypatch):
    if not CHROMIUM.exists():
        pytest.fail(f"The browser tests need Chromium at {CHROMIUM}.", pytrace=False)
    # Playwright runs an event loop in this thread; the database work is done by then.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--headless=new", "--no-sandbox", "--disable-gpu"]
        )
        yield browser.new_page(viewport={"width": 1024, "height": 800})
        browser.close()


def violations(page) -> list[str]:
    # Evaluated, not added as an inline <script>, which the Content-Security-Policy refuses.
    page.evaluate((NODE / "axe-core" / "axe.min.js").read_text())
    found = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
        ".violations.map(v => `${v.id}: ${v.nodes.map(n => n.target).join(', ')}`)",
        WCAG,
    )
    return list(found)


def test_the_standalone_report_passes_axe(report, page, tmp_path):
    document, figures = report
    path = tmp_path / "report.html"
    path.write_bytes(html.render(document, figures))
    page.goto(path.as_uri())
    assert page.locator("h1").inner_text() == "Complaints and compliments annual report 2021-22"
    assert violations(page) == []
    # The contents link to their sections.
    page.get_by_role("link", name="Appendix A: responsiveness").click()
    assert page.evaluate("location.hash") == "#rd-appendix-responsiveness"


def test_the_staff_page_body_becomes_interactive_under_the_policy_and_passes_axe(report, page):
    """The body in a page served as the staff pages are, with their Content-Security-Policy and a
    nonce for the import map: the charts still become interactive, and nothing is refused."""
    document, figures = report
    nonce = "a-test-nonce"
    fragment = html.render_fragment(
        document, figures, drill_url=lambda f, r: f"/drill/{f}/{r}", nonce=nonce
    )
    body = (
        f'<!DOCTYPE html><html lang="en"><head><title>Reports</title></head><body><main>'
        f"<h1>Reports</h1>{fragment}</main></body></html>"
    )
    policy = build_policy(settings.SECURE_CSP, nonce)

    def serve(route):
        path = urlsplit(route.request.url).path
        if path == "/":
            headers = {"Content-Type": "text/html", "Content-Security-Policy": policy}
            route.fulfill(body=body, headers=headers)
        elif found := finders.find(path.removeprefix(settings.STATIC_URL)):
            route.fulfill(path=found)  # the static files, from where they are built
        else:
            route.fulfill(status=404)

    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)
    page.route("http://redress.test/**", serve)
    page.goto("http://redress.test/")
    charts = page.locator(".rd-chart").count()
    page.wait_for_function(
        f"document.querySelectorAll('.rd-chart__interactive svg').length === {charts}"
    )
    assert page.locator(".rd-chart__graphic[hidden]").count() == charts
    assert refused == []
    assert violations(page) == []
