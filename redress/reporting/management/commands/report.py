"""`redress report`: the report for a period, for the whole authority, a locality or a service
area, in one format, on stdout or in a file."""

from __future__ import annotations

import datetime
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from redress.core import clock
from redress.core.commands import date_option
from redress.reporting.models import ReportEdition
from redress.reporting.periods import (
    Period,
    financial_year,
    last_complete_financial_year,
    make_period,
)
from redress.reporting.render import FORMATS
from redress.reporting.selectors import ReportError
from redress.reporting.services import generate_report

PERIOD_FORMS = "a financial year (2021-22), a quarter of one (2021-22-Q1) or a month (2021-07)"


def parse_period(text: str) -> Period:
    """`2021-22` (a financial year), `2021-22-Q1` (one of its quarters) or `2021-07` (a month).
    A value that reads both ways, such as 2011-12, is the financial year."""
    value = text.strip()
    match = re.fullmatch(r"(\d{4})-(\d{2})(?:[- ]?[Qq]([1-4]))?", value)
    if match:
        first, second, quarter = int(match[1]), int(match[2]), match[3]
        if second == (first + 1) % 100:
            year = financial_year(first)
            if quarter is None:
                return year
            part = year.quarters()[int(quarter) - 1]
            return make_period(part.start, part.end)
        if quarter is None and 1 <= second <= 12:
            start = datetime.date(first, second, 1)
            following = (start + datetime.timedelta(days=32)).replace(day=1)
            return make_period(start, following - datetime.timedelta(days=1))
    raise CommandError(f"--period '{text}' is not {PERIOD_FORMS}.")


class Command(BaseCommand):
    help = (
        "Make the complaints report for a period: the redress.figures/1 JSON (on stdout by "
        "default), or HTML, PDF, Word or a spreadsheet. The period is --from/--to, or --period "
        "2021-22 / 2021-22-Q1 / 2021-07; by default the last complete financial year. For the "
        "whole authority, or one --locality or one --service. Every comparison is with the same "
        "period a year before."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="First day.")
        parser.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="Last day.")
        parser.add_argument(
            "--period", help=f"Instead of --from/--to: {PERIOD_FORMS}.", metavar="PERIOD"
        )
        parser.add_argument(
            "--as-of",
            dest="as_of",
            metavar="YYYY-MM-DD",
            help="Read the records as they stood on this day (default: today).",
        )
        parser.add_argument(
            "--service",
            metavar="NAME",
            help="One service area's report (every version of it).",
        )
        parser.add_argument(
            "--locality",
            metavar="NAME",
            help="One locality's report: the service areas in it during the period (and the "
            "same period a year before, for the comparison).",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Apply the publication rules: withhold small counts, remove names.",
        )
        parser.add_argument(
            "--format", dest="fmt", default="json", help=f"One of {', '.join(FORMATS)}."
        )
        parser.add_argument(
            "--edition",
            type=int,
            metavar="ID",
            help="Include this report edition's narrative (its period and service are used; "
            "a published edition's figures are read at its publication date).",
        )
        parser.add_argument(
            "-o",
            "--output",
            metavar="PATH",
            help="Write here (a folder: the report's usual file name in it). Default: JSON to "
            "stdout, other formats to their usual file name in the current folder.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        fmt = options["fmt"].lower()
        if fmt not in FORMATS:
            raise CommandError(
                f"There is no '{options['fmt']}' format. Formats: {', '.join(FORMATS)}."
            )
        edition = self._edition(options["edition"])
        period = self._period(options, edition)
        today = clock.today()
        if options["as_of"]:
            as_of = date_option("--as-of", options["as_of"])
        elif edition is not None and edition.as_of:
            as_of = edition.as_of
        else:
            as_of = today
        if as_of < period.start:
            raise CommandError(
                f"--as-of {as_of} is before the period starts ({period.start}): nothing would "
                "have been recorded."
            )
        service, locality = options["service"], options["locality"]
        if service is not None and not service.strip():
            raise CommandError("--service is empty: give a service area's name, or leave it out.")
        if locality is not None and not locality.strip():
            raise CommandError("--locality is empty: give a locality's name, or leave it out.")
        if service and locality:
            raise CommandError(
                "Give --locality or --service, not both: a report is for the whole authority, "
                "one locality or one service area."
            )
        if edition is not None:
            other_service = service and service.casefold() != edition.service_area_name.casefold()
            other_locality = (
                locality and locality.strip().casefold() != edition.locality_name.casefold()
            )
            if other_service or other_locality:
                raise CommandError(
                    f"Edition {edition.pk} is for {edition.covers or 'the whole authority'}; "
                    "leave out --service and --locality."
                )
            service, locality = edition.service, edition.locality
        target = self._target(options["output"], fmt)
        try:
            output = generate_report(
                period=period,
                as_of=as_of,
                service=service,
                publish=options["publish"],
                fmt=fmt,
                edition=edition,
                locality=locality,
            )
        except ReportError as error:
            raise CommandError(str(error)) from None
        if target is None:
            self.stdout.write(output.content.decode(), ending="")
            return
        path = target / output.filename if target.is_dir() else target
        _write(path, output.content)
        self.stdout.write(str(path))

    def _edition(self, pk: int | None) -> ReportEdition | None:
        if pk is None:
            return None
        edition = ReportEdition.objects.filter(pk=pk).first()
        if edition is None:
            raise CommandError(f"There is no report edition {pk}.")
        return edition

    def _period(self, options: dict[str, Any], edition: ReportEdition | None) -> Period:
        start, end, shortcut = options["start"], options["end"], options["period"]
        if edition is not None:
            if start or end or shortcut:
                raise CommandError(
                    f"Edition {edition.pk} covers {edition.period_label}; leave out --from, "
                    "--to and --period."
                )
            return edition.period
        if shortcut:
            if start or end:
                raise CommandError("Give either --period or --from and --to, not both.")
            return parse_period(shortcut)
        if bool(start) != bool(end):
            raise CommandError("Give both --from and --to (or --period).")
        if not start:
            return last_complete_financial_year(clock.today())
        first, last = date_option("--from", start), date_option("--to", end)
        if last < first:
            raise CommandError(f"--from {first} is after --to {last}.")
        return make_period(first, last)

    @staticmethod
    def _target(output: str | None, fmt: str) -> Path | None:
        """Where to write (checked before any work is done), or None for stdout."""
        if output is None:
            return None if fmt == "json" else Path.cwd()
        if output == "-":
            if fmt != "json":
                raise CommandError(f"A {fmt} report cannot go to stdout: give -o PATH.")
            return None
        path = Path(output).expanduser()
        folder = path if path.is_dir() else path.parent
        if not folder.is_dir():
            raise CommandError(f"Cannot write {path}: the folder {folder} does not exist.")
        if not os.access(folder, os.W_OK):
            raise CommandError(f"Cannot write {path}: the folder {folder} is not writable.")
        if path.exists() and not path.is_dir() and not os.access(path, os.W_OK):
            raise CommandError(f"Cannot write {path}: the file is not writable.")
        return path


def _write(path: Path, content: bytes) -> None:
    """Write through a temporary file in the same folder and rename it into place, so a
    failure never leaves half a report behind."""
    try:
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".part"
        )
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
            os.chmod(temporary, 0o644)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise CommandError(f"Cannot write {path}: {error.strerror or error}.") from None
