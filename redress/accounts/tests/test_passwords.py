"""The password policy: at least 12 characters, not a common password, not like the user's
own details, not all digits; the test users' and the demo users' passwords meet it."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from redress.accounts.models import Role, User
from redress.demo.users import DEMO_USERS, make_password

pytestmark = pytest.mark.django_db


def _refused(password, user=None):
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user)
    return " ".join(refused.value.messages)


def test_a_short_password_is_refused():
    assert "at least 12 characters" in _refused("officer2")
    assert "at least 12 characters" in _refused("Tr0ub4dor&3")  # 11


def test_a_common_password_is_refused():
    assert "too common" in _refused("password1234")


def test_a_password_like_the_users_details_is_refused():
    user = User(username="olive_officer", first_name="Olive", email="olive.officer@example.org")
    assert "too similar" in _refused("olive_officer1", user)


def test_a_password_of_digits_only_is_refused():
    assert "entirely numeric" in _refused("739164285017")


def test_the_admin_refuses_officer2_for_a_new_user(client, manager):
    manager.is_staff = True
    manager.save()
    client.force_login(manager)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "new_officer",
            "role": Role.COMPLAINTS_OFFICER,
            "usable_password": "true",
            "password1": "officer2",
            "password2": "officer2",
        },
    )
    assert response.status_code == 200
    assert "at least 12 characters" in response.content.decode()
    assert not User.objects.filter(username="new_officer").exists()


def test_the_test_and_demo_passwords_meet_the_policy(officer):
    validate_password("correct horse battery staple", officer)
    for spec in DEMO_USERS:
        user = User(username=spec.username, first_name=spec.first_name, last_name=spec.last_name)
        for _ in range(20):
            validate_password(make_password(), user)
