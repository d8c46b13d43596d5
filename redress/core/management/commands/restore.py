"""`redress restore PATH`: a thin caller of `core.backup.restore_backup`."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from redress.core.backup import (
    BackupError,
    describe,
    inspect_backup,
    restore_backup,
    size_shown,
    target_contents,
)


class Command(BaseCommand):
    # Nothing the system checks look at matters here, and they would connect to the database.
    requires_system_checks: list[str] = []
    help = (
        "Restore a backup made by redress backup into the configured database. Refuses, "
        "changing nothing, a file that is not a backup of this kind of database, a backup from "
        "a newer Redress, and a database that already holds data unless --replace is given. "
        "Stop the server first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the backup file")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="replace everything the database holds (asks first, unless --no-input)",
        )
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="do not ask for confirmation",
        )
        parser.add_argument(
            "--database", default="default", help="which of the settings' DATABASES to restore"
        )

    def handle(self, *args: Any, path: Path, replace: bool, interactive: bool, **options: Any):
        alias = options["database"]
        if alias not in connections:
            raise CommandError(f"There is no database {alias!r} in the settings' DATABASES.")
        connection = connections[alias]
        connection.close()  # the restore connects by itself; SQLite wants no other connection
        database = connection.settings_dict
        try:
            backup = inspect_backup(path=path, database=database)
            held = target_contents(database=database)
            if held.held:
                where = describe(database)
                if not replace:
                    raise CommandError(
                        f"{where} already holds data ({held}). Restoring replaces everything "
                        "in it: run again with --replace to do that. Nothing changed."
                    )
                if interactive and not self._confirmed(path, where, held):
                    raise CommandError("Restore cancelled. Nothing changed.")
            result = restore_backup(path=path, database=database, replace=held.held)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Restored {backup.path} ({size_shown(backup.size)}) into {result.target}, which now "
            f"holds {result.contents}."
        )
        if result.triggers:
            self.stdout.write(f"Triggers in place: {', '.join(sorted(result.triggers))}.")
        if backup.pending:
            self.stdout.write(
                f"The backup predates {len(backup.pending)} of this code's migrations: run "
                "redress migrate before starting the server."
            )

    def _confirmed(self, path: Path, where: str, held: object) -> bool:
        try:
            answer = input(
                f"{where} holds {held}. Restoring {path} replaces all of it. Type 'yes' to go on: "
            )
        except EOFError:  # no one to ask (a script): --no-input says so explicitly
            raise CommandError(
                "Restore cancelled: there was no answer (give --no-input to skip the question). "
                "Nothing changed."
            ) from None
        return answer.strip().lower() == "yes"
