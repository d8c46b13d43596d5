"""The complaints list downloaded as CSV (streamed) or a spreadsheet: the same filters and sort
as the page, for the complaints team only.

A cell that a spreadsheet would read as a formula (starting with =, +, -, @, or a tab or
carriage return) is written with a leading apostrophe, so a value typed into a record can never
run as a formula on the computer that opens the file.
"""

from __future__ import annotations

import csv
import datetime
import tempfile
from collections.abc import Iterable, Iterator
from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponseBase, StreamingHttpResponse
from openpyxl import Workbook

from redress.complaints.forms import ComplaintFilterForm
from redress.complaints.selectors import clock, with_search
from redress.complaints.selectors.downloads import HEADINGS, download_rows

from .common import require_team

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value: Any) -> Any:
    """The value, with text that could be read as a formula made plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _Echo:
    """A file-like object that hands back what is written, for streaming CSV."""

    def write(self, value: str) -> str:
        return value


def _csv_lines(rows: Iterable[list[Any]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so Excel reads the file as UTF-8
    yield writer.writerow(HEADINGS)
    for row in rows:
        yield writer.writerow(
            [
                v.isoformat() if isinstance(v, datetime.date) else safe_cell(v)
                for v in ("" if v is None else v for v in row)
            ]
        )


def _workbook(rows: Iterable[list[Any]]) -> Any:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Complaints")
    sheet.append(HEADINGS)
    for row in rows:
        sheet.append([safe_cell(v) for v in row])
    # Handed to the response, which closes it once sent.
    file = tempfile.TemporaryFile()  # noqa: SIM115
    book.save(file)
    file.seek(0)
    return file


def download(request: HttpRequest) -> HttpResponseBase:
    require_team(request, "download the list of complaints")
    kind = request.GET.get("format", "csv")
    filters = with_search(ComplaintFilterForm(request.GET or None).filters())
    today = clock().today
    rows = download_rows(user=request.user, filters=filters, today=today)
    name = f"complaints-{today.isoformat()}"
    if kind == "xlsx":
        return FileResponse(
            _workbook(rows), as_attachment=True, filename=f"{name}.xlsx", content_type=XLSX
        )
    response = StreamingHttpResponse(_csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response
