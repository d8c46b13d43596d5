"""Inline text: runs of the report document, and hyperlinks."""

from __future__ import annotations

from urllib.parse import urlsplit

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run as WordRun

from redress.core import presenters
from redress.reporting.document.model import Run, Value

LINK_COLOUR = RGBColor(0x1D, 0x70, 0xB8)  # GOV.UK link blue
# Word follows only whole addresses: a link within the site (relative) stays text. The narrative
# sanitiser has already removed any other scheme.
LINK_SCHEMES = frozenset({"http", "https", "mailto"})


def suppressed_text(threshold: int) -> str:
    """What a withheld count reads as (FIGURES.md, Publishing)."""
    return presenters.fewer_than(threshold)


def value_text(value: Value, threshold: int) -> str:
    # A withheld value's own words where it has them: "Fewer than 5" opening a sentence, a
    # withheld average "withheld" (a report for one locality or service).
    if value.suppressed:
        return value.text or suppressed_text(threshold)
    return value.text


def add_runs(paragraph: Paragraph, runs: tuple[Run, ...], threshold: int) -> None:
    """Text and figures as one paragraph. Figures print plainly: Word has no drill-down."""
    for run in runs:
        paragraph.add_run(run if isinstance(run, str) else value_text(run, threshold))


def is_followable(url: str) -> bool:
    return urlsplit(url.strip()).scheme.lower() in LINK_SCHEMES


def add_hyperlink(paragraph: Paragraph, url: str, text: str) -> WordRun:
    """A run inside an external hyperlink, styled as a link; returned for further formatting."""
    r_id = paragraph.part.relate_to(url.strip(), RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    paragraph._p.append(link)
    run = paragraph.add_run(text)
    run.font.color.rgb = LINK_COLOUR
    run.font.underline = True
    link.append(run._r)
    return run
