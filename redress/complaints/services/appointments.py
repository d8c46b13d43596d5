"""The people appointed to a stage: the stage 2 investigating officer, independent person and
adjudicator, and the stage 3 review panel."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q

from redress.accounts.models import Role
from redress.complaints.choices import PANEL_ROLES, AppointmentRole
from redress.complaints.models import Appointment, Complaint, Stage
from redress.complaints.state import complaint_changed
from redress.core import audit
from redress.procedures import rules

from .checks import choice, ensure_open, lock_stage, not_before, not_in_future
from .stage2 import ensure_investigation

if TYPE_CHECKING:
    from redress.accounts.models import User

# The stage each role belongs to, as the statutory guidance sets them out.
ROLE_STAGE: dict[str, int] = {
    AppointmentRole.INVESTIGATING_OFFICER: 2,
    AppointmentRole.INDEPENDENT_PERSON: 2,
    AppointmentRole.ADJUDICATOR: 2,
    AppointmentRole.PANEL_CHAIR: 3,
    AppointmentRole.PANEL_MEMBER: 3,
}

# Roles that must be independent of the service complained about (the adjudicator is a senior
# manager of the authority by design).
INDEPENDENT_ROLES = frozenset(
    {AppointmentRole.INVESTIGATING_OFFICER, AppointmentRole.INDEPENDENT_PERSON, *PANEL_ROLES}
)

# Roles that must be independent of the authority itself, not only of the service: the
# independent person (regulation 2 of the 2006 Regulations: neither a member nor an officer of
# the authority) and the review panel, three independent people.
OUTSIDE_ROLES = frozenset({AppointmentRole.INDEPENDENT_PERSON, *PANEL_ROLES})
# Redress accounts of people outside the authority: investigators and independent persons
# brought in for a complaint. Every other role is the authority's own staff.
OUTSIDE_ACCOUNT_ROLES = frozenset({Role.INVESTIGATING_OFFICER})

STAGE2_PANEL_CONFLICTS: dict[str, type[rules.RuleViolation]] = {
    AppointmentRole.INDEPENDENT_PERSON: rules.IndependentPersonOnPanel,
    AppointmentRole.INVESTIGATING_OFFICER: rules.InvestigatorOnPanel,
}


def _same_person(appointment: Appointment, user: User | None, name: str) -> bool:
    if user is not None and appointment.user_id == user.pk:
        return True
    return appointment.name.strip().casefold() == name.strip().casefold()


def _label(role: str) -> str:
    return AppointmentRole(role).label.lower()


def _not_independent_because(user: User, complaint: Complaint) -> str | None:
    """Why a user is plainly part of the service complained about, if we can tell: they
    handled this complaint, or they are allocated or answer complaints about that service."""
    handles = Q(allocated_to=user) | Q(responded_by=user)
    own = complaint.stages.filter(handles).order_by("number").first()
    if own is not None:
        return f"handled this complaint at stage {own.number}"
    if Stage.objects.filter(
        handles, complaint__service_area__name=complaint.service_area.name
    ).exists():
        return "handle complaints about it"
    return None


def _handled_by_name(name: str, complaint: Complaint) -> str | None:
    """For someone appointed by name only: whether that is the name of someone who handled
    this complaint (allocated or responded to one of its stages)."""
    for stage in complaint.stages.select_related("allocated_to", "responded_by").order_by("number"):
        for handler in (stage.allocated_to, stage.responded_by):
            if handler is not None and handler.display_name.casefold() == name.casefold():
                return f"handled this complaint at stage {stage.number}"
    return None


def _check_independent(stage: Stage, role: str, user: User | None, name: str) -> None:
    if role not in INDEPENDENT_ROLES:
        return
    complaint = stage.complaint
    why = (
        _not_independent_because(user, complaint)
        if user is not None
        else _handled_by_name(name, complaint)
    )
    if why:
        raise rules.InvestigatorNotIndependent(
            name=name, service=complaint.service_area.name, why=why, role=_label(role)
        )
    if role in OUTSIDE_ROLES and user is not None and user.role not in OUTSIDE_ACCOUNT_ROLES:
        raise rules.IndependentPersonIsStaff(
            name=name, staff_role=user.get_role_display().lower(), role=_label(role)
        )


@transaction.atomic
def stage_appoint(
    *,
    stage: Stage,
    role: str,
    by: User | None,
    user: User | None = None,
    name: str = "",
    appointed_on: datetime.date | None = None,
) -> Appointment:
    """Appoint someone to an open stage: a user account, or a name for someone outside Redress.

    Investigating officers, independent persons and panellists must be independent of the
    service complained about (not anyone who handled the complaint, nor a manager who handles
    complaints about the service); the independent person and the panellists must also be
    from outside the authority (not a Redress user with a staff role). The stage 2 roles are
    appointed only where the stage's rule is an independent investigation (not the local
    procedure's stage 2, a review by a manager). The stage 2 investigating officer and
    independent person cannot sit on the stage 3 panel; a panel has three members, one of them
    the chair.
    """
    stage = lock_stage(stage)
    ensure_open(stage)
    choice(role, AppointmentRole, what="role")
    if ROLE_STAGE[role] != stage.number:
        raise rules.AppointmentNotForStage(
            role=_label(role), expected=ROLE_STAGE[role], stage=stage.number
        )
    if ROLE_STAGE[role] == 2:  # the stage 2 roles belong to an independent investigation
        ensure_investigation(stage, _label(role))
    name = (name or "").strip() or (user.display_name if user is not None else "")
    if not name:
        raise rules.AppointmentNeedsName(role=_label(role))
    if appointed_on is not None:
        not_before(
            appointed_on,
            what="appointment",
            earlier=f"date stage {stage.number} was received",
            earlier_date=stage.received_date,
        )
        not_in_future(appointed_on, what="appointment")

    current = list(stage.appointments.all())
    for other in current:
        if _same_person(other, user, name):
            if other.role == role:
                raise rules.AlreadyAppointed(name=name, stage=stage.number, role=_label(role))
            raise rules.SamePersonTwoRoles(
                name=name, other_role=_label(other.role), stage=stage.number, role=_label(role)
            )
    if role in PANEL_ROLES:
        panel = [a for a in current if a.role in PANEL_ROLES]
        chair = next((a for a in panel if a.role == AppointmentRole.PANEL_CHAIR), None)
        if role == AppointmentRole.PANEL_CHAIR and chair is not None:
            raise rules.PanelHasChair(name=chair.name)
        if len(panel) >= rules.PANEL_SIZE:
            raise rules.PanelFull(size=rules.PANEL_SIZE)
        stage2 = Appointment.objects.filter(
            stage__complaint=stage.complaint, stage__number=2, role__in=STAGE2_PANEL_CONFLICTS
        )
        for earlier in stage2:
            if _same_person(earlier, user, name):
                raise STAGE2_PANEL_CONFLICTS[earlier.role](name=name)
    _check_independent(stage, role, user, name)

    appointment = Appointment.objects.create(
        stage=stage, role=role, user=user, name=name, appointed_date=appointed_on
    )
    audit.record(
        action="stage.appoint",
        obj=appointment,
        by=by,
        after=audit.snapshot(appointment),
        complaint=stage.complaint,
    )
    complaint_changed(stage.complaint, stage=stage)
    return appointment


@transaction.atomic
def appointment_remove(*, appointment: Appointment, by: User | None, reason: str = "") -> None:
    """Take someone off an open stage (appointed by mistake, or stood down). A review panel's
    members stay once it has met."""
    stage = lock_stage(appointment.stage)
    ensure_open(stage)
    if appointment.role in PANEL_ROLES and stage.panel_date is not None:
        raise rules.PanelAlreadyMet(date=stage.panel_date)
    audit.record(
        action="stage.unappoint",
        obj=appointment,
        by=by,
        before=audit.snapshot(appointment),
        complaint=stage.complaint,
        note=reason.strip(),
    )
    complaint_changed(stage.complaint, stage=stage)
    appointment.delete()
