"""Reading an `.xlsx` workbook without trusting it.

A workbook is a zip of XML parts, and both can lie. Before openpyxl opens one:

- the zip's directory is checked: how many parts, how large each says it is once uncompressed,
  and how many times larger than compressed (a "zip bomb" is about 1,000 times);
- every XML part is then uncompressed once, in chunks, counting the bytes actually produced
  (a part's header can understate them) and refusing any document type declaration: Excel never
  writes one, and it is how an XML file expands entities ("billion laughs") or reads other
  files and URLs (XXE).

Then openpyxl reads only the workbook's own parts (sheet names, shared strings, styles), with
defusedxml as its parser. The sheets themselves are read here, row by row, from their XML: the
size a sheet declares (`<dimension ref="A1:XFD1048576"/>`) is never used, so rows beyond it are
not lost and a false one costs nothing; a row beyond the row limit, a value beyond the column
limit or a cell longer than the cell limit stops the reading at once, naming where.
"""

from __future__ import annotations

import datetime
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from decimal import Decimal
from typing import IO, Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as defused_fromstring
from defusedxml.ElementTree import iterparse
from openpyxl.cell.text import Text
from openpyxl.utils.cell import column_index_from_string
from openpyxl.utils.datetime import from_excel, from_ISO8601

from .errors import ReadError
from .limits import (
    RATIO_FLOOR_BYTES,
    Limits,
    cell_too_long,
    raise_it,
    too_many_columns,
    too_many_rows,
)

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
ROW, CELL, VALUE, INLINE = f"{MAIN}row", f"{MAIN}c", f"{MAIN}v", f"{MAIN}is"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
DOC_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)

# A workbook has tens of parts; a zip directory of millions would take gigabytes to list.
MAX_PARTS = 10_000
# Excel's columns: no row of a real sheet holds more cells, even empty ones.
MAX_CELLS_IN_A_ROW = 16_384
XML_PARTS = (".xml", ".rels", ".vml")
CHUNK = 1 << 20
# Scanned first, in this order: the parts that say which part is which sheet.
PACKAGE_PARTS = {
    "[Content_Types].xml": 0,
    "_rels/.rels": 1,
    "xl/workbook.xml": 2,
    "xl/_rels/workbook.xml.rels": 3,
}

UNSAFE_XML_MESSAGE = (
    "the workbook's XML is not safe to read: {part} declares a document type (<!DOCTYPE or "
    "<!ENTITY), which can expand into gigabytes ('billion laughs') or read other files (XXE). "
    "Excel never writes one; save the workbook again from Excel or LibreOffice"
)
_DECLARATIONS = [b"<!DOCTYPE", b"<!ENTITY"]
# In UTF-8 and in UTF-16 (which XML parsers also accept), either byte order.
UNSAFE_XML = re.compile(
    b"|".join(
        re.escape(d.decode().encode(encoding))
        for d in _DECLARATIONS
        for encoding in ("utf-8", "utf-16-le", "utf-16-be")
    )
)
_OVERLAP = max(len(d) for d in _DECLARATIONS) * 2


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):,.1f} MB"


def check_package(archive: zipfile.ZipFile, limits: Limits, workbook: str) -> None:
    """Refuse a workbook that is a zip bomb or holds unsafe XML, before anything parses it.
    Problems with one sheet's part name that sheet; the others name the workbook."""
    parts = [info for info in archive.infolist() if not info.is_dir()]
    declared = sum(info.file_size for info in parts)
    if declared > limits.max_uncompressed_bytes:
        raise ReadError(_too_large(declared, limits), sheet=workbook)
    for info in parts:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR_BYTES and ratio > limits.max_compression_ratio:
            raise ReadError(
                f"{info.filename} unpacks to {ratio:,.0f} times its compressed size "
                f"({_mb(info.file_size)}): it looks like a 'zip bomb'. A real workbook is rarely "
                f"more than 20 times and an import reads at most "
                f"{limits.max_compression_ratio:,} times (REDRESS_IMPORT_MAX_COMPRESSION_RATIO); "
                f"{raise_it('REDRESS_IMPORT_MAX_COMPRESSION_RATIO')}",
                sheet=_sheet_of_part(archive, info.filename) or workbook,
            )
    # The workbook's own parts first, so that a sheet's problem can name the sheet.
    parts.sort(key=lambda info: (PACKAGE_PARTS.get(info.filename, 99), info.filename))
    total = 0
    for info in parts:
        try:
            total = _scan(archive, info, total, limits)
        except _UnsafeXML:
            sheet = _sheet_of_part(archive, info.filename) or workbook
            raise ReadError(UNSAFE_XML_MESSAGE.format(part=info.filename), sheet=sheet) from None
        except _TooLarge as large:
            raise ReadError(_too_large(large.size, limits, counted=True), sheet=workbook) from None
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as error:
            sheet = _sheet_of_part(archive, info.filename) or workbook
            raise ReadError(
                f"the workbook is damaged: {info.filename} cannot be uncompressed "
                f"({_reason(error)})",
                sheet=sheet,
            ) from None


