"""The report as PDF (WeasyPrint): the standalone HTML page printed with a print stylesheet,
giving a cover page, a table of contents with page numbers, page numbers in the footer, charts
as SVG, and a tagged PDF (PDF/UA-1: headings, tables and lists in the structure tree, the
document's language and title) that screen readers can follow."""

from __future__ import annotations

import weasyprint

from redress.reporting.document.model import ReportDocument
from redress.reporting.figures import FigureSet

from .html import render_page, stylesheet

PDF_VARIANT = "pdf/ua-1"


OPTIONS = {"pdf_variant": PDF_VARIANT, "pdf_tags": True}


def paginate(document: ReportDocument, figures: FigureSet) -> weasyprint.Document:
    """The report laid out on its pages, before it is written (the layout tests read its
    boxes)."""
    page = render_page(document, figures, print_css=stylesheet("report-print.css"))
    return weasyprint.HTML(string=page, base_url=None).render(**OPTIONS)


def render(document: ReportDocument, figures: FigureSet) -> bytes:
    return paginate(document, figures).write_pdf(**OPTIONS)
