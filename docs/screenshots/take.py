"""Take the README's screenshots of the report pages from a running demo.

    make demo                                  # in one terminal (or `make screenshots`)
    .venv/bin/python docs/screenshots/take.py  # in another

Signs in as the demo complaints manager (password from var/demo/logins.txt), goes through the
reports pages as a person would (preview, drill-down, an edition with a narrative, publishing,
the standalone HTML report) and saves one PNG per page type beside this file. The PDF's first
pages are rendered too when poppler's `pdftoppm` is installed.
"""

from __future__ import annotations

import argparse
import base64
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CHROMIUM = "/usr/bin/chromium"
WIDTH = 1280


def password(logins: Path, username: str) -> str:
    for line in logins.read_text().splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0] == username:
            return parts[1]
    sys.exit(f"No password for '{username}' in {logins}: run `make demo` first.")


def second_factor(page: Page, logins: Path) -> None:
    """If Redress asks for a code (the demo's complaints manager), give the one the
    authenticator key printed in `logins` shows now."""
    if "/accounts/two-step/" not in page.url:
        return
    from django_otp.oath import totp

    lines = logins.read_text().splitlines()
    marker = next(i for i, line in enumerate(lines) if line.startswith("Add this key to an app"))
    key = base64.b32decode("".join(lines[marker + 1].split()))
    page.get_by_label("Enter the code from your authenticator app").fill(f"{totp(key):06d}")
    page.get_by_role("button", name="Continue").click()


def shot(page: Page, name: str, *, full: bool = False, height: int | None = None) -> None:
    path = HERE / f"{name}.png"
    if height:
        page.screenshot(path=path, clip={"x": 0, "y": 0, "width": WIDTH, "height": height})
    else:
        page.screenshot(path=path, full_page=full)
    print(path.relative_to(ROOT))


def charts_ready(page: Page) -> None:
    page.wait_for_function(
        "() => [...document.querySelectorAll('.rd-report [data-rd-spec]')]"
        ".every(graphic => graphic.hidden)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--logins", type=Path, default=ROOT / "var" / "demo" / "logins.txt")
    parser.add_argument("--user", default="manager")
    args = parser.parse_args()
    secret = password(args.logins, args.user)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless=new", "--no-sandbox"]
        )
        context = browser.new_context(
            base_url=args.url, viewport={"width": WIDTH, "height": 900}, accept_downloads=True
        )
        context.set_default_timeout(60_000)
        page = context.new_page()
        page.goto("/accounts/login/")
        page.get_by_label("Username").fill(args.user)
        page.get_by_label("Password", exact=True).fill(secret)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
        second_factor(page, args.logins)
        page.wait_for_url("**/")

        # The reports page, then its preview: the executive summary and a section with a chart.
        page.goto("/reports/")
        shot(page, "reports-page", full=True)
        page.get_by_role("button", name="Preview").click()
        page.get_by_role("heading", name=re.compile("annual report 2021-22")).first.wait_for()
        charts_ready(page)
        page.get_by_role(
            "heading", name=re.compile("Executive summary")
        ).first.scroll_into_view_if_needed()
        shot(page, "report-preview")
        page.locator(".rd-report .vega-embed").first.scroll_into_view_if_needed()
        page.mouse.wheel(0, -120)
        shot(page, "report-preview-chart")

        # Drill-down: a figure, and a row of a table.
        page.goto("/reports/")
        page.get_by_role("button", name="Preview").click()
        page.locator("a[href^='/reports/figures/received.stage2/']").first.click()
        page.get_by_role("heading", name=re.compile("Stage 2 records received")).wait_for()
        shot(page, "drill-down-figure")
        page.go_back()
        page.locator("a[href^='/reports/tables/timeliness.stage1.bands_by_area/']").first.click()
        page.get_by_role("heading", name=re.compile("Stage 1 response times by area")).wait_for()
        shot(page, "drill-down-table-row")

        # An edition: create it, write a section's narrative, preview, publish.
        page.goto("/reports/editions/new/")
        page.get_by_role("button", name="Create the edition").click()
        page.get_by_role("heading", name=re.compile("Complaints annual report")).first.wait_for()
        page.get_by_role("link", name="Write the narrative for Volumes and trends").click()
        page.get_by_label("Narrative for Volumes and trends").fill(
            "## Why complaints rose\n\nStage 1 complaints rose after the service reached "
            "**more families** through the new front door. The team answered most of them "
            "within the extended timescale; the [Timeliness](#timeliness) section says more."
        )
        page.get_by_role("button", name="Preview").click()
        page.get_by_role("heading", name="Preview (not saved yet)").wait_for()
        shot(page, "edition-narrative", full=True)
        page.get_by_role("button", name="Save the narrative").click()
        page.get_by_text("is saved").first.wait_for()
        edition_url = page.url.split("?")[0]
        shot(page, "edition", full=True)
        page.get_by_role("button", name="Publish this edition").click()
        page.get_by_role("heading", name="Publish this edition").wait_for()
        shot(page, "edition-publish", full=True)
        page.goto("/reports/editions/")
        shot(page, "editions")

        # The standalone HTML report, as downloaded.
        page.goto("/reports/")
        page.get_by_label("Web page (HTML)").check()
        with page.expect_download() as download:
            page.get_by_role("button", name="Download").click()
        with tempfile.TemporaryDirectory() as folder:
            html = Path(folder) / "report.html"
            download.value.save_as(html)
            standalone = context.new_page()
            standalone.goto(html.as_uri())
            standalone.wait_for_timeout(1500)
            shot(standalone, "standalone-html")
            standalone.close()

            # The PDF's first pages, if poppler is installed.
            if shutil.which("pdftoppm"):
                page.goto("/reports/")
                page.get_by_label("PDF", exact=True).check()
                with page.expect_download() as download:
                    page.get_by_role("button", name="Download").click()
                pdf = Path(folder) / "report.pdf"
                download.value.save_as(pdf)
                for number, name in (
                    (1, "pdf-cover"),
                    (2, "pdf-contents"),
                    (3, "pdf-summary"),
                    (6, "pdf-page"),
                ):
                    subprocess.run(
                        [
                            "pdftoppm",
                            "-png",
                            "-r",
                            "70",
                            "-f",
                            str(number),
                            "-l",
                            str(number),
                            "-singlefile",
                            str(pdf),
                            str(HERE / name),
                        ],
                        check=True,
                    )
                    print(f"docs/screenshots/{name}.png")
        print(f"(edition at {args.url}{edition_url.removeprefix(args.url)})")
        browser.close()


if __name__ == "__main__":
    main()
