import datetime

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from redress.accounts.models import Reminders
from redress.complaints.tests.factories import ComplaintFactory, LearningActionFactory
from redress.core import config
from redress.core.models import AuditEvent
from redress.notifications import reminders
from redress.notifications.models import Kind, Message
from redress.ombudsman.tests.factories import EnquiryFactory

pytestmark = pytest.mark.django_db

D = datetime.date.fromisoformat
# A complaint received on Monday 7 June 2021: its stage 1 (10 working days) is due on Monday
# 21 June; three working days before is Wednesday 16 June.
DUE = D("2021-06-21")


@pytest.fixture
def stage(staff):
    complaint = ComplaintFactory(reference="CSC-2021-00042", stage1__allocated_to=staff)
    stage = complaint.stages.get()
    assert stage.due_date == DUE
    return stage


def test_two_runs_on_a_day_send_one_message(stage, staff):
    first = reminders.reminders_run(day=D("2021-06-16"))
    second = reminders.reminders_run(day=D("2021-06-16"))

    assert [r.kind for r in first.sent] == [Kind.STAGE_DUE]
    assert (second.sent, second.already_sent) == ([], 1)
    assert Message.objects.count() == 1
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["rita@council.example"]
    assert email.subject == "Stage 1 of complaint CSC-2021-00042: due 21 June 2021"
    assert email.body.startswith(
        "Stage 1 of complaint CSC-2021-00042 is due on 21 June 2021, in 3 working days.\n\n"
        f"Open the complaint: https://redress.example/complaints/{stage.complaint_id}/"
    )
    # No names of the people in the complaint in the message.
    assert stage.complaint.complainant.name not in email.body


def test_due_soon_once_per_due_date_then_every_working_day_overdue(stage):
    sent = {
        day: [r.kind for r in reminders.reminders_run(day=D(day)).sent]
        for day in [
            "2021-06-15",  # four working days before: nothing yet
            "2021-06-16",
            "2021-06-17",  # reminded already of this due date
            "2021-06-21",
            "2021-06-22",
            "2021-06-23",
            "2021-06-26",  # a Saturday
        ]
    }
    assert sent == {
        "2021-06-15": [],
        "2021-06-16": [Kind.STAGE_DUE],
        "2021-06-17": [],
        "2021-06-21": [],
        "2021-06-22": [Kind.STAGE_OVERDUE],
        "2021-06-23": [Kind.STAGE_OVERDUE],
        "2021-06-26": [],
    }
    last = Message.objects.filter(kind=Kind.STAGE_OVERDUE).order_by("-pk").first()
    assert "was due on 21 June 2021 and is 2 working days overdue" in last.body


def test_reminders_sent_are_on_the_complaint_timeline(stage):
    reminders.reminders_run(day=D("2021-06-16"))
    event = AuditEvent.objects.get(complaint=stage.complaint, action="message.send")
    assert event.after["kind"] == "reminder.stage_due"
    assert event.after["state"] == "sent"


def test_someone_who_chose_no_reminders_gets_none(stage, staff):
    staff.reminders = Reminders.NONE
    staff.save()
    assert reminders.reminders_run(day=D("2021-06-16")).sent == []


def test_the_days_before_are_configurable(stage, settings, boss):
    def kinds(day):
        return [r.kind for r in reminders.reminders_due(day=D(day)) if r.kind != Kind.DIGEST]

    settings.REDRESS_REMINDER_DAYS_BEFORE = 5
    assert kinds("2021-06-14") == [Kind.STAGE_DUE]
    config.set_value("reminder_days_before", "1", by=boss)
    assert kinds("2021-06-14") == []
    assert kinds("2021-06-18") == [Kind.STAGE_DUE]


def test_the_manager_hears_of_ombudsman_responses_and_learning_actions(boss, stage):
    EnquiryFactory(
        lgo_reference="21 001 234",
        complaint=stage.complaint,
        response_due_date=D("2021-06-18"),
    )
    LearningActionFactory(complaint=None, due_date=D("2021-06-10"))
    due = reminders.reminders_due(day=D("2021-06-16"))
    mine = sorted((r.kind, r.subject) for r in due if r.recipient == boss and r.kind != Kind.DIGEST)
    assert [kind for kind, _ in mine] == [Kind.LEARNING_OVERDUE, Kind.RESPONSE_DUE]
    assert mine[1][1] == (
        "The response to the Ombudsman's enquiry 21 001 234 (complaint CSC-2021-00042): "
        "due 18 June 2021"
    )


