"""Files to upload in the documents tests: real ones of each kind Redress keeps, and the ones
it refuses."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from redress.documents import samples

LETTER = samples.pdf(["Dear complaints team,", "I am writing to complain."], title="Letter")
# The start of a Windows program: "MZ", a DOS stub, then the PE header it points to.
EXECUTABLE = b"MZ\x90\x00" + b"\x00" * 56 + struct.pack("<I", 64) + b"PE\x00\x00" + b"\x00" * 400
EMAIL = samples.email(
    sender="Jo Parent <jo@example.org>",
    to="complaints@example.gov.uk",
    subject="My complaint",
    date="Mon, 10 Jan 2022 09:30:00 +0000",
    body="Please find my complaint below.",
)


def png() -> bytes:
    """A 1 x 1 white PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def docx(*, macros: bool = False) -> bytes:
    """A Word document (python-docx), with a macro project added when `macros`."""
    import docx as python_docx

    document = python_docx.Document()
    document.add_paragraph("Investigating officer's report")
    buffer = io.BytesIO()
    document.save(buffer)
    if not macros:
        return buffer.getvalue()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(out, "w") as target,
    ):
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("word/vbaProject.bin", b"\x00" * 64)
    return out.getvalue()


def ole(*stream_names: str) -> bytes:
    """The start of an OLE compound file whose directory names these streams (enough for the
    type check, which reads the names)."""
    directory = b"".join(name.encode("utf-16-le").ljust(128, b"\x00") for name in stream_names)
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + directory + b"\x00" * 1024
