import pytest
from django.urls import reverse

from redress.accounts.models import Role, User
from redress.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _change(client, user, **overrides):
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": "",
        "role": user.role,
        "job_title": "",
        "organisation": "",
        "is_active": "on",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2021-04-01",
        "date_joined_1": "09:00:00",
    }
    data.update(overrides)
    return client.post(reverse("admin:accounts_user_change", args=[user.pk]), data)


def test_only_a_complaints_manager_can_be_made_staff(staff_manager_client, officer):
    response = _change(staff_manager_client, officer, is_staff="on")
    assert response.status_code == 200
    assert "Only complaints managers can use the admin" in response.content.decode()
    officer.refresh_from_db()
    assert not officer.is_staff

    response = _change(staff_manager_client, officer, is_staff="on", role=Role.COMPLAINTS_MANAGER)
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.is_staff
    assert officer.role == Role.COMPLAINTS_MANAGER


def test_a_user_change_is_audited_without_the_password(staff_manager_client, officer):
    response = _change(staff_manager_client, officer, job_title="Senior complaints officer")
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="admin.change")
    assert event.before["job_title"] == ""
    assert event.after["job_title"] == "Senior complaints officer"
    assert "password" not in event.after
    assert "password" not in event.before


def test_a_manager_cannot_make_a_superuser(staff_manager_client, officer):
    _change(staff_manager_client, officer, is_superuser="on")
    officer.refresh_from_db()
    assert not officer.is_superuser


def test_a_password_change_is_audited(staff_manager_client, officer):
    url = reverse("admin:auth_user_password_change", args=[officer.pk])
    response = staff_manager_client.post(
        url,
        {
            "usable_password": "true",
            "password1": "a new long passphrase",
            "password2": "a new long passphrase",
        },
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password("a new long passphrase")
    event = AuditEvent.objects.get(action="admin.change")
    assert event.after == {"password": "(changed)"}
    assert User.objects.get(pk=event.actor_id).username == "morgan_manager"