def test_the_weekly_digest_goes_once_a_week_from_its_weekday(boss, stage, settings):
    settings.REDRESS_DIGEST_WEEKDAY = 2  # Tuesday
    assert not [r for r in reminders.reminders_due(day=D("2021-06-14")) if r.kind == Kind.DIGEST]
    tuesday = reminders.reminders_run(day=D("2021-06-15"))
    wednesday = reminders.reminders_run(day=D("2021-06-16"))
    assert [r.kind for r in tuesday.sent] == [Kind.DIGEST]
    assert Kind.DIGEST not in [r.kind for r in wednesday.sent]
    digest = Message.objects.get(kind=Kind.DIGEST)
    assert digest.recipient == boss
    assert digest.complaint is None
    assert "Complaints overdue on 15 June 2021: 0" in digest.body
    assert "Complaints due next week (21 June 2021 to 27 June 2021): 1" in digest.body
    assert "- CSC-2021-00042 stage 1: due on 21 June 2021, in 4 working days (Rita Responder)" in (
        digest.body
    )


def test_the_command_sends_once_and_says_so(stage, capsys):
    call_command("reminders", "--date", "2021-06-16", "--dry-run")
    assert "Would send 1 reminder(s) for 2021-06-16; 0 sent before." in capsys.readouterr().out
    assert not Message.objects.exists()
    call_command("reminders", "--date", "2021-06-16")
    call_command("reminders", "--date", "2021-06-16")
    out = capsys.readouterr().out
    assert "Sent 1 reminder(s) for 2021-06-16; 0 sent before." in out
    assert "Sent 0 reminder(s) for 2021-06-16; 1 sent before." in out
    assert len(mail.outbox) == 1


def test_the_command_refuses_a_bad_date(settings):
    settings.REDRESS_TODAY = D("2022-05-31")
    with pytest.raises(CommandError, match="'31/05/2022' is not a date in the form YYYY-MM-DD"):
        call_command("reminders", "--date", "31/05/2022")
    with pytest.raises(CommandError, match=r"2022-06-01 is after today \(2022-05-31\)"):
        call_command("reminders", "--date", "2022-06-01")


def test_the_command_uses_the_projects_today(stage, settings, capsys):
    settings.REDRESS_TODAY = D("2021-06-22")
    call_command("reminders")
    assert "Sent 1 reminder(s) for 2021-06-22" in capsys.readouterr().out
    assert Message.objects.get().kind == Kind.STAGE_OVERDUE


def test_the_next_run_is_at_the_reminder_time(settings):
    settings.REDRESS_REMINDER_TIME = "07:00"
    from django.utils import timezone

    tz = timezone.get_current_timezone()
    before = datetime.datetime(2021, 6, 16, 6, 30, tzinfo=tz)
    after = datetime.datetime(2021, 6, 16, 7, 30, tzinfo=tz)
    assert reminders.next_run_at(before) == datetime.datetime(2021, 6, 16, 7, 0, tzinfo=tz)
    assert reminders.next_run_at(after) == datetime.datetime(2021, 6, 17, 7, 0, tzinfo=tz)


def test_a_stage_on_hold_is_not_chased(stage, staff):
    from redress.complaints.models import Hold
    from redress.complaints.state import refresh_complaints

    Hold.objects.create(stage=stage, start_date=D("2021-06-14"), reason="Waiting for the family")
    refresh_complaints([stage.complaint_id])
    assert reminders.reminders_due(day=D("2021-06-22")) == []


def test_a_remedy_overdue_is_chased_daily(boss, settings):
    from redress.ombudsman.tests.factories import RemedyFactory

    settings.REDRESS_DIGEST_WEEKDAY = 5
    remedy = RemedyFactory(due_date=D("2021-10-01"), enquiry__lgo_reference="21 002 345")
    monday = reminders.reminders_run(day=D("2021-10-04")).sent
    tuesday = reminders.reminders_run(day=D("2021-10-05")).sent
    assert [(r.kind, r.recipient) for r in monday + tuesday] == [
        (Kind.REMEDY_OVERDUE, boss),
        (Kind.REMEDY_OVERDUE, boss),
    ]
    assert monday[0].subject == (
        "A remedy the Ombudsman asked for (apology) on enquiry 21 002 345: overdue"
    )
    assert f"/ombudsman/{remedy.enquiry_id}/" in monday[0].body


def test_the_reminders_task_sends_the_days_reminders(stage):
    from redress.notifications import tasks

    tasks.send_reminders.enqueue("2021-06-16")
    assert Message.objects.get().kind == Kind.STAGE_DUE


def test_a_long_digest_lists_the_first_and_counts_the_rest():
    assert reminders._listed(["a", "b"]) == "- a\n- b"
    assert reminders._listed([]) == "- none"
    lines = [str(n) for n in range(reminders.DIGEST_LISTED)]
    assert reminders._listed(lines, 45).endswith(f"- {reminders.DIGEST_LISTED - 1}\n- and 15 more")
