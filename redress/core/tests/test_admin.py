"""The admin: every registered model's pages load, configuration is edited (and every write
audited) while case records are only shown, no one types raw JSON, inline fields have
accessible names, and only complaints managers (and superusers) get in."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django import forms as django_forms
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from redress.accounts.models import Role, User
from redress.complaints.models import (
    Appointment,
    Aspect,
    Complaint,
    Extension,
    Hold,
    LearningAction,
    Mediation,
    Payment,
    Stage,
)
from redress.complaints.tests.factories import (
    AppointmentFactory,
    AspectFactory,
    ComplaintFactory,
    ExtensionFactory,
    LearningActionFactory,
    MediationFactory,
    PaymentFactory,
    StageFactory,
)
from redress.core import audit, config
from redress.core.models import AuditEvent, AuthoritySetting
from redress.documents.models import Document
from redress.documents.services import document_upload
from redress.documents.tests.helpers import LETTER
from redress.feedback.models import (
    Compliment,
    InformalFeedback,
    InformalFeedbackAnswer,
    SatisfactionAnswer,
)
from redress.feedback.tests.factories import (
    ComplimentFactory,
    InformalFeedbackFactory,
    SatisfactionAnswerFactory,
)
from redress.front.models import FollowLink, PublicAttempt, Submission, SubmissionFile
from redress.front.services.submissions import submission_record
from redress.imports.models import ImportRun
from redress.letters.models import Letter, LetterTemplate
from redress.letters.services import letter_produce
from redress.notifications.models import Message
from redress.ombudsman.models import Enquiry, Remedy
from redress.ombudsman.tests.factories import RemedyFactory
from redress.organisations.models import Locality, Organisation, ServiceArea
from redress.organisations.tests.factories import LocalityFactory, OrganisationFactory
from redress.people.models import Person
from redress.procedures.models import ClosureDay, Procedure, StageRule
from redress.reporting.excerpts.services import excerpt_save
from redress.reporting.models import ContextFigure
from redress.reporting.tests.factories import ContextFigureFactory, SectionNarrativeFactory
from redress.retention.holds import legal_hold_place
from redress.retention.models import Anonymisation, LegalHold, RetentionPeriod
from redress.surveys.models import OptOut, Survey
from redress.surveys.tests.factories import SurveyFactory
from redress.taxonomies.models import Taxonomy, TaxonomyKind, Term

pytestmark = pytest.mark.django_db

REGISTERED = sorted(admin.site._registry, key=lambda m: m._meta.label)


@pytest.fixture
def superuser(db) -> User:
    return User.objects.create_superuser("sam_super", "sam@example.org", "x" * 12)


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def one_of_everything(superuser):
    """A record of every kind, so each change page has something to show."""
    complaint = ComplaintFactory(locality=LocalityFactory(), organisation=OrganisationFactory())
    stage1 = complaint.stages.get()
    stage2 = StageFactory(complaint=complaint, number=2, received_date=datetime.date(2021, 8, 2))
    ExtensionFactory(stage=stage1)
    Hold.objects.create(
        stage=stage2, start_date=datetime.date(2021, 8, 9), reason="Court proceedings"
    )
    AspectFactory(stage=stage1)
    AppointmentFactory(stage=stage2, user=superuser)
    MediationFactory(complaint=complaint)
    remedy = RemedyFactory(enquiry__complaint=complaint)
    PaymentFactory(complaint=complaint, enquiry=remedy.enquiry)
    LearningActionFactory(complaint=complaint)
    ComplimentFactory()
    InformalFeedbackAnswer.objects.create(
        feedback=InformalFeedbackFactory(), question="taken_seriously", answer="yes"
    )
    SatisfactionAnswerFactory(complaint=complaint)
    ContextFigureFactory()
    SectionNarrativeFactory()
    excerpt_save(record=ComplimentFactory(), text="Kind and patient.", approve=True, by=superuser)
    ClosureDay.objects.create(date=datetime.date(2021, 12, 29), reason="Christmas closure")
    config.set_value("stage2_average_cost", "3500", by=superuser)
    ImportRun.objects.create(file_name="history.xlsx", checksum="0" * 64, status="imported")
    audit.record(action="complaint.recorded", obj=complaint, by=superuser, complaint=complaint)
    legal_hold_place(complaint=complaint, reason="Claim issued", by=superuser)
    Anonymisation.objects.create(
        record_type="complaint", object_id=0, anonymised_at=timezone.now(), policy="6 years"
    )
    Message.objects.create(
        complaint=complaint, kind="reminder.stage_due", subject="Due", body="Due.", to="a@b.example"
    )
    document_upload(
        complaint=complaint,
        file=io.BytesIO(LETTER),
        name="letter.pdf",
        kind="complaint_letter",
        by=superuser,
    )
    SurveyFactory(complaint=complaint, listened="yes", answered_at=timezone.now())
    OptOut.objects.create(person=complaint.complainant, recorded_by=superuser)
    _sent_online(complaint)
    letter_produce(
        complaint=complaint,
        stage=stage1,
        template=LetterTemplate.objects.get(code="ombudsman"),
        recipient_role="complainant",
        subject="Your complaint and the Ombudsman",
        body="Dear complainant,\n\nYou may ask the Ombudsman.",
        by=superuser,
    )
    return complaint


def _sent_online(complaint):
    """A complaint sent online with a file, a follow link and an address's attempt."""

    submission_record(
        kind="complaint",
        answers={"what_happened": "No reply."},
        name="Marcia Example",
        files=[("letter.pdf", io.BytesIO(LETTER))],
    )
    FollowLink.objects.create(
        complaint=complaint,
        token_hash="0" * 64,
        email="a@b.example",
        expires_at=timezone.now(),
    )
    PublicAttempt.objects.create(action="submit", address_hash="1" * 64, at=timezone.now())


