"""The reading age of a text, for the child-friendly pages (issue 10: about 9 years).

textstat's grade formulas count syllables from NLTK's CMU pronouncing dictionary, which it
downloads on first use, and Redress's machines reach no internet but the package registries. Its
own fallback for a word the dictionary lacks is the hyphenation dictionary it ships with
(pyphen), and that is what is used here for every word: the formulas are unchanged, only the
syllable counter is pyphen's (within a syllable or so of the CMU count on everyday words).

The reading age is the Flesch-Kincaid grade plus 5 (a US grade 4 is a reader of about 9): the
measure the UK's plain-English guidance quotes for a reading age, on short sentences of short
words.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import textstat
from textstat.backend.counts import _count_syllables

GRADE_TO_AGE = 5


@contextmanager
def _hyphenation_syllables() -> Iterator[None]:
    original = _count_syllables.get_cmudict
    _count_syllables.get_cmudict = lambda lang: None  # type: ignore[assignment]
    _count_syllables.count_syllables.cache_clear()  # type: ignore[attr-defined]
    try:
        yield
    finally:
        _count_syllables.get_cmudict = original
        _count_syllables.count_syllables.cache_clear()  # type: ignore[attr-defined]


def reading_age(text: str) -> float:
    """The years of reading the text needs (Flesch-Kincaid grade + 5)."""
    with _hyphenation_syllables():
        return float(textstat.flesch_kincaid_grade(text)) + GRADE_TO_AGE
