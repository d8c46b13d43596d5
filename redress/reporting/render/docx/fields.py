"""Word fields (the table of contents, page numbers, caption numbers) and the settings that
make Word refresh them.

A field is stored as runs: begin, the instruction, separate, the result Word last computed,
end. We write a result too (the contents as we know them, the page number 1), so the document
reads sensibly in viewers that never update fields, and Word replaces it on opening.

The contents are written as Word writes them: each entry in its "toc N" style, a link to a
bookmark on its heading, a dotted tab and the page number as a PAGEREF field to that bookmark.
Only a layout knows the page, so the number is left empty for the reader to fill: Word updates
every field on opening (`update_fields_on_open`); LibreOffice keeps the entries and their links
and fills the numbers when the index is updated.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Emu, Pt
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

TOC_INSTRUCTION = 'TOC \\o "1-3" \\h \\z \\u'
TOC_STYLE = "toc {level}"  # Word's own names for the contents' levels (shown as "TOC 1")
TOC_INDENT = Cm(0.75)


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


def close_table_of_contents(
    document: Document, start: Paragraph, headings: Sequence[tuple[int, Paragraph]], width: Emu
) -> None:
    """Writes the headings (level, heading paragraph) as the field's result, one entry each
    with its page number right-aligned at `width`, and ends the field after the last one."""
    if not headings:
        start.add_run("Update this field (F9) to list the contents.")
        start._p.append(_field_char("end"))
        return
    paragraph = start
    for index, (level, heading) in enumerate(headings):
        if index:
            paragraph = _paragraph_after(paragraph)
        paragraph.style = _toc_style(document, level)
        paragraph.paragraph_format.tab_stops.add_tab_stop(
            width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
        )
        bookmark = f"_Toc{index + 1}"
        _bookmark(heading, bookmark, index + 1)
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), bookmark)
        link.set(qn("w:history"), "1")
        paragraph._p.append(link)
        for run in (
            _text(heading.text.strip()),
            _tab(),
            _field_char("begin"),
            _instruction(f"PAGEREF {bookmark} \\h"),
            _field_char("separate"),
            _field_char("end"),
        ):
            link.append(run)
    paragraph._p.append(_field_char("end"))


def _text(text: str) -> BaseOxmlElement:
    run = OxmlElement("w:r")
    element = OxmlElement("w:t")
    element.set(qn("xml:space"), "preserve")
    element.text = text
    run.append(element)
    return run


def _tab() -> BaseOxmlElement:
    run = OxmlElement("w:r")
    run.append(OxmlElement("w:tab"))
    return run


def _bookmark(paragraph: Paragraph, name: str, number: int) -> None:
    """A bookmark around the paragraph's text, for the contents to link to and number."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    properties = paragraph._p.pPr
    if properties is not None:
        properties.addnext(start)
    else:
        paragraph._p.insert(0, start)
    paragraph._p.append(end)


def _toc_style(document: Document, level: int) -> ParagraphStyle:
    """The contents' style for a level (made once per document), as Word would make it."""
    name = TOC_STYLE.format(level=level)
    styles = document.styles
    if name in [style.name for style in styles]:
        return cast(ParagraphStyle, styles[name])
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.element.styleId = f"TOC{level}"
    style.base_style = styles["Normal"]
    style.next_paragraph_style = styles["Normal"]
    style.paragraph_format.left_indent = Emu(TOC_INDENT * (level - 1))
    style.paragraph_format.space_after = Pt(3)
    return style


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
