"""Who may see which complaints. Every page that shows a complaint reads through here.

- complaints officers and managers (and superusers): every complaint;
- responding managers: complaints with a stage allocated to them, or that they are appointed to;
- investigating officers and independent persons: only complaints they are appointed to;
- participation and advocacy workers: complaints from children and young people, and any
  allocated or appointed to them;
- executives and board members: none, since they see no personal data; they read figures.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet

from redress.accounts.models import Role
from redress.complaints.choices import CYP_COMPLAINANT_TYPES, AppointmentRole
from redress.complaints.models import Appointment, Complaint, Stage

EXECUTIVE_MESSAGE = (
    "Your role ({role}) shows figures and reports, not individual complaints, so that no "
    "one's personal details are on your screen. Your home page shows the counts."
)
# Who responds to complaints, so may have a stage allocated to them.
RESPONDING_ROLES = frozenset(
    {Role.RESPONDING_MANAGER, Role.COMPLAINTS_OFFICER, Role.COMPLAINTS_MANAGER}
)
NOT_YOURS_MESSAGE = (
    "You can only see complaints that are allocated to you or that you are appointed to. "
    "If you need to see this one, ask the complaints team."
)


def sees_every_complaint(user: Any) -> bool:
    return bool(user.is_active and (user.is_superuser or user.manages_complaints))


def sees_complaints(user: Any) -> bool:
    """Whether the user has any complaint pages at all (executives do not)."""
    return bool(user.is_authenticated and user.is_active and user.sees_personal_data)


def _involved_ids(user: Any) -> QuerySet[Any, Any]:
    """Ids of the complaints with a stage allocated to the user or one they are appointed to:
    found from the person's side (their stages and appointments, by index), not tested
    complaint by complaint, which at a million complaints is a million lookups (ADR 0015)."""
    appointed = Appointment.objects.filter(user=user).order_by()
    appointed_ids = appointed.values_list("stage__complaint_id", flat=True)
    if user.role == Role.INVESTIGATING_OFFICER:
        return appointed_ids
    allocated = Stage.objects.filter(allocated_to=user).order_by()
    return allocated.values_list("complaint_id", flat=True).union(appointed_ids)


def _involved(user: Any) -> Q:
    return Q(pk__in=_involved_ids(user))


def complaints_visible_to(user: Any) -> QuerySet[Complaint]:
    """The complaints this user may see."""
    complaints = Complaint.objects.all()
    if not user.is_authenticated or not user.is_active:
        return complaints.none()
    if sees_every_complaint(user):
        return complaints
    if not user.sees_personal_data:
        return complaints.none()
    involved = _involved(user)
    if user.role == Role.PARTICIPATION_WORKER:
        involved |= Q(complainant_type__in=CYP_COMPLAINANT_TYPES)
    return complaints.filter(involved)


def complaint_ids_visible_to(user: Any) -> QuerySet[Any, Any]:
    """The ids of the complaints this user may see, as a subquery that reads no more than it
    must: for someone who sees complaints only because they are involved in them, their
    stages' and appointments' complaint ids, without the complaints table in between (which
    leads PostgreSQL to test rows one by one)."""
    if (
        user.is_authenticated
        and user.is_active
        and user.sees_personal_data
        and not sees_every_complaint(user)
        and user.role != Role.PARTICIPATION_WORKER
    ):
        return _involved_ids(user)
    return complaints_visible_to(user).values("pk")


def visible_among(user: Any, ids: Iterable[int]) -> set[int]:
    """Which of these complaints the user may see (one query; none for the complaints team)."""
    ids = set(ids)
    if not ids or sees_every_complaint(user):
        return ids
    return set(complaints_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))


def stages_visible_to(user: Any) -> QuerySet[Stage]:
    if sees_every_complaint(user):
        return Stage.objects.all()
    return Stage.objects.filter(complaint__in=complaints_visible_to(user))


def may_manage_complaints(user: Any) -> bool:
    """Record complaints, acknowledge, extend and escalate: the complaints team's work."""
    return sees_every_complaint(user)


def may_respond(user: Any, stage: Stage) -> bool:
    """Record a stage's response: the complaints team, or the manager it is allocated to."""
    return may_manage_complaints(user) or (
        stage.allocated_to_id is not None and stage.allocated_to_id == user.pk
    )


def responds_to_complaints(user: Any) -> bool:
    """Whether a stage can be allocated to the user to respond to: a responding manager or
    the complaints team."""
    return bool(user.is_superuser or user.role in RESPONDING_ROLES)


def may_record_findings(user: Any, stage: Stage) -> bool:
    """Record the finding on each reason of a stage: whoever may record its response, or an
    investigating officer appointed to it (uses the stage's prefetched appointments)."""
    return may_respond(user, stage) or any(
        a.user_id == user.pk and a.role == AppointmentRole.INVESTIGATING_OFFICER
        for a in stage.appointments.all()
    )


def complaints_listed_note(user: Any) -> str:
    """Which complaints a list shows someone outside the complaints team, in words: kept here
    beside `complaints_visible_to`, whose rule it describes, so the two change together."""
    role = getattr(user, "role", None)
    if role == Role.PARTICIPATION_WORKER:
        return (
            "Only complaints made by children, young people or care leavers, and complaints "
            "allocated to you or that you are appointed to, are listed here."
        )
    if role == Role.INVESTIGATING_OFFICER:
        return "Only complaints you are appointed to investigate are listed here."
    return "Only complaints allocated to you, or that you are appointed to, are listed here."


def why_hidden(user: Any) -> str:
    """The message for someone refused a complaint page."""
    if not user.sees_personal_data:
        return EXECUTIVE_MESSAGE.format(role=user.get_role_display())
    return NOT_YOURS_MESSAGE
