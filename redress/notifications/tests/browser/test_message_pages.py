"""The pages of messages in Chromium: axe finds no WCAG 2.2 AA problem, nothing scrolls
sideways at 320 px; someone turns their reminders off from the footer's link, and the complaints
manager tries a failed message again."""

import pytest

from redress.complaints.tests.factories import ComplaintFactory
from redress.core.tests.browser.support import assert_accessible, sign_in
from redress.notifications.models import Kind, Message, State

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _fits(page, what):
    page.set_viewport_size({"width": 320, "height": 640})
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 320, f"{what} is {width} px wide at 320 px"
    page.set_viewport_size({"width": 1024, "height": 800})


def test_someone_turns_their_reminders_off(page, officer):
    sign_in(page, officer.username)
    page.get_by_role("link", name="Your reminders").click()
    page.get_by_role("heading", name="Your reminders").wait_for()
    assert_accessible(page, "your reminders")
    _fits(page, "your reminders")
    page.get_by_label("No reminders").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Your reminders are saved").wait_for()
    assert page.get_by_label("No reminders").is_checked()
    officer.refresh_from_db()
    assert officer.reminders == "none"


def test_the_manager_tries_a_failed_message_again(page, manager, settings):
    complaint = ComplaintFactory(reference="CSC-2021-00077")
    message = Message.objects.create(
        complaint=complaint,
        kind=Kind.STAGE_OVERDUE,
        subject="Stage 1 of complaint CSC-2021-00077: overdue",
        body="Stage 1 of complaint CSC-2021-00077 was due on 21 June 2021.",
        to="rita.responder.with.a.long.address@childrens-services.council.example",
        state=State.FAILED,
        attempts=5,
        last_error="SMTPServerDisconnected: Connection unexpectedly closed",
    )
    sign_in(page, manager.username)
    page.get_by_role("link", name="1 message not sent").click()
    page.get_by_role("heading", name="Messages not sent").wait_for()
    assert_accessible(page, "the messages not sent")
    _fits(page, "the messages not sent")
    page.get_by_role("button", name=f"Try again message {message.pk}").click()
    page.get_by_text(f"Message {message.pk}: sent").wait_for()
    page.get_by_text("Every message has been sent.").wait_for()
    assert_accessible(page, "the messages not sent, none left")
