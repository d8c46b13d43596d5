"""`redress sar PERSON --output PATH.zip`: a thin caller of `people.sar.subject_access_export`."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from redress.people.sar import person_by_key_or_id, subject_access_export


class Command(BaseCommand):
    help = (
        "Subject access: write everything Redress holds about one person (their record, every "
        "complaint they are linked to with everything on it, the audit trail) to a ZIP, with "
        "redactions.csv listing other people's names for redaction before release. The export "
        "is recorded in the audit trail."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("person", help="the person's record key (e.g. P000123) or id")
        parser.add_argument("--output", required=True, metavar="PATH", help="the .zip to write")
        parser.add_argument(
            "--user", metavar="USERNAME", help="the person making the export, for the audit trail"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        output = Path(options["output"])
        self._check_output(output)
        person = person_by_key_or_id(options["person"])
        if person is None:
            raise CommandError(
                f"There is no person with the record key or id {options['person']!r}: "
                "nothing was written."
            )
        by = self._user(options["user"])
        # The audit event and the file stand or fall together.
        with transaction.atomic():
            export = subject_access_export(person=person, by=by, via="from the command line")
            self._write(output, export.content)
        if options["verbosity"] > 0:
            total = sum(export.records.values())
            self.stdout.write(
                f"Wrote {output}: {total} records about {person.key}; "
                f"{export.redactions} places name other people (see redactions.csv)."
            )

    def _check_output(self, output: Path) -> None:
        if output.suffix.lower() != ".zip":
            raise CommandError(f"--output {output}: give a file name ending .zip.")
        if output.is_dir():
            raise CommandError(f"--output {output} is a folder: give a file name ending .zip.")
        if not output.parent.is_dir():
            raise CommandError(f"--output {output}: the folder {output.parent} does not exist.")

    def _user(self, username: str | None) -> Any:
        if username is None:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user called {username!r}: nothing was written.")
        return user

    def _write(self, output: Path, content: bytes) -> None:
        """Written beside the output and renamed into place: never half a file."""
        handle, temporary = tempfile.mkstemp(dir=output.parent, suffix=".part")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(content)
            os.replace(temporary, output)
        except OSError as error:
            Path(temporary).unlink(missing_ok=True)
            raise CommandError(f"Could not write {output}: {error.strerror}.") from None
