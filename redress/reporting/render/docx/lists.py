"""Bullet and numbered lists with Word's built-in list styles.

Every paragraph in "List Number" shares one numbering, so a second numbered list would carry
on from the first; each numbered list gets a numbering instance of its own that starts at 1.
"""

from __future__ import annotations

from typing import Literal

from docx.document import Document
from docx.text.paragraph import Paragraph

ListKind = Literal["bullet", "number"]
STYLES: dict[ListKind, tuple[str, ...]] = {
    "bullet": ("List Bullet", "List Bullet 2", "List Bullet 3"),
    "number": ("List Number", "List Number 2", "List Number 3"),
}


def list_style(kind: ListKind, depth: int) -> str:
    """The style for an item `depth` lists deep (0 = top level; deeper ones share level 3)."""
    styles = STYLES[kind]
    return styles[min(depth, len(styles) - 1)]


def restart_numbering(document: Document, style: str, start: int = 1) -> int:
    """A new numbering instance for `style`'s list definition, counting from `start`."""
    numbering = document.part.numbering_part.element
    style_num = document.styles[style].element.pPr.numPr.numId.val
    abstract = numbering.num_having_numId(style_num).abstractNumId.val
    num = numbering.add_num(abstract)
    num.add_lvlOverride(ilvl=0).add_startOverride(start)
    return int(num.numId)


def use_numbering(paragraph: Paragraph, num_id: int) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num_id


def add_item(
    document: Document, kind: ListKind, depth: int, num_id: int | None = None
) -> Paragraph:
    paragraph = document.add_paragraph(style=list_style(kind, depth))
    if num_id is not None:
        use_numbering(paragraph, num_id)
    return paragraph
