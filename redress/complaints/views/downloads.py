"""The complaints list downloaded as CSV (streamed) or a spreadsheet: the same filters and sort
as the page, for the complaints team only.

Text that a spreadsheet would read as a formula (starting with =, +, -, @, or a tab or
carriage return) is written as inert text (`redress.core.spreadsheets`), so a value typed into
a record can never run as a formula on the computer that opens the file.
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
from redress.complaints.selectors import clock
from redress.complaints.selectors.downloads import HEADINGS, download_rows
from redress.core.spreadsheets import csv_text, xlsx_value

from .common import require_team

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
                v.isoformat() if isinstance(v, datetime.date) else csv_text(v)
                for v in ("" if v is None else v for v in row)
            ]
        )


def _workbook(rows: Iterable[list[Any]]) -> Any:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Complaints")
    sheet.append(HEADINGS)
    for row in rows:
        sheet.append([xlsx_value(sheet, v) for v in row])
    # Handed to the response, which closes it once sent.
    file = tempfile.TemporaryFile()  # noqa: SIM115
    book.save(file)
    file.seek(0)
    return file


def download(request: HttpRequest) -> HttpResponseBase:
    require_team(request, "download the list of complaints")
    kind = request.GET.get("format", "csv")
    filters = ComplaintFilterForm(request.GET or None).filters()
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
