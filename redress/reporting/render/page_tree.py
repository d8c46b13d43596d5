"""The printed page's element tree, built by a strict reader of the HTML Redress writes.

WeasyPrint reads a page with tinyhtml5, a complete HTML5 parser written in Python: 0.15 s of an
authority-year's PDF (250 KB of HTML, 7,000 elements). The report's own templates write HTML
whose tree needs none of HTML5's repairs: every element is closed where it is opened, tables
have their row groups, nothing is misnested. For such a page the tree is the one the source
spells out, and the standard library's tokenizer (`html.parser`) reads it in a tenth of the time.

`page_tree` builds that tree and refuses (`NotPlain`) anything where an HTML5 parser would
build something else: an end tag that does not close the open element, an element HTML5 would
close or move implicitly (a block inside a paragraph, a row straight in a table, text in a
table), a missing `html`, `head` or `body`, a comment, or a character HTML5 rewrites. The
caller then reads the page with tinyhtml5 as before, so a page this reader cannot vouch for is
never laid out differently (ADR 0038). Tests compare the two trees for every kind of report.
"""

from __future__ import annotations

import html.parser
import re
import xml.etree.ElementTree as ET


class NotPlain(ValueError):  # noqa: N818 (a reason, not a failure of the program)
    """The page needs HTML5's tree construction rules, not just its tokens."""


# Elements with no end tag.
VOID = frozenset(
    "area base br col embed hr img input link meta source track wbr".split()  # noqa: SIM905
)
# A start tag of one of these closes an open `p` (HTML5 §13.2.6.4.7).
CLOSES_P = frozenset(
    """address article aside blockquote center details dialog dir div dl fieldset figcaption
    figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr listing main menu nav ol p pre search
    section summary table ul li dd dt plaintext xmp""".split()  # noqa: SIM905
)
# Where looking for an open `p` (or `li`, `dd`, `dt`) stops: the "button scope" and its kin.
SCOPE_ENDS = frozenset(
    "applet caption html table td th marquee object template button".split()  # noqa: SIM905
)
# Elements whose contents, or whose place, HTML5 treats specially: refused outright.
SPECIAL = frozenset(
    """pre textarea listing plaintext xmp noscript noframes noembed iframe script template svg
    math select option optgroup frameset frame form button image isindex nobr""".split()  # noqa: SIM905
)
# Where each table part may stand; anything else HTML5 would wrap, close or foster out.
TABLE_PARENT = {
    "caption": {"table"},
    "colgroup": {"table"},
    "col": {"colgroup"},
    "thead": {"table"},
    "tbody": {"table"},
    "tfoot": {"table"},
    "tr": {"thead", "tbody", "tfoot"},
    "td": {"tr"},
    "th": {"tr"},
}
TABLE_ONLY = frozenset({"table", "thead", "tbody", "tfoot", "tr", "colgroup"})
HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())  # noqa: SIM905
IN_HEAD = frozenset({"meta", "title", "style", "link", "base"})


_BARE_AMPERSAND = re.compile(r"&(?![A-Za-z][A-Za-z0-9]*;|#[0-9]+;|#[xX][0-9A-Fa-f]+;)")


def page_tree(page: str) -> ET.Element:
    """The `html` element of the page, as an HTML5 parser builds it (tinyhtml5, without
    namespaces), or `NotPlain` when this reader cannot be sure it is the same."""
    if "\r" in page or "\x00" in page:
        raise NotPlain("carriage returns or NULs, which HTML5 rewrites")
    if (bare := _BARE_AMPERSAND.search(page)) is not None:
        # HTML5 and `html.unescape` differ over references without their semicolon.
        raise NotPlain(
            f"an & that is not a whole character reference: {page[bare.start() :][:20]!r}"
        )
    builder = _Builder()
    builder.feed(page)
    builder.close()
    return builder.finished()


