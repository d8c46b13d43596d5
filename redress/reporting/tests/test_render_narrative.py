"""Narratives are sanitised after Markdown, in every format: a link or markup written to run
script (however its scheme is spelt) reaches neither the staff pages, nor the HTML download, nor
the PDF's link annotations, nor the Word document's hyperlinks (issue 8, point 1)."""

from __future__ import annotations

import datetime
import io
import re
from html.parser import HTMLParser

import docx
import pypdf
import pytest
from django.urls import reverse

from redress.reporting import services
from redress.reporting.document.model import Markdown, ReportDocument, Section
from redress.reporting.figures import FigureSet
from redress.reporting.periods import financial_year
from redress.reporting.render import renderer
from redress.reporting.render.narrative import sanitise, to_html

PERIOD = financial_year("2021-22")
AS_OF = datetime.date(2022, 5, 31)
HYPERLINK_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
SAFE_LINK = "[the policy](https://example.org/policy)"

# Each would run script, or load content, in a reader's browser or PDF viewer if it got through.
PAYLOADS = {
    "entity in the scheme": "[x](java&#x73;cript:alert(document.cookie))",
    "named entity for the colon": "[x](javascript&colon;alert(1))",
    "decimal entity first letter": "[x](&#106;avascript:alert(1))",
    "entity tab inside the scheme": "[x](java&#x09;script:alert(1))",
    "entity newline inside the scheme": "[x](java&NewLine;script:alert(1))",
    "upper case": "[x](JAVASCRIPT:alert(1))",
    "leading spaces": "[x](   javascript:alert(1))",
    "data": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "vbscript": "[x](vbscript:msgbox(1))",
    "script element": "<script>alert(1)</script>",
    "event attribute": '<img src="x" onerror="alert(1)">',
    "image with a hostile address": "![a picture](javascript:alert(1))",
    "iframe": '<iframe src="javascript:alert(1)"></iframe>',
    "raw link": '<a href="javascript:alert(1)">x</a>',
    "svg": "<svg onload=alert(1)>",
    "title breaking out": '[x](https://example.org/ "t\\" onmouseover=\\"alert(1)")',
    "reference link": "[x][evil]\n\n[evil]: javascript:alert(1)",
}
ACTIVE_ELEMENTS = {"script", "iframe", "frame", "object", "embed", "svg", "img", "style", "form"}
ALLOWED_SCHEMES = {"http", "https", "mailto"}
SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)


def scheme(address: str) -> str | None:
    """The scheme a browser reads in an address: it drops tabs and newlines anywhere, and
    spaces and control characters at either end."""
    cleaned = re.sub(r"[\t\n\r]", "", address).strip("".join(map(chr, range(0x21))))
    match = SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


def followable(address: str | None) -> bool:
    """A relative address, or one whose scheme may be followed."""
    return address is None or scheme(address) in {None, *ALLOWED_SCHEMES}


class _Active(HTMLParser):
    """Everything in an HTML fragment that could run script or fetch content."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ACTIVE_ELEMENTS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in {"style", "src", "srcdoc", "formaction"}:
                self.found.append(f"<{tag} {name}>")
            elif name in {"href", "xlink:href", "action"} and not followable(value):
                self.found.append(f"<{tag} {name}={value!r}>")


def active_content(html: str) -> list[str]:
    parser = _Active()
    parser.feed(html)
    parser.close()
    return parser.found


def narrative_text() -> str:
    return "\n\n".join([SAFE_LINK, *PAYLOADS.values()])


def report() -> ReportDocument:
    return ReportDocument(
        title="Annual complaints report 2021-22",
        authority="Testshire Council",
        period_label=PERIOD.label,
        period_start=PERIOD.start,
        period_end=PERIOD.end,
        as_of=AS_OF,
        service=None,
        published=True,
        sections=[Section("next_steps", "Next steps", narrative=Markdown(narrative_text()))],
    )


def render(fmt: str) -> bytes:
    return renderer(fmt)(report(), FigureSet(period=PERIOD, as_of=AS_OF))


def narratives_in(page: str) -> str:
    """The narratives of a page: the report's (`rd-narrative`) and nothing around them."""
    found = re.findall(r'<div class="rd-narrative[^"]*">(.*?)</div>', page, flags=re.DOTALL)
    assert found, "no narrative on the page"
    return "".join(found)


