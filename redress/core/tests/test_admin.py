"""The admin: every registered model's pages load, every write is audited, and only complaints
managers (and superusers) get in."""

import datetime
from decimal import Decimal

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from redress.accounts.models import Role, User
from redress.complaints.models import Complaint, Extension, Stage
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
from redress.feedback.tests.factories import (
    ComplimentFactory,
    InformalFeedbackFactory,
    SatisfactionAnswerFactory,
)
from redress.imports.models import ImportRun
from redress.ombudsman.tests.factories import RemedyFactory
from redress.organisations.tests.factories import LocalityFactory, OrganisationFactory
from redress.procedures.models import ClosureDay
from redress.reporting.tests.factories import ContextFigureFactory, SectionNarrativeFactory

pytestmark = pytest.mark.django_db

REGISTERED = sorted(admin.site._registry, key=lambda m: m._meta.label)


@pytest.fixture
def superuser(db) -> User:
    return User.objects.create_superuser("sam_super", "sam@example.org", "x" * 12)


@pytest.fixture
def staff_manager(manager) -> User:
    manager.is_staff = True
    manager.save()
    return manager


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
    AspectFactory(stage=stage1)
    AppointmentFactory(stage=stage2, user=superuser)
    MediationFactory(complaint=complaint)
    remedy = RemedyFactory(enquiry__complaint=complaint)
    PaymentFactory(complaint=complaint, enquiry=remedy.enquiry)
    LearningActionFactory(complaint=complaint)
    ComplimentFactory()
    InformalFeedbackFactory()
    SatisfactionAnswerFactory(complaint=complaint)
    ContextFigureFactory()
    SectionNarrativeFactory()
    ClosureDay.objects.create(date=datetime.date(2021, 12, 29), reason="Christmas closure")
    config.set_value("stage2_average_cost", "3500", by=superuser)
    ImportRun.objects.create(file_name="history.xlsx", checksum="0" * 64, status="imported")
    audit.record(action="complaint.recorded", obj=complaint, by=superuser, complaint=complaint)
    return complaint


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


def test_an_admin_change_is_audited_with_before_and_after(admin_client, superuser):
    complaint = ComplaintFactory(summary="Late reply")
    stage = complaint.stages.get()
    data = {
        "complaint": complaint.pk,
        "number": 1,
        "received_date": "2021-06-07",
        "acknowledged_date": "2021-06-08",
        "statement_agreed_date": "",
        "responded_date": "",
        "outcome": "",
        "organisation": "",
        "panel_date": "",
        "panel_report_date": "",
        "allocated_to": "",
        "responded_by": "",
        "custom_data": "{}",
        "extensions-TOTAL_FORMS": "1",
        "extensions-INITIAL_FORMS": "0",
        "extensions-0-extended_to_days": "20",
        "extensions-0-reason": "An advocate is needed",
        "extensions-0-agreed_date": "2021-06-10",
        "extensions-0-agreed_by": "",
        "aspects-TOTAL_FORMS": "0",
        "aspects-INITIAL_FORMS": "0",
        "appointments-TOTAL_FORMS": "0",
        "appointments-INITIAL_FORMS": "0",
    }
    response = admin_client.post(_admin_url(Stage, "change", stage.pk), data)
    assert response.status_code == 302, response.content.decode()[:3000]

    [change] = _events("admin.change")
    assert change.before["acknowledged_date"] is None
    assert change.after["acknowledged_date"] == "2021-06-08"
    assert change.complaint_id == complaint.pk
    assert change.actor == superuser
    assert change.content_type == ContentType.objects.get_for_model(Stage)

    [added] = _events("admin.add")
    extension = Extension.objects.get()
    assert added.object_id == str(extension.pk)
    assert added.after["reason"] == "An advocate is needed"
    assert added.after["extended_to_days"] == 20
    assert added.complaint_id == complaint.pk


def test_saving_without_a_change_records_nothing(admin_client):
    from redress.organisations.models import Locality

    locality = LocalityFactory(name="North")
    response = admin_client.post(
        _admin_url(Locality, "change", locality.pk),
        {"name": "North", "valid_from": "", "valid_to": ""},
    )
    assert response.status_code == 302
    assert not AuditEvent.objects.exists()


def test_an_admin_delete_is_audited_and_keeps_the_complaint_link(admin_client):
    complaint = ComplaintFactory(reference="CSC-2021-0007")
    response = admin_client.post(_admin_url(Complaint, "delete", complaint.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Complaint.objects.exists()
    [event] = _events("admin.delete")
    assert event.before["reference"] == "CSC-2021-0007"
    assert event.after is None
    assert event.complaint_id == complaint.pk


def test_bulk_delete_audits_each_record(admin_client):
    first, second = LocalityFactory(name="East"), LocalityFactory(name="West")
    from redress.organisations.models import Locality

    response = admin_client.post(
        _admin_url(Locality, "changelist"),
        {"action": "delete_selected", "_selected_action": [first.pk, second.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert sorted(e.before["name"] for e in _events("admin.delete")) == ["East", "West"]


def test_a_deleted_inline_row_is_audited(admin_client):
    extension = ExtensionFactory(reason="Complex case")
    stage = extension.stage
    data = {
        "complaint": stage.complaint_id,
        "number": 1,
        "received_date": "2021-06-07",
        "custom_data": "{}",
        "extensions-TOTAL_FORMS": "1",
        "extensions-INITIAL_FORMS": "1",
        "extensions-0-id": extension.pk,
        "extensions-0-stage": stage.pk,
        "extensions-0-extended_to_days": "20",
        "extensions-0-reason": "Complex case",
        "extensions-0-DELETE": "on",
        "aspects-TOTAL_FORMS": "0",
        "aspects-INITIAL_FORMS": "0",
        "appointments-TOTAL_FORMS": "0",
        "appointments-INITIAL_FORMS": "0",
    }
    response = admin_client.post(_admin_url(Stage, "change", stage.pk), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert not Extension.objects.exists()
    [event] = _events("admin.delete")
    assert event.before["reason"] == "Complex case"
    assert event.complaint_id == stage.complaint_id


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
    ComplaintFactory()
    assert client.get(_admin_url(Complaint, "changelist")).status_code == 200


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
