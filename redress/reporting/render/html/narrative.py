"""Narrative Markdown to safe HTML.

Narratives are written by staff, but a report is published, so the HTML is made safe anyway:
raw HTML is shown as text, links keep only web, email and in-page addresses, images are left
out (a report works offline and has no external content), and headings are moved below the
section's own heading so the outline stays in order.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

SAFE_SCHEMES = {"http", "https", "mailto", ""}
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


class _Tidy(Treeprocessor):
    def __init__(self, md: markdown.Markdown, top: int) -> None:
        super().__init__(md)
        self.top = top

    def run(self, root: ET.Element) -> None:
        for parent in list(root.iter()):
            for child in list(parent):
                if child.tag == "img":
                    alt = child.get("alt", "")
                    parent.remove(child)
                    if alt:
                        parent.text = (parent.text or "") + alt
                elif (
                    child.tag == "a"
                    and urlsplit(child.get("href", "")).scheme.lower() not in SAFE_SCHEMES
                ):
                    child.attrib.pop("href", None)
                elif child.tag in HEADINGS:
                    child.tag = f"h{min(6, self.top + int(child.tag[1]) - 1)}"


class _TidyExtension(Extension):
    def __init__(self, top: int) -> None:
        super().__init__()
        self.top = top

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(_Tidy(md, self.top), "redress_tidy", 0)


def to_html(text: str, *, top_heading: int) -> Markup:
    """The narrative as HTML; its first-level headings become `h{top_heading}`."""
    # "<" as an entity: raw HTML (and so any script) reads as text. ">" is left for quotes.
    escaped = text.replace("<", "&lt;")
    html = markdown.markdown(escaped, extensions=["sane_lists", _TidyExtension(top_heading)])
    return Markup(html)  # noqa: S704 - built from escaped input by Markdown
