"""Narrative Markdown as Word paragraphs: headings, paragraphs, bullet and numbered lists (nested),
bold, italic, code, links, line breaks and quotes.

The narrative becomes the same sanitised HTML as in the web report and the PDF
(`redress.reporting.render.narrative`), and a small walker over that HTML writes Word paragraphs
with the built-in styles, so the complaints manager can go on editing them in Word. Raw HTML the
writer typed reads as text, and an image as its alternative text, as in the other formats; a link
becomes a Word hyperlink only when the sanitiser kept its address and Word can follow it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

from docx.document import Document
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run as WordRun

from redress.reporting.render.narrative import to_html

from .lists import ListKind, add_item, list_style, restart_numbering
from .text import add_hyperlink, is_followable

# A section's title is Heading 1, so the narrative's own headings sit below it.
HEADING_LEVELS = {"h1": 2, "h2": 3, "h3": 3, "h4": 3, "h5": 3, "h6": 3}
CONTINUE_STYLES = ("List Continue", "List Continue 2", "List Continue 3")
CODE_FONT = "Consolas"
SPACES = re.compile(r"\s+")

OnHeading = Callable[[int, Paragraph], None]


@dataclass
class _List:
    kind: ListKind
    depth: int
    num_id: int | None


def add_markdown(document: Document, text: str, *, on_heading: OnHeading) -> None:
    """Appends the Markdown `text` to the document; `on_heading(level, paragraph)` is called
    for each heading written (for the table of contents)."""
    # The narrative's own "# heading" is an h1 here; HEADING_LEVELS puts it below the section's.
    html = to_html(text, top_heading=1)
    converter = _Converter(document, on_heading)
    converter.feed(html)
    converter.close()


class _Converter(HTMLParser):
    def __init__(self, document: Document, on_heading: OnHeading) -> None:
        super().__init__(convert_charrefs=True)
        self.document = document
        self.on_heading = on_heading
        self.paragraph: Paragraph | None = None
        self.fresh = False  # the paragraph has no text yet
        self.heading: int | None = None
        self.lists: list[_List] = []
        self.item_pending = False  # an <li> whose first paragraph is not written yet
        self.bold = self.italic = self.code = self.quote = self.pre = 0
        self.links: list[str | None] = []

    # -- structure -----------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        match tag:
            case "h1" | "h2" | "h3" | "h4" | "h5" | "h6":
                self._end_paragraph()
                self.heading = HEADING_LEVELS[tag]
                self._start(self.document.add_paragraph(style=f"Heading {self.heading}"))
            case "p":
                self._end_paragraph()
                self._paragraph()
            case "pre":
                self._end_paragraph()
                self.pre += 1
                self.code += 1
            case "ul" | "ol":
                self._end_paragraph()
                self._start_list("number" if tag == "ol" else "bullet", attributes.get("start"))
            case "li":
                self._end_paragraph()
                self.item_pending = True
            case "blockquote":
                self._end_paragraph()
                self.quote += 1
            case "hr":
                self._end_paragraph()
            case "br":
                self._paragraph().add_run().add_break()
            case "strong" | "b":
                self.bold += 1
            case "em" | "i":
                self.italic += 1
            case "code":
                self.code += 1
            case "a":
                # The address as the sanitiser left it (HTMLParser decodes its entities).
                href = attributes.get("href") or ""
                self.links.append(href if is_followable(href) else None)

    def handle_endtag(self, tag: str) -> None:
        match tag:
            case "h1" | "h2" | "h3" | "h4" | "h5" | "h6":
                if self.paragraph is not None and self.heading is not None:
                    self.on_heading(self.heading, self.paragraph)
                self.heading = None
                self._end_paragraph()
            case "p" | "li":
                self._end_paragraph()
                self.item_pending = False
            case "pre":
                self._end_paragraph()
                self.pre = max(0, self.pre - 1)
                self.code = max(0, self.code - 1)
            case "ul" | "ol":
                self._end_paragraph()
                if self.lists:
                    self.lists.pop()
            case "blockquote":
                self._end_paragraph()
                self.quote = max(0, self.quote - 1)
            case "strong" | "b":
                self.bold = max(0, self.bold - 1)
            case "em" | "i":
                self.italic = max(0, self.italic - 1)
            case "code":
                self.code = max(0, self.code - 1)
            case "a":
                if self.links:
                    self.links.pop()

    def handle_data(self, data: str) -> None:
        if self.pre:
            for index, line in enumerate(data.rstrip("\n").split("\n")):
                if index:
                    self._paragraph().add_run().add_break()
                self._write(line)
            return
        text = SPACES.sub(" ", data)
        if self.paragraph is None and not text.strip():
            return  # the line breaks between block elements
        self._write(text)

    # -- writing -------------------------------------------------------------------------------

    def _start_list(self, kind: ListKind, start: str | None) -> None:
        depth = len(self.lists)
        num_id = None
        if kind == "number":
            first = int(start) if start and start.isdigit() else 1
            num_id = restart_numbering(self.document, list_style(kind, depth), first)
        self.lists.append(_List(kind, depth, num_id))

    def _start(self, paragraph: Paragraph) -> Paragraph:
        self.paragraph = paragraph
        self.fresh = True
        return paragraph

    def _paragraph(self) -> Paragraph:
        if self.paragraph is not None:
            return self.paragraph
        if self.lists:
            current = self.lists[-1]
            if self.item_pending:
                self.item_pending = False
                return self._start(
                    add_item(self.document, current.kind, current.depth, current.num_id)
                )
            # More text in the same item (a second paragraph, or text after a nested list).
            style = CONTINUE_STYLES[min(current.depth, len(CONTINUE_STYLES) - 1)]
            return self._start(self.document.add_paragraph(style=style))
        if self.quote:
            return self._start(self.document.add_paragraph(style="Quote"))
        return self._start(self.document.add_paragraph())

    def _end_paragraph(self) -> None:
        if self.paragraph is not None:
            runs = self.paragraph._p.xpath("./w:r | ./w:hyperlink/w:r")
            if runs and (last := WordRun(runs[-1], self.paragraph)).text.endswith(" "):
                last.text = last.text.rstrip(" ")
        self.paragraph = None
        self.fresh = False

    def _write(self, text: str) -> None:
        paragraph = self._paragraph()
        if self.fresh and not self.pre:
            text = text.lstrip()
            if not text:
                return
        self.fresh = False
        link = self.links[-1] if self.links else None
        run = add_hyperlink(paragraph, link, text) if link else paragraph.add_run(text)
        if self.bold:
            run.bold = True
        if self.italic:
            run.italic = True
        if self.code:
            run.font.name = CODE_FONT
            run.font.size = Pt(10)
