"""The error a reader raises when a file, or part of it, cannot be read."""

from __future__ import annotations


class ReadError(Exception):
    """The file or folder cannot be read at all; the message says why, and `sheet`, `row` and
    `column` where (as far as they are known)."""

    def __init__(
        self,
        message: str,
        *,
        sheet: str = "",
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        super().__init__(message)
        self.sheet = sheet
        self.row = row
        self.column = column


class NotADatasetError(ReadError):
    """The path is not something the import reads at all (missing, or neither a workbook nor a
    folder); there is no file to record a rejected run for."""
