"""Hostile workbooks for the import's tests, made in the test: a real workbook saved by openpyxl,
then one of its XML parts (or its zip headers) changed."""

from __future__ import annotations

import re
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook

COMPLAINTS = [
    ["reference", "received_date", "procedure", "service_area"],
    ["CSC-1", "2021-05-04", "statutory", "Fostering"],
    ["CSC-2", "2021-05-04", "statutory", "Fostering"],
    ["CSC-3", "2021-05-04", "statutory", "Fostering"],
]
STAGES = [
    ["reference", "stage", "received_date"],
    ["CSC-1", "1", "2021-05-04"],
    ["CSC-2", "1", "2021-05-04"],
    ["CSC-3", "1", "2021-05-04"],
]
# openpyxl writes the sheets in order: complaints, then stages.
COMPLAINTS_PART = "xl/worksheets/sheet1.xml"
STAGES_PART = "xl/worksheets/sheet2.xml"

BILLION_LAUGHS = (
    b'<?xml version="1.0"?>'
    b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
    b'<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">'
    b'<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">'
    b'<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">'
    b'<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">'
    b'<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">'
    b'<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>'
)
XXE = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def save(path: Path, **sheets: list[list[str]]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        worksheet = book.create_sheet(name)
        for row in rows:
            worksheet.append(row)
    book.save(path)
    return path


def changed(path: Path, part: str, change: Callable[[bytes], bytes], name: str) -> Path:
    """A copy of the workbook with one part changed."""
    target = path.with_name(name)
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            out.writestr(info.filename, change(data) if info.filename == part else data)
    return target


def with_dimension(ref: str) -> Callable[[bytes], bytes]:
    """Make a sheet declare another size."""
    declared = f'<dimension ref="{ref}"/>'.encode()
    return lambda xml: re.sub(rb'<dimension ref="[^"]*"/>', declared, xml)


def with_declared_size(path: Path, part: str, size: int, name: str) -> Path:
    """A copy of the workbook whose zip headers (local and central) say that one part is `size`
    bytes uncompressed, whatever it holds."""
    data = bytearray(path.read_bytes())
    encoded = part.encode()
    for signature, size_at, name_length_at, name_at in (
        (b"PK\x03\x04", 22, 26, 30),  # local file header
        (b"PK\x01\x02", 24, 28, 46),  # central directory header
    ):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            (length,) = struct.unpack_from("<H", data, start + name_length_at)
            if bytes(data[start + name_at : start + name_at + length]) == encoded:
                struct.pack_into("<I", data, start + size_at, size)
            start += 4
    target = path.with_name(name)
    target.write_bytes(bytes(data))
    return target
