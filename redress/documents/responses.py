"""How a held file is served, wherever it is downloaded from (a complaint's documents, a file
sent through the public pages, a letter a complainant follows): always as a download, never a
type a browser would run, never cached, and sandboxed should a browser show it anyway."""

from __future__ import annotations

from typing import IO

from django.http import FileResponse

from .presenters import served_type


def sandboxed_download(handle: IO[bytes], *, filename: str, content_type: str) -> FileResponse:
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=served_type(content_type)
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
