import pytest
from django.urls import reverse

from redress.complaints.models import Payment
from redress.core.models import AuditEvent
from redress.ombudsman.models import Enquiry

pytestmark = pytest.mark.django_db


def _date(name, day, month, year):
    return {f"{name}-day": str(day), f"{name}-month": str(month), f"{name}-year": str(year)}


def _url(name, *args):
    return reverse(f"ombudsman:{name}", args=args)


# -- who may see what ----------------------------------------------------------------------------


def test_the_list_for_each_role(
    enquiries, officer_client, manager_client, responding_manager_client, investigator_client
):
    for client in (officer_client, manager_client):
        page = client.get(_url("list")).content.decode()
        assert "3 enquiries" in page
        assert "Record an Ombudsman enquiry" in page
    page = responding_manager_client.get(_url("list")).content.decode()
    assert "1 enquiry" in page
    assert "21 002 202" in page
    assert "21 004 101" not in page
    assert "Record an Ombudsman enquiry" not in page
    page = investigator_client.get(_url("list")).content.decode()
    assert "0 enquiries" in page


def test_executives_and_visitors_are_refused(enquiries, executive_client, client):
    for url in (_url("list"), _url("enquiry", enquiries.decided.pk)):
        response = executive_client.get(url)
        assert response.status_code == 403
        assert "shows figures and reports" in response.content.decode()
        assert client.get(url).status_code == 302  # to sign in


def test_an_enquiry_is_seen_by_whoever_sees_its_complaint(
    enquiries, officer_client, responding_manager_client, investigator_client
):
    for enquiry in (enquiries.pending, enquiries.decided, enquiries.orphan):
        assert officer_client.get(_url("enquiry", enquiry.pk)).status_code == 200
    assert responding_manager_client.get(_url("enquiry", enquiries.decided.pk)).status_code == 200
    for enquiry in (enquiries.pending, enquiries.orphan):
        assert responding_manager_client.get(_url("enquiry", enquiry.pk)).status_code == 404
    assert investigator_client.get(_url("enquiry", enquiries.decided.pk)).status_code == 404
    assert officer_client.get(_url("enquiry", 999_999)).status_code == 404


def test_only_the_team_records(enquiries, responding_manager_client, investigator_client):
    decided, pending = enquiries.decided, enquiries.pending
    # Steps on an enquiry they can see: refused; on one they cannot: not found.
    for url in (
        _url("response", decided.pk),
        _url("decide", decided.pk),
        _url("remedy_add", decided.pk),
        _url("remedy_complete", decided.pk, enquiries.payment.pk),
        _url("record"),
        _url("record_for_complaint", enquiries.theirs.pk),
    ):
        assert responding_manager_client.get(url).status_code == 403, url
        assert responding_manager_client.post(url, {}).status_code == 403, url
    for url in (
        _url("response", pending.pk),
        _url("decide", pending.pk),
        _url("record_for_complaint", enquiries.hidden.pk),
    ):
        assert responding_manager_client.get(url).status_code == 404, url
        assert investigator_client.get(url).status_code == 404, url


@pytest.mark.parametrize("who", ["officer_client", "manager_client"])
def test_the_team_opens_every_form(request, enquiries, who):
    client = request.getfixturevalue(who)
    decided = enquiries.decided
    for url in (
        _url("record"),
        _url("record_for_complaint", enquiries.hidden.pk),
        _url("response", enquiries.pending.pk),
        _url("decide", enquiries.pending.pk),
        _url("remedy_add", decided.pk),
        _url("remedy_complete", decided.pk, enquiries.payment.pk),
    ):
        assert client.get(url).status_code == 200, url


# -- the pages -----------------------------------------------------------------------------------


def test_the_list_shows_each_enquirys_state(enquiries, officer_client):
    page = officer_client.get(_url("list")).content.decode()
    assert "Overdue since 20 Nov 2021" in page  # pending: our response
    assert "Sent 28 Jul 2021" in page
    assert "1 of 2 outstanding, 1 overdue" in page
    assert "Investigated: fault found" in page
    assert "None recorded" in page  # the orphan's complaint
    assert reverse("complaints:summary", args=[enquiries.hidden.pk]) in page


