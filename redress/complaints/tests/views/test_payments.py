from decimal import Decimal

import pytest
from django.urls import reverse

from redress.complaints.models import Payment
from redress.complaints.tests.factories import PaymentFactory
from redress.core.models import AuditEvent
from redress.ombudsman.tests.factories import EnquiryFactory

pytestmark = pytest.mark.django_db


def _date(name, day, month, year):
    return {f"{name}-day": str(day), f"{name}-month": str(month), f"{name}-year": str(year)}


def _record_url(complaint):
    return reverse("complaints:payment_record", args=[complaint.pk])


def _remove_url(payment):
    return reverse("complaints:payment_remove", args=[payment.complaint_id, payment.pk])


def _tab(complaint):
    return reverse("complaints:payments", args=[complaint.pk])


def _paid(**fields):
    return {
        "stage": "1",
        "kind": "compensation",
        "amount": "250",
        "description": "For the distress caused",
        **_date("paid_on", 18, 6, 2021),
        **fields,
    }


def test_the_team_records_a_payment(officer_client, caseload, officer):
    complaint = caseload.due_today
    page = officer_client.get(_tab(complaint)).content.decode()
    assert _record_url(complaint) in page
    page = officer_client.get(_record_url(complaint)).content.decode()
    assert "Record a payment" in page
    assert 'value="lgo"' in page
    assert 'value="2"' not in page  # stage 2 not reached
    assert 'name="enquiry"' not in page  # no enquiry on record
    response = officer_client.post(_record_url(complaint), _paid(amount="£1,250.50"), follow=True)
    assert response.redirect_chain == [(_tab(complaint), 302)]
    page = response.content.decode()
    assert "Payment of £1,250.50 recorded" in page
    assert "For the distress caused" in page
    payment = Payment.objects.get()
    assert (payment.complaint, payment.stage, payment.amount) == (
        complaint,
        "1",
        Decimal("1250.50"),
    )
    assert AuditEvent.objects.get(action="payment.record").actor == officer


@pytest.mark.parametrize("amount", ["£12.345", "abc", "0"])
def test_an_amount_that_is_not_pounds_and_pence_is_refused_at_the_field(
    officer_client, caseload, amount
):
    page = officer_client.post(_record_url(caseload.due_today), _paid(amount=amount))
    page = page.content.decode()
    assert f"&#39;{amount}&#39; is not a valid amount: enter pounds and pence above zero" in page
    assert 'href="#amount"' in page
    assert 'id="amount-error"' in page
    assert f'value="{amount}"' in page  # kept as typed
    assert "For the distress caused" in page
    assert not Payment.objects.exists()


def test_the_form_checks_what_was_typed(officer_client, caseload):
    page = officer_client.post(_record_url(caseload.due_today), {}).content.decode()
    assert "Enter the date paid" in page
    assert "Select the stage the payment belongs to" in page
    assert "Select the kind of payment" in page
    assert "Enter the amount in pounds and pence" in page
    page = officer_client.post(_record_url(caseload.due_today), _paid(stage="3")).content.decode()
    assert "Select one of the stages the complaint has reached, or the Ombudsman" in page


def test_the_services_rules_are_shown_at_their_fields(officer_client, caseload):
    page = officer_client.post(
        _record_url(caseload.due_today), _paid(kind="review_panel")
    ).content.decode()
    assert "Review panel costs belong to stage 3, not stage 1." in page
    assert 'href="#stage"' in page
    page = officer_client.post(
        _record_url(caseload.due_today), _paid(**_date("paid_on", 22, 6, 2021))
    ).content.decode()
    assert "22 June 2021, is in the future" in page
    assert 'href="#paid_on-day"' in page
    assert not Payment.objects.exists()


