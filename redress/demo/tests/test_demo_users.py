import base64
from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth import authenticate as django_authenticate
from django.core.management import call_command
from django.test import RequestFactory
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from redress.accounts.models import Role, User
from redress.complaints.services import complaint_record
from redress.complaints.tests.factories import ComplaintFactory, StageFactory
from redress.core import config

pytestmark = pytest.mark.django_db


def _logins(output: str) -> dict[str, str]:
    rows = [line.split() for line in output.splitlines() if line.startswith("  ")]
    return {row[0]: row[1] for row in rows if len(row) >= 2 and "-" in row[1]}


def authenticate(**credentials):
    """Signing in checks the lock-out first, which needs the request (django-axes)."""
    return django_authenticate(RequestFactory().post("/accounts/login/"), **credentials)


def test_demo_users_get_every_role_and_can_sign_in(capsys, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("demo_users", url="http://127.0.0.1:8000/")
    output = capsys.readouterr().out
    assert "http://127.0.0.1:8000/accounts/login/" in output
    logins = _logins(output)
    assert set(logins) == {"manager", "officer", "teammanager", "investigator", "executive"}
    roles = {u.username: u.role for u in User.objects.all()}
    assert roles["teammanager"] == Role.RESPONDING_MANAGER
    assert roles["executive"] == Role.EXECUTIVE
    for username, password in logins.items():
        assert authenticate(username=username, password=password) is not None
    assert User.objects.get(username="manager").is_staff
    assert not User.objects.get(username="executive").is_staff
    assert "manager" in Path(tmp_path, "demo", "logins.txt").read_text()


def test_the_demo_manager_gets_an_authenticator_key_and_backup_codes(capsys, settings, tmp_path):
    """The complaints manager must give a second factor: the demo prints a new key for an app
    and backup codes, the real mechanism (no demo-only way round it)."""
    settings.VAR_DIR = tmp_path
    call_command("demo_users")
    lines = capsys.readouterr().out.splitlines()
    key = lines[lines.index("Add this key to an app (a time-based key, 6-digit codes):") + 1]
    codes = lines[
        lines.index("or, without an app, give one of these backup codes (each works once):") + 1
    ].split()
    device = TOTPDevice.objects.get(user__username="manager", confirmed=True)
    assert base64.b32decode(key.replace(" ", "")) == device.bin_key
    assert len(codes) == 10
    stored = StaticToken.objects.filter(device__user__username="manager")
    assert set(stored.values_list("token", flat=True)) == set(codes)
    assert not TOTPDevice.objects.exclude(user__username="manager").exists()


def test_running_again_resets_passwords(capsys, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("demo_users")
    first = _logins(capsys.readouterr().out)
    call_command("demo_users")
    second = _logins(capsys.readouterr().out)
    assert User.objects.count() == 5
    assert authenticate(username="officer", password=first["officer"]) is None
    assert authenticate(username="officer", password=second["officer"]) is not None


def test_team_manager_and_investigator_get_work(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    open_complaint = ComplaintFactory()
    escalated = ComplaintFactory()
    StageFactory(complaint=escalated, number=2)
    call_command("demo_users")
    manager = User.objects.get(username="teammanager")
    investigator = User.objects.get(username="investigator")
    assert open_complaint.stages.get(number=1).allocated_to == manager
    assert escalated.stages.get(number=2).appointments.get().user == investigator


def test_the_investigator_is_never_appointed_to_a_local_review(settings, tmp_path):
    from redress.procedures.models import Procedure

    settings.VAR_DIR = tmp_path
    review = ComplaintFactory(procedure=Procedure.objects.get(code="local"))
    StageFactory(complaint=review, number=2)
    call_command("demo_users")
    assert not review.stages.get(number=2).appointments.exists()


def test_demo_setup_configures_the_authority():
    call_command("demo_setup")
    assert config.get("authority_name") == "Kingsmoor Children's Trust"
    assert str(config.get("stage2_average_cost")) == "3500.00"


def test_complaints_recorded_in_the_demo_continue_its_references():
    """The demo's records are KCT-YYYY-NNNN, counted by reporting year; a complaint recorded in
    the demo follows the highest number of its year, in the same form."""
    last_year = ComplaintFactory(reference="KCT-2021-0362", received_date=date(2022, 3, 30))
    ComplaintFactory(reference="KCT-2022-0057", received_date=date(2022, 5, 30))
    call_command("demo_setup")

    def recorded(day: date) -> str:
        return complaint_record(
            received_on=day,
            procedure=last_year.procedure,
            service_area=last_year.service_area,
            by=None,
        ).reference

    assert recorded(date(2022, 5, 31)) == "KCT-2022-0058"
    assert recorded(date(2022, 3, 31)) == "KCT-2021-0363"
