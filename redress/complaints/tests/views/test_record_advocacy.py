"""Referring a child for advocacy while recording a complaint, or when correcting one that has
not been referred: the advocacy question's last answer, shown on the check page, sent through
the referral service with the complaint, and refused with nothing written when it cannot be
sent. Seen on Monday 21 June 2021."""

import html

import pytest

from redress.complaints.models import Complaint
from redress.core import config
from redress.notifications.models import Kind, Message
from redress.people.models import Person

from .test_record import (  # the journey's helpers
    _change,
    _change_check,
    _change_page,
    _check,
    _errors,
    _page,
    _post,
    _walk_to_check,
    places,  # noqa: F401 (a fixture)
)

pytestmark = pytest.mark.django_db
ADVOCACY = {
    "advocacy_offered": "yes",
    "advocate": "none",
    "advocate_name": "",
    "advocate_organisation": "",
}


@pytest.fixture
def provider():
    config.set_value("advocacy_provider_name", "Coram Voice", by=None)
    config.set_value("advocacy_provider_email", "referrals@advocacy.example", by=None)


def _refer_in_journey(client, places):  # noqa: F811
    key = _walk_to_check(client, places)
    client.get(_check(key))  # a change from the check page returns to it
    _post(client, key, "advocacy", {**ADVOCACY, "refer": "yes"}, to="check")
    return key


def test_recording_with_a_referral_refers_the_child(officer_client, caseload, places, provider):  # noqa: F811
    key = _refer_in_journey(officer_client, places)
    page = officer_client.get(_check(key)).content.decode()
    assert "Refer to the advocacy provider now" in page
    officer_client.post(_check(key))
    complaint = Complaint.objects.get(summary="No reply to three emails.")
    assert (complaint.advocacy_offered, str(complaint.advocacy_referred_on)) == (True, "2021-06-21")
    message = Message.objects.get(kind=Kind.ADVOCACY_REFERRAL)
    assert "First name: Jo\n" in message.body  # the child it is made on behalf of
    assert "No reply" not in message.body


def test_a_referral_without_the_offer_is_refused_on_the_page(officer_client, caseload, places):  # noqa: F811
    key = _walk_to_check(officer_client, places)
    response = officer_client.post(
        _page(key, "advocacy"), {**ADVOCACY, "advocacy_offered": "no", "refer": "yes"}
    )
    assert _errors(response) == [
        "A child referred for advocacy has been offered an advocate: select yes for the offer, "
        "or do not refer them"
    ]


def test_a_referral_with_no_provider_set_leaves_nothing_behind(officer_client, caseload, places):  # noqa: F811
    key = _refer_in_journey(officer_client, places)
    people = Person.objects.count()
    page = html.unescape(officer_client.post(_check(key)).content.decode())
    assert "No advocacy provider's referral address is set." in page
    assert f'href="{_page(key, "advocacy")}"' in page
    assert not Complaint.objects.filter(summary="No reply to three emails.").exists()
    assert Person.objects.count() == people
    assert not Message.objects.exists()


def test_correcting_a_complaint_can_refer_it_once(officer_client, caseload, provider):
    complaint = caseload.overdue  # from a child
    key = _change(officer_client, complaint)
    url = _change_page(complaint, key, "advocacy")
    assert 'name="refer"' in officer_client.get(url).content.decode()
    response = officer_client.post(url, {**ADVOCACY, "refer": "yes"})
    assert response.url == _change_check(complaint, key)
    officer_client.post(_change_check(complaint, key))
    complaint.refresh_from_db()
    assert str(complaint.advocacy_referred_on) == "2021-06-21"
    # Corrected again: the referral is shown, not asked again, and not sent twice.
    key = _change(officer_client, complaint)
    page = officer_client.get(_change_page(complaint, key, "advocacy")).content.decode()
    assert "Referred to the advocacy provider on 21 June 2021." in page
    officer_client.post(_change_page(complaint, key, "advocacy"), {**ADVOCACY, "refer": "yes"})
    officer_client.post(_change_check(complaint, key))
    assert Message.objects.filter(kind=Kind.ADVOCACY_REFERRAL).count() == 1
