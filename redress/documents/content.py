"""What a file is, from its bytes rather than its name, and a safe name to keep it under.

`filetype` recognises PDFs, images, Word documents and the things Redress refuses (programs,
archives, media); Redress's own checks recognise what it cannot: an Outlook message (an OLE
compound file holding `__substg1.0_` streams), an email (RFC 822 headers, then a body), plain
text, and a Word document that carries macros.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from email.parser import BytesHeaderParser
from pathlib import PurePosixPath

import filetype

from . import rules

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# How much of a file the type checks read: the magic numbers are in the first few kilobytes;
# an OLE file's stream names are in its directory, usually within the first megabyte.
HEAD_BYTES = 8192
OLE_SCAN_BYTES = 4 * 1024 * 1024
NAME_MAX = 150


@dataclass(frozen=True)
class Kind:
    """A kind of file Redress keeps: what it is called, its content type, its name endings."""

    label: str
    content_type: str
    endings: tuple[str, ...]


PDF = Kind("a PDF document", "application/pdf", (".pdf",))
DOCX = Kind(
    "a Word document",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    (".docx",),
)
DOC = Kind("a Word 97-2003 document", "application/msword", (".doc",))
ODT = Kind("an OpenDocument text document", "application/vnd.oasis.opendocument.text", (".odt",))
RTF = Kind("a rich text document", "application/rtf", (".rtf",))
JPEG = Kind("a JPEG image", "image/jpeg", (".jpg", ".jpeg"))
PNG = Kind("a PNG image", "image/png", (".png",))
GIF = Kind("a GIF image", "image/gif", (".gif",))
WEBP = Kind("a WebP image", "image/webp", (".webp",))
TIFF = Kind("a TIFF image", "image/tiff", (".tif", ".tiff"))
MSG = Kind("an Outlook email", "application/vnd.ms-outlook", (".msg",))
EML = Kind("an email", "message/rfc822", (".eml", ".txt"))
TEXT = Kind("plain text", "text/plain", (".txt", ".text", ".log", ".csv"))

KINDS = (PDF, DOCX, DOC, ODT, RTF, JPEG, PNG, GIF, WEBP, TIFF, MSG, EML, TEXT)
BY_CONTENT_TYPE = {kind.content_type: kind for kind in KINDS}
# What filetype names, for the message refusing it.
REFUSED_NAMES = {
    "application/x-msdownload": "a program (a Windows executable)",
    "application/x-executable": "a program (a Linux executable)",
    "application/x-mach-binary": "a program (a macOS executable)",
    "application/wasm": "a program (WebAssembly)",
    "application/x-shockwave-flash": "a Flash file",
    "application/zip": "a zip archive",
    "application/x-rar-compressed": "a RAR archive",
    "application/x-7z-compressed": "a 7-Zip archive",
    "application/gzip": "a compressed (gzip) file",
    "application/x-tar": "a tar archive",
    "application/vnd.ms-excel": "an Excel spreadsheet",
    "application/vnd.ms-powerpoint": "a PowerPoint presentation",
    "application/vnd.ms-cab-compressed": "a cabinet archive",
    "application/x-sqlite3": "a database file",
}
# Markup a browser would run, kept out even as "text".
ACTIVE_MARKUP = re.compile(rb"<\s*(!doctype\s+html|html|svg|script|iframe|object|embed)\b", re.I)
TEXT_CONTROLS = frozenset(range(32)) - {9, 10, 12, 13}


def clean_name(raw: str) -> str:
    """The file's name as it will be shown and offered on download: refused when it names a
    folder; otherwise control characters and anything but letters, digits, spaces and
    `.-_()` become `_`, and a long name is shortened, keeping its ending."""
    if "/" in raw or "\\" in raw or raw.strip() in {".", ".."}:
        raise rules.DocumentNameHasPath(name=raw)
    name = unicodedata.normalize("NFC", raw)
    name = "".join(
        " " if c.isspace() else c if (c.isalnum() or c in ".-_()") else "_" for c in name
    )
    name = re.sub(r"\s+", " ", name).strip(" .")
    stem, ending = _split(name)
    if not stem.strip("_ -"):
        raise rules.DocumentNameNotValid(name=raw)
    if len(name) > NAME_MAX:
        name = stem[: NAME_MAX - len(ending)].rstrip(" .") + ending
    return name


def _split(name: str) -> tuple[str, str]:
    suffix = PurePosixPath(name).suffix if "." in name.lstrip(".") else ""
    return (name[: -len(suffix)] if suffix else name), suffix


def ending_of(name: str) -> str:
    return _split(name)[1].lower()


def detect(content: bytes) -> Kind | str:
    """The kind of file this is, or (a string) what it is that Redress does not keep."""
    head = content[:HEAD_BYTES]
    found = filetype.guess(head)
    mime = found.mime if found is not None else None
    if content.startswith(OLE_SIGNATURE):
        return _ole(content)
    if mime in {DOCX.content_type, ODT.content_type, "application/zip"}:
        return _zipped(content, mime)
    if mime is not None:
        if mime in BY_CONTENT_TYPE:
            return BY_CONTENT_TYPE[mime]
        return REFUSED_NAMES.get(mime, f"another kind of file ({mime})")
    if head.startswith(b"{\\rtf"):
        return RTF
    return _text(content)


def _ole(content: bytes) -> Kind | str:
    """An OLE compound file: a Word 97-2003 document, an Outlook message, or something else
    (Excel, PowerPoint, an installer), told apart by the names of the streams it holds."""
    scan = content[:OLE_SCAN_BYTES]
    if "__substg1.0_".encode("utf-16-le") in scan:
        return MSG
    if "WordDocument".encode("utf-16-le") in scan:
        if "Macros".encode("utf-16-le") in scan or "VBA".encode("utf-16-le") in scan:
            return "a Word document with macros"
        return DOC
    if "Workbook".encode("utf-16-le") in scan:
        return "an Excel spreadsheet"
    if "PowerPoint Document".encode("utf-16-le") in scan:
        return "a PowerPoint presentation"
    return "an Office file of another kind"


def _zipped(content: bytes, mime: str) -> Kind | str:
    """A Word or OpenDocument file is a zip of known parts: anything else in a zip is an
    archive, and a Word document with a macro project is refused."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, EOFError, OSError):
        return "a damaged zip or Office file"
    if "word/document.xml" in names and "[Content_Types].xml" in names:
        if any(n.lower().endswith("vbaproject.bin") for n in names):
            return "a Word document with macros"
        return DOCX
    if mime == ODT.content_type and "content.xml" in names:
        return ODT
    return REFUSED_NAMES["application/zip"]