class _UnsafeXML(Exception):  # noqa: N818
    pass


class _TooLarge(Exception):  # noqa: N818
    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def _scan(archive: zipfile.ZipFile, info: zipfile.ZipInfo, total: int, limits: Limits) -> int:
    """Uncompress one part, counting the bytes it really holds (its header may understate them)
    and looking through XML for a document type declaration; returns the running total."""
    xml = info.filename.lower().endswith(XML_PARTS)
    tail = b""
    with archive.open(info) as part:
        while chunk := part.read(CHUNK):
            total += len(chunk)
            if total > limits.max_uncompressed_bytes:
                raise _TooLarge(total)
            if xml:
                if UNSAFE_XML.search(tail + chunk):
                    raise _UnsafeXML
                tail = chunk[-_OVERLAP:]
    return total


def _too_large(size: int, limits: Limits, *, counted: bool = False) -> str:
    what = "holds more than" if counted else "holds"
    return (
        f"the workbook {what} {_mb(size)} once uncompressed; an import reads at most "
        f"{limits.max_uncompressed_mb:,} MB (REDRESS_IMPORT_MAX_UNCOMPRESSED_MB): "
        f"{raise_it('REDRESS_IMPORT_MAX_UNCOMPRESSED_MB')}, or import it in parts"
    )


