"""Referring a child who complains to the authority's advocacy provider: recorded once, dated
neither in the future nor before the complaint, sent through the notifications service with
only what the provider needs (never what the complaint says), audited, and refused with
nothing written when there is no child or no provider. Today is Monday 10 January 2022."""

import pytest

from redress.complaints.services import complaint_refer_advocacy
from redress.complaints.services.advocacy import advocacy_child
from redress.core import config
from redress.notifications.models import Kind, Message
from redress.people.tests.factories import PersonFactory
from redress.procedures import rules

from .helpers import D, complaint_with, nothing_written, only_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider():
    config.set_value("advocacy_provider_name", "Coram Voice", by=None)
    config.set_value("advocacy_provider_email", "referrals@advocacy.example", by=None)
    config.set_value("complaints_phone", "0121 000 0000", by=None)


@pytest.fixture
def childs_complaint():
    child = PersonFactory(name="Amara Okafor", date_of_birth=D("2009-03-02"), phone="07700 900123")
    return complaint_with(
        {"received_date": D("2022-01-04")},
        complainant=child,
        complainant_type="child_young_person",
        summary="My social worker never rings me back about contact with my brother.",
    )


def test_records_the_referral_and_the_offer_and_sends_it(provider, childs_complaint, officer):
    version = childs_complaint.version
    referred = complaint_refer_advocacy(
        complaint=childs_complaint, referred_on=D("2022-01-07"), by=officer
    )
    assert (referred.advocacy_offered, referred.advocacy_referred_on) == (True, D("2022-01-07"))
    assert referred.version == version + 1
    event = only_event("complaint.advocacy_refer")
    assert (event.actor, event.complaint, event.after) == (
        officer,
        referred,
        {"advocacy_offered": True, "advocacy_referred_on": "2022-01-07"},
    )
    message = Message.objects.get(kind=Kind.ADVOCACY_REFERRAL)
    assert (message.to, message.complaint, message.subject) == (
        "referrals@advocacy.example",
        referred,
        f"Advocacy referral: {referred.reference}",
    )
    assert "First name: Amara\n" in message.body
    assert "Age: 12\n" in message.body  # on 7 January 2022, born 2 March 2009
    assert "Referred on: 7 January 2022" in message.body
    assert "0121 000 0000" in message.body
    # Nothing the complaint says, nor the child's surname or contact details.
    for private in ("social worker", "brother", "Okafor", "07700"):
        assert private not in message.body


def test_refers_today_when_no_date_is_given(provider, childs_complaint, officer):
    referred = complaint_refer_advocacy(complaint=childs_complaint, by=officer)
    assert referred.advocacy_referred_on == D("2022-01-10")


def test_an_age_band_where_no_date_of_birth_is_known(provider, officer):
    child = PersonFactory(name="Sam", date_of_birth=None, age_band="10-15")
    complaint = complaint_with(complainant=child, complainant_type="child_young_person")
    complaint_refer_advocacy(complaint=complaint, by=officer)
    assert "Age: 10 to 15\n" in Message.objects.get().body


def test_a_parents_complaint_refers_the_child_it_is_made_for(provider, officer):
    parent = PersonFactory(name="Grace Obi")
    child = PersonFactory(name="Tobi Obi", date_of_birth=D("2012-01-01"))
    complaint = complaint_with(complainant=parent, complainant_type="parent", on_behalf_of=child)
    assert advocacy_child(complaint) == child
    complaint_refer_advocacy(complaint=complaint, by=officer)
    assert "First name: Tobi\n" in Message.objects.get().body


@pytest.mark.parametrize(
    ("referred_on", "rule", "message"),
    [
        ("2022-01-11", rules.AdvocacyReferralInFuture, "The referral date, 11 January 2022, is"),
        ("2022-01-03", rules.AdvocacyReferralBeforeReceived, "before the complaint was received"),
    ],
)
def test_refuses_a_date_out_of_bounds(provider, childs_complaint, officer, referred_on, rule,
                                      message):  # fmt: skip
    with nothing_written(childs_complaint), pytest.raises(rule, match=message) as raised:
        complaint_refer_advocacy(complaint=childs_complaint, referred_on=D(referred_on), by=officer)
    assert raised.value.field == "referred_on"
    assert not Message.objects.exists()


def test_refuses_a_second_referral(provider, childs_complaint, officer):
    complaint_refer_advocacy(complaint=childs_complaint, referred_on=D("2022-01-05"), by=officer)
    childs_complaint.refresh_from_db()
    with (
        nothing_written(childs_complaint),
        pytest.raises(
            rules.AdvocacyAlreadyReferred, match="already referred for advocacy on 5 January 2022"
        ),
    ):
        complaint_refer_advocacy(complaint=childs_complaint, by=officer)
    assert Message.objects.count() == 1


def test_refuses_without_a_child_on_the_record(provider, officer):
    complaint = complaint_with(complainant=PersonFactory(), complainant_type="parent")
    with nothing_written(complaint), pytest.raises(rules.AdvocacyNoChild):
        complaint_refer_advocacy(complaint=complaint, by=officer)


def test_refuses_without_a_providers_address(childs_complaint, officer):
    with (
        nothing_written(childs_complaint),
        pytest.raises(rules.AdvocacyProviderNotSet, match="Advocacy provider's referral address"),
    ):
        complaint_refer_advocacy(complaint=childs_complaint, by=officer)
    assert not Message.objects.exists()
