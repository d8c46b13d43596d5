"""The child-friendly form is written for a reading age of about 9: every page a child meets
(start, each question, its errors, check your answers, the confirmation), as rendered, read as
one text. The measure is `front.readability.reading_age` (Flesch-Kincaid grade + 5)."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from redress.front.journeys import CHILD, FEEDBACK
from redress.front.readability import reading_age

from .test_public_journeys import CHILD_PAGES, FEEDBACK_PAGES, fill

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


def child_pages_text(client: Client, journey: str, filled) -> str:
    pages = [client.get(reverse(f"front:{journey}_start")).content.decode()]
    for slug, _ in filled:
        url = reverse(f"front:{journey}_question", args=[slug])
        pages.append(client.get(url).content.decode())
        errors = client.post(url, {})  # its errors (an optional page has none: it moves on)
        if errors.status_code == 200:
            pages.append(errors.content.decode())
    fill(client, journey, filled)
    pages.append(client.get(reverse(f"front:{journey}_check")).content.decode())
    client.post(reverse(f"front:{journey}_check"), {})
    pages.append(client.get(reverse(f"front:{journey}_done")).content.decode())
    return " ".join(main_text(page) for page in pages)


@pytest.mark.parametrize(
    ("journey", "filled"), [("child", CHILD_PAGES), ("feedback", FEEDBACK_PAGES)]
)
def test_the_child_friendly_forms_read_at_about_age_9(journey, filled):
    text = child_pages_text(Client(), journey, filled)
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
    assert [slug for slug, _ in FEEDBACK_PAGES] == [page.slug for page in FEEDBACK.pages]
