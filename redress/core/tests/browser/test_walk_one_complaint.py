"""One complaint walked through the staff pages in Chromium, from the first question page to an
Ombudsman payment: each step done by the person who does it in real life, each in their own
browser, never through /admin/, and axe (WCAG 2.2 AA) run on every page any of them saw.

- the complaints officer records it, allocates stage 1 to a responding manager, acknowledges;
- the responding manager records the findings and the response;
- the officer offers mediation and records what came of it, then escalates to stage 2;
- the officer appoints the investigating officer, the independent person and the adjudicating
  officer (a senior manager, who is allocated the stage), agrees the statement of complaint and
  carries the reasons over; the investigating officer records the findings; the officer records
  the reports and the adjudication; the adjudicating officer records the stage 2 response;
- the officer escalates to stage 3, appoints the panel (a chair and two members), records the day
  it met, its report with recommendations and the authority's response;
- the officer records an Ombudsman enquiry, our response, the decision, a remedy complied with,
  and a payment for the enquiry;
- the summary, stages, timeline and payments pages then show that end state.

"Today" is pinned, so every date typed is in the past and the walk reads the same every day.
"""

import datetime
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from .support import PASSWORD, assert_accessible, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TODAY = datetime.date(2025, 7, 31)


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


class Walk:
    """The browsers of everyone who works on the complaint, and what they all did: every page
    their browsers loaded, every page axe checked, every request sent."""

    def __init__(self, browser: Any, base_url: str) -> None:
        self.browser, self.base_url = browser, base_url
        self.contexts: list[Any] = []
        self.requests: list[str] = []
        self.loaded: list[str] = []
        self.checked: set[str] = set()
        self.failed: list[str] = []
        self.signing_in: set[str] = set()

    def close(self) -> None:
        for context in self.contexts:
            context.close()

    def _watch(self, page: Any) -> None:
        def request(request: Any) -> None:
            self.requests.append(request.url)

        def navigated(frame: Any) -> None:
            if frame.parent_frame is None:
                self.loaded.append(_page_of(frame.url))

        def response(response: Any) -> None:
            if response.request.is_navigation_request() and response.status >= 400:
                self.failed.append(f"{response.status} {response.url}")

        page.on("request", request)
        page.on("framenavigated", navigated)
        page.on("response", response)

    def sign_in(self, user: Any) -> Any:
        """A new browser for `user`, signed in (by support.sign_in, which knows the steps) and
        on their home page. Axe checks the sign-in page and the home page; any step between
        them (a second factor, for the roles that need one) is the sign-in tests' to check."""
        context = self.browser.new_context(base_url=self.base_url)
        context.set_default_timeout(15_000)
        self.contexts.append(context)
        page = context.new_page()
        self._watch(page)
        page.goto("/accounts/login/")
        self.check(page, f"the sign-in page ({user.username})")
        before = len(self.loaded)
        sign_in(page, user.username)
        page.wait_for_url(f"{self.base_url}/")
        self.signing_in.update(self.loaded[before:])
        self.check(page, f"the home page of {user.username}")
        return page

    def check(self, page: Any, where: str) -> None:
        page.wait_for_load_state()
        assert not self.failed, f"A page failed to load: {self.failed}"
        assert_accessible(page, f"{where} ({urlsplit(page.url).path})")
        self.checked.add(_page_of(page.url))

    def go(
        self, page: Any, link: str, heading: str, *, role: str = "link", exact: bool = True
    ) -> None:
        """Follow a link (or a button that is a link) to the page with `heading`, and check it."""
        with page.expect_navigation():
            page.get_by_role(role, name=link, exact=exact).first.click()
        page.get_by_role("heading", name=heading, exact=True).first.wait_for()
        self.check(page, f"the page “{heading}”")

    def submit(self, page: Any, button: str, message: str) -> None:
        """Send the form, expect the success banner with `message`, and check where it lands."""
        with page.expect_navigation():
            page.get_by_role("button", name=button, exact=True).click()
        outcome = page.locator(".govuk-notification-banner--success, .govuk-error-summary").first
        outcome.wait_for()
        if "govuk-error-summary" in (outcome.get_attribute("class") or ""):
            self.check(page, f"the form refused with “{button}”")
            pytest.fail(f"{page.url} refused “{button}”: {outcome.inner_text()}", pytrace=False)
        banner = outcome.inner_text()
        assert message in banner, f"expected “{message}” in the banner, got: {banner}"
        self.check(page, f"the page after “{button}”")