def test_an_ombudsman_payment_names_its_enquiry(officer_client, caseload):
    complaint = caseload.closed
    enquiry = EnquiryFactory(complaint=complaint, lgo_reference="21 001 234")
    url = _record_url(complaint)
    page = officer_client.get(url).content.decode()
    assert "21 001 234, received 2 August 2021" in page
    page = officer_client.post(url, _paid(stage="lgo")).content.decode()
    assert "Choose the Ombudsman enquiry the payment belongs to" in page
    assert 'href="#enquiry"' in page
    page = officer_client.post(url, _paid(stage="1", enquiry=str(enquiry.pk))).content.decode()
    assert "belongs to the Ombudsman stage, not stage 1" in page
    assert officer_client.post(url, _paid(stage="lgo", enquiry=str(enquiry.pk))).status_code == 302
    assert Payment.objects.get().enquiry == enquiry
    page = officer_client.get(_tab(complaint)).content.decode()
    assert reverse("ombudsman:enquiry", args=[enquiry.pk]) in page


def test_opened_from_the_enquiry_it_is_chosen_and_goes_back_there(officer_client, caseload):
    complaint = caseload.closed
    enquiry = EnquiryFactory(complaint=complaint, lgo_reference="21 001 234")
    url = f"{_record_url(complaint)}?enquiry={enquiry.pk}"
    page = officer_client.get(url).content.decode()
    assert "Back to the Ombudsman enquiry" in page
    assert f'value="{enquiry.pk}" selected' in page
    assert 'value="lgo" checked' in page
    response = officer_client.post(url, _paid(stage="lgo", enquiry=str(enquiry.pk)))
    assert response.url == reverse("ombudsman:enquiry", args=[enquiry.pk])


def test_remove_a_payment_with_a_reason(officer_client, caseload, officer):
    payment = PaymentFactory(complaint=caseload.due_today, amount="120.00")
    page = officer_client.get(_tab(caseload.due_today)).content.decode()
    assert _remove_url(payment) in page
    page = officer_client.get(_remove_url(payment)).content.decode()
    assert "Remove a payment" in page
    assert "£120.00" in page
    page = officer_client.post(_remove_url(payment), {"reason": " "}).content.decode()
    assert "Enter why the payment is being removed" in page
    response = officer_client.post(_remove_url(payment), {"reason": "Recorded twice"}, follow=True)
    assert response.redirect_chain == [(_tab(caseload.due_today), 302)]
    assert "Payment of £120.00 on" in response.content.decode()
    assert not Payment.objects.exists()
    event = AuditEvent.objects.get(action="payment.remove")
    assert (event.actor, event.note) == (officer, "Recorded twice")


def test_a_payment_of_another_complaint_is_not_found(officer_client, caseload):
    payment = PaymentFactory(complaint=caseload.due_today)
    url = reverse("complaints:payment_remove", args=[caseload.overdue.pk, payment.pk])
    assert officer_client.get(url).status_code == 404


def test_only_the_team(
    caseload, manager_client, responding_manager_client, investigator_client, executive_client
):
    mine = caseload.escalated  # allocated to the responding manager, the investigator appointed
    payment = PaymentFactory(complaint=mine)
    assert manager_client.get(_record_url(mine)).status_code == 200
    assert manager_client.get(_remove_url(payment)).status_code == 200
    for client in (responding_manager_client, investigator_client):
        assert client.get(_record_url(mine)).status_code == 403
        assert client.post(_remove_url(payment), {"reason": "x"}).status_code == 403
        page = client.get(_tab(mine)).content.decode()
        assert _record_url(mine) not in page
        assert _remove_url(payment) not in page
        # A complaint they may not see is not found.
        assert client.get(_record_url(caseload.due_today)).status_code == 404
    assert executive_client.get(_record_url(mine)).status_code == 403
    assert Payment.objects.count() == 1


def test_the_complaints_summary_links_its_enquiries(
    officer_client, responding_manager_client, caseload
):
    complaint = caseload.escalated
    enquiry = EnquiryFactory(complaint=complaint, lgo_reference="21 001 234")
    summary = reverse("complaints:summary", args=[complaint.pk])
    record = reverse("ombudsman:record_for_complaint", args=[complaint.pk])
    page = officer_client.get(summary).content.decode()
    assert reverse("ombudsman:enquiry", args=[enquiry.pk]) in page
    assert record in page
    page = responding_manager_client.get(summary).content.decode()
    assert reverse("ombudsman:enquiry", args=[enquiry.pk]) in page
    assert record not in page
