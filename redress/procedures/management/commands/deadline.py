"""`redress deadline`: due dates and working days taken on the authority's working-day clock."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from redress.core.presenters import govuk_date
from redress.procedures import rules
from redress.procedures.calendar import WorkingCalendar
from redress.procedures.deadlines import stage_deadlines
from redress.procedures.models import Procedure, StageRule
from redress.procedures.selectors import working_calendar


def _date(text: str | None, option: str) -> datetime.date | None:
    if text is None:
        return None
    try:
        return datetime.date.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(f"'{text}' is not a date in the form YYYY-MM-DD ({option}).") from None


class Command(BaseCommand):
    help = (
        "Working-day deadlines (bank holidays and the authority's closure days skipped). "
        "'--from DATE --days N' prints the due date; '--procedure CODE --stage N [--extended]' "
        "takes N from the procedure; '--taken --from DATE --to DATE' prints working days taken. "
        "'--explain' says which days were skipped and why."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="start", metavar="DATE", required=True)
        parser.add_argument("--days", type=int, metavar="N")
        parser.add_argument("--procedure", metavar="CODE", help="e.g. statutory or local")
        parser.add_argument("--stage", type=int, metavar="N")
        parser.add_argument(
            "--extended", action="store_true", help="Use the stage's maximum, once extended."
        )
        parser.add_argument("--taken", action="store_true", help="Count working days taken.")
        parser.add_argument("--to", dest="end", metavar="DATE", help="With --taken: the response.")
        parser.add_argument("--explain", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        start = _date(options["start"], "--from")
        end = _date(options["end"], "--to")
        assert start is not None  # argparse requires --from
        calendar = self._calendar()
        for day, option in ((start, "--from"), (end, "--to")):
            if day is not None and not calendar.first_year <= day.year <= calendar.last_year:
                raise CommandError(
                    f"{option} {day.isoformat()} is outside the years the calendar knows "
                    f"({calendar.first_year} to {calendar.last_year})."
                )
        if options["taken"]:
            self._taken(calendar, start, end, explain=options["explain"])
        else:
            if end is not None:
                raise CommandError("--to goes with --taken.")
            self._due(calendar, start, options)

    def _calendar(self) -> WorkingCalendar:
        """The authority's calendar; on a database not set up yet, bank holidays and weekends
        only (a due date needs no records), saying so on stderr."""
        try:
            return working_calendar()
        except DatabaseError as error:
            reason = str(error).strip().splitlines()[0] if str(error).strip() else "no tables"
            self.stderr.write(
                f"The database has no closure days to read ({reason}): counting weekends and "
                "bank holidays only. Run `redress migrate` to set the database up."
            )
            return WorkingCalendar()

    def _taken(
        self,
        calendar: WorkingCalendar,
        start: datetime.date,
        end: datetime.date | None,
        *,
        explain: bool,
    ) -> None:
        if end is None:
            raise CommandError("--taken needs --to DATE, the day of the response.")
        if end < start:
            raise CommandError(f"--to {end.isoformat()} is before --from {start.isoformat()}.")
        self.stdout.write(str(calendar.working_days_taken(start, end)))
        if explain:
            effective = calendar.effective_start(start)
            self.stdout.write(
                f"Counted: the working days after {govuk_date(effective)} up to and including "
                f"{govuk_date(end)}."
            )
            skipped = [
                (day, reason)
                for day in _days(start, end)
                if (reason := calendar.why_not_working(day))
            ]
            if skipped:
                self.stdout.write("Days skipped:")
                for day, reason in skipped:
                    self.stdout.write(f"  {day:%A} {govuk_date(day)}: {reason}")
            else:
                self.stdout.write("No days skipped.")

    def _due(self, calendar: WorkingCalendar, start: datetime.date, options: dict) -> None:
        days, code, stage = options["days"], options["procedure"], options["stage"]
        if days is not None and (code or stage is not None or options["extended"]):
            raise CommandError("Give either --days, or --procedure and --stage, not both.")
        described = None
        if days is None:
            if not code or stage is None:
                raise CommandError("Give --days N, or --procedure CODE --stage N.")
            rule = _rule(code, stage)
            if options["extended"] and not rule.extendable:
                raise CommandError(
                    rules.ExtensionNotAllowed(
                        stage=stage, procedure=_label(rule.procedure), days=rule.timescale_days
                    ).message
                )
            deadlines = stage_deadlines(
                rule=rule,
                calendar=calendar,
                received=start,
                extended_to_days=rule.max_days if options["extended"] else None,
            )
            days = deadlines.applicable_days
            described = (
                f"{rule.procedure.name}, stage {rule.stage} ({rule.name}): {days} working days"
                f"{' (extended)' if options['extended'] else ''}."
            )
            if deadlines.panel_due is not None:
                described += f" The review panel is due by {govuk_date(deadlines.panel_due)}."
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        explanation = calendar.explain_due(start, days)
        self.stdout.write(explanation.due.isoformat())
        if options["explain"]:
            if described:
                self.stdout.write(described)
            for line in explanation.lines():
                self.stdout.write(line)


def _days(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    return [start + datetime.timedelta(days=n) for n in range((end - start).days + 1)]


def _label(procedure: Procedure) -> str:
    return procedure.name[:1].lower() + procedure.name[1:]


def _rule(code: str, stage: int) -> StageRule:
    try:
        procedure = Procedure.objects.filter(code=code).prefetch_related("stage_rules").first()
    except DatabaseError:
        raise CommandError(
            "The procedures are kept in the database, which is not set up: run `redress "
            "migrate`, or give --days N instead of --procedure and --stage."
        ) from None
    if procedure is None:
        known = ", ".join(Procedure.objects.values_list("code", flat=True))
        raise CommandError(f"There is no procedure '{code}'. Procedures: {known}.")
    try:
        return procedure.stage_rule(stage)
    except StageRule.DoesNotExist:
        raise CommandError(
            rules.NoSuchStage(procedure=_label(procedure), stage=stage).message
        ) from None
