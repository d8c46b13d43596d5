"""Charts in Word: the chart's Vega-Lite spec drawn by vl-convert as SVG, embedded as SVG with a
PNG copy for older readers.

python-docx only places raster pictures. Word (2016 and later) shows a vector picture when the
picture's `a:blip` (the PNG) carries the `asvg:svgBlip` extension pointing at an SVG image part;
other readers ignore the extension and show the PNG. That is how Word itself saves SVGs.
"""

from __future__ import annotations

import io
import re

import vl_convert
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.shared import Emu, Inches
from docx.text.paragraph import Paragraph

from redress.reporting.document.model import ChartBlock

from ..printed_charts import printed

SVG_NAMESPACE = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
SVG_EXTENSION_URI = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
SVG_CONTENT_TYPE = "image/svg+xml"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/main"
CSS_PIXELS_PER_INCH = 96
PNG_SCALE = 2  # the fallback is drawn at twice the size, so it prints sharply
SIZE = re.compile(rb'<svg[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"')


class ChartError(ValueError):
    """A chart's specification could not be drawn."""


def draw(block: ChartBlock) -> tuple[bytes, bytes]:
    """The chart as (SVG, PNG)."""
    try:
        svg = vl_convert.vegalite_to_svg(printed(block.spec))
        png = vl_convert.svg_to_png(svg, scale=PNG_SCALE)
    except ValueError as error:
        raise ChartError(
            f"The chart '{block.key}' ({block.title}) could not be drawn: {error}"
        ) from error
    return svg.encode(), png


def add_chart(document: Document, block: ChartBlock, max_width: Emu) -> Paragraph:
    """A paragraph holding the chart, its alt text taken from the chart's description."""
    svg, png = draw(block)
    width, height = _size(svg, max_width)
    paragraph = document.add_paragraph()
    picture = paragraph.add_run().add_picture(io.BytesIO(png), width=width, height=height)
    inline = picture._inline
    for properties in (inline.docPr, *inline.xpath(".//pic:cNvPr")):
        properties.set("descr", block.description)
        properties.set("title", block.title)
    svg_part = Part(
        document.part.package.next_partname("/word/media/image%d.svg"),
        SVG_CONTENT_TYPE,
        svg,
        document.part.package,
    )
    r_id = document.part.relate_to(svg_part, RT.IMAGE)
    blip = inline.xpath(".//a:blip")[0]
    blip.append(
        parse_xml(
            f'<a:extLst xmlns:a="{DRAWING}"><a:ext uri="{SVG_EXTENSION_URI}">'
            f'<asvg:svgBlip xmlns:asvg="{SVG_NAMESPACE}" xmlns:r="{RELATIONSHIPS}" '
            f'r:embed="{r_id}"/></a:ext></a:extLst>'
        )
    )
    return paragraph


def _size(svg: bytes, max_width: Emu) -> tuple[Emu, Emu]:
    """The picture's size on the page: the SVG's own size, narrowed to fit the page."""
    match = SIZE.search(svg)
    if match is None:
        return Emu(max_width), Emu(int(max_width * 0.6))
    width_px, height_px = float(match[1]), float(match[2])
    width = min(Inches(width_px / CSS_PIXELS_PER_INCH), max_width)
    return Emu(int(width)), Emu(int(width * height_px / width_px))