def _sheet_of_part(archive: zipfile.ZipFile, part: str) -> str | None:
    """The name of the sheet whose XML is `part` (None when it is not a sheet's), read from the
    workbook's own parts, with no document type allowed in them."""
    try:
        book = _target("", _xml(archive, "_rels/.rels"), OFFICE_DOCUMENT)
        if book is None:
            return None
        folder, _, name = book.rpartition("/")
        rels = _xml(archive, f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels")
        targets = {r.get("Id"): _resolve(folder, r.get("Target", "")) for r in rels.iter(RELS)}
        for sheet in _xml(archive, book).iter(f"{MAIN}sheet"):
            if targets.get(sheet.get(DOC_REL)) == part:
                return str(sheet.get("name"))
    except Exception:  # only a better name for the problem is lost
        return None
    return None


def _xml(archive: zipfile.ZipFile, name: str) -> Any:
    info = archive.getinfo(name)
    if info.file_size > RATIO_FLOOR_BYTES:
        raise ValueError(name)
    return defused_fromstring(archive.read(info), forbid_dtd=True)


def _target(folder: str, rels: Any, kind: str) -> str | None:
    for relation in rels.iter(RELS):
        if relation.get("Type") == kind:
            return _resolve(folder, relation.get("Target", ""))
    return None


def _resolve(folder: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return f"{folder}/{target}" if folder else target


def check_zip_directory(fh: IO[bytes], workbook: str) -> None:
    """Refuse a zip whose directory lists more parts than a workbook has, before zipfile reads
    that directory into memory (the count is in its last record)."""
    fh.seek(0, 2)
    size = fh.tell()
    fh.seek(max(0, size - (1 << 16) - 22))
    tail = fh.read()
    fh.seek(0)
    end = tail.rfind(b"PK\x05\x06")
    if end < 0 or end + 22 > len(tail):
        return  # not a zip at all: opening it says so
    (parts,) = struct.unpack("<H", tail[end + 10 : end + 12])
    if parts > MAX_PARTS:
        raise ReadError(
            f"the workbook's zip lists {parts:,} parts; a workbook has at most {MAX_PARTS:,}",
            sheet=workbook,
        )


def sheet_rows(
    workbook: Any, worksheet: Any, limits: Limits, sheet: str
) -> Iterator[tuple[int, list[str]]]:
    """Each row of a sheet holding a value, as (row number, cell texts), read from the sheet's
    XML with the limits checked as it goes. Rows without a value are left out."""
    shared = worksheet._shared_strings
    dates = workbook._date_formats
    durations = workbook._timedelta_formats
    epoch = workbook.epoch
    max_row = limits.max_rows + 1  # and the header
    max_columns, max_chars = limits.max_columns, limits.max_cell_chars
    header: list[str] = []
    line = 0
    cells: dict[int, str] = {}
    in_row = column = 0
    cell_row: int | None = None
    try:
        with workbook._archive.open(worksheet._worksheet_path) as source:
            for _event, element in iterparse(source, forbid_dtd=True):
                tag = element.tag
                if tag == CELL:
                    in_row += 1
                    if in_row > MAX_CELLS_IN_A_ROW:
                        raise ReadError(
                            f"a row holds more than {MAX_CELLS_IN_A_ROW:,} cells",
                            sheet=sheet,
                            row=line + 1,
                        )
                    reference = element.get("r")
                    if reference:
                        letters = reference.rstrip("0123456789")
                        column = column_index_from_string(letters)
                        cell_row = int(reference[len(letters) :])
                    else:
                        column += 1
                    value = _value(element, shared, dates, durations, epoch)
                    element.clear()
                    if value is None or value == "":
                        continue
                    where = cell_row or line + 1
                    if column > max_columns:
                        raise ReadError(
                            too_many_columns(column, limits), sheet=sheet, row=where,
                            column=_column_name(header, column),
                        )  # fmt: skip
                    text = cell_text(value)
                    if len(text) > max_chars:
                        raise ReadError(
                            cell_too_long(len(text), limits), sheet=sheet, row=where,
                            column=_column_name(header, column),
                        )  # fmt: skip
                    cells[column] = text
                elif tag == ROW:
                    number = element.get("r")
                    found = int(number) if number else line + 1
                    element.clear()
                    if found <= line:
                        raise ReadError(
                            f"row {found} comes after row {line}: the sheet's rows are out of "
                            "order",
                            sheet=sheet,
                            row=found,
                        )
                    line = found
                    if line > max_row:
                        raise ReadError(too_many_rows(limits), sheet=sheet, row=line)
                    in_row = column = 0
                    cell_row = None
                    if cells:
                        row = [""] * max(cells)
                        for position, text in cells.items():
                            row[position - 1] = text
                        cells = {}
                        if line == 1:
                            header = row
                        yield line, row
    except ReadError:
        raise
    except DefusedXmlException as error:
        raise ReadError(
            UNSAFE_XML_MESSAGE.format(part=worksheet._worksheet_path) + f" ({error})",
            sheet=sheet,
        ) from None
    except Exception as error:  # whatever a damaged file makes fail, it is named
        raise ReadError(
            f"the sheet cannot be read after row {line}: its XML is damaged ({_reason(error)})",
            sheet=sheet,
            row=line + 1,
        ) from None


def _value(element: Any, shared: Any, dates: Any, durations: Any, epoch: Any) -> Any:
    """A cell's value as openpyxl reads it (data only: a formula gives its saved result)."""
    kind = element.get("t", "n")
    if kind == "inlineStr":
        child = element.find(INLINE)
        inline = None if child is None else Text.from_tree(child)
        return None if inline is None else inline.content
    value = element.findtext(VALUE)
    if not value:
        return None
    if kind == "n":
        number: int | float = (
            float(value) if "." in value or "E" in value or "e" in value else int(value)
        )
        style = element.get("s")
        if style and dates and int(style) in dates:
            try:
                return from_excel(number, epoch, timedelta=int(style) in durations)
            except (OverflowError, ValueError):
                return number  # not a date: the date's parser says so
        return number
    if kind == "s":
        return shared[int(value)]
    if kind == "b":
        return bool(int(value))
    if kind == "d":
        return from_ISO8601(value)
    return value  # "str" (a formula's text) or "e" (an error such as #N/A)


def cell_text(value: Any) -> str:
    """A workbook cell as the text a CSV would hold: dates as YYYY-MM-DD, whole numbers without
    a decimal point, booleans as yes/no."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (int, Decimal)):
        return str(value)
    return str(value)


def _reason(error: Exception) -> str:
    text = str(error)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _column_name(header: list[str], column: int) -> str:
    title = header[column - 1].strip() if column <= len(header) else ""
    return title or f"#{column}"
