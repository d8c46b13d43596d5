"""Referring a child for advocacy from the complaint's summary: the complaints team's page,
showing what the provider will be sent, calling the service, a broken rule shown at the date
with what was typed kept, and the summary saying when the referral was made. Today is Monday
21 June 2021 (see conftest)."""

import html

import pytest
from django.urls import reverse

from redress.core import config
from redress.core.models import AuditEvent
from redress.notifications.models import Kind, Message

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider():
    config.set_value("advocacy_provider_name", "Coram Voice", by=None)
    config.set_value("advocacy_provider_email", "referrals@advocacy.example", by=None)


def _url(complaint):
    return reverse("complaints:advocacy_refer", args=[complaint.pk])


def _date(day, month, year):
    return {"referred_on-day": str(day), "referred_on-month": str(month), "referred_on-year": year}


def test_the_summary_offers_the_referral_to_the_team_only(
    officer_client, responding_manager_client, caseload
):
    summary = reverse("complaints:summary", args=[caseload.escalated.pk])
    page = officer_client.get(summary).content.decode()
    assert "Referred for advocacy" in page
    assert _url(caseload.escalated) in page
    page = responding_manager_client.get(summary).content.decode()
    assert "Referred for advocacy" in page
    assert _url(caseload.escalated) not in page
    assert responding_manager_client.get(_url(caseload.escalated)).status_code == 403
    assert responding_manager_client.get(_url(caseload.due_today)).status_code == 404


def test_refer_a_child_shows_the_message_then_sends_it(officer_client, caseload, provider):
    complaint = caseload.overdue  # from a child
    page = officer_client.get(_url(complaint)).content.decode()
    assert "Refer for advocacy" in page
    assert "Coram Voice (referrals@advocacy.example)" in page
    assert f"Our reference: {complaint.reference}" in page
    response = officer_client.post(_url(complaint), _date(18, 6, "2021"), follow=True)
    page = response.content.decode()
    assert "Referred to Coram Voice on 18 June 2021: the referral has been sent" in page
    assert "On 18 June 2021" in page  # the summary's row
    complaint.refresh_from_db()
    assert (complaint.advocacy_referred_on.isoformat(), complaint.advocacy_offered) == (
        "2021-06-18",
        True,
    )
    assert Message.objects.get(kind=Kind.ADVOCACY_REFERRAL).to == "referrals@advocacy.example"
    assert AuditEvent.objects.filter(action="complaint.advocacy_refer").count() == 1
    assert _url(complaint) not in page  # referred once: the summary no longer offers it


def test_a_date_in_the_future_is_shown_at_the_date_and_kept(officer_client, caseload, provider):
    page = officer_client.post(_url(caseload.overdue), _date(22, 6, "2021")).content.decode()
    assert "The referral date, 22 June 2021, is in the future." in page
    assert 'href="#referred_on-day"' in page or 'href="#referred_on"' in page
    assert 'value="22"' in page
    caseload.overdue.refresh_from_db()
    assert caseload.overdue.advocacy_referred_on is None
    assert not Message.objects.exists()


def test_a_date_that_is_not_a_date_is_refused(officer_client, caseload, provider):
    page = officer_client.post(_url(caseload.overdue), _date(31, 2, "2021")).content.decode()
    assert "There is a problem" in page
    assert not Message.objects.exists()


def test_without_a_provider_the_page_says_what_to_set(officer_client, caseload):
    page = officer_client.get(_url(caseload.overdue)).content.decode()
    assert "No advocacy provider’s referral address is set" in page
    assert "Send the referral" not in page  # no form to fill in for nothing
    page = officer_client.post(_url(caseload.overdue), _date(18, 6, "2021")).content.decode()
    assert "No advocacy provider's referral address is set." in html.unescape(page)
    assert not Message.objects.exists()


def test_once_referred_the_page_says_when_and_offers_no_form(officer_client, caseload, provider):
    officer_client.post(_url(caseload.overdue), _date(18, 6, "2021"))
    page = officer_client.get(_url(caseload.overdue)).content.decode()
    assert "Already referred to Coram Voice on 18 June 2021." in page
    assert "Send the referral" not in page
    page = html.unescape(
        officer_client.post(_url(caseload.overdue), _date(21, 6, "2021")).content.decode()
    )
    assert "was already referred for advocacy on 18 June 2021." in page  # a stale form's post
    assert Message.objects.filter(kind=Kind.ADVOCACY_REFERRAL).count() == 1