class _Builder(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: ET.Element | None = None
        self.open: list[ET.Element] = []
        self.last: ET.Element | None = None  # the element whose text or tail comes next
        self.closed_body = False

    # -- tokens ---------------------------------------------------------------------------------

    def handle_decl(self, decl: str) -> None:
        if decl.lower() != "doctype html" or self.root is not None:
            raise NotPlain(f"declaration <!{decl}>")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check_start(tag)
        element = ET.Element(tag)
        for name, value in attrs:
            if name not in element.attrib:  # HTML5 keeps the first of repeated attributes
                element.set(name, "" if value is None else value)
        if self.root is None:
            self.root = element
        else:
            self.open[-1].append(element)
        self.last = None
        if tag in VOID:
            self.last = element  # text after it is its tail
        else:
            self.open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            raise NotPlain(f"<{tag}/>: HTML5 ignores the slash and leaves it open")
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "html":
            if not self.closed_body:
                raise NotPlain("</html> before </body>")
            return
        if not self.open or self.open[-1].tag != tag or self.closed_body:
            top = self.open[-1].tag if self.open else "nothing"
            raise NotPlain(f"</{tag}> while <{top}> is open")
        if tag == "body":
            # HTML5 keeps the body open: what follows (whitespace) is still in it.
            self.closed_body = True
            return
        self.last = self.open.pop()

    def handle_data(self, data: str) -> None:
        blank = not data.strip()
        current = self.open[-1] if self.open else None
        if current is None or (current.tag == "html" and not len(current)):
            if not blank:
                raise NotPlain("text before <head>")
            return  # before <html> or <head>: HTML5 drops whitespace
        if not blank and (
            current.tag in ("html", "head") or current.tag in TABLE_ONLY or self.closed_body
        ):
            raise NotPlain(f"text straight in <{current.tag}>, which HTML5 moves or drops")
        # Whitespace after </body> or </html> stays in the body, after its last element, as
        # whitespace after </head> stays in <html>, after <head>.
        if self.last is not None:
            self.last.tail = (self.last.tail or "") + data
        else:
            current.text = (current.text or "") + data

    def handle_comment(self, data: str) -> None:
        raise NotPlain("a comment")

    def handle_pi(self, data: str) -> None:
        raise NotPlain("a processing instruction")

    def unknown_decl(self, data: str) -> None:
        raise NotPlain(f"<![{data}")

    # -- what HTML5 would do otherwise ----------------------------------------------------------

    def _check_start(self, tag: str) -> None:
        if tag in SPECIAL:
            raise NotPlain(f"<{tag}>, which HTML5 treats specially")
        if self.closed_body:
            raise NotPlain(f"<{tag}> after </body>")
        parent = self.open[-1].tag if self.open else None
        if tag == "html" or self.root is None:
            if tag != "html" or self.root is not None:
                raise NotPlain(f"<{tag}> where HTML5 expects the one <html>")
            return
        if tag in ("head", "body"):
            before = [] if tag == "head" else ["head"]
            if parent != "html" or [child.tag for child in self.root] != before:
                raise NotPlain(f"<{tag}> where HTML5 does not expect it")
            return
        if parent == "html":
            raise NotPlain(f"<{tag}> outside <head> and <body>")
        if parent == "head" and tag not in IN_HEAD:
            raise NotPlain(f"<{tag}> in <head>")
        if tag in IN_HEAD - {"style"} and parent != "head":
            raise NotPlain(f"<{tag}> outside <head>")
        if parent in TABLE_ONLY and tag not in TABLE_PARENT:
            raise NotPlain(f"<{tag}> straight in <{parent}>, which HTML5 moves out")
        if tag in TABLE_PARENT and parent not in TABLE_PARENT[tag]:
            raise NotPlain(f"<{tag}> in <{parent}>, where HTML5 would add or close elements")
        if tag in CLOSES_P and self._in_scope({"p"}):
            raise NotPlain(f"<{tag}> inside an open <p>, which HTML5 closes")
        if tag == "li" and self._in_scope({"li"}, also_ends={"ol", "ul"}):
            raise NotPlain("<li> inside an open <li>, which HTML5 closes")
        if tag in ("dd", "dt") and self._in_scope({"dd", "dt"}, also_ends={"dl"}):
            raise NotPlain(f"<{tag}> inside an open <dd> or <dt>, which HTML5 closes")
        if tag == "a" and any(element.tag == "a" for element in self.open):
            raise NotPlain("<a> inside an open <a>, which HTML5 closes")
        if tag in HEADINGS and parent in HEADINGS:
            raise NotPlain(f"<{tag}> in <{parent}>, which HTML5 closes")

    def _in_scope(self, tags: set[str], also_ends: frozenset[str] | set[str] = frozenset()) -> bool:
        for element in reversed(self.open):
            if element.tag in tags:
                return True
            if element.tag in SCOPE_ENDS or element.tag in also_ends:
                return False
        return False

    def finished(self) -> ET.Element:
        still_open = [element.tag for element in self.open]
        if self.root is None or not self.closed_body or still_open != ["html", "body"]:
            raise NotPlain("the page does not end with </body></html>")
        if [child.tag for child in self.root] != ["head", "body"]:
            raise NotPlain("<html> does not hold exactly <head> and <body>")
        return self.root
