"""Reminders: what is due, to whom, and sending it once.

On each working day (REDRESS_TODAY respected, `core.clock`):

- the person a stage is allocated to hears when it falls due within
  `reminder_days_before` working days (once per due date: an extension brings a new one), and
  every working day while it is overdue (not while it is on hold);
- the complaints managers hear the same of Ombudsman responses, remedies and learning actions;
- each complaints manager gets a weekly digest of what is overdue and what is due next week, on
  the first working day on or after REDRESS_DIGEST_WEEKDAY.

Every reminder has a dedupe key naming what it is about, for whom and for which day (or due
date, or week), unique on `Message`, so running the reminders twice sends nothing twice.
Only people whose reminders are "By email" (accounts.User.reminders) and who have an email
address get them. The texts carry references and dates, never names (docs/security.md).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from redress.accounts.models import Reminders, Role, User
from redress.complaints.choices import StageStatus
from redress.complaints.models import Complaint, LearningAction, Stage
from redress.core import clock, config
from redress.core.models import AuthoritySetting
from redress.core.presenters import govuk_date, working_days
from redress.ombudsman.models import Enquiry, Remedy
from redress.procedures.calendar import WorkingCalendar
from redress.procedures.selectors import working_calendar

from . import services
from .models import Kind, Message

DIGEST_LISTED = 30  # references listed in a digest per heading; the rest are counted


@dataclass(frozen=True)
class Reminder:
    key: str
    kind: Kind
    recipient: User
    subject: str
    body: str
    complaint: Complaint | None = None


@dataclass
class RunReport:
    day: datetime.date
    working_day: bool = True
    sent: list[Reminder] = field(default_factory=list)
    already_sent: int = 0
    retried: int = 0
    delivery_updates: int = 0


def days_before() -> int:
    """The authority's `reminder_days_before` if set, else REDRESS_REMINDER_DAYS_BEFORE."""
    if AuthoritySetting.objects.filter(key="reminder_days_before").exists():
        return int(config.get("reminder_days_before"))
    return int(settings.REDRESS_REMINDER_DAYS_BEFORE)


def _link(name: str, *args: Any) -> str:
    return settings.REDRESS_SITE_URL.rstrip("/") + reverse(name, args=args)


def _footer(why: str) -> str:
    return (
        f"\n\nYou get this because {why}. To stop these reminders, choose 'No reminders' at "
        f"{_link('notifications:preferences')}"
    )


def _wanting(users: QuerySet[User]) -> QuerySet[User]:
    return users.filter(is_active=True, reminders=Reminders.EMAIL).exclude(email="")


def managers() -> list[User]:
    return list(_wanting(User.objects.filter(role=Role.COMPLAINTS_MANAGER)).order_by("pk"))


def _when(calendar: WorkingCalendar, day: datetime.date, due: datetime.date) -> str:
    left = calendar.working_days_until(day, due)
    if left > 0:
        return f"is due on {govuk_date(due)}, in {working_days(left)}"
    if left == 0:
        return f"is due today, {govuk_date(due)}"
    return f"was due on {govuk_date(due)} and is {working_days(-left)} overdue"


def _stage_reminders(
    day: datetime.date, horizon: datetime.date, calendar: WorkingCalendar
) -> Iterator[Reminder]:
    stages = (
        Stage.objects.filter(
            status=StageStatus.OPEN,
            due_date__lte=horizon,
            allocated_to__in=_wanting(User.objects.all()),
        )
        .select_related("complaint", "allocated_to")
        .order_by("due_date", "pk")
    )
    for stage in stages:
        user, due = stage.allocated_to, stage.due_date
        assert user is not None  # (filtered)
        assert due is not None
        overdue = due < day
        kind = Kind.STAGE_OVERDUE if overdue else Kind.STAGE_DUE
        what = f"Stage {stage.number} of complaint {stage.complaint.reference}"
        yield Reminder(
            # Due soon: once per due date. Overdue: once per working day.
            key=f"{kind}:{stage.pk}:{day if overdue else due}:{user.pk}",
            kind=kind,
            recipient=user,
            subject=f"{what}: {'overdue' if overdue else 'due ' + govuk_date(due)}",
            body=f"{what} {_when(calendar, day, due)}.\n\n"
            f"Open the complaint: {_link('complaints:summary', stage.complaint_id)}"
            + _footer("the stage is allocated to you"),
            complaint=stage.complaint,
        )


@dataclass(frozen=True)
class _Due:
    """Something else with a due date: an Ombudsman response, a remedy, a learning action."""

    kinds: tuple[Kind, Kind]  # (due soon, overdue)
    pk: int
    due: datetime.date
    what: str
    complaint: Complaint | None
    link: str


def _about(complaint: Complaint | None) -> str:
    return f" (complaint {complaint.reference})" if complaint is not None else ""


