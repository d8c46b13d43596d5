"""Take the README's screenshots of the case-work pages from a running demo.

    make demo                                           # in one terminal
    .venv/bin/python docs/screenshots/take_casework.py  # in another

Signs in as each demo user (passwords from var/demo/logins.txt) and saves one PNG per main page
beside this file: My work for each role, the complaints list, a complaint's summary and stages,
the first page of recording a complaint, and the Ombudsman and learning lists.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright
from take import CHROMIUM, ROOT, WIDTH, password, second_factor, shot


def signed_in(browser: Browser, url: str, logins: Path, username: str) -> Page:
    context = browser.new_context(base_url=url, viewport={"width": WIDTH, "height": 900})
    context.set_default_timeout(60_000)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(password(logins, username))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    second_factor(page, logins)
    page.wait_for_url("**/")
    return page


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--logins", type=Path, default=ROOT / "var" / "demo" / "logins.txt")
    args = parser.parse_args()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless=new", "--no-sandbox"]
        )
        page = signed_in(browser, args.url, args.logins, "officer")
        shot(page, "my-work-officer", full=True)
        page.goto("/complaints/?status=overdue&sort=due")
        shot(page, "complaints-list")
        page.locator("table tbody a").first.click()
        shot(page, "complaint-summary", full=True)
        page.get_by_role("link", name="Stages").first.click()
        shot(page, "complaint-stages", full=True)
        page.goto("/complaints/new/")
        shot(page, "record-a-complaint")
        page.goto("/ombudsman/")
        shot(page, "ombudsman-list")
        page.goto("/learning/")
        shot(page, "learning-list")

        page = signed_in(browser, args.url, args.logins, "manager")
        shot(page, "my-work-manager", full=True)
        for username in ("teammanager", "investigator", "executive"):
            page = signed_in(browser, args.url, args.logins, username)
            shot(page, f"my-work-{username}", full=True)
        browser.close()


if __name__ == "__main__":
    main()
