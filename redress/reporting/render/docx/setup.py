"""The Word document around the content: A4 pages, fonts and language, document properties, a
header and a footer with page numbers, and the setting that refreshes fields on opening."""

from __future__ import annotations

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor

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


def _page(word: Document) -> None:
    section = word.sections[0]
    section.page_width, section.page_height = A4
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)


def _styles(word: Document) -> None:
    normal = word.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "TOC Heading"):
        word.styles[name].font.name = FONT
    # The document's language, for spelling and for screen readers.
    defaults = word.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = run_defaults.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        run_defaults.append(language)
    language.set(qn("w:val"), LANGUAGE)
    language.set(qn("w:eastAsia"), LANGUAGE)


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
    run = header.add_run(f"{report.authority}: {report.title}, {report.period_label}")
    run.font.size = Pt(9)
    run.font.color.rgb = QUIET
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    add_field(footer, "PAGE", "1")
    footer.add_run(" of ")
    add_field(footer, "NUMPAGES", "1")
