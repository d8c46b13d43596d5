"""WeasyPrint as the printed report uses it, with six of its per-item costs taken out and
one wait.

Each change leaves what is printed the same (but for a chart label's letters, spaced by the
font's kerning rather than one by one), and each does nothing if WeasyPrint or pydyf no longer
has the shape it changes (a newer version is then only slower, never wrong):

- pydyf's page references made once per page added, not once per use (ADR 0029);
- streams compressed at zlib's default level, not 9 (ADR 0034);
- a chart's labels laid out a label at a time, not a letter at a time (ADR 0037);
- the default (user agent) stylesheet without the rules that give every element six
  pseudo-elements the report never makes (ADR 0037);
- the page's element tree built by a strict reader of plain HTML (`page_tree`), not by
  tinyhtml5's full HTML5 parser, where both build the same tree (ADR 0038);
- the page's stylesheet parsed once for every page that has it, not once per PDF (ADR 0038);
- an image fetched when its page is laid out, not while the page is read, where the URL
  fetcher asks for it: the report's charts, drawn meanwhile in the chart process (ADR 0038).

The first three apply to every PDF the process makes; the next three only to pages made with
`ReportHTML`; the last only to images whose fetcher asks for it.
"""

from __future__ import annotations

import inspect
import logging
import re
import zlib
from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any, NamedTuple

import cssselect2
import pydyf
import weasyprint

from .page_tree import NotPlain, page_tree

logger = logging.getLogger(__name__)

_CACHED = "_redress_page_references"


def _cache_page_references() -> None:
    """Make pydyf's list of page references once per page added, not once per use.

    Tagging (`weasyprint/pdf/tags.py`) asks `PDF.page_references[n]` for every marked piece of
    content, and pydyf rebuilds the whole tuple each time: 10,000 asks × 61 pages for an
    authority-year, 0.3–0.6 s of the PDF's writing (ADR 0029). Pages are only ever appended
    (`PDF.add_page`), so the tuple is kept with the length of the list it was made from. The
    bytes written are the same. Left alone if pydyf no longer has the property."""
    uncached = pydyf.PDF.__dict__.get("page_references")
    make = uncached.fget if isinstance(uncached, property) else None
    if make is None or getattr(make, _CACHED, False):
        return

    def page_references(pdf: Any) -> tuple[bytes, ...]:
        kids = len(pdf.pages["Kids"])
        cached = pdf.__dict__.get(_CACHED)
        if cached is None or cached[0] != kids:
            cached = pdf.__dict__[_CACHED] = (kids, make(pdf))
        return cached[1]  # type: ignore[no-any-return]

    setattr(page_references, _CACHED, True)
    pydyf.PDF.page_references = property(page_references)


# zlib's own default: pydyf compresses every stream at level 9, which took 0.18 s of an
# authority-year's PDF against 0.04 s at 6, for 4% more bytes (ADR 0034).
COMPRESSION_LEVEL = 6


class _PdfZlib:
    """zlib as pydyf sees it: the same, except that streams are compressed at
    COMPRESSION_LEVEL whatever level pydyf asks for."""

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)

    @staticmethod
    def compressobj(level: int = -1, *args: Any, **kwargs: Any) -> Any:
        return zlib.compressobj(COMPRESSION_LEVEL, *args, **kwargs)


def _compress_at_default_level() -> None:
    """Left alone if pydyf no longer compresses through its module's `zlib`."""
    if getattr(pydyf, "zlib", None) is zlib:
        pydyf.zlib = _PdfZlib()  # type: ignore[attr-defined]


_TUNED = "_redress_tuned"

# SVG text attributes that place or size letters one by one. A label with none of them (every
# label Vega draws: it places text by `transform`) is the same laid out whole.
PER_LETTER = ("dx", "dy", "rotate", "textLength", "letter-spacing")


class _Whole(str):
    """A label's text that iterates as one piece: WeasyPrint's SVG text drawing lays out and
    draws `for letter in node.text`."""

    __slots__ = ()

    def __iter__(self) -> Any:
        yield str(self)


