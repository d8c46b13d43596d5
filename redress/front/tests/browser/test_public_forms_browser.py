"""Each public form in Chromium as a new user meets it, from the public start page, with and
without JavaScript: every page (the start, each question, a page with errors, check your
answers, the confirmation) has no WCAG 2.2 AA problem axe can find, nothing of the staff pages
shows, and what is sent waits in triage."""

from __future__ import annotations

from typing import Any

import pytest

from redress.core.tests.browser.support import assert_accessible
from redress.front.models import Submission
from redress.organisations.tests.factories import ServiceAreaFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Per form: the start page's link, then each page's steps: ("fill", label, text),
# ("choose", group, option) or ("date", group, "d m yyyy").
FORMS: dict[str, tuple[str, list[list[tuple[str, str, str]]]]] = {
    "complaint": (
        "Make a complaint",
        [
            [("choose", "Which service is it about?", "Children in need")],
            [("fill", "What happened?", "Nobody came to the review meeting.")],
            [("fill", "What would put things right?", "A new date for the meeting.")],
            [("choose", "Are you complaining for a child or young person?", "Yes")],
            [("choose", "Who are you?", "Parent")],
            [
                ("fill", "Their full name", "Theo Example"),
                ("date", "Their date of birth (optional)", "17 5 2014"),
            ],
            [
                ("fill", "Full name", "Marcia Example"),
                ("fill", "Email address (optional)", "marcia@example.org"),
                ("choose", "How would you like us to contact you?", "Email"),
            ],
            [("choose", "Would you like an advocate?", "Yes, please ask the advocacy service")],
        ],
    ),
    "child_complaint": (
        "I am a child or young person and I want to complain",
        [
            [("fill", "Who or what is it about?", "My foster home")],
            [("fill", "What happened?", "I was moved and nobody asked me.")],
            [("fill", "What would make it better?", "Someone to listen to me.")],
            [("fill", "What is your name?", "Kayla"), ("choose", "How old are you?", "10 to 15")],
            [
                ("choose", "How should we get in touch?", "Send me a text"),
                ("fill", "Your phone number", "07700 900456"),
            ],
            [("choose", "Would you like an advocate?", "Yes, please")],
        ],
    ),
    "compliment": (
        "Say thank you",
        [
            [
                ("choose", "Which service?", "Children in need"),
                ("fill", "The worker’s name (optional)", "Asha"),
            ],
            [("fill", "What did they do?", "Asha always called back.")],
            [("choose", "May we name the worker when we share your thanks?", "Yes")],
            [("choose", "Who are you?", "Foster carer")],
        ],
    ),
    "feedback": (
        "I am a child or young person and I want to tell you something",
        [
            [("fill", "What do you want to tell us about?", "Meetings about me")],
            [("fill", "What do you want to tell us?", "My meetings are in class time.")],
            [("fill", "What would make it better? (optional)", "After school.")],
            [
                ("choose", "Do you feel we listen to you?", "A bit"),
                ("choose", "Do you know you can have an advocate?", "No"),
                ("choose", "Did an advocate help you fill this in?", "No"),
            ],
        ],
    ),
}


def _do(page: Any, step: tuple[str, str, str]) -> None:
    how, label, value = step
    if how == "fill":
        page.get_by_label(label, exact=True).fill(value)
    elif how == "choose":
        page.get_by_role("group", name=label).get_by_label(value).check()
    else:
        group = page.get_by_role("group", name=label)
        for box, part in zip(("Day", "Month", "Year"), value.split(), strict=True):
            group.get_by_label(box).fill(part)


def _complete(page: Any, kind: str, *, check_each: bool) -> str:
    link, pages = FORMS[kind]
    page.goto("/public/")
    page.get_by_role("heading", name="Complain, compliment or tell us something").wait_for()
    if check_each:
        assert_accessible(page, "the public start page")
    page.get_by_role("link", name=link).click()
    page.get_by_role("button", name="Start now").wait_for()
    if check_each:
        assert_accessible(page, f"{kind}: start")
    page.get_by_role("button", name="Start now").click()
    for number, steps in enumerate(pages, start=1):
        page.get_by_role("button", name="Continue").wait_for()
        if number == 1:
            page.get_by_role("button", name="Continue").click()  # nothing given: the errors
            page.get_by_text("There is a problem").wait_for()
            if check_each:
                assert_accessible(page, f"{kind}: page {number} with errors")
        elif check_each:
            assert_accessible(page, f"{kind}: page {number}")
        assert page.get_by_role("link", name="Sign out").count() == 0
        for step in steps:
            _do(page, step)
        page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="Check your answers").wait_for()
    if check_each:
        assert_accessible(page, f"{kind}: check your answers")
    page.locator("form#main-form button").click()
    page.get_by_role("heading", name="Sent").wait_for()
    if check_each:
        assert_accessible(page, f"{kind}: sent")
    return page.locator(".govuk-panel__body strong").inner_text()


@pytest.mark.parametrize("kind", list(FORMS))
def test_each_public_form_with_javascript(page, kind):
    ServiceAreaFactory(name="Children in need")
    reference = _complete(page, kind, check_each=True)
    submission = Submission.objects.get()
    assert (submission.reference, submission.kind, submission.status) == (
        reference,
        kind,
        "waiting",
    )


@pytest.mark.parametrize("kind", list(FORMS))
def test_each_public_form_without_javascript(no_js_page, kind):
    ServiceAreaFactory(name="Children in need")
    reference = _complete(no_js_page, kind, check_each=False)
    assert "js-enabled" not in (no_js_page.locator("body").get_attribute("class") or "")
    assert Submission.objects.get().reference == reference
