"""Narrative Markdown to safe HTML, for every format: the HTML report (the staff page's preview
and the download), the PDF (printed from that HTML) and Word (written from this HTML).

Narratives are written by staff, but a manager reads them in the staff app and the report is
published, so the HTML is made safe twice. Before Markdown, raw HTML the writer typed becomes
text. After Markdown, an allow-list sanitiser (nh3) keeps only the elements Markdown writes,
links only to web and email addresses or within the site, and nothing else: no script, no event
attributes, no `javascript:` however it is spelt (`java&#x73;cript:`, `javascript&colon;`), since
nh3 decodes an address as a browser would before it checks its scheme. Images are left out (a
report works offline and has no external content), keeping their text, and headings are moved
below the section's own heading so the outline stays in order.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# What Markdown writes for a narrative (raw HTML and images aside), and nothing more.
TAGS = frozenset(
    {"p", "br", "hr", *HEADINGS, "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a"}
)
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
# Relative addresses (within the site, or `#` in the page) are kept too.
URL_SCHEMES = frozenset({"http", "https", "mailto"})


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
                elif child.tag in HEADINGS:
                    child.tag = f"h{min(6, self.top + int(child.tag[1]) - 1)}"


class _TidyExtension(Extension):
    def __init__(self, top: int) -> None:
        super().__init__()
        self.top = top

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(_Tidy(md, self.top), "redress_tidy", 0)


def sanitise(html: str) -> str:
    """Only the allowed elements, attributes and link schemes of `html`; everything else goes
    (a script or style with its content, other elements leaving their text)."""
    return nh3.clean(
        html,
        tags=set(TAGS),
        clean_content_tags={"script", "style"},
        attributes=ATTRIBUTES,
        url_schemes=set(URL_SCHEMES),
        link_rel=None,  # links open in the same tab; the Referrer-Policy header applies
        strip_comments=True,
    )


def to_html(text: str, *, top_heading: int) -> Markup:
    """The narrative as sanitised HTML; its first-level headings become `h{top_heading}`."""
    # "<" as an entity: raw HTML (and so any script) reads as text. ">" is left for quotes.
    escaped = text.replace("<", "&lt;")
    html = markdown.markdown(escaped, extensions=["sane_lists", _TidyExtension(top_heading)])
    return Markup(sanitise(html))  # noqa: S704 - sanitised against an allow-list just above