def test_the_list_filters_and_counts_what_it_lists(enquiries, officer_client):
    page = officer_client.get(_url("list"), {"response": "awaiting"}).content.decode()
    assert "2 enquiries" in page
    assert "Selected filters" in page
    assert "Not sent yet" in page
    page = officer_client.get(_url("list"), {"decision": "pending"}).content.decode()
    assert "1 enquiry" in page
    assert "21 004 101" in page
    assert "21 002 202" not in page
    page = officer_client.get(_url("list"), {"reference": "303"}).content.decode()
    assert "1 enquiry" in page
    assert "20 009 303" in page
    page = officer_client.get(_url("list"), {"remedies": "overdue"}).content.decode()
    assert "1 enquiry" in page


def test_an_unknown_filter_is_an_error_not_a_crash(enquiries, officer_client):
    response = officer_client.get(_url("list"), {"decision": "upheld"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem with the filters" in page
    assert "3 enquiries" in page


def test_the_list_pages(enquiries, officer_client, d):
    for n in range(30):
        Enquiry.objects.create(lgo_reference=f"22 {n:03d} 000", received_date=d("2021-11-01"))
    page = officer_client.get(_url("list")).content.decode()
    assert "33 enquiries" in page
    assert "Pages of Ombudsman enquiries" in page
    page = officer_client.get(_url("list"), {"page": "2"}).content.decode()
    assert "20 009 303" in page  # the oldest, last


def test_the_enquiry_page(enquiries, officer_client):
    decided = enquiries.decided
    Payment.objects.create(
        complaint=decided.complaint,
        enquiry=decided,
        date=enquiries.apology.completed_date,
        stage="lgo",
        kind="compensation",
        amount="150.00",
    )
    page = officer_client.get(_url("enquiry", decided.pk)).content.decode()
    assert "Ombudsman enquiry 21 002 202" in page
    assert reverse("complaints:summary", args=[decided.complaint.pk]) in page
    assert "CSC-2021-0102" in page
    assert "29 July 2021" in page  # response due
    assert "Sent 28 Jul 2021" in page
    assert "Investigated: fault found, 1 October 2021" in page
    assert "Apologise and pay £300 for the distress caused" in page
    assert "Complied with 20 Oct 2021" in page
    assert "Letter of 20 October" in page
    assert "Overdue" in page
    assert "£150.00" in page
    complete = _url("remedy_complete", decided.pk, enquiries.payment.pk)
    assert complete in page
    assert _url("remedy_complete", decided.pk, enquiries.apology.pk) not in page
    assert _url("remedy_add", decided.pk) in page
    assert _url("response", decided.pk) not in page  # already sent
    assert _url("decide", decided.pk) not in page  # already decided
    payment_form = reverse("complaints:payment_record", args=[decided.complaint.pk])
    assert f"{payment_form}?enquiry={decided.pk}" in page


def test_others_read_the_enquiry_without_the_actions(enquiries, responding_manager_client):
    decided = enquiries.decided
    page = responding_manager_client.get(_url("enquiry", decided.pk)).content.decode()
    assert "Ombudsman enquiry 21 002 202" in page
    assert "Add a remedy" not in page
    assert "Record compliance" not in page


def test_a_pending_enquiry_offers_the_response_and_the_decision(enquiries, officer_client):
    pending = enquiries.pending
    page = officer_client.get(_url("enquiry", pending.pk)).content.decode()
    assert _url("response", pending.pk) in page
    assert _url("decide", pending.pk) in page
    assert _url("remedy_add", pending.pk) not in page
    assert "No remedies have been recorded." in page


# -- the forms -----------------------------------------------------------------------------------


def test_record_an_enquiry_on_a_complaint_typed_as_its_reference(
    enquiries, officer_client, officer
):
    data = {
        "lgo_reference": " 21 011 555 ",
        "complaint": "CSC-2021-0101",
        "summary": "Delay at stage 2",
        **_date("received_on", 29, 11, 2021),
        **_date("response_due_on", 27, 12, 2021),
    }
    response = officer_client.post(_url("record"), data, follow=True)
    enquiry = Enquiry.objects.get(lgo_reference="21 011 555")
    assert response.redirect_chain == [(_url("enquiry", enquiry.pk), 302)]
    assert "Ombudsman enquiry 21 011 555 recorded" in response.content.decode()
    assert (enquiry.complaint, str(enquiry.response_due_date), enquiry.summary) == (
        enquiries.hidden,
        "2021-12-27",
        "Delay at stage 2",
    )
    assert AuditEvent.objects.get(action="enquiry.record").actor == officer


def test_record_from_the_complaints_page(enquiries, officer_client):
    complaint = enquiries.hidden
    url = _url("record_for_complaint", complaint.pk)
    page = officer_client.get(url).content.decode()
    assert "Complaint CSC-2021-0101" in page
    assert 'name="complaint"' not in page
    assert 'name="complaint_version"' in page
    data = {"lgo_reference": "21 011 556", **_date("received_on", 29, 11, 2021)}
    response = officer_client.post(url, data)
    assert response.status_code == 302
    assert Enquiry.objects.get(lgo_reference="21 011 556").complaint == complaint


def test_record_refuses_a_taken_reference_at_the_field_keeping_what_was_typed(
    enquiries, officer_client
):
    data = {
        "lgo_reference": "21 002 202",
        "summary": "Kept as typed",
        **_date("received_on", 29, 11, 2021),
    }
    page = officer_client.post(_url("record"), data).content.decode()
    assert "There is already an Ombudsman enquiry with the reference 21 002 202." in page
    assert 'href="#lgo_reference"' in page
    assert 'id="lgo_reference-error"' in page
    assert "Kept as typed" in page
    assert Enquiry.objects.count() == 3


def test_record_checks_the_complaint_and_the_dates(enquiries, officer_client):
    data = {
        "lgo_reference": "21 011 557",
        "complaint": "CSC-1999-0001",
        **_date("received_on", 29, 11, 2021),
    }
    page = officer_client.post(_url("record"), data).content.decode()
    assert "There is no complaint with that reference" in page
    assert 'value="CSC-1999-0001"' in page
    data = {
        "lgo_reference": "21 011 557",
        **_date("received_on", 29, 11, 2021),
        **_date("response_due_on", 28, 11, 2021),
    }
    page = officer_client.post(_url("record"), data).content.decode()
    assert "The date our response is due, 28 November 2021, is before the enquiry" in page
    assert 'href="#response_due_on-day"' in page
    page = officer_client.post(_url("record"), {}).content.decode()
    assert "Enter the Ombudsman&#39;s reference" in page
    assert "Enter the date the enquiry was received" in page
    assert not Enquiry.objects.filter(lgo_reference="21 011 557").exists()


def test_record_our_response(enquiries, officer_client):
    pending = enquiries.pending
    url = _url("response", pending.pk)
    page = officer_client.get(url).content.decode()
    assert "The Ombudsman asked for our response by 20 November 2021." in page
    page = officer_client.post(url, _date("sent_on", 2, 12, 2021)).content.decode()
    assert "2 December 2021, is in the future" in page
    assert 'href="#sent_on-day"' in page
    page = officer_client.post(url, _date("sent_on", 24, 10, 2021)).content.decode()
    assert "is before the enquiry was received (25 October 2021)" in page
    response = officer_client.post(url, _date("sent_on", 22, 11, 2021), follow=True)
    assert "Response to the Ombudsman recorded as sent on 22 November 2021" in (
        response.content.decode()
    )
    pending.refresh_from_db()
    assert str(pending.response_sent_date) == "2021-11-22"


def test_record_the_decision(enquiries, officer_client):
    pending = enquiries.pending
    url = _url("decide", pending.pk)
    data = {
        "decision": "no_fault",
        **_date("decided_on", 30, 11, 2021),
        **_date("remedy_due_on", 30, 12, 2021),
    }
    page = officer_client.post(url, data).content.decode()
    assert "which asks for no remedy" in page
    assert 'href="#remedy_due_on-day"' in page
    data = {
        "decision": "fault_found",
        "recommendations": "Apologise",
        **_date("decided_on", 30, 11, 2021),
        **_date("remedy_due_on", 29, 11, 2021),
    }
    page = officer_client.post(url, data).content.decode()
    assert "The remedies cannot be due on 29 November 2021" in page
    assert 'href="#remedy_due_on-day"' in page
    assert "Apologise" in page  # kept
    data.update(_date("remedy_due_on", 30, 12, 2021))
    response = officer_client.post(url, data, follow=True)
    assert "Ombudsman&#39;s decision recorded: investigated: fault found" in (
        response.content.decode()
    )
    pending.refresh_from_db()
    assert (pending.decision, str(pending.remedy_due_date)) == ("fault_found", "2021-12-30")
    page = officer_client.post(url, data).content.decode()
    assert "was already recorded on 30 November 2021" in page


def test_add_a_remedy(enquiries, officer_client):
    decided = enquiries.decided
    url = _url("remedy_add", decided.pk)
    page = officer_client.get(url).content.decode()
    assert "The Ombudsman asked for the remedies by 1 November 2021" in page
    data = {"kind": "service_improvement", "description": "Train the team"}
    data.update(_date("due_on", 30, 9, 2021))
    page = officer_client.post(url, data).content.decode()
    assert "is before the decision (1 October 2021)" in page
    assert 'href="#due_on-day"' in page
    data.update(_date("due_on", 31, 1, 2022))
    assert officer_client.post(url, data).status_code == 302
    remedy = decided.remedies.get(kind="service_improvement")
    assert (remedy.description, str(remedy.due_date)) == ("Train the team", "2022-01-31")


def test_no_remedy_after_no_fault(enquiries, officer_client):
    page = officer_client.post(
        _url("remedy_add", enquiries.orphan.pk), {"kind": "apology"}
    ).content.decode()
    assert "which asks for no remedy" in page
    assert enquiries.orphan.remedies.count() == 0


def test_complete_a_payment_remedy_with_the_amount(enquiries, officer_client):
    decided, remedy = enquiries.decided, enquiries.payment
    url = _url("remedy_complete", decided.pk, remedy.pk)
    data = {"evidence": "BACS 4411", "amount": "£12.345", **_date("completed_on", 25, 11, 2021)}
    page = officer_client.post(url, data).content.decode()
    assert "&#39;£12.345&#39; is not a valid amount" in page
    assert 'href="#amount"' in page
    assert "BACS 4411" in page
    data["amount"] = "abc"
    page = officer_client.post(url, data).content.decode()
    assert "&#39;abc&#39; is not a valid amount" in page
    remedy.refresh_from_db()
    assert remedy.completed_date is None
    data["amount"] = "£300"
    response = officer_client.post(url, data, follow=True)
    assert response.redirect_chain == [(_url("enquiry", decided.pk), 302)]
    page = response.content.decode()
    assert "Remedy complied with on 25 November 2021" in page
    assert "£300.00" in page
    paid = Payment.objects.get()
    assert (paid.enquiry, paid.complaint, paid.stage) == (decided, decided.complaint, "lgo")
    decided.refresh_from_db()
    assert str(decided.remedy_completed_date) == "2021-11-25"


def test_complete_needs_evidence(enquiries, officer_client):
    decided = enquiries.decided
    other = decided.remedies.create(kind="apology")
    url = _url("remedy_complete", decided.pk, other.pk)
    page = officer_client.get(url).content.decode()
    assert 'name="amount"' not in page  # only a payment remedy asks for the amount
    page = officer_client.post(url, _date("completed_on", 25, 11, 2021)).content.decode()
    assert "Enter the evidence the remedy was complied with" in page


def test_a_remedy_of_another_enquiry_is_not_found(enquiries, officer_client):
    url = _url("remedy_complete", enquiries.pending.pk, enquiries.payment.pk)
    assert officer_client.get(url).status_code == 404


def test_a_change_to_the_complaint_meanwhile_is_refused(enquiries, officer_client, manager):
    from redress.ombudsman.services import enquiry_record_response

    pending = enquiries.pending
    url = _url("decide", pending.pk)
    page = officer_client.get(url).content.decode()
    token = page.split('name="complaint_version" value="')[1].split('"')[0]
    enquiry_record_response(enquiry=pending, sent_on=pending.received_date, by=manager)
    data = {"decision": "premature", "complaint_version": token, **_date("decided_on", 1, 12, 2021)}
    page = officer_client.post(url, data).content.decode()
    assert "Someone else changed this complaint while you had this page open" in page
    assert "Response sent to the Ombudsman" in page
    pending.refresh_from_db()
    assert pending.decision == ""
