"""`redress retention --dry-run | --apply [--as-of DATE] [--user NAME]`: list, or anonymise,
the personal data past its retention period (redress.retention.services.retention_run)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from redress.core import clock
from redress.core.commands import date_option
from redress.retention.services import RetentionReport, retention_run

SHOWN_REFERENCES = 50


class Command(BaseCommand):
    help = (
        "Anonymise the personal data of records past their retention period (configured per "
        "record type in the admin; six years by default). --dry-run lists what would be "
        "anonymised and changes nothing; --apply does it, a batch per transaction. Figures "
        "stay the same: only names, contact details, dates of birth and free text change."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        mode = parser.add_mutually_exclusive_group(required=True)
        mode.add_argument("--dry-run", action="store_true", help="list, change nothing")
        mode.add_argument("--apply", action="store_true", help="anonymise")
        parser.add_argument(
            "--as-of",
            metavar="YYYY-MM-DD",
            help="the day the periods are counted to (default today; never later)",
        )
        parser.add_argument("--user", metavar="USERNAME", help="who runs it, for the audit trail")
        parser.add_argument(
            "--all-references",
            action="store_true",
            help=f"list every reference (otherwise the first {SHOWN_REFERENCES})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = clock.today()
        as_of = today
        if options["as_of"]:
            as_of = date_option("--as-of", options["as_of"])
            if as_of > today:
                raise CommandError(
                    f"--as-of {as_of} is in the future (today is {today}): retention counts "
                    "only time that has passed."
                )
        by = None
        if options["user"]:
            by = get_user_model().objects.filter(username=options["user"]).first()
            if by is None:
                raise CommandError(f"There is no user called {options['user']!r}.")
        report = retention_run(
            as_of=as_of,
            apply=options["apply"],
            by=by,
            progress=None if options["verbosity"] < 2 else self.stdout.write,
        )
        self._print(report, every=options["all_references"])

    def _print(self, report: RetentionReport, *, every: bool) -> None:
        write = self.stdout.write
        verb = "Anonymised" if report.applied else "Would anonymise"
        write(f"Retention as at {report.as_of} ({'applied' if report.applied else 'dry run'}).")
        for policy in report.policies.values():
            write(f"  Policy: {policy}")
        write(f"{verb}:")
        write(f"  complaints: {len(report.complaints)}")
        write(f"  people: {report.people}")
        write(f"  informal feedback: {report.informal_feedback}")
        write(f"  compliments: {report.compliments}")
        write(f"  submissions sent online: {report.submissions}")
        write(f"  audit events: {report.audit_events}")
        if report.complaints:
            shown = report.complaints if every else report.complaints[:SHOWN_REFERENCES]
            more = len(report.complaints) - len(shown)
            tail = f" and {more} more (--all-references lists them)" if more else ""
            write(f"Complaints: {', '.join(shown)}{tail}")
        if report.held:
            write(f"Kept by a legal hold: {len(report.held)}: {', '.join(report.held)}")
        if report.nothing_to_do:
            write("Nothing is past its retention period.")
        elif not report.applied:
            write("Nothing was changed. Run with --apply to anonymise these.")
