"""`redress reminders [--date YYYY-MM-DD] [--dry-run] [--schedule]`: send the day's reminders and
exit (for cron), or queue the daily task for `redress db_worker`
(redress.notifications.reminders)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from redress.core import clock
from redress.core.commands import date_option
from redress.notifications import reminders


class Command(BaseCommand):
    help = (
        "Send the reminders due today (staff before and after their deadlines, the "
        "complaints managers' weekly digest) and retry the messages whose next attempt is due, "
        "then exit: run it from cron on working days. Running it twice on a day sends nothing "
        "twice. --schedule instead queues the reminders task for `redress db_worker`, which then "
        "runs it every day at REDRESS_REMINDER_TIME."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date",
            metavar="YYYY-MM-DD",
            help="the day to send for (default today; a missed earlier day may be caught up)",
        )
        parser.add_argument("--dry-run", action="store_true", help="list, send nothing")
        parser.add_argument(
            "--schedule", action="store_true", help="queue the daily task for the db_worker"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = clock.today()
        if options["schedule"]:
            at = reminders.schedule_next()
            if at is None:
                self.stdout.write(
                    "Not scheduled: the reminders task is already waiting in the queue, or the "
                    "tasks backend cannot run a task later (REDRESS_TASKS_BACKEND)."
                )
            else:
                self.stdout.write(f"The reminders task will run at {at:%Y-%m-%d %H:%M}.")
            return
        day = today
        if options["date"]:
            day = date_option("--date", options["date"])
            if day > today:
                raise CommandError(
                    f"--date {day} is after today ({today}): reminders are sent on their day."
                )
        report = reminders.reminders_run(day=day, dry_run=options["dry_run"], inline=True)
        if not report.working_day:
            self.stdout.write(f"{day} is not a working day: no reminders.")
            return
        verb = "Would send" if options["dry_run"] else "Sent"
        self.stdout.write(
            f"{verb} {len(report.sent)} reminder(s) for {day}; {report.already_sent} sent before."
        )
        for reminder in report.sent:
            self.stdout.write(f"  {reminder.recipient.get_username()}: {reminder.subject}")
        if report.retried:
            self.stdout.write(f"Tried {report.retried} failed message(s) again.")
        if report.delivery_updates:
            self.stdout.write(f"{report.delivery_updates} delivery state(s) updated.")