def _page_of(url: str) -> str:
    """A URL without its fragment: moving within a page is not loading another."""
    return url.split("#", 1)[0]


def fill_date(page: Any, legend: str, when: datetime.date) -> None:
    group = page.get_by_role("group", name=legend, exact=True)
    group.get_by_label("Day").fill(str(when.day))
    group.get_by_label("Month").fill(str(when.month))
    group.get_by_label("Year").fill(str(when.year))


@pytest.fixture
def walk(browser: Any, live_server: Any) -> Iterator[Walk]:
    walking = Walk(browser, live_server.url)
    yield walking
    walking.close()


@pytest.fixture
def setting(settings: Any, officer: Any, responding_manager: Any, investigator: Any) -> Any:
    """Today pinned; the service complained about; the senior manager who adjudicates stage 2."""
    from redress.accounts.models import Role, User
    from redress.organisations.tests.factories import LocalityFactory, ServiceAreaFactory

    settings.REDRESS_TODAY = TODAY
    ServiceAreaFactory(name="Fostering", locality=LocalityFactory(name="North"))
    return User.objects.create_user(
        username="sally_senior",
        password=PASSWORD,
        first_name="Sally",
        last_name="Senior",
        role=Role.RESPONDING_MANAGER,
    )


def _continue(walk: Walk, page: Any, next_heading: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name=next_heading).first.wait_for()
    walk.check(page, f"the question page “{next_heading}”")


def record_the_complaint(walk: Walk, officer_page: Any) -> tuple[str, str]:
    """The complaints officer records the complaint, question page by question page. Returns
    its reference and its address."""
    page = officer_page
    page.goto("/complaints/")
    walk.check(page, "the complaints list")
    with page.expect_navigation():
        page.get_by_role("button", name="Record a complaint").or_(
            page.get_by_role("link", name="Record a complaint")
        ).first.click()
    page.get_by_role("heading", name="When and how was the complaint received?").wait_for()
    walk.check(page, "the received page")
    fill_date(page, "Date received", day("2025-02-03"))
    page.get_by_label("Email", exact=True).check()
    _continue(walk, page, "Who is making the complaint?")
    page.get_by_label("Someone not recorded yet").check()
    _continue(walk, page, "The complainant’s details")
    page.get_by_label("Full name").fill("Pat Walker")
    page.get_by_label("Letter").check()
    page.get_by_label("Address", exact=True).fill("1 High Street\nKingsmoor")
    _continue(walk, page, "Support the complainant needs")
    _continue(walk, page, "Who is making the complaint?")
    page.get_by_label("Parent", exact=True).check()
    _continue(walk, page, "Which children or young people")
    page.get_by_label("Their name").fill("Jo Walker")
    page.locator("#date_of_birth-day").fill("3")
    page.locator("#date_of_birth-month").fill("5")
    page.locator("#date_of_birth-year").fill("2012")
    with page.expect_navigation():
        page.get_by_role("button", name="Add this child").click()
    page.get_by_text("Jo Walker (born 3 May 2012)").wait_for()
    walk.check(page, "the children page with a child added")
    _continue(walk, page, "Is the complaint made on behalf of")
    page.get_by_label("Jo Walker").check()
    _continue(walk, page, "Advocacy")
    page.get_by_role("group", name="Was the complainant offered an advocate?").get_by_label(
        "Yes"
    ).check()
    page.get_by_label("No advocate").check()
    _continue(walk, page, "Which service is the complaint about?")
    page.get_by_label("Service area").select_option(label="Fostering")
    _continue(walk, page, "Reasons for complaint")
    for category, subcategory in [
        ("Staff Conduct", "Staff Conduct: Bias"),
        ("Delay", "Delay: Make a Decision"),
    ]:
        page.get_by_label("Category", exact=True).select_option(label=category)
        page.get_by_label("Sub-category").select_option(label=subcategory)
        with page.expect_navigation():
            page.get_by_role("button", name="Add this reason").click()
        page.locator("dd.govuk-summary-list__value", has_text=subcategory).wait_for()
        walk.check(page, f"the reasons page with {subcategory} added")
    _continue(walk, page, "About the complaint")
    page.get_by_label("What is the complaint about?").fill(
        "The fostering team did not decide on respite care for months."
    )
    page.get_by_label("What would put things right").fill("A decision and an apology.")
    _continue(walk, page, "Which procedure applies?")
    page.get_by_label("Statutory children's procedure").check()
    _continue(walk, page, "Check your answers before recording")
    with page.expect_navigation():
        page.get_by_role("button", name="Record the complaint").click()
    page.get_by_role("heading", name="Complaint recorded").wait_for()
    walk.check(page, "the confirmation page")
    reference = page.locator(".govuk-panel__body strong").inner_text()
    walk.go(page, f"View complaint {reference}", f"Complaint {reference}")
    return reference, urlsplit(page.url).path


