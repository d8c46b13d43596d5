"""The survey in Chromium, as a member of the public with the link from their email: axe finds
no WCAG 2.2 AA problem on any of its pages (the questions, the errors, the thanks, a link that is
not valid), nothing scrolls sideways at 320 px, and it is answered with JavaScript turned off."""

import pytest

from redress.core.tests.browser.support import assert_accessible
from redress.surveys.models import Survey

from ..conftest import closed_complaint, latest_token

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _fits(page, what):
    page.set_viewport_size({"width": 320, "height": 640})
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 320, f"{what} is {width} px wide at 320 px"
    page.set_viewport_size({"width": 1024, "height": 800})


def test_a_complainant_answers_the_survey(page):
    complaint = closed_complaint(reference="CSC-2021-00042")
    link = f"/survey/{latest_token(complaint)}/"
    page.goto(link)
    page.get_by_role("heading", name="Tell us how we handled your complaint").wait_for()
    assert page.get_by_text("Complaint CSC-2021-00042").is_visible()
    assert page.get_by_role("link", name="Sign out").count() == 0
    assert_accessible(page, "the survey")
    _fits(page, "the survey")

    page.get_by_role("group", name="Did we listen to you?").get_by_label("Partly").check()
    page.get_by_label("Is there anything else you want to tell us?").fill("The letter was clear.")
    page.get_by_role("button", name="Send your answers").click()
    page.get_by_text("There is a problem").wait_for()
    assert_accessible(page, "the survey with errors")
    # What was given is kept.
    assert (
        page.get_by_role("group", name="Did we listen to you?").get_by_label("Partly").is_checked()
    )
    assert page.get_by_label("Is there anything else").input_value() == "The letter was clear."
    page.get_by_role("link", name="Select if you would feel able to complain again").click()

    for question in (
        "Did you understand the outcome of your complaint?",
        "Were you kept informed while we looked into it?",
        "Would you feel able to complain again?",
    ):
        page.get_by_role("group", name=question).get_by_label("Yes").check()
    page.get_by_role("button", name="Send your answers").click()
    page.get_by_role("heading", name="Thank you for your answers").wait_for()
    assert_accessible(page, "the thanks")
    survey = Survey.objects.get()
    assert (survey.listened, survey.complain_again, survey.comment) == (
        "partly",
        "yes",
        "The letter was clear.",
    )

    page.goto(link)
    page.get_by_role("heading", name="This link is not valid").wait_for()
    assert_accessible(page, "a used link")
    _fits(page, "a used link")


def test_the_survey_works_without_javascript(no_js_page):
    page = no_js_page
    complaint = closed_complaint()
    page.goto(f"/survey/{latest_token(complaint)}/")
    for question in (
        "Did we listen to you?",
        "Did you understand the outcome of your complaint?",
        "Were you kept informed while we looked into it?",
        "Would you feel able to complain again?",
    ):
        page.get_by_role("group", name=question).get_by_label("No").check()
    page.get_by_role("button", name="Send your answers").click()
    page.get_by_role("heading", name="Thank you for your answers").wait_for()
    assert Survey.objects.get().kept_informed == "no"


def test_the_team_sees_the_answers_and_sends_the_survey_again(page, officer):
    from redress.core.tests.browser.support import sign_in
    from redress.surveys import services

    answered = closed_complaint(reference="CSC-2021-00051")
    services.survey_answer(
        token=latest_token(answered),
        answers=dict.fromkeys(("listened", "outcome_understood", "kept_informed"), "yes")
        | {"complain_again": "partly"},
        comment="Thank you for listening.",
    )
    waiting = closed_complaint(reference="CSC-2021-00052", email="sam@example.org")
    sign_in(page, officer.username)
    page.goto(f"/complaints/{answered.pk}/")
    page.get_by_role("heading", name="Satisfaction survey").wait_for()
    assert page.get_by_text("Thank you for listening.").is_visible()
    assert_accessible(page, "a complaint's summary with its survey answered")
    page.goto(f"/complaints/{waiting.pk}/")
    page.get_by_role("link", name="Send the survey again").click()
    page.get_by_role("heading", name="Send the satisfaction survey").wait_for()
    assert_accessible(page, "sending the survey again")
    page.get_by_role("button", name="Send the survey again").click()
    page.get_by_text("Satisfaction survey sent to the complainant of CSC-2021-00052").wait_for()
    assert Survey.objects.get(complaint=waiting).sends == 2
