"""Removing people's names from text a published report quotes.

A name is removed whole ("Joel Davison") and by each of its parts ("Joel", "Davison", and a
nickname in brackets such as the "Teri" of "Ellen (Teri) Connolly"), as whole words, with
possessives ("Joel's") following. Matching is case-sensitive because names are written with
capitals and the words they can collide with ("hope", "will") usually are not: a report errs
towards removing too much rather than too little.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

REPLACEMENT = "[name]"
# Titles stay ("Mrs [name]"): they identify no one.
TITLES = frozenset({"Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof"})


def name_parts(names: Iterable[str]) -> set[str]:
    parts: set[str] = set()
    for name in names:
        name = " ".join(name.split())
        if not name:
            continue
        parts.add(name.replace("(", "").replace(")", ""))
        for token in re.split(r"[\s()]+", name):
            token = token.strip(".,'\"")
            if len(token) >= 2 and token not in TITLES:
                parts.add(token)
    return parts


def redact(text: str, names: Iterable[str], replacement: str = REPLACEMENT) -> str:
    """The text with every name (and part of a name) replaced."""
    parts = name_parts(names)
    if not parts:
        return text
    # Longest first, so a full name is replaced once rather than part by part.
    alternatives = "|".join(re.escape(p) for p in sorted(parts, key=len, reverse=True))
    redacted = re.sub(rf"(?<!\w)(?:{alternatives})(?!\w)", replacement, text)
    # "[name] [name]" (a full name written differently) reads better as one.
    return re.sub(
        rf"{re.escape(replacement)}(?:\s+{re.escape(replacement)})+", replacement, redacted
    )