def _enquiry_due(enquiry: Enquiry) -> tuple[str, Complaint | None, str]:
    return (
        f"The response to the Ombudsman's enquiry {enquiry.lgo_reference}"
        + _about(enquiry.complaint),
        enquiry.complaint,
        _link("ombudsman:enquiry", enquiry.pk),
    )


def _remedy_due(remedy: Remedy) -> tuple[str, Complaint | None, str]:
    complaint = remedy.enquiry.complaint
    return (
        f"A remedy the Ombudsman asked for ({remedy.get_kind_display().lower()}) on "
        f"enquiry {remedy.enquiry.lgo_reference}" + _about(complaint),
        complaint,
        _link("ombudsman:enquiry", remedy.enquiry_id),
    )


def _action_due(action: LearningAction) -> tuple[str, Complaint | None, str]:
    return (
        f"Learning action {action.pk}" + _about(action.complaint),
        action.complaint,
        _link("learning:action", action.pk),
    )


# (kinds, rows still to do, their due date's field, what / complaint / link of one)
_OTHER_SOURCES: tuple[tuple[tuple[Kind, Kind], Callable[[], QuerySet[Any]], str, Any], ...] = (
    (
        (Kind.RESPONSE_DUE, Kind.RESPONSE_OVERDUE),
        lambda: Enquiry.objects.filter(response_sent_date__isnull=True).select_related("complaint"),
        "response_due_date",
        _enquiry_due,
    ),
    (
        (Kind.REMEDY_DUE, Kind.REMEDY_OVERDUE),
        lambda: Remedy.objects.filter(completed_date__isnull=True).select_related(
            "enquiry__complaint"
        ),
        "due_date",
        _remedy_due,
    ),
    (
        (Kind.LEARNING_DUE, Kind.LEARNING_OVERDUE),
        lambda: LearningAction.objects.filter(completed_date__isnull=True).select_related(
            "complaint"
        ),
        "due_date",
        _action_due,
    ),
)


def _other_due(horizon: datetime.date) -> Iterator[_Due]:
    """Ombudsman responses, remedies and learning actions not done and due by `horizon`."""
    for kinds, rows, due_field, describe in _OTHER_SOURCES:
        for row in rows().filter(**{f"{due_field}__lte": horizon}).order_by(due_field, "pk"):
            what, complaint, link = describe(row)
            yield _Due(kinds, row.pk, getattr(row, due_field), what, complaint, link)


def _other_reminders(
    day: datetime.date, horizon: datetime.date, calendar: WorkingCalendar, to: list[User]
) -> Iterator[Reminder]:
    if not to:
        return
    for item in _other_due(horizon):
        overdue = item.due < day
        kind = item.kinds[overdue]
        for user in to:
            yield Reminder(
                key=f"{kind}:{item.pk}:{day if overdue else item.due}:{user.pk}",
                kind=kind,
                recipient=user,
                subject=f"{item.what}: {'overdue' if overdue else 'due ' + govuk_date(item.due)}",
                body=f"{item.what} {_when(calendar, day, item.due)}.\n\nOpen it: {item.link}"
                + _footer("you are a complaints manager"),
                complaint=item.complaint,
            )


def _listed(lines: list[str], total: int | None = None) -> str:
    """The first DIGEST_LISTED lines, and how many more of `total` (default: all given)."""
    total = len(lines) if total is None else total
    shown = "\n".join(f"- {line}" for line in lines[:DIGEST_LISTED])
    more = total - min(len(lines), DIGEST_LISTED)
    return shown + (f"\n- and {more} more" if more > 0 else "") if total else "- none"


def _digest_body(day: datetime.date, calendar: WorkingCalendar) -> str:
    open_stages = Stage.objects.filter(status=StageStatus.OPEN).select_related(
        "complaint", "allocated_to"
    )
    monday = day - datetime.timedelta(days=day.weekday()) + datetime.timedelta(days=7)
    sunday = monday + datetime.timedelta(days=6)

    def line(stage: Stage) -> str:
        assert stage.due_date is not None
        who = stage.allocated_to.display_name if stage.allocated_to else "not allocated"
        when = _when(calendar, day, stage.due_date).removeprefix("is ").removeprefix("was ")
        return f"{stage.complaint.reference} stage {stage.number}: {when} ({who})"

    # Counted by the database, and only the first few read: a large authority has thousands.
    overdue_stages = open_stages.filter(due_date__lt=day).order_by("due_date", "pk")
    week_stages = open_stages.filter(due_date__range=(monday, sunday)).order_by("due_date", "pk")
    overdue_count, week_count = overdue_stages.count(), week_stages.count()
    overdue = [line(s) for s in overdue_stages[:DIGEST_LISTED]]
    next_week = [line(s) for s in week_stages[:DIGEST_LISTED]]
    others = list(_other_due(sunday))
    late = [o.what for o in others if o.due < day]
    coming = [o.what + f": due {govuk_date(o.due)}" for o in others if monday <= o.due <= sunday]
    return (
        f"Complaints overdue on {govuk_date(day)}: {overdue_count}\n"
        f"{_listed(overdue, overdue_count)}\n\n"
        f"Complaints due next week ({govuk_date(monday)} to {govuk_date(sunday)}): "
        f"{week_count}\n{_listed(next_week, week_count)}\n\n"
        f"Ombudsman responses, remedies and learning actions overdue: {len(late)}\n"
        f"{_listed(late)}\n\n"
        f"Due next week: {len(coming)}\n{_listed(coming)}\n\n"
        f"The team's work: {_link('complaints:team')}" + _footer("you are a complaints manager")
    )