def _laid_out_whole(node: Any) -> bool:
    """Whether a label places none of its letters itself (at most one `x` and one `y`)."""
    return not any(node.get(name) for name in PER_LETTER) and not any(
        len(str(node.attrib.get(name, "")).split()) > 1 for name in ("x", "y")
    )


def _draw_labels_whole() -> None:
    """Draw each SVG label as one run of text, not letter by letter.

    WeasyPrint's SVG `text` lays out and draws every letter on its own (a Pango layout and a
    text object each), so that it can honour per-letter positions (`x`, `y`, `dx`, `dy`,
    `rotate`, `letter-spacing`, `textLength`). Vega's labels have none: the bench year's 11
    charts have 327 labels of 2,596 letters, and drawing them took about 0.3 s of the PDF's
    writing (ADR 0037). A label without per-letter positions is drawn whole by WeasyPrint's
    own function, given its text as one piece. Where it stands, how it is anchored and its
    bounding box are computed as before; the letters are spaced by the font's shaping
    (kerning) instead of letter by letter, and the PDF's text reads as words ("Apr 2019", not
    eight separate letters). Labels that do place letters are drawn as before.

    WeasyPrint checks `TAGS.get(node.tag) == text` to anchor text, so the module's `text` is
    replaced with the table's entries. Left alone if the SVG module no longer has them."""
    from weasyprint import svg

    tags: Any = getattr(svg, "TAGS", None)
    if not isinstance(tags, dict) or getattr(svg, "text", None) is not tags.get("text"):
        return
    upstream: Callable[..., Any] = tags["text"]
    if not callable(upstream) or getattr(upstream, _TUNED, False):
        return

    def text(drawing: Any, node: Any, font_size: float) -> Any:
        element = getattr(node, "_etree_node", None)
        letters = node.text
        if element is None or not letters or not _laid_out_whole(node):
            return upstream(drawing, node, font_size)
        element.text = _Whole(letters)
        try:
            return upstream(drawing, node, font_size)
        finally:
            element.text = letters

    setattr(text, _TUNED, True)
    text.__wrapped__ = upstream  # type: ignore[attr-defined]
    for tag, draw in list(tags.items()):
        if draw is upstream:
            tags[tag] = text
    svg.text = text


# The user agent stylesheet's rules for pseudo-elements of every element. Each gives each of
# the page's elements a computed style for that pseudo-element, made whether or not the
# element ever has one: for the bench year 3,900 elements × 6 = 19,000 styles, 0.1 s of the
# cascade (ADR 0037). The report has markers only on list items and no footnotes or notes
# (`float: footnote`), so `::marker` is kept for `li` and the notes' rules are left out.
# The at-rules a page's stylesheet may have and still be parsed once for every page that has
# it: none of them adds fonts, counter styles, colour profiles or layers to the document's own,
# or fetches anything.
KEPT_AT_RULES = frozenset(
    {"page", "media"}
    | {
        f"{side}-{place}"
        for side in ("top", "bottom")
        for place in ("left-corner", "left", "center", "right", "right-corner")
    }
    | {f"{side}-{place}" for side in ("left", "right") for place in ("top", "middle", "bottom")}
)
_AT_RULE = re.compile(r"@([A-Za-z-]+)")
_MARK = "_redress_report_page"


class _ParsedStyle(NamedTuple):
    """A page's stylesheet parsed (a `weasyprint.CSS`), with the page rules it added."""

    css: Any
    page_rules: list[Any]


@lru_cache(maxsize=4)
def _parsed_style(content: str, media_type: str, base_url: str | None) -> _ParsedStyle:
    page_rules: list[Any] = []
    css = weasyprint.CSS(
        string=content, base_url=base_url, media_type=media_type, page_rules=page_rules
    )
    return _ParsedStyle(css, page_rules)


