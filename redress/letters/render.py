"""A letter on the authority's letterhead, as Word (python-docx) and as PDF (WeasyPrint).

Both are made from one `LetterLayout`: the letterhead (the authority's name, address and
contacts from its settings), the recipient's name and address, the date, the reference, the
heading and the text, paragraph by paragraph. The text is plain: Word gets it as runs, the PDF
through an autoescaped template, so nothing in a letter is read as markup. The PDF fetches
nothing (no files, no network): everything it needs is in the page.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.template.loader import render_to_string

FONT = "Arial"  # Liberation Sans, metric-compatible, where Arial is not installed


@dataclass(frozen=True)
class LetterLayout:
    authority_name: str
    address_lines: tuple[str, ...]
    contact_lines: tuple[str, ...]
    recipient_name: str
    recipient_address_lines: tuple[str, ...]
    date: str
    reference: str
    subject: str
    paragraphs: tuple[tuple[str, ...], ...]  # each paragraph's lines

    @property
    def title(self) -> str:
        return (
            f"{self.subject} ({self.reference})"
            if self.reference not in self.subject
            else (self.subject)
        )


def paragraphs(text: str) -> tuple[tuple[str, ...], ...]:
    """Plain text as paragraphs (split at blank lines), each a tuple of its lines."""
    out = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        lines = tuple(line.rstrip() for line in block.strip("\n").split("\n"))
        if any(lines):
            out.append(lines)
    return tuple(out)


def word(layout: LetterLayout) -> bytes:
    """The letter as a Word document: real paragraphs and a heading, set in Arial 11."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)  # A4
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.2))
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(8)
    heading = document.styles["Heading 1"]
    heading.font.name = FONT
    heading.font.size = Pt(13)
    heading.font.bold = True
    heading.font.color.rgb = RGBColor(0, 0, 0)

    def lines_paragraph(lines: tuple[str, ...], *, right: bool = False, bold_first: bool = False):
        paragraph = document.add_paragraph()
        if right:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for n, line in enumerate(lines):
            run = paragraph.add_run(line)
            if bold_first and n == 0:
                run.bold = True
                run.font.size = Pt(14)
            if n < len(lines) - 1:
                run.add_break()
        return paragraph

    lines_paragraph(
        (layout.authority_name, *layout.address_lines, *layout.contact_lines),
        right=True,
        bold_first=True,
    )
    lines_paragraph(tuple(filter(None, (layout.recipient_name, *layout.recipient_address_lines))))
    lines_paragraph((layout.date, f"Our reference: {layout.reference}"))
    document.add_heading(layout.subject, level=1)
    for lines in layout.paragraphs:
        lines_paragraph(lines)
    properties = document.core_properties
    properties.title = layout.title
    properties.author = layout.authority_name
    properties.language = "en-GB"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _no_fetching(url: str, *args: object, **kwargs: object) -> dict:
    raise ValueError(f"A letter fetches nothing: {url}")


def pdf(layout: LetterLayout) -> bytes:
    """The letter as a tagged PDF (PDF/UA-1), A4, from `letters/print.html`."""
    import weasyprint

    page = render_to_string("letters/print.html", {"letter": layout})
    return weasyprint.HTML(string=page, base_url=None, url_fetcher=_no_fetching).write_pdf(
        pdf_variant="pdf/ua-1", pdf_tags=True
    )