def _digests(day: datetime.date, calendar: WorkingCalendar, to: list[User]) -> Iterator[Reminder]:
    # The first working day on or after the digest's weekday: a bank holiday Monday moves it
    # to Tuesday, and the week's key keeps it to one.
    if day.isoweekday() < settings.REDRESS_DIGEST_WEEKDAY or not to:
        return
    year, week, _ = day.isocalendar()
    keys = {user.pk: f"{Kind.DIGEST}:{year}-W{week:02}:{user.pk}" for user in to}
    every_one_sent = Message.objects.filter(dedupe_key__in=keys.values()).count() == len(keys)
    body = "" if every_one_sent else _digest_body(day, calendar)  # (not built to go nowhere)
    monday = day - datetime.timedelta(days=day.weekday())
    for user in to:
        yield Reminder(
            key=keys[user.pk],
            kind=Kind.DIGEST,
            recipient=user,
            subject=f"Complaints: the week beginning {govuk_date(monday)}",
            body=body,
        )


def reminders_due(*, day: datetime.date) -> list[Reminder]:
    """Every reminder for `day`, sent before or not (nothing on a day that is not a working
    day)."""
    calendar = working_calendar()
    if not calendar.is_working_day(day):
        return []
    horizon = calendar.add_working_days(day, days_before())
    to = managers()
    return [
        *_stage_reminders(day, horizon, calendar),
        *_other_reminders(day, horizon, calendar, to),
        *_digests(day, calendar, to),
    ]


def _unsent(reminders: Iterable[Reminder]) -> tuple[list[Reminder], int]:
    reminders = list(reminders)
    sent = set(
        Message.objects.filter(dedupe_key__in=[r.key for r in reminders]).values_list(
            "dedupe_key", flat=True
        )
    )
    return [r for r in reminders if r.key not in sent], len(sent)


def reminders_run(
    *, day: datetime.date | None = None, dry_run: bool = False, inline: bool = False
) -> RunReport:
    """Send `day`'s reminders (default today) not sent before, and retry the messages whose
    next attempt is due. `dry_run` lists them and sends nothing; `inline` sends here rather
    than through the background task (the cron command)."""
    day = day or clock.today()
    report = RunReport(day, working_day=working_calendar().is_working_day(day))
    todo, report.already_sent = _unsent(reminders_due(day=day))
    if dry_run:
        report.sent = todo
        return report
    for reminder in todo:
        message = services.message_send(
            kind=reminder.kind,
            subject=reminder.subject,
            body=reminder.body,
            recipient=reminder.recipient,
            complaint=reminder.complaint,
            dedupe_key=reminder.key,
            deliver_now=inline,
        )
        if message is None:
            report.already_sent += 1  # another run sent it meanwhile
        else:
            report.sent.append(reminder)
    report.retried = services.messages_retry_due(inline=inline)
    report.delivery_updates = services.messages_check_delivery()
    return report


def next_run_at(now: datetime.datetime | None = None) -> datetime.datetime:
    """The next REDRESS_REMINDER_TIME (HH:MM, local time) after `now`."""
    now = timezone.localtime(now or timezone.now())
    hour, minute = (int(part) for part in settings.REDRESS_REMINDER_TIME.split(":"))
    at = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    return at if at > now else at + datetime.timedelta(days=1)


def schedule_next(now: datetime.datetime | None = None) -> datetime.datetime | None:
    """Queue the reminders task for the next REDRESS_REMINDER_TIME, unless the database
    backend already holds one waiting (so scheduling twice does not double the runs). None when
    the backend cannot run a task later (the immediate backend)."""
    from . import tasks

    backend = tasks.send_reminders.get_backend()
    if not backend.supports_defer:
        return None
    if backend.__class__.__module__.startswith("django_tasks_db"):
        from django_tasks_db.models import DBTaskResult

        waiting = DBTaskResult.objects.filter(
            status="READY", task_path=tasks.send_reminders.module_path
        )
        if waiting.exists():
            return None
    at = next_run_at(now)
    tasks.send_reminders.using(run_after=at).enqueue(reschedule=True)
    return at
