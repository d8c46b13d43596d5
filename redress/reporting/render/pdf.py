"""The report as PDF (WeasyPrint): the standalone HTML page printed with a print stylesheet,
giving a cover page, a table of contents with page numbers, page numbers in the footer, charts
as SVG, and a tagged PDF (PDF/UA-1: headings, tables and lists in the structure tree, the
document's language and title) that screen readers can follow. WeasyPrint is used as
`weasyprint_tuned` sets it up, which makes the same PDF faster."""

from __future__ import annotations

from functools import lru_cache

import weasyprint

from redress.core.collector import collected_once
from redress.reporting.charts import draw_ahead, svg_of
from redress.reporting.document.model import ReportDocument
from redress.reporting.figures import FigureSet

from .html import render_page, stylesheet
from .html.svg import CHART_SCHEME, chart_spec, chart_specs, printed_chart_specs
from .weasyprint_tuned import ReportHTML

PDF_VARIANT = "pdf/ua-1"


OPTIONS = {"pdf_variant": PDF_VARIANT, "pdf_tags": True}


def printed_page(document: ReportDocument, figures: FigureSet) -> str:
    """The standalone page with the print stylesheet: all the PDF is made from."""
    return render_page(document, figures, print_css=stylesheet("report-print.css"))


def paginate(document: ReportDocument, figures: FigureSet) -> weasyprint.Document:
    """The report laid out on its pages, before it is written (the layout tests read its
    boxes)."""
    return _laid_out(printed_page(document, figures))


class _Fetcher(weasyprint.URLFetcher):
    """What WeasyPrint may fetch for a printed report: its charts (`redress-chart:` addresses,
    drawn by `svg_of`), and nothing else, from the network or from files. A chart that cannot
    be drawn stops the PDF, as it stopped the page before charts were fetched. (WeasyPrint's
    own fetcher is not set up: its HTTPS handler alone took 40 ms a PDF.)"""

    def __init__(self) -> None:
        self._fail_on_errors = True

    @staticmethod
    def fetch_when_laid_out(url: str) -> bool:
        """A chart is fetched when its page is laid out, not when the page is read, so that
        the chart process draws the charts while the pages before them are laid out
        (`weasyprint_tuned`, ADR 0038)."""
        return url.startswith(f"{CHART_SCHEME}:")

    def fetch(self, url: str, headers: object = None) -> weasyprint.urls.URLFetcherResponse:
        scheme, _, data = url.partition(":")
        if scheme != CHART_SCHEME:
            raise ValueError(f"A printed report fetches nothing but its charts: {url[:60]}")
        svg = svg_of(chart_spec(data))
        return weasyprint.urls.URLFetcherResponse(
            url, svg.encode(), headers={"Content-Type": "image/svg+xml"}
        )


def _laid_out(page: str) -> weasyprint.Document:
    """The page laid out, its charts drawn in the chart process meanwhile."""
    draw_ahead(chart_specs(page))
    return ReportHTML(string=page, url_fetcher=_Fetcher()).render(**OPTIONS)


def render(document: ReportDocument, figures: FigureSet) -> bytes:
    # The charts start drawing before the page is written (`_laid_out` finds them started).
    draw_ahead(printed_chart_specs(document))
    return printed(printed_page(document, figures))


@lru_cache(maxsize=4)
def printed(page: str) -> bytes:
    """The PDF of a printed page. The page holds everything the PDF is made from (its styles,
    charts' specs and fonts' names inline), so the same page prints the same PDF: the last few are
    kept, and a report downloaded again while nothing it counts has changed (the facts kept,
    ADR 0032) is not laid out again (ADR 0033). A few MB at most. Python's cycle collector
    runs once, after the PDF is written, not over and over while its million objects are made
    (`collected_once`, ADR 0034)."""
    with collected_once():
        return _laid_out(page).write_pdf(**OPTIONS)  # type: ignore[no-any-return]
