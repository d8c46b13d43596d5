"""The organisation that handles an enquiry, where several share the procedure (a trust and its
council): asked for when an enquiry is recorded, changed from the enquiry's page, audited, and
never asked for where there is only one organisation."""

from html import unescape

import pytest
from django.urls import reverse

from redress.core.models import AuditEvent
from redress.ombudsman.models import Enquiry
from redress.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _url(name, *args):
    return reverse(f"ombudsman:{name}", args=args)


def _received(day=29, month=11, year=2021):
    return {"received_on-day": day, "received_on-month": month, "received_on-year": year}


@pytest.fixture
def shared():
    """A children's trust and its council sharing the procedure."""
    trust = OrganisationFactory(name="Sandwell Children's Trust", kind="trust")
    council = OrganisationFactory(name="Sandwell Council")
    return trust, council


# -- one organisation: nothing to ask --------------------------------------------------------------


def test_with_one_organisation_the_forms_and_the_page_do_not_ask(enquiries, officer_client):
    only = OrganisationFactory(name="Kingsmoor Council")
    page = officer_client.get(_url("record")).content.decode()
    assert 'name="organisation"' not in page
    data = {"lgo_reference": "21 011 600", "organisation": str(only.pk), **_received()}
    assert officer_client.post(_url("record"), data).status_code == 302
    assert Enquiry.objects.get(lgo_reference="21 011 600").organisation is None
    page = officer_client.get(_url("enquiry", enquiries.pending.pk)).content.decode()
    assert "Organisation" not in page
    assert _url("organisation", enquiries.pending.pk) not in page


def test_with_one_organisation_the_change_page_offers_no_form_and_saves_nothing(
    enquiries, officer_client
):
    only = OrganisationFactory(name="Kingsmoor Council")
    enquiry = enquiries.pending
    Enquiry.objects.filter(pk=enquiry.pk).update(organisation=only)  # as an import sets it
    url = _url("organisation", enquiry.pk)
    page = officer_client.get(url).content.decode()
    assert "there is no organisation to choose" in page
    assert 'name="organisation"' not in page
    assert officer_client.post(url, {}).status_code == 200
    enquiry.refresh_from_db()
    assert enquiry.organisation == only
    assert not AuditEvent.objects.filter(action="enquiry.change_organisation").exists()
    # One recorded (by an import) is still shown, with nothing to change it to.
    page = officer_client.get(_url("enquiry", enquiry.pk)).content.decode()
    assert "Kingsmoor Council" in page
    assert url not in page


# -- several organisations -------------------------------------------------------------------------


def test_recording_an_enquiry_asks_which_organisation_handles_it(
    enquiries, shared, officer_client, officer
):
    trust, council = shared
    page = officer_client.get(_url("record")).content.decode()
    assert 'name="organisation"' in page
    assert "Not recorded" in page
    assert f'<option value="{trust.pk}">Sandwell Children&#39;s Trust</option>' in page
    data = {"lgo_reference": "21 011 601", "organisation": str(council.pk), **_received()}
    response = officer_client.post(_url("record"), data)
    enquiry = Enquiry.objects.get(lgo_reference="21 011 601")
    assert response.status_code == 302
    assert enquiry.organisation == council
    event = AuditEvent.objects.get(action="enquiry.record", object_id=str(enquiry.pk))
    assert (event.actor, event.after["organisation"]) == (officer, council.pk)
    # Left as Not recorded, it is not recorded.
    data = {"lgo_reference": "21 011 602", "organisation": "", **_received()}
    assert officer_client.post(_url("record"), data).status_code == 302
    assert Enquiry.objects.get(lgo_reference="21 011 602").organisation is None


def test_recording_from_a_complaint_asks_too(enquiries, shared, officer_client):
    trust, _ = shared
    url = _url("record_for_complaint", enquiries.hidden.pk)
    assert 'name="organisation"' in officer_client.get(url).content.decode()
    data = {"lgo_reference": "21 011 603", "organisation": str(trust.pk), **_received()}
    assert officer_client.post(url, data).status_code == 302
    enquiry = Enquiry.objects.get(lgo_reference="21 011 603")
    assert (enquiry.complaint, enquiry.organisation) == (enquiries.hidden, trust)