def _text(content: bytes) -> Kind | str:
    """Plain text (UTF-8, or Windows-1252 as older systems write it) with no control characters
    but tabs and line ends; an email if it opens with RFC 822 headers naming who it is from."""
    body = content.removeprefix(b"\xef\xbb\xbf")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = body.decode("cp1252")
        except UnicodeDecodeError:
            return "a file of an unknown kind"
    if any(ord(c) in TEXT_CONTROLS for c in text):
        return "a file of an unknown kind"
    if ACTIVE_MARKUP.search(body[:HEAD_BYTES]):
        return "a web page or script"
    if _is_email(body):
        return EML
    return TEXT


def _is_email(content: bytes) -> bool:
    first = content.split(b"\n", 1)[0]
    if not re.match(rb"^[A-Za-z][A-Za-z0-9-]*:", first):
        return False
    headers = BytesHeaderParser().parsebytes(content[:65536])
    named = {k.lower() for k in headers}
    return "from" in named and bool(named & {"date", "subject", "to", "message-id"})


def check(*, raw_name: str, content: bytes) -> tuple[str, Kind]:
    """The cleaned name and the kind of an upload, or the rule it breaks."""
    name = clean_name(raw_name)
    if not content:
        raise rules.DocumentEmpty(name=name)
    kind = detect(content)
    if isinstance(kind, str):
        raise rules.DocumentTypeNotAllowed(name=name, found=kind)
    ending = ending_of(name)
    endings = " or ".join(kind.endings)
    if not ending:
        raise rules.DocumentNameHasNoEnding(name=name, found=kind.label, endings=endings)
    if ending not in kind.endings:
        raise rules.DocumentNameDoesNotMatch(
            name=name, found=kind.label, ending=ending, endings=endings
        )
    return name, kind
