"""The excerpts of an Ombudsman enquiry's summary and of a learning action's "you said" and "we
did" (issue 11, part 3): the same journey as the other kinds (a complaints manager writes,
approves and withdraws each, audited), each text of an action with its own live excerpt, and
the pages that list and edit them."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from redress.complaints.tests.factories import ComplaintFactory, LearningActionFactory
from redress.core.models import AuditEvent
from redress.ombudsman.tests.factories import EnquiryFactory
from redress.reporting import services as reports
from redress.reporting.document import selectors as document
from redress.reporting.excerpts import services
from redress.reporting.excerpts.selectors import candidates, describe
from redress.reporting.excerpts.services import OnlyManagersApproveExcerpts
from redress.reporting.models import ExcerptSource, PublishableExcerpt
from redress.reporting.periods import financial_year

pytestmark = pytest.mark.django_db
D = datetime.date
YEAR = financial_year("2021-22")


@pytest.fixture(autouse=True)
def _today(settings):
    settings.REDRESS_TODAY = D(2022, 6, 10)


@pytest.fixture
def action(db):
    return LearningActionFactory(
        complaint=ComplaintFactory(reference="CSC-2021-00901", received_date=D(2021, 6, 1)),
        description="Train the duty team.",
        you_said="Nobody rang me back for a week, Mrs Okafor said.",
        we_did="The duty team now rings back within a day.",
        raised_date=D(2021, 7, 1),
    )


@pytest.fixture
def enquiry(db):
    return EnquiryFactory(
        lgo_reference="21 004 512",
        complaint=ComplaintFactory(reference="CSC-2021-00902", received_date=D(2021, 4, 6)),
        received_date=D(2021, 5, 3),
        decision="fault_found",
        decision_date=D(2021, 7, 1),
        summary="Mr Okafor's letters went unanswered for months.",
    )


def test_each_text_of_an_action_has_its_own_excerpt(action, manager):
    described = services.excerpt_save(record=action, text="A.", approve=True, by=manager)
    said = services.excerpt_save(
        record=action, text="B.", approve=True, by=manager, source=ExcerptSource.YOU_SAID
    )
    did = services.excerpt_save(
        record=action, text="C.", approve=False, by=manager, source=ExcerptSource.WE_DID
    )
    assert [(e.source, e.field, e.learning_action) for e in (described, said, did)] == [
        (ExcerptSource.LEARNING_ACTION, "description", action),
        (ExcerptSource.YOU_SAID, "you_said", action),
        (ExcerptSource.WE_DID, "we_did", action),
    ]
    assert document.approved_excerpts(ExcerptSource.YOU_SAID, [action.pk]) == {action.pk: "B."}
    assert document.approved_excerpts(ExcerptSource.WE_DID, [action.pk]) == {}  # not approved
    services.excerpt_withdraw(record=action, by=manager, source=ExcerptSource.YOU_SAID)
    assert document.approved_excerpts(ExcerptSource.YOU_SAID, [action.pk]) == {}
    assert document.approved_excerpts(ExcerptSource.LEARNING_ACTION, [action.pk]) == {
        action.pk: "A."
    }
    notes = [e.note for e in AuditEvent.objects.filter(action__startswith="excerpt.")]
    assert notes == [
        "Learning action raised 1 July 2021 (complaint CSC-2021-00901)",
        "“You said” of the learning action raised 1 July 2021 (complaint CSC-2021-00901)",
        "“We did” of the learning action raised 1 July 2021 (complaint CSC-2021-00901)",
        "“You said” of the learning action raised 1 July 2021 (complaint CSC-2021-00901)",
    ]


def test_an_enquiry_s_excerpt_is_of_its_summary(enquiry, manager, officer):
    excerpt = services.excerpt_save(
        record=enquiry, text="Letters went unanswered.", approve=True, by=manager
    )
    assert (excerpt.source, excerpt.field, excerpt.enquiry) == ("enquiry", "summary", enquiry)
    assert excerpt.record_id == enquiry.pk
    assert describe(enquiry) == "Ombudsman enquiry 21 004 512 (complaint CSC-2021-00902)"
    assert document.approved_excerpts(ExcerptSource.ENQUIRY, [enquiry.pk]) == {
        enquiry.pk: "Letters went unanswered."
    }
    with pytest.raises(OnlyManagersApproveExcerpts):
        services.excerpt_withdraw(record=enquiry, by=officer)


def test_a_kind_must_be_of_the_record_s_model(enquiry, manager):
    with pytest.raises(ValueError, match="written from learning actions, not from enquiries"):
        services.excerpt_save(
            record=enquiry, text="A.", approve=True, by=manager, source=ExcerptSource.YOU_SAID
        )


def test_the_database_keeps_one_live_excerpt_per_text_and_record(action, enquiry, manager):
    services.excerpt_save(
        record=action, text="A.", approve=True, by=manager, source=ExcerptSource.WE_DID
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        PublishableExcerpt.objects.create(
            source=ExcerptSource.WE_DID, field="we_did", learning_action=action, text="Again."
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        # An enquiry's excerpt names the enquiry and nothing else.
        PublishableExcerpt.objects.create(
            source=ExcerptSource.ENQUIRY, field="summary", learning_action=action, text="X."
        )


def test_the_edition_lists_decisions_and_what_was_said_and_done(
    manager_client, manager, action, enquiry
):
    LearningActionFactory(description="Nothing said or done yet.", raised_date=D(2021, 8, 1))
    edition = reports.edition_create(period=YEAR, service=None, by=manager)
    assert [(c.pk, c.label) for c in candidates(edition, ExcerptSource.YOU_SAID)] == [
        (action.pk, "CSC-2021-00901")
    ]
    assert [c.label for c in candidates(edition, ExcerptSource.ENQUIRY)] == ["21 004 512"]
    base = reverse("reporting:edition_excerpts", args=[edition.pk])
    decisions = manager_client.get(f"{base}?records=ombudsman-enquiries").content.decode()
    assert "Mr Okafor&#39;s letters went unanswered for months." in decisions
    assert "Ombudsman reference" in decisions
    said = manager_client.get(f"{base}?records=you-said").content.decode()
    assert "Nobody rang me back for a week" in said
    assert "Nothing said or done yet." not in said
    did = manager_client.get(f"{base}?records=we-did").content.decode()
    assert "The duty team now rings back within a day." in did
    url = reverse("reporting:excerpt", args=["we-did", action.pk])
    assert f'href="{url}?edition={edition.pk}"' in did


def test_decisions_without_a_summary_are_said_to_need_no_excerpt(manager_client, manager):
    # Decided in the year but with no summary: the report tells it from its recorded fields,
    # so the empty list says why it is empty rather than that the report quotes no decision.
    EnquiryFactory(decision="fault_found", decision_date=D(2021, 7, 1), summary="")
    edition = reports.edition_create(period=YEAR, service=None, by=manager)
    base = reverse("reporting:edition_excerpts", args=[edition.pk])
    page = manager_client.get(f"{base}?records=ombudsman-enquiries").content.decode()
    assert "No Ombudsman decision of 2021-22 has a summary recorded" in page
    assert "The report tells each decision in words made from what was recorded" in page
    assert "quotes none of these" not in page
    said = manager_client.get(f"{base}?records=you-said").content.decode()
    assert "The report for 2021-22 quotes none of these." in said


def test_the_manager_approves_a_we_did_on_its_page(manager_client, action):
    url = reverse("reporting:excerpt", args=["we-did", action.pk])
    page = manager_client.get(url).content.decode()
    assert "“We did” of the learning action raised 1 July 2021" in page
    assert "The duty team now rings back within a day." in page  # as recorded
    response = manager_client.post(
        url, {"excerpt": "Calls are returned in a day.", "action": "approve"}
    )
    assert response.status_code == 302
    excerpt = PublishableExcerpt.objects.get()
    assert (excerpt.source, excerpt.is_approved) == (ExcerptSource.WE_DID, True)
    response = manager_client.post(url, {"action": "withdraw"})
    assert PublishableExcerpt.objects.get().withdrawn
    # The description's page knows nothing of it.
    description = reverse("reporting:excerpt", args=["learning-actions", action.pk])
    assert "Withdrawn excerpts" not in manager_client.get(description).content.decode()


def test_the_enquiry_page_is_the_manager_s_only(manager_client, officer_client, enquiry):
    url = reverse("reporting:excerpt", args=["ombudsman-enquiries", enquiry.pk])
    assert "Ombudsman enquiry 21 004 512" in manager_client.get(url).content.decode()
    assert officer_client.get(url).status_code == 403
    missing = reverse("reporting:excerpt", args=["ombudsman-enquiries", enquiry.pk + 99])
    assert manager_client.get(missing).status_code == 404


def test_a_record_with_nothing_recorded_has_nothing_to_quote(manager_client, manager, enquiry):
    # An excerpt written while the enquiry had a summary, which was cleared afterwards.
    services.excerpt_save(record=enquiry, text="Letters went unanswered.", approve=True, by=manager)
    enquiry.summary = ""
    enquiry.save()
    url = reverse("reporting:excerpt", args=["ombudsman-enquiries", enquiry.pk])
    page = manager_client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Nothing is recorded here, so there is nothing to quote" in text
    assert "Approve for publication" not in text
    # What was approved before can still be withdrawn.
    assert "Withdraw the excerpt" in text
    manager_client.post(url, {"action": "withdraw"})
    assert PublishableExcerpt.objects.get().withdrawn
    # Nothing can be written now, by the page or the service, and nothing is half-written.
    response = manager_client.post(url, {"excerpt": "Made up.", "action": "approve"})
    assert response.status_code == 200
    assert "Nothing is recorded here, so there is nothing to quote" in response.content.decode()
    with pytest.raises(services.NothingToQuote):
        services.excerpt_save(record=enquiry, text="Made up.", approve=True, by=manager)
    assert PublishableExcerpt.objects.filter(withdrawn=False).count() == 0
    assert "Approve for publication" not in manager_client.get(url).content.decode()