def test_the_detector_sees_each_payload_when_it_is_not_sanitised():
    """So that the tests below, which find nothing, are not passing by looking badly."""
    import markdown

    for name, payload in PAYLOADS.items():
        if name in {"title breaking out"}:
            continue  # Markdown itself escapes this one
        assert active_content(markdown.markdown(payload)), name


@pytest.mark.parametrize("name", PAYLOADS)
def test_no_payload_survives_the_narrative_renderer(name):
    html = to_html(PAYLOADS[name], top_heading=3)
    assert active_content(html) == [], html


def test_safe_links_are_kept_as_written():
    html = to_html(
        f"{SAFE_LINK}, [write](mailto:team@example.org), [in page](#rd-volumes), [site](/reports/)",
        top_heading=3,
    )
    assert html == (
        '<p><a href="https://example.org/policy">the policy</a>, '
        '<a href="mailto:team@example.org">write</a>, <a href="#rd-volumes">in page</a>, '
        '<a href="/reports/">site</a></p>'
    )


def test_the_sanitiser_keeps_only_what_markdown_writes():
    assert (
        sanitise(
            '<p onclick="x()" style="color:red">a <b>b</b> <span>c</span></p>'
            "<script>alert(1)</script><style>p{}</style><!-- note -->"
            '<ol start="3"><li><a href="javascript:x" title="t">d</a></li></ol>'
        )
        == '<p>a b c</p><ol start="3"><li><a title="t">d</a></li></ol>'
    )


def test_the_html_download_carries_no_active_content():
    page = render("html").decode()
    narrative = narratives_in(page)
    assert '<a href="https://example.org/policy">the policy</a>' in narrative
    assert active_content(narrative) == []


def pdf_link_targets(content: bytes) -> list[str]:
    targets = []
    for page in pypdf.PdfReader(io.BytesIO(content)).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                targets.append(str(action["/URI"]))
    return targets


def test_the_pdf_has_no_script_link_annotation():
    targets = pdf_link_targets(render("pdf"))
    assert "https://example.org/policy" in targets
    assert [t for t in targets if not followable(t)] == []


def test_the_word_document_has_no_script_hyperlink():
    word = docx.Document(io.BytesIO(render("docx")))
    targets = [rel.target_ref for rel in word.part.rels.values() if rel.reltype == HYPERLINK_RT]
    # The title that tried to break out of its attribute keeps its (safe) link.
    assert sorted(targets) == ["https://example.org/", "https://example.org/policy"]
    text = "\n".join(p.text for p in word.paragraphs)
    assert "the policy" in text
    assert "<script>alert(1)</script>" in text  # typed HTML reads as text, as in the web report


@pytest.mark.django_db
def test_the_staff_previews_carry_no_active_content(officer_client, officer, settings):
    settings.REDRESS_TODAY = datetime.date(2022, 6, 10)
    edition = services.edition_create(period=PERIOD, service=None, by=officer)
    section_url = reverse("reporting:edition_section", args=[edition.pk, "volumes"])
    response = officer_client.post(
        section_url, {"narrative": narrative_text(), "action": "preview"}
    )
    preview = narratives_in(response.content.decode())
    assert '<a href="https://example.org/policy">the policy</a>' in preview
    assert active_content(preview) == []

    services.narrative_save(edition=edition, section="volumes", text=narrative_text(), by=officer)
    page = officer_client.get(reverse("reporting:edition_preview", args=[edition.pk]))
    narrative = narratives_in(page.content.decode())
    assert '<a href="https://example.org/policy">the policy</a>' in narrative
    assert active_content(narrative) == []