def test_an_organisation_that_is_not_offered_is_refused_at_the_field(
    enquiries, shared, officer_client
):
    data = {"lgo_reference": "21 011 604", "organisation": "999999", **_received()}
    page = officer_client.post(_url("record"), data).content.decode()
    message = "Select the organisation that handles the enquiry from the list, or Not recorded"
    assert message in page
    assert 'href="#organisation"' in page
    assert 'id="organisation-error"' in page
    assert not Enquiry.objects.filter(lgo_reference="21 011 604").exists()
    url = _url("organisation", enquiries.pending.pk)
    page = officer_client.post(url, {"organisation": "not a number"}).content.decode()
    assert message in page
    enquiries.pending.refresh_from_db()
    assert enquiries.pending.organisation is None


def test_the_enquirys_page_shows_its_organisation_and_the_team_changes_it(
    enquiries, shared, officer_client, officer
):
    _, council = shared
    enquiry = enquiries.pending
    url = _url("organisation", enquiry.pk)
    page = officer_client.get(_url("enquiry", enquiry.pk)).content.decode()
    assert "Organisation" in page
    assert "Not recorded" in page
    assert url in page
    page = officer_client.get(url).content.decode()
    assert "Change the organisation handling the enquiry" in page
    assert 'name="complaint_version"' in page  # the enquiry is on a complaint
    response = officer_client.post(url, {"organisation": str(council.pk)}, follow=True)
    assert response.redirect_chain == [(_url("enquiry", enquiry.pk), 302)]
    page = response.content.decode()
    assert "The enquiry&#39;s organisation is now Sandwell Council" in page
    enquiry.refresh_from_db()
    assert enquiry.organisation == council
    event = AuditEvent.objects.get(action="enquiry.change_organisation")
    assert (event.actor, event.complaint_id) == (officer, enquiry.complaint_id)
    assert (event.before, event.after) == ({"organisation": None}, {"organisation": council.pk})
    # The complaint's timeline names the change and the organisation.
    timeline = reverse("complaints:timeline", args=[enquiry.complaint_id])
    page = officer_client.get(timeline).content.decode()
    assert "Ombudsman enquiry&#39;s organisation changed" in page
    assert "Sandwell Council" in page


def test_the_change_page_starts_at_the_recorded_one_and_says_when_nothing_changes(
    enquiries, shared, officer_client
):
    trust, _ = shared
    enquiry = enquiries.orphan  # on no complaint
    Enquiry.objects.filter(pk=enquiry.pk).update(organisation=trust)
    url = _url("organisation", enquiry.pk)
    page = officer_client.get(url).content.decode()
    assert f'<option value="{trust.pk}" selected>' in page
    page = officer_client.post(url, {"organisation": str(trust.pk)}).content.decode()
    assert f"{trust.name} is already recorded as handling the enquiry" in unescape(page)
    assert not AuditEvent.objects.filter(action="enquiry.change_organisation").exists()
    response = officer_client.post(url, {"organisation": ""}, follow=True)
    assert "The enquiry&#39;s organisation is now not recorded" in response.content.decode()
    enquiry.refresh_from_db()
    assert enquiry.organisation is None


def test_others_see_the_organisation_but_cannot_change_it(
    enquiries, shared, responding_manager_client
):
    _, council = shared
    enquiry = enquiries.decided  # allocated to the responding manager
    Enquiry.objects.filter(pk=enquiry.pk).update(organisation=council)
    url = _url("organisation", enquiry.pk)
    page = responding_manager_client.get(_url("enquiry", enquiry.pk)).content.decode()
    assert "Sandwell Council" in page
    assert url not in page
    assert responding_manager_client.get(url).status_code == 403
    assert responding_manager_client.post(url, {"organisation": ""}).status_code == 403
    enquiry.refresh_from_db()
    assert enquiry.organisation == council