def _admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.label)
def test_every_admin_page_loads(model, admin_client, one_of_everything):
    model_admin = admin.site._registry[model]
    response = admin_client.get(_admin_url(model, "changelist"))
    assert response.status_code == 200
    request = response.wsgi_request
    if model_admin.has_add_permission(request):
        assert admin_client.get(_admin_url(model, "add")).status_code == 200
    instance = model._default_manager.order_by("pk").first()
    if instance is not None:
        assert admin_client.get(_admin_url(model, "change", instance.pk)).status_code == 200
    else:
        # Only the task queue's results may be empty here: every Redress model has a record.
        assert not model.__module__.startswith("redress.")


def test_every_redress_model_is_registered():
    from django.apps import apps

    redress_models = {
        m._meta.label for m in apps.get_models() if m.__module__.startswith("redress.")
    }
    assert redress_models <= {m._meta.label for m in REGISTERED}


def test_the_complaint_list_searches_by_reference(admin_client):
    ComplaintFactory(reference="CSC-2021-0420")
    ComplaintFactory(reference="CSC-2021-0999")
    response = admin_client.get(_admin_url(Complaint, "changelist"), {"q": "0420"})
    assert "CSC-2021-0420" in response.content.decode()
    assert "CSC-2021-0999" not in response.content.decode()


def _events(action):
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


def _organisation_form(organisation, *rows, **changes):
    """The POST of an organisation's change page, with its service areas as inline rows."""
    data = {
        "name": organisation.name,
        "kind": organisation.kind,
        "service_areas-TOTAL_FORMS": str(len(rows)),
        "service_areas-INITIAL_FORMS": str(sum(1 for row in rows if "id" in row)),
        **changes,
    }
    for number, row in enumerate(rows):
        for field in ("id", "name", "locality", "valid_from", "valid_to", "DELETE"):
            if field in row:
                data[f"service_areas-{number}-{field}"] = row[field]
        if "id" in row:
            data[f"service_areas-{number}-organisation"] = organisation.pk
    return data