def _one_kept_style(wrapper_element: Any) -> str | None:
    """The text of the page's one stylesheet, if it is its only one and may be kept."""
    sheets = list(wrapper_element.query_all("style", "link"))
    if len(sheets) != 1 or sheets[0].etree_element.tag != "style":
        return None
    element = sheets[0].etree_element
    if set(element.attrib) - {"nonce"} or len(element):
        return None
    content = element.text or ""
    if not set(_AT_RULE.findall(content)) <= KEPT_AT_RULES or "url(" in content:
        return None
    return content


def _parse_report_styles_once() -> None:
    """Parse a report page's stylesheet once, not once per PDF.

    The printed page holds its whole stylesheet (16 KB) in one `<style>`, and WeasyPrint
    parsed it for every PDF: 0.07–0.1 s (ADR 0038). For a page made by `ReportHTML` whose only
    stylesheet has no at-rule but `@page`, its margin boxes and `@media` (so it adds nothing to
    the document's fonts, counter styles, colour profiles or layers, and fetches nothing),
    the parsed stylesheet is kept by its text and given to the next such page, with the page
    rules it adds (which WeasyPrint reads from the sheet). Any other page is read as before.
    Left alone if WeasyPrint no longer finds stylesheets this way."""
    from weasyprint import css

    upstream = getattr(css, "find_stylesheets", None)
    if not callable(upstream) or getattr(upstream, _TUNED, False):
        return
    try:
        parameters = list(inspect.signature(upstream).parameters)
    except (TypeError, ValueError):
        return
    if parameters != [
        "wrapper_element",
        "device_media_type",
        "url_fetcher",
        "base_url",
        "font_config",
        "counter_style",
        "color_profiles",
        "page_rules",
        "layers",
    ]:
        return

    def find_stylesheets(
        wrapper_element: Any,
        device_media_type: str,
        url_fetcher: Any,
        base_url: str | None,
        font_config: Any,
        counter_style: Any,
        color_profiles: Any,
        page_rules: list[Any],
        layers: list[Any],
    ) -> Any:
        content = None
        if getattr(wrapper_element, _MARK, False):
            content = _one_kept_style(wrapper_element)
        if content is None:
            yield from upstream(
                wrapper_element,
                device_media_type,
                url_fetcher,
                base_url,
                font_config,
                counter_style,
                color_profiles,
                page_rules,
                layers,
            )
            return
        parsed = _parsed_style(content, device_media_type, base_url)
        page_rules.extend(parsed.page_rules)
        yield parsed.css

    setattr(find_stylesheets, _TUNED, True)
    find_stylesheets.__wrapped__ = upstream  # type: ignore[attr-defined]
    css.find_stylesheets = find_stylesheets


class _ImageLaidOutLater:
    """An image WeasyPrint is given when it reads the page and fetches when it first uses it
    (to lay out its box, or to draw it): every attribute is the image's, loaded then."""

    def __init__(self, load: Callable[[], Any]) -> None:
        self._load = load
        self._image: Any = None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        if self._image is None:
            self._image = self._load()
            if self._image is None:
                raise ValueError("An image of the report could not be read (see the log)")
        return getattr(self._image, name)


def _fetch_images_when_laid_out() -> None:
    """Fetch an image when its page is laid out, not when the page is read, where the URL
    fetcher asks for it (`fetch_when_laid_out(url)`: the report's charts).

    WeasyPrint fetches every image as it builds the page's boxes, before any page is laid out:
    for a report, its charts, which the chart process is drawing meanwhile (ADR 0037). Building
    the boxes is quicker than drawing 11 charts, so the report waited for them (0.17 s). An
    image is only used to lay out its page (its size) and then to draw it, so the charts are
    now fetched then: the first page with a chart is laid out after the pages before it. The
    same image is loaded by WeasyPrint's own function, once per document and address, as
    before. An image that cannot be read stops the PDF when it is used (a report's charts
    already stop it when they cannot be drawn). Left alone if WeasyPrint no longer builds its
    documents' image function from `original_get_image_from_uri`."""
    from weasyprint import document

    upstream = getattr(document, "original_get_image_from_uri", None)
    if not callable(upstream) or getattr(upstream, _TUNED, False):
        return

    def get_image_from_uri(
        cache: dict[str, Any], url_fetcher: Any, options: Any, url: str, *args: Any, **kwargs: Any
    ) -> Any:
        later = getattr(url_fetcher, "fetch_when_laid_out", None)
        if url in cache or later is None or not later(url):
            return upstream(cache, url_fetcher, options, url, *args, **kwargs)
        image = cache[url] = _ImageLaidOutLater(
            lambda: upstream({}, url_fetcher, options, url, *args, **kwargs)
        )
        return image

    setattr(get_image_from_uri, _TUNED, True)
    get_image_from_uri.__wrapped__ = upstream  # type: ignore[attr-defined]
    document.original_get_image_from_uri = get_image_from_uri


