"""The demo's people get made-up names, addresses and email addresses: the generated workbook
carries only their keys (as an authority's anonymised export would), and without names the
demo cannot show a search by name, a letter's greeting or a subject access export. Drawn from
each person's key, so every run gives the same names; addresses are in the demo authority's
fictional town (Kingsmoor, or Brackenford for the second) and email addresses at example.org
(RFC 2606: no one receives them)."""

from __future__ import annotations

import hashlib

from django.db import transaction

from redress.complaints.models import Complaint
from redress.complaints.state import refresh_complaints
from redress.demo import place
from redress.people.models import Person

FIRST = (
    "Amara", "Ben", "Chloe", "Daniel", "Ella", "Farah", "George", "Hannah", "Isaac", "Jade",
    "Kwame", "Leah", "Mohammed", "Niamh", "Oliver", "Priya", "Qasim", "Ruby", "Samuel", "Tia",
    "Usman", "Violet", "William", "Yusuf", "Zara", "Aisha", "Callum", "Demi", "Ethan", "Grace",
)  # fmt: skip
LAST = (
    "Smith", "Okafor", "Khan", "Jones", "Patel", "Williams", "Brown", "Ahmed", "Taylor", "Nowak",
    "Davies", "Hussain", "Evans", "Begum", "Wilson", "Thomas", "Roberts", "Ali", "Walker", "Wright",
    "Robinson", "Thompson", "White", "Hughes", "Edwards", "Green", "Hall", "Wood", "Harris",
    "Clarke",
)  # fmt: skip
STREETS = (
    "Market Street", "Mill Lane", "Church Road", "Station Road", "Park Avenue", "High Street"
)  # fmt: skip


def _draw(key: str, salt: str, options: tuple[str, ...]) -> str:
    digest = hashlib.sha256(f"{salt}:{key}".encode()).digest()
    return options[int.from_bytes(digest[:4], "big") % len(options)]


def add_demo_names() -> int:
    """Name every person who has no name; their complaints' search text is worked out again.
    Returns how many were named."""
    town, area = place.town(), place.postcode_area()
    with transaction.atomic():
        people = list(Person.objects.filter(name="").only("pk", "key"))
        for person in people:
            first, last = _draw(person.key, "first", FIRST), _draw(person.key, "last", LAST)
            number = int(hashlib.sha256(person.key.encode()).hexdigest()[:4], 16) % 200 + 1
            person.name = f"{first} {last}"
            person.email = f"{first}.{last}.{person.pk}@example.org".lower()
            person.address = (
                f"{number} {_draw(person.key, 'street', STREETS)}\n{town}\n"
                f"{area}{number % 9 + 1} {number % 7 + 1}AB"
            )
        Person.objects.bulk_update(people, ["name", "email", "address"], batch_size=1000)
        refresh_complaints(list(Complaint.objects.values_list("pk", flat=True)))
    return len(people)