def test_walk_one_complaint_from_recording_to_an_ombudsman_payment(
    walk, setting, officer, responding_manager, investigator
):
    sally = setting
    officer_page = walk.sign_in(officer)

    # -- Stage 1: recorded, allocated and acknowledged by the complaints officer ---------------
    reference, summary = record_the_complaint(walk, officer_page)
    stages = f"{summary}stages/"
    page = officer_page
    walk.go(page, "Stages", "Stages")
    walk.go(page, "Allocate who stage 1 is allocated to", "Allocate stage 1")
    page.get_by_label("Allocate to").select_option(label="Rita Tester (responding manager)")
    walk.submit(page, "Save", "Stage 1 allocated to Rita Tester")
    walk.go(page, "Acknowledge", "Acknowledge stage 1", role="button")
    fill_date(page, "Date acknowledged", day("2025-02-04"))
    walk.submit(page, "Record the acknowledgement", "Stage 1 acknowledged on 4 February 2025")

    # -- The responding manager finds the complaint in their work and answers it ---------------
    page = walk.sign_in(responding_manager)
    walk.go(page, reference, f"Complaint {reference}")
    walk.go(page, "Stages", "Stages")
    walk.go(page, "Record the findings at stage 1", "Findings at stage 1")
    page.get_by_label("Finding on: Staff Conduct / Bias").select_option(label="Upheld")
    page.get_by_label("Finding on: Delay / Make a Decision").select_option(label="Not upheld")
    walk.submit(page, "Save the findings", "Findings at stage 1 recorded")
    walk.go(page, "Record response", "Record the response to stage 1", role="button")
    fill_date(page, "Date of the response", day("2025-02-14"))
    page.get_by_label("Partially upheld").check()
    walk.submit(page, "Record the response", "Stage 1 response recorded: partially upheld")

    # -- Mediation, then the complainant asks for stage 2 ---------------------------------------
    page = officer_page
    page.goto(stages)
    walk.check(page, "the stages page after the stage 1 response")
    walk.go(page, "Offer mediation", "Offer mediation", role="button")
    page.get_by_label("Stage 1", exact=True).check()
    fill_date(page, "Date mediation was offered", day("2025-02-18"))
    page.get_by_label("Mediator (optional)").fill("Kingsmoor Mediation Service")
    walk.submit(page, "Offer mediation", "Mediation offered on 18 February 2025")
    walk.go(page, "Record the mediation meeting", "Record the mediation meeting")
    fill_date(page, "Date of the mediation meeting", day("2025-02-25"))
    walk.submit(page, "Record the meeting", "Mediation meeting held on 25 February 2025")
    walk.go(page, "Record what came of the mediation", "Record what came of the mediation")
    page.get_by_label("Escalated to the next stage").check()
    walk.submit(page, "Record the outcome", "Mediation outcome recorded: escalated to the next")
    walk.go(page, "Escalate to stage 2", "Escalate to stage 2", role="button")
    fill_date(page, "Date of the request", day("2025-03-03"))
    walk.submit(page, "Escalate the complaint", f"Complaint {reference} escalated to stage 2")

    # -- Stage 2: the investigation -------------------------------------------------------------
    walk.go(page, "Acknowledge", "Acknowledge stage 2", role="button")
    fill_date(page, "Date acknowledged", day("2025-03-04"))
    walk.submit(page, "Record the acknowledgement", "Stage 2 acknowledged on 4 March 2025")
    for role, account, name, message in [
        (
            "Investigating officer",
            "Ivan Tester (investigating officer or independent person)",
            "",
            "Ivan Tester appointed investigating officer to stage 2",
        ),
        (
            "Independent person",
            None,
            "Indira Independent",
            "Indira Independent appointed independent person to stage 2",
        ),
        (
            "Adjudicating officer",
            "Sally Senior (responding manager)",
            "",
            "Sally Senior appointed adjudicating officer to stage 2",
        ),
    ]:
        walk.go(page, "Appoint someone to stage 2", "Appoint someone to stage 2")
        page.get_by_label(role, exact=True).check()
        if account:
            page.get_by_label("Their Redress account").select_option(label=account)
        if name:
            page.get_by_label("Their name").fill(name)
        fill_date(page, "Date appointed", day("2025-03-05"))
        walk.submit(page, "Appoint", message)
    walk.go(page, "Allocate who stage 2 is allocated to", "Allocate stage 2")
    page.get_by_label("Allocate to").select_option(label="Sally Senior (responding manager)")
    walk.submit(page, "Save", "Stage 2 allocated to Sally Senior")
    walk.go(page, "Record the statement of complaint", "Record the statement of complaint")
    fill_date(page, "Date the statement was agreed", day("2025-03-07"))
    walk.submit(page, "Record the statement", "Statement of complaint agreed on 7 March 2025")
    walk.go(
        page,
        "Change the reasons for complaint at stage 2",
        "Reasons for complaint at stage 2",
    )
    walk.go(page, "Carry over the reasons from stage 1", "Carry over the reasons from stage 1")
    walk.submit(page, "Carry over the reasons", "2 reasons carried over from stage 1")

    # The investigating officer, appointed with their own account, records the findings.
    page = walk.sign_in(investigator)
    walk.go(page, reference, f"Complaint {reference}")
    walk.go(page, "Stages", "Stages")
    walk.go(page, "Record the findings at stage 2", "Findings at stage 2")
    page.get_by_label("Finding on: Staff Conduct / Bias").select_option(label="Upheld")
    page.get_by_label("Finding on: Delay / Make a Decision").select_option(label="Partially upheld")
    walk.submit(page, "Save the findings", "Findings at stage 2 recorded")

    page = officer_page
    page.goto(stages)
    walk.check(page, "the stages page after the investigating officer's findings")
    for link, heading, legend, when, button, message in [
        (
            "Record the investigating officer's report",
            "Record the investigating officer's report",
            "Date the report was received",
            day("2025-03-28"),
            "Record the report",
            "The investigating officer's report was received on 28 March 2025",
        ),
        (
            "Record the independent person's report",
            "Record the independent person's report",
            "Date the report was received",
            day("2025-03-31"),
            "Record the report",
            "The independent person's report was received on 31 March 2025",
        ),
        (
            "Record the adjudication",
            "Record the adjudication",
            "Date of the adjudication",
            day("2025-04-02"),
            "Record the adjudication",
            "Adjudication recorded on 2 April 2025",
        ),
    ]:
        walk.go(page, link, heading)
        fill_date(page, legend, when)
        walk.submit(page, button, message)

    # The adjudicating officer, allocated stage 2, sends the response.
    page = walk.sign_in(sally)
    walk.go(page, reference, f"Complaint {reference}")
    walk.go(page, "Record response", "Record the response to stage 2", role="button")
    fill_date(page, "Date of the response", day("2025-04-03"))
    page.get_by_label("Partially upheld", exact=True).check()
    walk.submit(page, "Record the response", "Stage 2 response recorded: partially upheld")

    # -- Stage 3: the review panel --------------------------------------------------------------
    page = officer_page
    page.goto(stages)
    walk.check(page, "the stages page after the stage 2 response")
    walk.go(page, "Escalate to stage 3", "Escalate to stage 3", role="button")
    fill_date(page, "Date of the request", day("2025-04-14"))
    walk.submit(page, "Escalate the complaint", f"Complaint {reference} escalated to stage 3")
    walk.go(page, "Acknowledge", "Acknowledge stage 3", role="button")
    fill_date(page, "Date acknowledged", day("2025-04-15"))
    walk.submit(page, "Record the acknowledgement", "Stage 3 acknowledged on 15 April 2025")
    for role, name in [
        ("Review panel chair", "Priya Chair"),
        ("Review panel member", "Martin Member"),
        ("Review panel member", "Nadia Member"),
    ]:
        walk.go(
            page, "Appoint a member of the review panel", "Appoint a member of the review panel"
        )
        page.get_by_label(role, exact=True).check()
        page.get_by_label("Their name").fill(name)
        fill_date(page, "Date appointed", day("2025-04-16"))
        walk.submit(page, "Appoint", f"{name} appointed {role.lower()} to stage 3")
    walk.go(page, "Record the date the panel met", "Record the review panel")
    fill_date(page, "Date the panel met", day("2025-05-08"))
    walk.submit(page, "Record the panel", "The review panel met on 8 May 2025")
    walk.go(page, "Record the panel's report", "Record the panel's report")
    fill_date(page, "Date the chair's report was received", day("2025-05-13"))
    page.get_by_label("The panel's recommendations").fill(
        "Decide on respite care within 10 working days.\nApologise in writing."
    )
    walk.submit(page, "Record the report", "The panel's report was received on 13 May 2025")
    walk.go(
        page,
        "Record the authority's response",
        "Record the authority's response to the review panel",
        role="button",
    )
    fill_date(page, "Date of the response", day("2025-05-30"))
    page.get_by_label("Upheld", exact=True).check()
    walk.submit(
        page,
        "Record the response",
        "The authority's response to the review panel recorded: upheld",
    )

    # -- The Ombudsman ---------------------------------------------------------------------------
    walk.go(page, "Summary", "Summary")
    walk.go(page, "Record an Ombudsman enquiry", "Record an Ombudsman enquiry")
    page.get_by_label("Ombudsman's reference").fill("25 001 234")
    fill_date(page, "Date the enquiry was received", day("2025-06-02"))
    fill_date(page, "Date our response is due", day("2025-06-30"))
    walk.submit(page, "Record the enquiry", "Ombudsman enquiry 25 001 234 recorded")
    walk.go(page, "Record our response", "Record our response", role="button")
    fill_date(page, "Date our response was sent", day("2025-06-20"))
    walk.submit(page, "Record the response", "Response to the Ombudsman recorded")
    walk.go(page, "Record the decision", "Record the Ombudsman's decision", role="button")
    page.get_by_label("Investigated: fault found").check()
    fill_date(page, "Date of the decision", day("2025-07-10"))
    page.get_by_label("Recommendations (optional)").fill("Apologise and pay £250.")
    fill_date(page, "Date the remedies must be complied with (optional)", day("2025-07-24"))
    walk.submit(page, "Record the decision", "Ombudsman's decision recorded")
    walk.go(page, "Add a remedy", "Add a remedy", role="button")
    page.get_by_label("Apology", exact=True).check()
    page.get_by_label("Details (optional)").fill("A written apology from the director")
    fill_date(page, "Date it is due (optional)", day("2025-07-24"))
    walk.submit(page, "Add the remedy", "Remedy added: apology")
    walk.go(page, "Record compliance", "Record that a remedy was complied with", exact=False)
    fill_date(page, "Date it was complied with", day("2025-07-18"))
    page.get_by_label("Evidence of compliance").fill("Letter of apology sent 18 July 2025")
    walk.submit(page, "Record compliance", "Remedy complied with")
    walk.go(page, "Record a payment", "Record a payment", role="button")
    fill_date(page, "Date paid", day("2025-07-21"))
    assert page.get_by_label("Ombudsman", exact=True).is_checked()
    assert page.get_by_label("Ombudsman enquiry").input_value() != ""
    page.get_by_label("Kind of payment").select_option(label="Compensation or financial remedy")
    page.get_by_label("Amount", exact=True).fill("250.00")
    page.get_by_label("Description (optional)").fill("For the time and trouble")
    walk.submit(page, "Record the payment", "Payment of £250.00 recorded")
    payments = page.get_by_role("region", name="Payments for this enquiry")
    assert "£250.00" in payments.inner_text()

    # -- The end state, read from the complaint's pages ------------------------------------------
    walk.go(page, reference, f"Complaint {reference}")
    assert "Stage 3 (review panel): Closed: Upheld" in page.locator("main").inner_text()
    rows = page.get_by_role("region", name="Stages of this complaint").locator("tbody tr")
    stages_shown = [
        [cell.strip() for cell in rows.nth(i).locator("td").all_inner_texts()]
        for i in range(rows.count())
    ]
    assert [(row[0], row[3], row[4]) for row in stages_shown] == [
        ("Stage 1: local resolution", "14 Feb 2025", "Closed: Partially upheld"),
        ("Stage 2: investigation", "3 Apr 2025", "Closed: Partially upheld"),
        ("Stage 3: review panel", "30 May 2025", "Closed: Upheld"),
    ], stages_shown
    enquiry_row = page.get_by_role("region", name="Ombudsman enquiries").locator("tbody tr")
    assert [c.strip() for c in enquiry_row.locator("td").all_inner_texts()] == [
        "25 001 234",
        "2 Jun 2025",
        "Investigated: fault found",
        "10 Jul 2025",
        "Apology",
    ]

    walk.go(page, "Stages", "Stages")
    stage3 = page.get_by_role("region", name=re.compile(r"^Stage 3\b")).first.inner_text()
    for shown in (
        "Upheld",
        "Priya Chair",
        "Martin Member",
        "Nadia Member",
        "Apologise in writing.",
    ):
        assert shown in stage3, f"stage 3 does not show “{shown}”"

    walk.go(page, "Timeline", "Timeline")
    entries = page.locator(".moj-timeline__item")

    def entry(title: str) -> str:
        found = entries.filter(has=page.get_by_role("heading", name=title, exact=True))
        assert found.count() == 1, f"the timeline has {found.count()} “{title}” entries"
        return found.inner_text()

    assert "Rita Tester" in entry("Stage 1 responded to")
    assert "Sally Senior" in entry("Stage 2 responded to")
    assert "Upheld" in entry("Stage 3 responded to")
    assert "Ombudsman's reference: 25 001 234" in entry("Ombudsman enquiry recorded")
    assert "Letter of apology sent 18 July 2025" in entry("Ombudsman remedy complied with")
    payment = entry("Payment recorded")
    assert "Enquiry: 25 001 234" in payment
    assert "Amount: £250.00" in payment
    assert entries.first.inner_text().startswith("Payment recorded")  # the latest event

    walk.go(page, "Payments and learning", "Payments and learning")
    payment_row = page.get_by_role("region", name="Payments").locator("tbody tr").first
    assert [c.strip() for c in payment_row.locator("td").all_inner_texts()][:5] == [
        "21 Jul 2025",
        "Ombudsman: 25 001 234",
        "Compensation or financial remedy",
        "For the time and trouble",
        "£250.00",
    ]

    # -- Nothing went through /admin/, and axe saw every page anyone loaded ----------------------
    admin = [url for url in walk.requests if urlsplit(url).path.startswith("/admin")]
    assert not admin, f"The walk went to the admin site: {admin}"
    unchecked = sorted(set(walk.loaded) - walk.checked - walk.signing_in - {"about:blank"})
    assert not unchecked, f"Pages loaded but not checked with axe: {unchecked}"
    assert not walk.failed, f"Pages that failed to load: {walk.failed}"
