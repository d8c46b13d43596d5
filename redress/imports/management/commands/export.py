"""`redress export PATH`: a thin caller of `imports.services.export_dataset`."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from redress.imports.services import DatasetError, export_dataset


class Command(BaseCommand):
    help = (
        "Export every record in the redress.import/1 format: to PATH.xlsx as a workbook, or "
        "otherwise to a folder of CSVs. The export imports back with nothing lost."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="an .xlsx workbook to write, or a folder")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = export_dataset(path=options["path"])
        except DatasetError as error:
            raise CommandError(str(error)) from None
        if options["verbosity"] > 0:
            total = sum(result.counts.values())
            self.stdout.write(f"Exported {total} rows to {result.path}.")
            for name, count in result.counts.items():
                self.stdout.write(f"  {name}: {count}")
