"""The printed page's tree (`render/page_tree.py`, ADR 0038): the tree tinyhtml5 builds, for
every page the report writes, or a refusal, so that WeasyPrint reads the page as before."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
import tinyhtml5
import weasyprint

from redress.reporting.publish import publish_figures
from redress.reporting.render import pdf
from redress.reporting.render import weasyprint_tuned as tuned
from redress.reporting.render.page_tree import NotPlain, page_tree

from .builders.facts import compute
from .document_fixtures import demo_year_document, make_small_year, small_year_document
from .test_document_profiles import THEMED, build, themed_world


def parsed(page: str) -> ET.Element:
    return tinyhtml5.parse(page, namespace_html_elements=False)  # type: ignore[no-any-return]


def differences(ours: ET.Element, theirs: ET.Element, path: str = "html") -> list[str]:
    """Where the trees differ: tag, attributes (and their order), text, tail, children."""
    found = []
    for what, a, b in (
        ("tag", ours.tag, theirs.tag),
        ("attributes", list(ours.attrib.items()), list(theirs.attrib.items())),
        ("text", ours.text or None, theirs.text or None),
        ("tail", ours.tail or None, theirs.tail or None),
        ("children", len(ours), len(theirs)),
    ):
        if a != b:
            found.append(f"{path}: {what} {a!r} against {b!r}")
    if found:
        return found
    for n, (x, y) in enumerate(zip(ours, theirs, strict=True)):
        found += differences(x, y, f"{path}/{x.tag}[{n}]")
    return found


def assert_same_tree(page: str) -> None:
    assert differences(page_tree(page), parsed(page)) == []


def page(body: str, head: str = "<title>T</title>") -> str:
    return (
        f"<!DOCTYPE html>\n<html lang='en'>\n<head>\n  {head}\n</head>\n"
        f"<body>{body}</body>\n</html>\n"
    )


# -- the report's own pages ----------------------------------------------------------------------


def test_the_small_years_pages_give_tinyhtml5s_tree(db):
    year = make_small_year()
    narratives = {"next_steps": "## Plans\n\n- Listen more\n- Answer *in time*\n\n1. First"}
    for figures in (year.figures, publish_figures(year.figures, threshold=5)):
        document = small_year_document(year, narratives)
        assert_same_tree(pdf.printed_page(document, figures))


def test_the_demo_years_published_page_gives_tinyhtml5s_tree(db):
    document, figures = demo_year_document(published=True)
    assert_same_tree(pdf.printed_page(document, figures))


def test_a_report_by_theme_gives_tinyhtml5s_tree(db, calendar):
    figures = compute(themed_world(), calendar, settings=THEMED)
    for shown in (figures, publish_figures(figures, threshold=5)):
        assert_same_tree(pdf.printed_page(build(shown), shown))


# -- plain HTML read as tinyhtml5 reads it --------------------------------------------------------

PLAIN = [
    page("<p>One &amp; two &lt;three&gt; &#39;four&#39; &nbsp;five</p>"),
    page('<p><a href="?a=1&amp;b=2" title="x &quot;y&quot;">link</a> after</p>'),
    page('<div class="a" class="b" ID="x">first class kept</div>'),
    page("<P>Upper<BR>case<br/>tags</P>\n<img src='x' alt=''> tail"),
    page(
        "<table><caption>C</caption><colgroup><col><col span=2></colgroup>"
        "<thead><tr><th>a</th></tr></thead>\n <tbody>\n <tr><td>1</td></tr>\n</tbody></table>"
    ),
    page("<ul>\n<li>one</li>\n<li>two <strong>bold</strong></li>\n</ul>"),
    page("<dl><dt>term</dt><dd>meaning</dd></dl>"),
    page("<section><h2>Heading</h2><p>text</p></section>\n\n"),
    page("text", head='<meta charset="utf-8">\n  <style>p > a { color: red }</style>'),
    "<!DOCTYPE html><html><head></head><body></body></html>",
    page("<p>after</p>") + "\n  \n",
]


@pytest.mark.parametrize("source", PLAIN)
def test_plain_html_gives_tinyhtml5s_tree(source):
    assert_same_tree(source)


# -- what HTML5 would build otherwise is refused --------------------------------------------------

NOT_PLAIN = {
    "block in a paragraph": page("<p>a<div>b</div></p>"),
    "table in a paragraph": page("<p><table><tbody></tbody></table></p>"),
    "row straight in a table": page("<table><tr><td>1</td></tr></table>"),
    "column outside a column group": page("<table><col><tbody></tbody></table>"),
    "cell outside a row": page("<table><tbody><td>1</td></tbody></table>"),
    "text in a table": page("<table>text<tbody></tbody></table>"),
    "misnested end tag": page("<p><strong>a</p></strong>"),
    "end tag never opened": page("<p>a</p></div>"),
    "unclosed element": page("<div><p>a</div>"),
    "list item in a list item": page("<ul><li>a<li>b</li></li></ul>"),
    "definition in a definition": page("<dl><dt>a<dd>b</dd></dt></dl>"),
    "heading in a heading": page("<h2>a<h3>b</h3></h2>"),
    "link in a link": page('<a href="a">a<a href="b">b</a></a>'),
    "self-closed element that is not void": page("<div/>text"),
    "comment": page("<!-- note --><p>a</p>"),
    "pre (its first newline is dropped)": page("<pre>\ncode</pre>"),
    "script": page("<script>1</script>"),
    "carriage return": page("<p>a\r\nb</p>"),
    "reference without its semicolon": page('<a href="?x=1&para=2">a</a>'),
    "bare ampersand": page("<p>A & B</p>"),
    "no head": "<!DOCTYPE html><html><body><p>a</p></body></html>",
    "no html": "<!DOCTYPE html><head></head><body></body>",
    "no end of body": "<!DOCTYPE html><html><head></head><body><p>a</p>",
    "text before head": "<!DOCTYPE html><html>text<head></head><body></body></html>",
    "text after body": page("<p>a</p>") + "trailing",
    "element after body": page("") + "<p>late</p>",
    "element in head that belongs in body": page("", head="<p>a</p>"),
    "meta in body": page('<meta name="a" content="b">'),
    "second body": "<!DOCTYPE html><html><head></head><body></body><body></body></html>",
    "another doctype": '<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01//EN"><html><head></head>'
    "<body></body></html>",
}


@pytest.mark.parametrize("source", NOT_PLAIN.values(), ids=NOT_PLAIN.keys())
def test_html_that_needs_html5s_rules_is_refused(source):
    with pytest.raises(NotPlain):
        page_tree(source)


# -- WeasyPrint reads the page the same either way ------------------------------------------------


def test_report_html_sets_what_weasyprints_html_sets():
    source = page("<p>a</p>")
    ours, theirs = tuned.ReportHTML(string=source), weasyprint.HTML(string=source)
    assert vars(ours).keys() == vars(theirs).keys()
    assert (ours.base_url, ours.media_type) == (theirs.base_url, theirs.media_type)
    assert differences(ours.etree_element, theirs.etree_element) == []


def test_a_page_that_is_not_plain_is_read_by_tinyhtml5_and_prints_the_same(caplog):
    source = page("<p>a<div>block</div></p><table><tr><td>1</td></tr></table>")
    with caplog.at_level("INFO", logger=tuned.__name__):
        ours = tuned.ReportHTML(string=source)
    assert "read by tinyhtml5: <div> inside an open <p>" in caplog.text
    assert differences(ours.etree_element, parsed(source)) == []
    assert ours.write_pdf() == weasyprint.HTML(string=source).write_pdf()


def test_the_report_prints_the_same_bytes_from_either_tree(db, monkeypatch):
    year = make_small_year()
    source = pdf.printed_page(small_year_document(year), year.figures)
    plain = tuned.ReportHTML(string=source).write_pdf(**pdf.OPTIONS)

    def refused(page: str) -> ET.Element:
        raise NotPlain("as a test")

    monkeypatch.setattr(tuned, "page_tree", refused)
    assert tuned.ReportHTML(string=source).write_pdf(**pdf.OPTIONS) == plain
