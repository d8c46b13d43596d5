"""Demo users: one of each role, with passwords made up on the spot and printed once (and,
for the complaints manager, who must use a second factor, an authenticator key and backup codes).

Created only by `make demo` (through `redress demo_users`), never by migrations or in
production set-up.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from redress.accounts import second_factor
from redress.accounts.models import Role, User
from redress.complaints.models import Appointment, Stage
from redress.complaints.state import refresh_complaints
from redress.demo import place

WORDS = (
    "amber", "birch", "cedar", "delta", "ember", "fable", "grove", "harbor", "indigo", "juniper",
    "kestrel", "lantern", "meadow", "nectar", "orchid", "pebble", "quartz", "river", "saffron",
    "thistle", "umber", "violet", "willow", "yarrow", "zephyr",
)  # fmt: skip


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: Role
    job_title: str
    is_staff: bool = False


DEMO_USERS = (
    DemoUser("manager", "Morgan", "Ashby", Role.COMPLAINTS_MANAGER, "Complaints manager", True),
    DemoUser("officer", "Olu", "Bennett", Role.COMPLAINTS_OFFICER, "Complaints officer"),
    DemoUser("teammanager", "Tara", "Chowdhury", Role.RESPONDING_MANAGER, "Team manager"),
    DemoUser("investigator", "Ivan", "Doyle", Role.INVESTIGATING_OFFICER, "Investigating officer"),
    DemoUser("executive", "Esther", "Egwu", Role.EXECUTIVE, "Director of children's services"),
)


def make_password() -> str:
    """Three words and two digits: easy to type from the terminal, not guessable."""
    words = [secrets.choice(WORDS) for _ in range(3)]
    return "-".join(words) + f"-{secrets.randbelow(90) + 10}"


@dataclass(frozen=True)
class DemoSecondFactor:
    """The demo complaints manager's second factor: a new authenticator key (to add to an app)
    and backup codes (to sign in without one), printed with the passwords."""

    username: str
    key: str
    backup_codes: list[str]


def set_up_second_factor(user: User) -> DemoSecondFactor:
    """A confirmed authenticator with a new key, and new backup codes, in place of any before."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(user=user, name=second_factor.AUTHENTICATOR, confirmed=True)
    codes = second_factor.new_backup_codes(user)
    return DemoSecondFactor(user.username, second_factor.secret_text(device), codes)


@transaction.atomic
def create_demo_users() -> list[tuple[DemoUser, str]]:
    """Create (or reset) the demo users and give the team manager and the investigator some
    work from the demo data. Returns each user with their new password. (Those who must use a
    second factor get theirs from `set_up_second_factor`.)"""
    created = []
    for spec in DEMO_USERS:
        password = make_password()
        user, _ = User.objects.update_or_create(
            username=spec.username,
            defaults={
                "first_name": spec.first_name,
                "last_name": spec.last_name,
                "role": spec.role,
                "job_title": spec.job_title,
                "is_staff": spec.is_staff,
                "is_superuser": spec.is_staff,
                "email": f"{spec.username}@{place.email_domain()}",
            },
        )
        user.set_password(password)
        user.save(update_fields=["password"])
        created.append((spec, password))
    _give_work(User.objects.get(username="teammanager"), User.objects.get(username="investigator"))
    return created


def _give_work(team_manager: User, investigator: User) -> None:
    # The latest open stage 1s go to the team manager, so "My work" has something in it; the
    # investigator is appointed to the latest stage 2s.
    open_stage1 = Stage.objects.filter(number=1, responded_date__isnull=True, outcome="")
    latest = list(open_stage1.order_by("-received_date").values_list("pk", flat=True)[:5])
    Stage.objects.filter(pk__in=latest).update(allocated_to=team_manager)
    refresh_complaints(Stage.objects.filter(pk__in=latest).values_list("complaint_id", flat=True))
    # (Only where stage 2 is an independent investigation: a local stage 2 is a review.)
    investigations = Stage.objects.filter(
        number=2,
        complaint__procedure__stage_rules__stage=2,
        complaint__procedure__stage_rules__independent_investigation=True,
    )
    for stage in investigations.order_by("-received_date")[:3]:
        Appointment.objects.get_or_create(
            stage=stage,
            role="investigating_officer",
            defaults={"user": investigator, "name": investigator.get_full_name()},
        )
