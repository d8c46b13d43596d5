"""Word fields (the table of contents, page numbers, caption numbers) and the settings that
make Word refresh them.

A field is stored as runs: begin, the instruction, separate, the result Word last computed,
end. We write a result too (the contents as we know them, the page number 1), so the document
reads sensibly in viewers that never update fields, and Word replaces it on opening.
"""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm
from docx.text.paragraph import Paragraph

TOC_INSTRUCTION = 'TOC \\o "1-3" \\h \\z \\u'


def _field_char(kind: str, *, dirty: bool = False) -> BaseOxmlElement:
    run = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    if dirty:
        # Asks Word to recompute this field when the document opens.
        char.set(qn("w:dirty"), "true")
    run.append(char)
    return run


def _instruction(text: str) -> BaseOxmlElement:
    run = OxmlElement("w:r")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {text} "
    run.append(instr)
    return run


def add_field(paragraph: Paragraph, instruction: str, result: str) -> None:
    """A simple field in one paragraph, e.g. `PAGE` or `SEQ Table \\* ARABIC`."""
    paragraph._p.append(_field_char("begin"))
    paragraph._p.append(_instruction(instruction))
    paragraph._p.append(_field_char("separate"))
    paragraph.add_run(result)
    paragraph._p.append(_field_char("end"))


def add_table_of_contents(document: Document) -> Paragraph:
    """Opens the TOC field; `close_table_of_contents` fills in the entries once the headings
    are known. Returns the paragraph holding the start of the field."""
    paragraph = document.add_paragraph()
    paragraph._p.append(_field_char("begin", dirty=True))
    paragraph._p.append(_instruction(TOC_INSTRUCTION))
    paragraph._p.append(_field_char("separate"))
    return paragraph


def close_table_of_contents(start: Paragraph, headings: Sequence[tuple[int, str]]) -> None:
    """Writes the headings (level, text) as the field's result, one paragraph each, and ends
    the field after the last one."""
    if not headings:
        start.add_run("Update this field (F9) to list the contents.")
        start._p.append(_field_char("end"))
        return
    paragraph = start
    for index, (level, text) in enumerate(headings):
        if index:
            paragraph = _paragraph_after(paragraph)
        paragraph.paragraph_format.left_indent = Cm(0.75 * (level - 1))
        paragraph.paragraph_format.space_after = Cm(0.1)
        paragraph.add_run(text)
    paragraph._p.append(_field_char("end"))


def _paragraph_after(paragraph: Paragraph) -> Paragraph:
    new = OxmlElement("w:p")
    paragraph._p.addnext(new)
    return Paragraph(new, paragraph._parent)


def update_fields_on_open(document: Document) -> None:
    """Sets w:updateFields, so Word recomputes the contents and page numbers on opening."""
    settings = document.settings.element
    if settings.find(qn("w:updateFields")) is not None:
        return
    element = OxmlElement("w:updateFields")
    element.set(qn("w:val"), "true")
    # The schema fixes the order of settings; these are the ones that must follow it.
    settings.insert_element_before(
        element,
        "w:hdrShapeDefaults",
        "w:footnotePr",
        "w:endnotePr",
        "w:compat",
        "w:docVars",
        "w:rsids",
        "m:mathPr",
        "w:attachedSchema",
        "w:themeFontLang",
        "w:clrSchemeMapping",
        "w:doNotIncludeSubdocsInStats",
        "w:doNotAutoCompressPictures",
        "w:forceUpgrade",
        "w:captions",
        "w:readModeInkLockDown",
        "w:smartTagType",
        "sl:schemaLibrary",
        "w:shapeDefaults",
        "w:doNotEmbedSmartTags",
        "w:decimalSymbol",
        "w:listSeparator",
    )
