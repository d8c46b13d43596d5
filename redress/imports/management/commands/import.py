# ruff: noqa: N999 (the command is `redress import`, so the module is import.py)
"""`redress import PATH`: a thin caller of `imports.services.import_dataset`."""

import sys
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from redress.imports.progress import tqdm_bars
from redress.imports.services import DatasetError, ImportResult, import_dataset


class Command(BaseCommand):
    help = (
        "Import a redress.import/1 workbook (.xlsx) or folder of CSVs. The whole file is checked "
        "first: on any problem nothing is written, every problem is listed and the exit status "
        "is 1. With --partial the good rows are imported and the bad ones written to a rejects "
        "file. Importing the same file again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="an .xlsx workbook or a folder of .csv files")
        parser.add_argument(
            "--partial",
            action="store_true",
            help="import the good rows and write the rejected ones, with reasons, to a rejects "
            "file",
        )
        parser.add_argument(
            "--rejects",
            metavar="PATH",
            help="where --partial writes rejects (default: next to the input, named *-rejects)",
        )
        parser.add_argument(
            "--create-missing",
            action="store_true",
            help="create service areas, localities, organisations and taxonomy terms the file "
            "names but Redress does not have",
        )
        parser.add_argument(
            "--user", metavar="USERNAME", help="the person importing, for the audit trail"
        )
        parser.add_argument("--quiet", action="store_true", help="no progress bar or summary")

    def handle(self, *args: Any, **options: Any) -> None:
        quiet = options["quiet"] or options["verbosity"] == 0
        try:
            result = import_dataset(
                path=options["path"],
                by=self._user(options["user"]),
                partial=options["partial"],
                create_missing=options["create_missing"],
                rejects_path=options["rejects"],
                progress=tqdm_bars(enabled=not quiet and sys.stderr.isatty()),
            )
        except DatasetError as error:
            raise CommandError(str(error)) from None
        for problem in result.problems:
            self.stderr.write(str(problem))
        if not result.imported:
            count = len(result.problems)
            raise CommandError(
                f"Nothing was imported: {count} problem{'s' if count != 1 else ''} in "
                f"{result.run.file_name}."
            )
        if not quiet:
            self._summary(result)

    def _user(self, username: str | None) -> Any:
        if username is None:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user called {username!r}.")
        return user

    def _summary(self, result: ImportResult) -> None:
        run = result.run
        self.stdout.write(
            f"Imported {run.file_name} (sha256 {run.checksum}) as import run {run.pk}."
        )
        for name, counts in result.counts.items():
            parts = [f"{counts[k]} {k}" for k in ("created", "updated", "unchanged") if k in counts]
            if counts.get("rejected"):
                parts.append(f"{counts['rejected']} rejected")
            self.stdout.write(f"  {name}: {', '.join(parts)}")
        self.stdout.write(f"  audit events: {result.audit_events}")
        if result.rejects_path is not None:
            rejected = sum(c.get("rejected", 0) for c in result.counts.values())
            self.stdout.write(
                self.style.WARNING(
                    f"{rejected} row{'s' if rejected != 1 else ''} rejected, written with their "
                    f"reasons to {result.rejects_path}."
                )
            )
