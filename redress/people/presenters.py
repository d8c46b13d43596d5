"""How a person reads in messages and on pages: worked out values (ages.py) put into words."""

from __future__ import annotations

import datetime

from .ages import age_on
from .models import AgeBand, Person


def age_words(person: Person, on: datetime.date) -> str:
    """How old someone is, for a message: "12" from a date of birth, else their band's words
    ("10 to 15"), else "Not known"."""
    if person.date_of_birth is not None:
        return str(age_on(person.date_of_birth, on))
    if person.age_band:
        return AgeBand(person.age_band).label
    return "Not known"