def test_an_admin_change_is_audited_with_before_and_after(admin_client, superuser):
    organisation = OrganisationFactory(name="Kingsmoor Council", kind="council")
    data = _organisation_form(
        organisation, {"name": "Fostering", "valid_from": "2021-04-01"}, kind="trust"
    )
    response = admin_client.post(_admin_url(Organisation, "change", organisation.pk), data)
    assert response.status_code == 302, response.content.decode()[:3000]

    [change] = _events("admin.change")
    assert change.before["kind"] == "council"
    assert change.after["kind"] == "trust"
    assert change.actor == superuser
    assert change.content_type == ContentType.objects.get_for_model(Organisation)

    [added] = _events("admin.add")
    service = ServiceArea.objects.get(name="Fostering")
    assert added.object_id == str(service.pk)
    assert added.after["valid_from"] == "2021-04-01"
    assert added.after["organisation"] == organisation.pk


def test_saving_without_a_change_records_nothing(admin_client):
    from redress.organisations.models import Locality

    locality = LocalityFactory(name="North")
    response = admin_client.post(
        _admin_url(Locality, "change", locality.pk),
        {"name": "North", "valid_from": "", "valid_to": ""},
    )
    assert response.status_code == 302
    assert not AuditEvent.objects.exists()


def test_an_admin_delete_is_audited(admin_client):
    day = ClosureDay.objects.create(date=datetime.date(2021, 12, 29), reason="Christmas closure")
    response = admin_client.post(_admin_url(ClosureDay, "delete", day.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not ClosureDay.objects.exists()
    [event] = _events("admin.delete")
    assert event.before["reason"] == "Christmas closure"
    assert event.after is None


def test_bulk_delete_audits_each_record(admin_client):
    first, second = LocalityFactory(name="East"), LocalityFactory(name="West")
    from redress.organisations.models import Locality

    response = admin_client.post(
        _admin_url(Locality, "changelist"),
        {"action": "delete_selected", "_selected_action": [first.pk, second.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert sorted(e.before["name"] for e in _events("admin.delete")) == ["East", "West"]


def test_a_complaints_manager_edits_configuration_inline_rows(client, staff_manager):
    client.force_login(staff_manager)
    organisation = OrganisationFactory(name="Kingsmoor Council")
    data = _organisation_form(organisation, {"name": "Fostering"})
    response = client.post(_admin_url(Organisation, "change", organisation.pk), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert ServiceArea.objects.get().organisation == organisation
    [added] = _events("admin.add")
    assert added.actor == staff_manager


def test_a_deleted_inline_row_is_audited(admin_client):
    organisation = OrganisationFactory(name="Kingsmoor Council")
    service = ServiceArea.objects.create(name="Fostering", organisation=organisation)
    data = _organisation_form(organisation, {"id": service.pk, "name": "Fostering", "DELETE": "on"})
    response = admin_client.post(_admin_url(Organisation, "change", organisation.pk), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert not ServiceArea.objects.exists()
    [event] = _events("admin.delete")
    assert event.before["name"] == "Fostering"
    assert event.object_id == str(service.pk)


CASE_RECORDS = [
    Complaint,
    Stage,
    Extension,
    Hold,
    Aspect,
    Appointment,
    Mediation,
    Payment,
    LearningAction,
    Enquiry,
    Remedy,
    Compliment,
    InformalFeedback,
    InformalFeedbackAnswer,
    SatisfactionAnswer,
    Person,
    AuditEvent,
    Letter,
    LegalHold,
    Document,
    Survey,
    OptOut,
    Submission,
    SubmissionFile,
    FollowLink,
]
CONFIGURATION = [
    Procedure,
    StageRule,
    ClosureDay,
    Taxonomy,
    Term,
    AuthoritySetting,
    Organisation,
    ServiceArea,
    Locality,
    User,
    ContextFigure,
    RetentionPeriod,
]


def test_every_redress_model_is_decided_case_record_or_configuration():
    """A new model must be placed: a case record (read-only) or configuration (edited)."""
    decided = {m._meta.label for m in [*CASE_RECORDS, *CONFIGURATION]}
    written_by_the_system = {
        "imports.ImportRun",
        "reporting.ReportEdition",
        "reporting.SectionNarrative",
        "reporting.PublishableExcerpt",  # written and approved on the reports pages
        "retention.Anonymisation",  # written by `redress retention`
        "notifications.Message",  # written by the notifications service
        "letters.LetterTemplate",  # edited on the letter templates pages, checked and versioned
        "letters.LetterTemplateVersion",  # kept by each save of a template
        "front.PublicAttempt",  # written by the public pages' rate limit
    }
    undecided = (
        {m._meta.label for m in REGISTERED if m.__module__.startswith("redress.")}
        - decided
        - written_by_the_system
    )
    assert not undecided


@pytest.mark.parametrize("model", CASE_RECORDS, ids=lambda m: m._meta.label)
def test_a_case_record_is_shown_but_never_added_changed_or_deleted(
    model, admin_client, one_of_everything
):
    instance = model._default_manager.order_by("pk").first()
    before = audit.snapshot(instance)
    change = _admin_url(model, "change", instance.pk)
    page = admin_client.get(change)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert admin_client.get(_admin_url(model, "add")).status_code == 403
    assert admin_client.post(change, {}).status_code == 403
    assert admin_client.get(_admin_url(model, "delete", instance.pk)).status_code == 403
    assert (
        admin_client.post(_admin_url(model, "delete", instance.pk), {"post": "yes"}).status_code
        == 403
    )
    instance.refresh_from_db()
    assert audit.snapshot(instance) == before
    # Nor through an inline row of another record's page: no case record has an editable row.
    for other in admin.site._registry.values():
        request = page.wsgi_request
        for inline in other.get_inline_instances(request):
            if inline.model is model:
                assert not inline.has_add_permission(request, None)
                assert not inline.has_change_permission(request, None)
                assert not inline.has_delete_permission(request, None)


@pytest.mark.parametrize("model", CONFIGURATION, ids=lambda m: m._meta.label)
def test_configuration_is_edited_in_the_admin(model, admin_client):
    request = admin_client.get(reverse("admin:index")).wsgi_request
    model_admin = admin.site._registry[model]
    assert model_admin.has_add_permission(request)
    assert model_admin.has_change_permission(request)


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.label)
def test_no_one_types_raw_json(model, admin_client, one_of_everything):
    """A JSON field is shown read-only, never as a box to type JSON into (the settings' value
    is typed as text and checked by its parser)."""
    instance = model._default_manager.order_by("pk").first()
    pages = [_admin_url(model, "add")]
    if instance is not None:
        pages.append(_admin_url(model, "change", instance.pk))
    for url in pages:
        response = admin_client.get(url)
        if response.status_code != 200:
            continue
        forms_shown = [response.context_data["adminform"].form]
        for formset in response.context_data.get("inline_admin_formsets", []):
            forms_shown += [*formset.formset.forms, formset.formset.empty_form]
        page = response.content.decode()
        for form in forms_shown:
            for name, field in form.fields.items():
                if isinstance(field, django_forms.JSONField):
                    assert f'name="{form.add_prefix(name)}"' not in page, f"{url}: {name}"


def test_inline_fields_have_accessible_names(client, staff_manager):
    """A tabular inline's labels are column headings, which name no field: each field in a row
    carries its own name (found by an audit with axe and a screen reader). And a complaints
    manager (not only a superuser) gets the inline rows at all."""
    client.force_login(staff_manager)
    organisation = OrganisationFactory(name="Kingsmoor Council")
    ServiceArea.objects.create(name="Fostering", organisation=organisation)
    page = client.get(_admin_url(Organisation, "change", organisation.pk)).content.decode()
    fields = re.findall(
        r"<(?:input|select|textarea)\b[^>]*name=\"service_areas-[^\"]*\"[^>]*>", page
    )
    visible = [f for f in fields if 'type="hidden"' not in f]
    assert len(visible) >= 8  # the row and the empty row the "Add another" link copies
    for field in visible:
        assert "aria-label=" in field, field
    assert 'aria-label="Name (service area 1)"' in page
    assert 'aria-label="Locality (service area 1)"' in page
    assert 'aria-label="Delete (service area 1)"' in page
    assert 'aria-label="Name (new service area)"' in page


def test_an_audit_event_cannot_be_added_changed_or_deleted(admin_client, superuser):
    complaint = ComplaintFactory()
    event = audit.record(action="complaint.recorded", obj=complaint, by=superuser)
    assert admin_client.get(_admin_url(AuditEvent, "add")).status_code == 403
    assert admin_client.get(_admin_url(AuditEvent, "delete", event.pk)).status_code == 403
    response = admin_client.post(_admin_url(AuditEvent, "change", event.pk), {"action": "tampered"})
    assert response.status_code == 403
    event.refresh_from_db()
    assert event.action == "complaint.recorded"


def test_a_setting_is_validated_and_saved_through_the_settings_service(admin_client):
    url = _admin_url(AuthoritySetting, "add")
    response = admin_client.post(url, {"key": "stage2_average_cost", "text": "lots"})
    assert response.status_code == 200
    assert "is not an amount of money" in response.content.decode()
    assert not AuthoritySetting.objects.exists()

    response = admin_client.post(url, {"key": "stage2_average_cost", "text": "3,500"})
    assert response.status_code == 302
    assert config.get("stage2_average_cost") == Decimal("3500.00")
    [event] = _events("config.set")
    assert event.after == {"stage2_average_cost": "3500.00"}


def test_a_complaints_manager_marked_as_staff_can_use_the_admin(client, staff_manager):
    client.force_login(staff_manager)
    assert client.get(_admin_url(Complaint, "changelist")).status_code == 200
    complaint = ComplaintFactory()
    assert client.get(_admin_url(Complaint, "changelist")).status_code == 200
    assert client.get(_admin_url(Complaint, "change", complaint.pk)).status_code == 200
    assert client.get(_admin_url(Complaint, "add")).status_code == 403
    assert client.get(_admin_url(Locality, "add")).status_code == 200


@pytest.mark.parametrize("role", [Role.COMPLAINTS_OFFICER, Role.RESPONDING_MANAGER, Role.EXECUTIVE])
def test_other_roles_cannot_use_the_admin_even_if_marked_as_staff(client, role):
    user = User.objects.create_user("someone", role=role, is_staff=True)
    client.force_login(user)
    assert client.get(_admin_url(Complaint, "changelist")).status_code == 403
    index = client.get(reverse("admin:index"))
    assert "Complaints" not in index.content.decode()


def test_a_manager_who_is_not_staff_is_sent_to_the_admin_login(manager_client):
    response = manager_client.get(_admin_url(Complaint, "changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


# Issue 8, point 9: deletions that reach case records, cascades, and stale forms.


@pytest.mark.parametrize("model", CASE_RECORDS, ids=lambda m: m._meta.label)
def test_no_case_record_can_be_deleted_in_bulk(model, admin_client, one_of_everything):
    instance = model._default_manager.order_by("pk").first()
    page = admin_client.get(_admin_url(model, "changelist"))
    assert "delete_selected" not in admin.site._registry[model].get_actions(page.wsgi_request)
    assert 'value="delete_selected"' not in page.content.decode()
    admin_client.post(
        _admin_url(model, "changelist"),
        {"action": "delete_selected", "_selected_action": [instance.pk], "post": "yes"},
    )
    assert model._default_manager.filter(pk=instance.pk).exists()


TAXONOMY_KIND = TaxonomyKind.values[0]


def test_a_cascaded_delete_audits_every_row(admin_client):
    taxonomy = Taxonomy.objects.create(code="test-kinds", name="Kinds", kind=TAXONOMY_KIND)
    parent = Term.objects.create(taxonomy=taxonomy, name="A")
    Term.objects.create(taxonomy=taxonomy, name="A one", parent=parent)
    response = admin_client.post(_admin_url(Taxonomy, "delete", taxonomy.pk), {"post": "yes"})
    assert response.status_code == 302
    deleted = {(e.content_type.model, e.before["name"]) for e in _events("admin.delete")}
    assert deleted == {("taxonomy", "Kinds"), ("term", "A"), ("term", "A one")}


def test_a_delete_that_would_change_a_case_record_is_refused(admin_client, officer):
    complaint = ComplaintFactory()
    stage = complaint.stages.get()
    stage.allocated_to = officer
    stage.save()
    delete = _admin_url(User, "delete", officer.pk)
    page = admin_client.get(delete).content.decode()
    assert "allocated" in page.lower()
    response = admin_client.post(delete, {"post": "yes"})
    assert response.status_code == 200  # the page again, naming what stops it
    assert User.objects.filter(pk=officer.pk).exists()
    stage.refresh_from_db()
    assert stage.allocated_to == officer
    response = admin_client.post(
        _admin_url(User, "changelist"),
        {"action": "delete_selected", "_selected_action": [officer.pk], "post": "yes"},
    )
    assert User.objects.filter(pk=officer.pk).exists()


def _loaded_as(page) -> str:
    match = re.search(r'name="redress_loaded_as" value="([^"]+)"', page.content.decode())
    assert match, "the change page carries the version it shows"
    return match.group(1)


def test_a_stale_admin_form_is_refused_naming_what_changed(admin_client):
    organisation = OrganisationFactory(name="Kingsmoor Council", kind="council")
    change = _admin_url(Organisation, "change", organisation.pk)
    first, second = _loaded_as(admin_client.get(change)), _loaded_as(admin_client.get(change))

    saved = admin_client.post(
        change, {**_organisation_form(organisation, kind="trust"), "redress_loaded_as": first}
    )
    assert saved.status_code == 302

    stale = admin_client.post(
        change,
        {
            **_organisation_form(organisation, name="Kingsmoor Borough Council"),
            "redress_loaded_as": second,
        },
    )
    assert stale.status_code == 200
    text = stale.content.decode()
    assert "Someone else changed this record after you opened it" in text
    assert "changed: kind" in text
    assert 'value="Kingsmoor Borough Council"' in text  # what was typed is kept
    organisation.refresh_from_db()
    assert (organisation.name, organisation.kind) == ("Kingsmoor Council", "trust")

    # Saved again from that page, knowingly: it now carries the current version.
    again = admin_client.post(
        change,
        {
            **_organisation_form(organisation, name="Kingsmoor Borough Council"),
            "redress_loaded_as": _loaded_as(stale),
        },
    )
    assert again.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Kingsmoor Borough Council"


def test_a_stale_form_notices_a_changed_inline_row(admin_client):
    organisation = OrganisationFactory(name="Kingsmoor Council")
    service = ServiceArea.objects.create(name="Fostering", organisation=organisation)
    change = _admin_url(Organisation, "change", organisation.pk)
    loaded = _loaded_as(admin_client.get(change))
    service.name = "Fostering and adoption"
    service.save()
    row = {"id": service.pk, "name": "Fostering"}
    stale = admin_client.post(
        change, {**_organisation_form(organisation, row), "redress_loaded_as": loaded}
    )
    assert stale.status_code == 200
    assert "changed: service areas" in stale.content.decode()
    service.refresh_from_db()
    assert service.name == "Fostering and adoption"


def test_a_tampered_version_is_refused(admin_client):
    locality = LocalityFactory(name="North")
    response = admin_client.post(
        _admin_url(Locality, "change", locality.pk),
        {"name": "South", "valid_from": "", "valid_to": "", "redress_loaded_as": "forged"},
    )
    assert response.status_code == 200
    locality.refresh_from_db()
    assert locality.name == "North"


def test_a_page_that_only_shows_a_record_carries_no_version(admin_client, one_of_everything):
    page = admin_client.get(_admin_url(Complaint, "change", one_of_everything.pk))
    assert "redress_loaded_as" not in page.content.decode()
    assert "Redress loaded as" not in page.content.decode()
