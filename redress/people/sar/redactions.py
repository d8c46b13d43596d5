"""Other people's names in a subject access export, for the officer to redact before release.

The person asking is entitled to their own data, not to other people's: the complainant of a
complaint about them, the other children it is about, an advocate, and anyone held as a person
whose name was typed into the free text. Every place such a name (or, for the people linked to
their complaints, their record key) occurs in the material is listed. A name-finder cannot
promise to catch a name typed with a mistake, or someone Redress does not hold as a person, so
the officer still reads the material; this list is where they start. Staff names (who was
allocated, who acted in the audit trail) are not listed: they are usually disclosed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from redress.people.models import Person

from .material import Material
from .tables import Value

NAMED_IN_TEXT = "named in the text (held as a person)"
CHUNK = 2000
# Shorter names (and record keys) match too much ordinary text to be worth the officer's time.
SHORTEST_NAME = 3


@dataclass(frozen=True)
class Flag:
    name: str  # as held
    person_key: str
    relation: str
    found: str  # what was found: their name, or their record key
    record_type: str
    record: str
    field: str


@dataclass(frozen=True)
class _Text:
    record_type: str
    record: str
    field: str
    text: str


def _as_text(value: Value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return ""


def _texts(material: Material) -> Iterator[_Text]:
    for table in material.tables:
        for row in table.rows:
            for key, heading in table.columns:
                text = _as_text(row[key])
                if text:
                    yield _Text(table.name, str(row["record"]), heading, text)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _pattern(phrase: str) -> re.Pattern[str]:
    """The phrase as whole words, any spacing between them, in any case."""
    return re.compile(
        r"(?<!\w)" + r"\s+".join(re.escape(w) for w in phrase.split()) + r"(?!\w)", re.IGNORECASE
    )


def _usable(name: str, own_name: str) -> bool:
    name = " ".join(name.split())
    return len(name) >= SHORTEST_NAME and name.casefold() != own_name


def names_to_redact(material: Material) -> list[Flag]:
    """Every occurrence of another person's name in the material, in the order of the
    material; a person linked to the complaints also where their record key occurs."""
    subject = material.person
    own_name = " ".join(subject.name.split()).casefold()
    texts = list(_texts(material))
    words = {w for t in texts for w in _words(t.text)}
    # (pattern, what it finds, name, key, relation), the people linked to the complaints first.
    sought: list[tuple[re.Pattern[str], str, str, str, str]] = []
    for other, relations in material.others.values():
        relation = "; ".join(relations)
        if _usable(other.name, own_name):
            sought.append((_pattern(other.name), other.name, other.name, other.key, relation))
        if len(other.key) >= SHORTEST_NAME:
            sought.append((_pattern(other.key), other.key, other.name, other.key, relation))
    linked = {*material.others, subject.pk}
    people = (
        Person.objects.exclude(pk__in=linked)
        .exclude(name="")
        .order_by("name", "key")
        .values_list("name", "key")
    )
    for name, key in people.iterator(chunk_size=CHUNK):
        name_words = _words(name)
        if name_words and all(w in words for w in name_words) and _usable(name, own_name):
            sought.append((_pattern(name), name, name, key, NAMED_IN_TEXT))
    flags = []
    for t in texts:
        for pattern, found, name, key, relation in sought:
            if pattern.search(t.text):
                flags.append(Flag(name, key, relation, found, t.record_type, t.record, t.field))
    return flags
