"""The legal hold page: the complaints team places and lifts a hold on the complaint's page;
a missing reason is named at its field; the summary page says whether the complaint is held."""

from __future__ import annotations

import pytest
from django.urls import reverse

from redress.core.models import AuditEvent
from redress.retention import holds, services
from redress.retention.models import LegalHold

from .helpers import closed_complaint

pytestmark = pytest.mark.django_db


def url(complaint):
    return reverse("retention:legal_hold", args=[complaint.pk])


def summary(client, complaint) -> str:
    return client.get(reverse("complaints:summary", args=[complaint.pk])).content.decode()


def test_an_officer_places_and_lifts_a_legal_hold(officer_client, officer):
    complaint = closed_complaint("2016-05-02", "2016-06-01")
    assert "Not on legal hold" in summary(officer_client, complaint)
    assert "Place a legal hold" in officer_client.get(url(complaint)).content.decode()

    page = officer_client.post(
        url(complaint), {"reason": "Claim issued in the county court"}, follow=True
    ).content.decode()
    assert f"Complaint {complaint.reference} is on legal hold" in page
    assert "On legal hold since" in page
    hold = LegalHold.objects.get(complaint=complaint)
    assert (hold.reason, hold.placed_by, hold.in_force) == (
        "Claim issued in the county court",
        officer,
        True,
    )

    form = officer_client.get(url(complaint)).content.decode()
    assert "Lift the legal hold" in form
    assert "Claim issued in the county court" in form
    page = officer_client.post(url(complaint), {"reason": "Settled"}, follow=True).content.decode()
    assert f"The legal hold on complaint {complaint.reference} is lifted" in page
    hold.refresh_from_db()
    assert (hold.in_force, hold.lifted_by, hold.lifted_reason) == (False, officer, "Settled")
    actions = AuditEvent.objects.filter(complaint=complaint).values_list("action", flat=True)
    assert list(actions) == ["legal_hold.place", "legal_hold.lift"]


def test_a_reason_is_needed(officer_client):
    complaint = closed_complaint("2016-05-02", "2016-06-01")
    page = officer_client.post(url(complaint), {"reason": ""}).content.decode()
    assert "Enter why the complaint is on legal hold" in page
    assert not LegalHold.objects.exists()


def test_a_hold_on_an_anonymised_complaint_is_refused_at_the_form(officer_client, settings, d):
    complaint = closed_complaint("2016-05-02", "2016-06-01")
    services.retention_run(as_of=d("2028-01-10"), apply=True)
    page = officer_client.post(url(complaint), {"reason": "Too late"}).content.decode()
    assert "already been anonymised" in page
    assert not LegalHold.objects.exists()


def test_others_may_not(responding_manager_client, executive_client):
    complaint = closed_complaint("2016-05-02", "2016-06-01")
    assert responding_manager_client.post(url(complaint), {"reason": "x"}).status_code in (403, 404)
    assert executive_client.post(url(complaint), {"reason": "x"}).status_code == 403
    assert not LegalHold.objects.exists()


def test_the_timeline_after_anonymisation(officer_client, manager, d):
    complaint = closed_complaint("2016-05-02", "2016-06-01")
    holds.legal_hold_place(complaint=complaint, reason="Claim issued", by=manager)
    holds.legal_hold_lift(complaint=complaint, reason="Settled", by=manager)
    services.retention_run(as_of=d("2028-01-10"), apply=True)
    page = officer_client.get(reverse("complaints:timeline", args=[complaint.pk])).content.decode()
    assert "Put on legal hold" in page
    assert "Legal hold lifted" in page
    assert "Personal data anonymised under the retention policy" in page
    assert "Claim issued" not in page
    assert "Jo Bloggs" not in page
    assert "Jo Bloggs" not in summary(officer_client, complaint)
