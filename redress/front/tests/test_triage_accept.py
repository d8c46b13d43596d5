"""Accepting a complaint sent online: the officer's choices (procedure, where it belongs, a
reason, a complainant already recorded), the files becoming the complaint's documents, and
nothing kept when a rule refuses."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse

from redress.complaints.models import Complaint
from redress.core.models import AuditEvent
from redress.documents.models import Document
from redress.documents.services import storage
from redress.front import answers as contract
from redress.front.models import Submission
from redress.front.services import triage
from redress.front.services.submissions import submission_record
from redress.organisations.tests.factories import LocalityFactory, ServiceAreaFactory
from redress.people.models import Person
from redress.people.services import person_record
from redress.procedures.models import Procedure
from redress.procedures.rules import RuleViolation
from redress.taxonomies.tests.factories import shipped_term

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat
LETTER = b"Dear team,\n\nNobody came to the review meeting.\n"


@pytest.fixture
def service(settings):
    settings.REDRESS_TODAY = D("2026-12-04")
    return ServiceAreaFactory(name="Children in need")


def sent(service, *, kind: str = "complaint", files=(), **extra) -> Submission:
    answers = {
        "service_area": service.pk,
        "about": "The Riverside team",
        "what_happened": "Nobody came to the review meeting.",
        "put_right": "A new date.",
        "on_behalf": False,
        "complainant_type": "parent",
        "contact_method": "email",
        "advocate": contract.ADVOCATE_NO,
        "interpreter": "",
        "support": "",
    } | extra
    return submission_record(
        kind=kind,
        answers=answers,
        name="Marcia Example",
        email="marcia@example.org",
        files=files,
    )


def accept_url(submission: Submission) -> str:
    return reverse("triage:accept", args=[submission.pk])


def statutory() -> Procedure:
    return Procedure.objects.get(code="statutory")


def test_the_officer_chooses_a_person_already_recorded_a_reason_and_a_locality(
    service, officer_client
):
    known = person_record(by=None, name="Marcia Example", email="MARCIA@example.org")
    person_record(by=None, name="Someone Else", email="other@example.org")
    submission = sent(service)
    north = LocalityFactory(name="North")
    page = officer_client.get(accept_url(submission)).content.decode()
    assert "Is the complainant someone already recorded?" in page
    assert f"record {known.key}" in page
    assert "Someone Else" not in page

    response = officer_client.post(
        accept_url(submission),
        {
            "procedure": str(statutory().pk),
            "service_area": str(service.pk),
            "locality": str(north.pk),
            "category": str(shipped_term("Delay").pk),
            "subcategory": str(shipped_term("Delay", "Take Action").pk),
            "complainant": str(known.pk),
        },
    )
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.complainant == known
    assert Person.objects.count() == 2  # nobody recorded twice
    assert complaint.locality == north
    aspect = complaint.stages.get().aspects.get()
    assert (aspect.category.name, aspect.subcategory.name) == ("Delay", "Take Action")


def test_a_reason_from_another_category_is_refused_on_the_form(service, officer_client):
    submission = sent(service)
    response = officer_client.post(
        accept_url(submission),
        {
            "procedure": str(statutory().pk),
            "service_area": str(service.pk),
            "category": str(shipped_term("Delay").pk),
            "subcategory": str(shipped_term("Service Quality").children.first().pk),
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "is not a sub-category of" in html or "not under" in html
    assert Complaint.objects.count() == 0
    submission.refresh_from_db()
    assert submission.waiting


def test_the_files_sent_become_the_complaints_documents(
    service, officer, django_capture_on_commit_callbacks
):
    submission = sent(service, files=[("letter.txt", io.BytesIO(LETTER))])
    held = submission.files.get()
    with django_capture_on_commit_callbacks(execute=True):
        complaint = triage.submission_accept(
            submission=submission, procedure=statutory(), service_area=service, by=officer
        )
    document = Document.objects.get()
    assert (document.complaint, document.name, document.kind) == (complaint, "letter.txt", "other")
    with storage().open(document.stored_name, "rb") as handle:
        assert handle.read() == LETTER
    held.refresh_from_db()
    assert held.document == document
    assert not storage().exists(held.stored_name)  # the submission's copy is gone
    event = AuditEvent.objects.get(action="submission.accept")
    assert event.after["documents"] == 1
    assert AuditEvent.objects.filter(action="document.upload", complaint_id=complaint.pk).exists()


def test_a_refused_acceptance_keeps_no_person_no_document_and_the_file(service, officer):
    submission = sent(
        service,
        files=[("letter.txt", io.BytesIO(LETTER))],
        complainant_type="not-a-type",
        on_behalf=True,
        child_name="Theo Example",
        child_dob="2014-05-17",
    )
    held = submission.files.get()
    with pytest.raises(RuleViolation):
        triage.submission_accept(
            submission=submission, procedure=statutory(), service_area=service, by=officer
        )
    assert (Complaint.objects.count(), Person.objects.count(), Document.objects.count()) == (
        0,
        0,
        0,
    )
    submission.refresh_from_db()
    assert submission.waiting
    assert storage().exists(held.stored_name)


def test_a_childs_own_complaint_makes_the_child_the_complainant_and_records_their_advocate(
    service, officer
):
    submission = submission_record(
        kind="child_complaint",
        answers={
            "service_area": None,
            "about": "My social worker",
            "what_happened": "She never comes.",
            "put_right": "A new worker.",
            "complainant_type": "child_young_person",
            "child_name": "Jade Example",
            "child_age_band": "10-15",
            "contact_method": "text",
            "advocate": contract.ADVOCATE_HAS,
            "advocate_name": "Sam Helper",
            "advocate_organisation": "Coram Voice",
        },
        phone="07700 900123",
    )
    complaint = triage.submission_accept(
        submission=submission, procedure=statutory(), service_area=service, by=officer
    )
    child = complaint.complainant
    assert (child.name, child.phone, child.age_band) == ("Jade Example", "07700 900123", "10-15")
    assert list(complaint.children.all()) == [child]
    assert complaint.advocacy_offered is True
    assert complaint.advocate == "external"
    assert complaint.advocate_person.name == "Sam Helper"
    assert complaint.advocate_organisation == "Coram Voice"
    assert "About: My social worker" in complaint.summary


def test_only_procedures_in_use_are_offered_with_the_prompt(service, officer_client):
    Procedure.objects.create(code="unused", name="Procedure with no stages")
    page = officer_client.get(accept_url(sent(service))).content.decode()
    assert "Part III of the Children Act 1989" in page
    assert "Statutory" in page or "statutory" in page
    assert "Procedure with no stages" not in page
