"""Importing and exporting the `redress.import/1` format.

`import_dataset` reads a workbook or a folder of CSVs, checks all of it, and then either writes
nothing (listing every problem) or writes every good row in one transaction, auditing each
record against an ImportRun that names the file and its checksum. `export_dataset` writes
everything back out in the same format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from .apply import apply_dataset
from .apply.sync import Tally
from .export import export_sheets
from .lookups import Lookups
from .models import ImportRun, ImportStatus
from .parse import parse_dataset
from .problems import Problem, ProblemLog, Unreadable
from .progress import ProgressFactory, silent
from .readers import Dataset, NotADatasetError, ReadError, open_dataset
from .rejects import default_rejects_path, write_rejects
from .validate import check_dataset
from .writers import write_folder, write_workbook

if TYPE_CHECKING:
    from redress.accounts.models import User


class DatasetError(Exception):
    """The path is not something `redress import` or `export` can use; the message says why."""


@dataclass(frozen=True)
class ImportResult:
    run: ImportRun
    problems: list[Problem]
    counts: dict[str, dict[str, int]]
    rejects_path: Path | None = None
    audit_events: int = 0

    @property
    def status(self) -> str:
        return self.run.status

    @property
    def imported(self) -> bool:
        return self.run.status != ImportStatus.REJECTED


@dataclass(frozen=True)
class ExportResult:
    path: Path
    counts: dict[str, int] = field(default_factory=dict)


def import_dataset(
    *,
    path: Path | str,
    by: User | None = None,
    partial: bool = False,
    create_missing: bool = False,
    rejects_path: Path | str | None = None,
    progress: ProgressFactory | None = None,
) -> ImportResult:
    """Import a workbook or folder of CSVs.

    Any problem means nothing is written (the run is recorded as rejected, with the problems
    returned), unless `partial`: then the good rows are written and the bad ones, and rows that
    depend on them, go to a rejects file. Re-importing the same file changes nothing.
    """
    progress = progress or silent
    try:
        dataset = open_dataset(Path(path))
    except NotADatasetError as error:
        raise DatasetError(str(error)) from None
    except ReadError as error:
        return _unreadable(Path(path), error, by)
    with dataset:
        checksum = dataset.checksum()
        log = ProblemLog()
        parsed, kept = parse_dataset(dataset, log, progress)
        lookups = Lookups.load(create_missing=create_missing)
        checker = known = None
        if not log.structural:
            checker, known = check_dataset(parsed, log, lookups, partial=partial)
        rows = {sheet: len(records) for sheet, records in parsed.items()}
        if checker is None or known is None or (log and not partial):
            run = ImportRun.objects.create(
                file_name=dataset.name,
                checksum=checksum,
                by=by,
                status=ImportStatus.REJECTED,
                finished_at=timezone.now(),
                counts=_counts(rows, {}, log),
                problems=len(log),
            )
            return ImportResult(run=run, problems=log.sorted(), counts=run.counts)
        rejects = None
        if log:
            # Written before the transaction, so a rejects file that cannot be written stops
            # the import before anything is; removed again if the import then fails.
            rejects = Path(rejects_path) if rejects_path else default_rejects_path(dataset)
            write_rejects(dataset, log, rejects)
        try:
            # Only the writes are in the transaction: reading and checking a large file takes
            # a while, and SQLite would hold its write lock for all of it.
            with transaction.atomic():
                run = ImportRun.objects.create(
                    file_name=dataset.name,
                    checksum=checksum,
                    by=by,
                    status=ImportStatus.PARTIAL if log else ImportStatus.IMPORTED,
                    problems=len(log),
                )
                tallies, events = apply_dataset(
                    checker=checker,
                    known=known,
                    lookups=lookups,
                    run=run,
                    by=by,
                    progress=progress,
                    kept=kept,
                )
                run.counts = _counts(rows, tallies, log)
                run.finished_at = timezone.now()
                run.save(update_fields=["counts", "finished_at"])
        except BaseException:
            if rejects is not None:
                _remove(rejects)
            raise
    return ImportResult(
        run=run,
        problems=log.sorted(),
        counts=run.counts,
        rejects_path=rejects,
        audit_events=events,
    )


def _unreadable(path: Path, error: ReadError, by: User | None) -> ImportResult:
    """A workbook refused before any sheet is read (damaged, unsafe, beyond a limit): a
    rejected run with the one problem, located at the workbook or the sheet it is in."""
    problem = Unreadable.problem(
        error.sheet or path.name, error.row, error.column, reason=str(error)
    )
    run = ImportRun.objects.create(
        file_name=path.name,
        checksum=Dataset(path=path, kind="xlsx").checksum(),
        by=by,
        status=ImportStatus.REJECTED,
        finished_at=timezone.now(),
        counts={},
        problems=1,
    )
    return ImportResult(run=run, problems=[problem], counts=run.counts)


def _counts(
    rows: dict[str, int], tallies: dict[str, Tally], log: ProblemLog
) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for sheet, total in rows.items():
        tally = tallies.get(sheet, Tally())
        counts[sheet] = {"rows": total, **tally.as_dict(), "rejected": len(log.bad.get(sheet, ()))}
    for name, tally in tallies.items():  # people, extensions and configuration it created
        if name not in counts and any(tally.as_dict().values()):
            counts[name] = tally.as_dict()
    return counts


def _remove(path: Path) -> None:
    if path.is_dir():
        for file in path.glob("*.csv"):
            file.unlink()
        if not any(path.iterdir()):
            path.rmdir()
    else:
        path.unlink(missing_ok=True)


def export_dataset(*, path: Path | str) -> ExportResult:
    """Write every record as `redress.import/1`: a workbook when the path ends in .xlsx,
    otherwise a folder of CSVs (created if need be)."""
    target = Path(path)
    sheets = export_sheets()
    if target.suffix.lower() == ".xlsx":
        return ExportResult(path=target, counts=write_workbook(target, sheets))
    if target.exists() and not target.is_dir():
        raise DatasetError(f"{target} is a file; export to a folder or to an .xlsx workbook")
    return ExportResult(path=target, counts=write_folder(target, sheets))
