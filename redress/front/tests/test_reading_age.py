"""The child-friendly form is written for a reading age of about 9: every page a child meets
(start, each question, its errors, check your answers, the confirmation), as rendered, read as
one text. The measure is `front.readability.reading_age` (Flesch-Kincaid grade + 5)."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from redress.front.journeys import CHILD
from redress.front.readability import reading_age

from .test_public_journeys import CHILD_PAGES, fill

pytestmark = pytest.mark.django_db
MOST = 9.5  # "about 9"


def main_text(page: str) -> str:
    """The words of the page's main content, a sentence per line (headings, labels, hints,
    buttons and errors alike)."""
    main = page[page.index("<main") : page.index("</main>")]
    main = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", main, flags=re.S)
    lines = re.sub(r"<[^>]+>", "\n", main)
    sentences = []
    for line in html.unescape(lines).splitlines():
        line = " ".join(line.split())
        if line and re.search(r"[A-Za-z]", line):
            sentences.append(line if line[-1] in ".?!" else line + ".")
    return " ".join(sentences)


def child_pages_text(client: Client) -> str:
    pages = [client.get(reverse("front:child_start")).content.decode()]
    for slug, _ in CHILD_PAGES:
        url = reverse("front:child_question", args=[slug])
        pages.append(client.get(url).content.decode())
        pages.append(client.post(url, {}).content.decode())  # its errors
    fill(client, "child", CHILD_PAGES)
    pages.append(client.get(reverse("front:child_check")).content.decode())
    client.post(reverse("front:child_check"), {})
    pages.append(client.get(reverse("front:child_done")).content.decode())
    return " ".join(main_text(page) for page in pages)


def test_the_child_friendly_form_reads_at_about_age_9(settings):
    text = child_pages_text(Client())
    assert "advocate" in text.lower()  # the pages were read, advocacy offered among them
    age = reading_age(text)
    assert age <= MOST, f"The child-friendly form reads at age {age:.1f}, above {MOST}"


def test_the_measure_tells_plain_words_from_official_ones():
    assert reading_age("You can tell us if you are not happy. It is OK to complain.") < 9
    official = (
        "Representations concerning the discharge of statutory responsibilities will be "
        "investigated in accordance with the applicable procedure."
    )
    assert reading_age(official) > 16


def test_every_child_page_is_measured():
    assert [slug for slug, _ in CHILD_PAGES] == [page.slug for page in CHILD.pages]
