"""Renderers lay out a `ReportDocument` (and its `FigureSet`) in one format each; they decide
nothing about the numbers. `render(fmt, ...)` picks one by its format name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from redress.reporting.document.model import ReportDocument
from redress.reporting.figures import FigureSet


@dataclass(frozen=True)
class Format:
    name: str
    content_type: str
    extension: str
    module: str  # redress.reporting.render.<module>.render(document, figures) -> bytes


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("json", "application/json", "json", "json"),
        Format("html", "text/html; charset=utf-8", "html", "html"),
        Format("pdf", "application/pdf", "pdf", "pdf"),
        Format(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
            "docx",
        ),
        Format(
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
            "xlsx",
        ),
    )
}


def renderer(fmt: str) -> Callable[[ReportDocument, FigureSet], bytes]:
    """The `render(document, figures) -> bytes` function of a format (imported when asked for,
    so a JSON report never loads WeasyPrint)."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format '{fmt}'. Formats: {', '.join(FORMATS)}.")
    return import_module(f"{__name__}.{FORMATS[fmt].module}").render