_UNIVERSAL_PSEUDO = re.compile(r"^::(?:footnote|note)-[a-z-]+ \{[^}]*\}\n", re.MULTILINE)
_UNIVERSAL_MARKER = "\n::marker {"


def report_user_agent_stylesheet(upstream: str) -> str | None:
    """WeasyPrint's user agent stylesheet without rules for pseudo-elements of every element;
    None if it no longer has the rules this removes (then WeasyPrint's own is used)."""
    if _UNIVERSAL_MARKER not in upstream or len(_UNIVERSAL_PSEUDO.findall(upstream)) != 5:
        return None
    return _UNIVERSAL_PSEUDO.sub("", upstream.replace(_UNIVERSAL_MARKER, "\nli::marker {"))


@cache
def _report_stylesheets() -> tuple[Any, ...]:
    """The slimmer stylesheet, made once; none if WeasyPrint's own has changed shape."""
    from weasyprint import html
    from weasyprint.css.counters import CounterStyle

    upstream = getattr(html, "UA", None)
    slim = report_user_agent_stylesheet(upstream) if isinstance(upstream, str) else None
    if slim is None:
        return ()
    # Its counter styles are WeasyPrint's own, already in the document's copy of them.
    return (weasyprint.CSS(string=slim, counter_style=CounterStyle()),)


class ReportHTML(weasyprint.HTML):
    """A page of the report as WeasyPrint reads it: its tree built by `page_tree` where the
    page is plain (the report's own always is; otherwise by WeasyPrint's tinyhtml5, as
    before), styled over the slimmer user agent stylesheet (no forms: the report has none)
    and its own stylesheet parsed once for every page that has it."""

    def __init__(
        self,
        *,
        string: str,
        base_url: str | None = None,
        url_fetcher: weasyprint.URLFetcher | None = None,
        media_type: str = "print",
    ) -> None:
        try:
            root = page_tree(string)
        except NotPlain as reason:
            logger.info("The page is read by tinyhtml5: %s", reason)
            super().__init__(
                string=string, base_url=base_url, url_fetcher=url_fetcher, media_type=media_type
            )
        else:
            # What `weasyprint.HTML.__init__` sets after tinyhtml5's parse (a test compares).
            self.base_url = weasyprint._find_base_url(root, base_url)
            self.url_fetcher = url_fetcher if url_fetcher is not None else weasyprint.URLFetcher()
            self.media_type = media_type
            self.wrapper_element = cssselect2.ElementWrapper.from_html_root(
                root, content_language=None
            )
            self.etree_element = self.wrapper_element.etree_element
        setattr(self.wrapper_element, _MARK, True)  # its stylesheet may be kept

    def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
        if not forms and (slim := _report_stylesheets()):
            return list(slim)
        return super()._ua_stylesheets(forms)  # type: ignore[no-any-return]


def tune() -> None:
    """Apply the process-wide changes (once; imported by `render.pdf`)."""
    _cache_page_references()
    _compress_at_default_level()
    _draw_labels_whole()
    _parse_report_styles_once()
    _fetch_images_when_laid_out()


tune()
