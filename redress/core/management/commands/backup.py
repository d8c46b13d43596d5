"""`redress backup PATH`: a thin caller of `core.backup.backup_database`."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from redress.core.backup import BackupError, backup_database, size_shown


class Command(BaseCommand):
    # Nothing the system checks look at matters here, and they would connect to the database.
    requires_system_checks: list[str] = []
    help = (
        "Back up the whole database to PATH (a new file, or a folder to put one in named after "
        "the time), while the server runs: SQLite's online backup API, or pg_dump for "
        "PostgreSQL. The file holds children's personal data and is readable by its owner only."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the backup file to write, or a folder")
        parser.add_argument(
            "--database", default="default", help="which of the settings' DATABASES to back up"
        )

    def handle(self, *args: Any, path: Path, database: str, **options: Any) -> None:
        if database not in connections:
            raise CommandError(f"There is no database {database!r} in the settings' DATABASES.")
        try:
            result = backup_database(path=path, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Backed up {result.source} to {result.path.resolve()} ({size_shown(result.size)})."
        )
        if options["verbosity"] > 0:
            self.stdout.write(
                "It holds children's personal data: only its owner can read it (mode 0600). Keep "
                "it where only people allowed to see the records can reach it, and delete it "
                "when it is no longer needed."
            )
