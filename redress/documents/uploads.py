"""Refusing an upload past the size limit while it arrives, before it is written anywhere.

Django reads an upload through its upload handlers; this one goes first on the upload page and
skips a file as soon as more than REDRESS_DOCUMENT_MAX_MB of it has come in (the other handlers
then discard what they had), marking the request so the page says why. A request whose declared
length is already far past the limit is refused before its body is read at all (`too_long`).
"""

from __future__ import annotations

from typing import Any

from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest

# Room for the form's other fields and the multipart framing around the file.
FRAMING_BYTES = 64 * 1024
TOO_LARGE = "document_too_large"


class SizeLimitHandler(FileUploadHandler):
    def __init__(self, request: HttpRequest, limit: int) -> None:
        super().__init__(request)
        self.limit = limit
        self.received = 0

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            setattr(self.request, TOO_LARGE, True)
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def limit_uploads(request: HttpRequest, limit: int) -> None:
    """Put the size limit first, before the body is read (so before the CSRF check reads it)."""
    request.upload_handlers.insert(0, SizeLimitHandler(request, limit))


def too_long(request: HttpRequest, limit: int) -> bool:
    """Whether the request says it is longer than any acceptable upload."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > limit + FRAMING_BYTES


def was_too_large(request: HttpRequest) -> bool:
    return bool(getattr(request, TOO_LARGE, False))
