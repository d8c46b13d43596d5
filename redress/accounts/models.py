from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    COMPLAINTS_MANAGER = "complaints_manager", "Complaints manager"
    COMPLAINTS_OFFICER = "complaints_officer", "Complaints officer"
    RESPONDING_MANAGER = "responding_manager", "Responding manager"
    INVESTIGATING_OFFICER = "investigating_officer", "Investigating officer or independent person"
    PARTICIPATION_WORKER = "participation_worker", "Participation or advocacy worker"
    EXECUTIVE = "executive", "Executive or board member"


class Reminders(models.TextChoices):
    """How someone wants their own reminders (redress.notifications.reminders)."""

    EMAIL = "email", "By email"
    NONE = "none", "No reminders"


class User(AbstractUser):
    """A member of staff or an external investigator. The role decides what they can see."""

    role = models.CharField(max_length=32, choices=Role.choices, default=Role.COMPLAINTS_OFFICER)
    job_title = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.SET_NULL
    )
    reminders = models.CharField(
        max_length=8,
        choices=Reminders.choices,
        default=Reminders.EMAIL,
        help_text="Reminders of their own deadlines, and the weekly digest for a manager.",
    )

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    @property
    def sees_personal_data(self) -> bool:
        return self.role != Role.EXECUTIVE

    @property
    def manages_complaints(self) -> bool:
        return self.role in {Role.COMPLAINTS_MANAGER, Role.COMPLAINTS_OFFICER}

    @property
    def configures(self) -> bool:
        return self.role == Role.COMPLAINTS_MANAGER or self.is_superuser
