"""The Word document around the content: A4 pages, fonts and language, document properties, a
header and a footer with page numbers, and the setting that refreshes fields on opening.

One font family throughout, as in the PDF: the blank template's headings name theme fonts
(Calibri), which Word prefers over a named font in the same element, so the theme names are
removed and Arial named for every script; headings take the body's colour, not the theme's
blue."""

from __future__ import annotations

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Emu, Pt, RGBColor
from docx.styles.style import BaseStyle

from redress.core import presenters
from redress.reporting.document.model import ReportDocument
from redress.reporting.render.ooxml import fixed_time

from .fields import add_field, update_fields_on_open

FONT = "Arial"
LANGUAGE = "en-GB"
A4 = (Cm(21), Cm(29.7))
MARGIN = Cm(2.5)
CONTENT_WIDTH = Emu(A4[0] - 2 * MARGIN)
QUIET = RGBColor(0x50, 0x5A, 0x5F)  # GOV.UK secondary text
TEXT = RGBColor(0x0B, 0x0C, 0x0C)  # GOV.UK text
# Styles the blank template gives a theme font or colour of their own (the caption: blue).
HEADING_STYLES = (
    "Title",
    "Subtitle",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "TOC Heading",
    "Caption",
)
FONT_SCRIPTS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
THEME_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def prepare(word: Document, report: ReportDocument) -> None:
    _page(word)
    _styles(word)
    _properties(word, report)
    _header_and_footer(word, report)
    update_fields_on_open(word)
    # The blank template's preview picture would show in file browsers instead of the report.
    rels = word.part.package.rels
    for r_id in [r_id for r_id, rel in rels.items() if rel.reltype == RT.THUMBNAIL]:
        del rels[r_id]
        rels.related_parts.pop(r_id, None)


def status_line(report: ReportDocument) -> str:
    if report.published:
        return (
            "Published report: counts that could identify a child are shown as "
            f"“{presenters.fewer_than(report.suppression_threshold)}”."
        )
    return "Internal report, not for publication: it shows every figure, including small counts."


def header_text(report: ReportDocument) -> str:
    """The running header: the authority and the report, whose title names the period already
    ("Annual complaints report 2021-22"); a title that does not is followed by it."""
    title = report.title
    if report.period_label not in title:
        title = f"{title}, {report.period_label}"
    return f"{report.authority} — {title}"


def _page(word: Document) -> None:
    section = word.sections[0]
    section.page_width, section.page_height = A4
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)


def _styles(word: Document) -> None:
    defaults = word.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _name_font(run_defaults)
    normal = word.styles["Normal"]
    normal.font.size = Pt(11)
    for style in (normal, *(word.styles[name] for name in HEADING_STYLES)):
        _name_font(style.element.get_or_add_rPr())
        _colour(style, TEXT)
    # The document's language, for spelling and for screen readers.
    language = run_defaults.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        run_defaults.append(language)
    language.set(qn("w:val"), LANGUAGE)
    language.set(qn("w:eastAsia"), LANGUAGE)


def _name_font(run_properties: BaseOxmlElement) -> None:
    """FONT for every script in these run properties, with no theme font to override it."""
    fonts = run_properties.get_or_add_rFonts()
    for attribute in THEME_ATTRIBUTES:
        fonts.attrib.pop(qn(attribute), None)
    for attribute in FONT_SCRIPTS:
        fonts.set(qn(attribute), FONT)


def _colour(style: BaseStyle, colour: RGBColor) -> None:
    element = style.element.get_or_add_rPr().get_or_add_color()
    # A theme colour (and its shade) would win over the value.
    for attribute in ("w:themeColor", "w:themeShade", "w:themeTint"):
        element.attrib.pop(qn(attribute), None)
    element.set(qn("w:val"), str(colour))


def _properties(word: Document, report: ReportDocument) -> None:
    properties = word.core_properties
    when = fixed_time(report.as_of)
    properties.title = report.title
    properties.subject = f"{report.title}, {report.period_label}"
    properties.author = report.authority
    properties.last_modified_by = report.authority
    properties.category = "Published" if report.published else "Internal"
    properties.comments = status_line(report)
    properties.keywords = "complaints; annual report; children's social care"
    properties.language = LANGUAGE
    properties.created = when
    properties.modified = when
    properties.revision = 1


def _header_and_footer(word: Document, report: ReportDocument) -> None:
    section = word.sections[0]
    # The title page has neither.
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = header.add_run(header_text(report))
    run.font.size = Pt(9)
    run.font.color.rgb = QUIET
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    add_field(footer, "PAGE", "1")
    footer.add_run(" of ")
    add_field(footer, "NUMPAGES", "1")
