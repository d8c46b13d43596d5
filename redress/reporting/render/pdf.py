"""The report as PDF (WeasyPrint): the standalone HTML page printed with a print stylesheet,
giving a cover page, a table of contents with page numbers, page numbers in the footer, charts
as SVG, and a tagged PDF (PDF/UA-1: headings, tables and lists in the structure tree, the
document's language and title) that screen readers can follow."""

from __future__ import annotations

import zlib
from functools import lru_cache
from typing import Any

import pydyf
import weasyprint

from redress.core.collector import collected_once
from redress.reporting.document.model import ReportDocument
from redress.reporting.figures import FigureSet

from .html import render_page, stylesheet

PDF_VARIANT = "pdf/ua-1"


OPTIONS = {"pdf_variant": PDF_VARIANT, "pdf_tags": True}

_CACHED = "_redress_page_references"


def _cache_page_references() -> None:
    """Make pydyf's list of page references once per page added, not once per use.

    Tagging (`weasyprint/pdf/tags.py`) asks `PDF.page_references[n]` for every marked piece of
    content, and pydyf rebuilds the whole tuple each time: 10,000 asks × 61 pages for an
    authority-year, 0.3–0.6 s of the PDF's writing (ADR 0029). Pages are only ever appended
    (`PDF.add_page`), so the tuple is kept with the length of the list it was made from. The
    bytes written are the same. Left alone if pydyf no longer has the property."""
    uncached = pydyf.PDF.__dict__.get("page_references")
    make = uncached.fget if isinstance(uncached, property) else None
    if make is None or getattr(make, _CACHED, False):
        return

    def page_references(pdf: Any) -> tuple[bytes, ...]:
        kids = len(pdf.pages["Kids"])
        cached = pdf.__dict__.get(_CACHED)
        if cached is None or cached[0] != kids:
            cached = pdf.__dict__[_CACHED] = (kids, make(pdf))
        return cached[1]  # type: ignore[no-any-return]

    setattr(page_references, _CACHED, True)
    pydyf.PDF.page_references = property(page_references)


_cache_page_references()

# zlib's own default: pydyf compresses every stream at level 9, which took 0.18 s of an
# authority-year's PDF against 0.04 s at 6, for 4% more bytes (ADR 0034).
COMPRESSION_LEVEL = 6


class _PdfZlib:
    """zlib as pydyf sees it: the same, except that streams are compressed at
    COMPRESSION_LEVEL whatever level pydyf asks for."""

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)

    @staticmethod
    def compressobj(level: int = -1, *args: Any, **kwargs: Any) -> Any:
        return zlib.compressobj(COMPRESSION_LEVEL, *args, **kwargs)


def _compress_at_default_level() -> None:
    """Left alone if pydyf no longer compresses through its module's `zlib`."""
    if getattr(pydyf, "zlib", None) is zlib:
        pydyf.zlib = _PdfZlib()  # type: ignore[attr-defined]


_compress_at_default_level()


def printed_page(document: ReportDocument, figures: FigureSet) -> str:
    """The standalone page with the print stylesheet: all the PDF is made from."""
    return render_page(document, figures, print_css=stylesheet("report-print.css"))


def paginate(document: ReportDocument, figures: FigureSet) -> weasyprint.Document:
    """The report laid out on its pages, before it is written (the layout tests read its
    boxes)."""
    return _laid_out(printed_page(document, figures))


def _laid_out(page: str) -> weasyprint.Document:
    return weasyprint.HTML(string=page, base_url=None).render(**OPTIONS)


def render(document: ReportDocument, figures: FigureSet) -> bytes:
    return printed(printed_page(document, figures))


@lru_cache(maxsize=4)
def printed(page: str) -> bytes:
    """The PDF of a printed page. The page holds everything the PDF is made from (its styles,
    charts and fonts' names inline), so the same page prints the same PDF: the last few are
    kept, and a report downloaded again while nothing it counts has changed (the facts kept,
    ADR 0032) is not laid out again (ADR 0033). A few MB at most. Python's cycle collector
    runs once, after the PDF is written, not over and over while its million objects are made
    (`collected_once`, ADR 0034)."""
    with collected_once():
        return _laid_out(page).write_pdf(**OPTIONS)  # type: ignore[no-any-return]
