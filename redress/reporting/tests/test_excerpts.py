"""Publishable excerpts: a complaints manager writes, approves and withdraws them, each write
audited; no one else may; and the pages that do it (an edition's list of the records its
report quotes, and one record's excerpt)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from redress.accounts.models import Role
from redress.complaints.tests.factories import ComplaintFactory, LearningActionFactory
from redress.core.models import AuditEvent
from redress.feedback.tests.factories import ComplimentFactory
from redress.organisations.tests.factories import ServiceAreaFactory
from redress.reporting import services as reports
from redress.reporting.excerpts import services
from redress.reporting.excerpts.services import (
    ExcerptMissing,
    NoExcerptToWithdraw,
    OnlyManagersApproveExcerpts,
)
from redress.reporting.models import ExcerptSource, PublishableExcerpt
from redress.reporting.periods import financial_year
from redress.reporting.tests.factories import write_the_empty_sections

pytestmark = pytest.mark.django_db
YEAR = financial_year("2021-22")
RECORDED = "Thank you to Dana Price of 3 Elm Row, who helped our son."


@pytest.fixture(autouse=True)
def _today(settings):
    settings.REDRESS_TODAY = datetime.date(2022, 6, 10)


@pytest.fixture
def compliment(db):
    return ComplimentFactory(
        service_area=ServiceAreaFactory(name="Fostering"),
        received_date=datetime.date(2021, 8, 2),
        text=RECORDED,
    )


def events(action):
    return list(AuditEvent.objects.filter(action=action).order_by("pk"))


# -- the services ---------------------------------------------------------------------------


def test_approving_an_excerpt_is_audited(compliment, manager):
    excerpt = services.excerpt_save(
        record=compliment,
        text="  A family thanked their social worker.  ",
        approve=True,
        by=manager,
    )
    assert (excerpt.source, excerpt.field, excerpt.compliment) == ("compliment", "text", compliment)
    assert excerpt.text == "A family thanked their social worker."
    assert excerpt.approved_by == manager
    assert excerpt.approved_at is not None
    assert excerpt.is_approved
    [event] = events("excerpt.approve")
    assert event.actor_id == manager.pk
    assert event.object_id == str(excerpt.pk)
    assert event.before is None
    assert event.after["excerpt"] == "A family thanked their social worker."
    assert event.after["status"] == "approved"
    assert event.after["approved_by"] == manager.pk
    assert event.note == "Compliment for Fostering, received 2 August 2021"


def test_a_proposal_waits_for_approval_and_changed_words_need_it_again(compliment, manager):
    proposed = services.excerpt_save(
        record=compliment, text="A family said thank you.", approve=False, by=manager
    )
    assert proposed.approved_at is None
    assert not proposed.is_approved
    services.excerpt_save(
        record=compliment, text="A family said thank you.", approve=True, by=manager
    )
    proposed.refresh_from_db()
    assert proposed.is_approved
    # Saving the same words again records nothing.
    services.excerpt_save(
        record=compliment, text="A family said thank you.", approve=False, by=manager
    )
    assert proposed.is_approved
    changed = services.excerpt_save(
        record=compliment, text="A family said thank you!", approve=False, by=manager
    )
    assert changed.pk == proposed.pk
    assert changed.approved_at is None
    assert [e.action for e in AuditEvent.objects.filter(action__startswith="excerpt.")] == [
        "excerpt.propose",
        "excerpt.approve",
        "excerpt.propose",
    ]
    last = events("excerpt.propose")[-1]
    assert (last.before["status"], last.after["status"]) == ("approved", "proposed")


def test_withdrawing_is_audited_and_keeps_the_excerpt(compliment, manager):
    excerpt = services.excerpt_save(record=compliment, text="Thanks.", approve=True, by=manager)
    services.excerpt_withdraw(record=compliment, by=manager)
    excerpt.refresh_from_db()
    assert excerpt.withdrawn
    assert excerpt.withdrawn_by == manager
    assert not excerpt.is_approved
    [event] = events("excerpt.withdraw")
    assert (event.before["status"], event.after["status"]) == ("approved", "withdrawn")
    with pytest.raises(NoExcerptToWithdraw):
        services.excerpt_withdraw(record=compliment, by=manager)
    # A new excerpt can be written; the withdrawn one stays.
    services.excerpt_save(record=compliment, text="Thank you.", approve=True, by=manager)
    assert PublishableExcerpt.objects.filter(compliment=compliment).count() == 2


@pytest.mark.parametrize(
    "role",
    [
        Role.COMPLAINTS_OFFICER,
        Role.RESPONDING_MANAGER,
        Role.INVESTIGATING_OFFICER,
        Role.PARTICIPATION_WORKER,
        Role.EXECUTIVE,
    ],
)
def test_only_a_complaints_manager_writes_approves_or_withdraws(
    compliment, manager, django_user_model, role
):
    someone = django_user_model.objects.create(username=f"someone_{role}", role=role)
    with pytest.raises(OnlyManagersApproveExcerpts):
        services.excerpt_save(record=compliment, text="Thanks.", approve=True, by=someone)
    services.excerpt_save(record=compliment, text="Thanks.", approve=True, by=manager)
    with pytest.raises(OnlyManagersApproveExcerpts):
        services.excerpt_withdraw(record=compliment, by=someone)
    assert PublishableExcerpt.objects.get().is_approved
    assert len(events("excerpt.approve")) == 1
    assert events("excerpt.withdraw") == []


def test_an_excerpt_needs_words(compliment, manager):
    with pytest.raises(ExcerptMissing):
        services.excerpt_save(record=compliment, text=" \n ", approve=True, by=manager)
    assert not PublishableExcerpt.objects.exists()


def test_each_kind_of_record_names_its_field(manager):
    complaint = ComplaintFactory(summary="Raw.")
    action = LearningActionFactory(complaint=complaint, description="Raw.")
    on_complaint = services.excerpt_save(record=complaint, text="A.", approve=True, by=manager)
    on_action = services.excerpt_save(record=action, text="B.", approve=True, by=manager)
    assert (on_complaint.source, on_complaint.field) == (ExcerptSource.COMPLAINT, "summary")
    assert (on_action.source, on_action.field) == (ExcerptSource.LEARNING_ACTION, "description")
    assert on_action.learning_action == action
    assert on_action.complaint is None


# -- the pages ------------------------------------------------------------------------------


def excerpt_url(compliment, edition=None):
    url = reverse("reporting:excerpt", args=["compliments", compliment.pk])
    return f"{url}?edition={edition.pk}" if edition else url


def test_the_manager_approves_an_excerpt_on_its_page(manager_client, manager, compliment):
    edition = reports.edition_create(period=YEAR, service=None, by=manager)
    page = manager_client.get(excerpt_url(compliment, edition)).content.decode()
    assert "Compliment for Fostering, received 2 August 2021" in page
    assert RECORDED in page  # the team reads the words recorded
    response = manager_client.post(
        excerpt_url(compliment, edition),
        {"excerpt": "A family thanked their social worker.", "action": "approve"},
    )
    back = reverse("reporting:edition_excerpts", args=[edition.pk]) + "?records=compliments"
    assert response.status_code == 302
    assert response["Location"] == back
    excerpt = PublishableExcerpt.objects.get()
    assert excerpt.is_approved
    assert excerpt.approved_by == manager
    assert len(events("excerpt.approve")) == 1
    listing = manager_client.get(back).content.decode()
    assert "A family thanked their social worker." in listing
    assert "Approved" in listing


def test_the_manager_withdraws_an_excerpt_on_its_page(manager_client, manager, compliment):
    services.excerpt_save(record=compliment, text="Thanks.", approve=True, by=manager)
    response = manager_client.post(excerpt_url(compliment), {"action": "withdraw"})
    assert response.status_code == 302
    assert PublishableExcerpt.objects.get().withdrawn
    assert len(events("excerpt.withdraw")) == 1
    page = manager_client.get(excerpt_url(compliment)).content.decode()
    assert "Withdrawn excerpts" in page


def test_an_empty_excerpt_is_an_error_on_the_page(manager_client, compliment):
    response = manager_client.post(excerpt_url(compliment), {"excerpt": "", "action": "approve"})
    assert response.status_code == 200
    assert "Write the excerpt that may be published" in response.content.decode()
    assert not PublishableExcerpt.objects.exists()


@pytest.mark.parametrize(
    "client_name",
    [
        "officer_client",
        "responding_manager_client",
        "investigator_client",
        "executive_client",
    ],
)
def test_no_one_else_may_approve(request, client_name, compliment, manager):
    client = request.getfixturevalue(client_name)
    edition = reports.edition_create(period=YEAR, service=None, by=manager)
    write_the_empty_sections(edition, as_of=datetime.date(2022, 5, 31), by=manager)
    reports.edition_publish(edition=edition, as_of=datetime.date(2022, 5, 31), by=manager)
    assert client.get(excerpt_url(compliment)).status_code == 403
    posted = client.post(excerpt_url(compliment), {"excerpt": "Thanks.", "action": "approve"})
    assert posted.status_code == 403
    assert not PublishableExcerpt.objects.exists()
    listing = reverse("reporting:edition_excerpts", args=[edition.pk])
    assert client.get(listing).status_code == 403
    assert (
        "Write and approve excerpts"
        not in client.get(reverse("reporting:edition", args=[edition.pk])).content.decode()
    )


def test_an_unknown_record_is_not_found(manager_client, compliment):
    missing = reverse("reporting:excerpt", args=["compliments", compliment.pk + 1000])
    assert manager_client.get(missing).status_code == 404
    wrong_kind = reverse("reporting:excerpt", args=["payments", compliment.pk])
    assert manager_client.get(wrong_kind).status_code == 404


def test_the_edition_lists_the_records_its_report_quotes(manager_client, manager, compliment):
    complaint = ComplaintFactory(
        received_date=datetime.date(2021, 7, 5),
        complainant_type="child_young_person",
        summary="My foster carer shouts.",
    )
    edition = reports.edition_create(period=YEAR, service=None, by=manager)
    page = manager_client.get(reverse("reporting:edition", args=[edition.pk])).content.decode()
    assert "Write and approve excerpts for publication" in page
    base = reverse("reporting:edition_excerpts", args=[edition.pk])
    compliments = manager_client.get(base).content.decode()
    assert RECORDED in compliments
    assert "No excerpt" in compliments
    assert f'href="{excerpt_url(compliment, edition)}"' in compliments
    complaints = manager_client.get(f"{base}?records=complaints").content.decode()
    assert "My foster carer shouts." in complaints
    assert complaint.reference in complaints
