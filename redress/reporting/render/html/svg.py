"""A chart's SVG made fit to sit inline in a page beside other charts."""

from __future__ import annotations

import base64
import re

from markupsafe import Markup, escape

from redress.reporting.charts import spec_json, to_svg
from redress.reporting.document.model import ChartBlock, ReportDocument, shown_in

from ..printed_charts import printed

_ROOT = re.compile(r"<svg\b([^>]*)>", re.DOTALL)
_INNER_ARIA = re.compile(r'\s(?:role|aria-[a-z]+)="[^"]*"')
_ROOT_ROLE = re.compile(r'\s(?:role|aria-[a-z]+|class)="[^"]*"')


def inline_svg(chart: ChartBlock, *, prefix: str, labelled_by: str, described_by: str) -> Markup:
    """The chart's SVG with its ids made unique to the chart (several charts share a page, and
    Vega names its clip paths `clip1`, `clip2`…), announced as one image named by the caption and
    described by the text description."""
    svg = to_svg(chart.spec)
    svg = re.sub(r"<\?xml[^>]*\?>\s*", "", svg)
    # One image, named and described as a whole: Vega's roles and labels for each mark inside
    # it would be read as images without names.
    svg = _INNER_ARIA.sub("", svg)
    svg = re.sub(r'\bid="([^"]+)"', rf'id="{prefix}-\1"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", rf"url(#{prefix}-\1)", svg)
    svg = re.sub(r'(\b(?:xlink:)?href)="#([^"]+)"', rf'\1="#{prefix}-\2"', svg)

    def root(match: re.Match[str]) -> str:
        attributes = _ROOT_ROLE.sub("", match.group(1))
        return (
            f'<svg{attributes} class="rd-chart__svg" role="img" focusable="false" '
            f'aria-labelledby="{labelled_by}" aria-describedby="{described_by}">'
        )

    return Markup(_ROOT.sub(root, svg, count=1))  # noqa: S704 - vl-convert's SVG of our spec


# A chart to draw, as the printed page names it: its spec, for the PDF's URL fetcher to draw.
CHART_SCHEME = "redress-chart"
_CHART_URL = re.compile(rf'src="{CHART_SCHEME}:([A-Za-z0-9_=-]+)"')


def svg_image(chart: ChartBlock) -> Markup:
    """The chart as an image, with its description as the text alternative: how print takes it
    (WeasyPrint reads the SVG with its own parser, and a tagged PDF gives the figure its
    alternative text). Laid out for paper (`printed`).

    The image's address holds the chart's spec (`redress-chart:` and the spec's JSON in
    base64), not its SVG: the PDF starts drawing the page's charts in the chart process, then
    WeasyPrint reads and styles the page while they are drawn, and asks for each as it lays
    the page out (ADR 0037). The page still holds everything the PDF is made from."""
    data = base64.urlsafe_b64encode(spec_json(printed(chart.spec)).encode()).decode()
    return Markup(  # noqa: S704 - escaped description, base64 data
        f'<img class="rd-chart__svg" alt="{escape(chart.description)}" src="{CHART_SCHEME}:{data}">'
    )


def printed_chart_specs(document: ReportDocument) -> list[str]:
    """The specs (as JSON) of the charts the document's printed page shows, in order: the
    ones `chart_specs` finds in the page, known before the page is written (the blocks the page
    shows, by the same `shown_in` its template uses)."""
    return [
        spec_json(printed(block.spec))
        for section in document.sections
        for block in section.blocks
        if isinstance(block, ChartBlock) and shown_in(block, printed=True)
    ]


def chart_specs(page: str) -> list[str]:
    """The specs (as JSON) of the charts a printed page shows, in order."""
    return [chart_spec(data) for data in _CHART_URL.findall(page)]


def chart_spec(data: str) -> str:
    """The spec's JSON a chart's address holds (what follows `redress-chart:`)."""
    return base64.urlsafe_b64decode(data.encode()).decode()
