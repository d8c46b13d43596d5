"""Announced when a person's name changes. The complaints app keeps each complaint's search
text (the names of the people on it, ADR 0015) and writes it again when it hears this; people
cannot call it directly, being below it."""

from django.dispatch import Signal

# Sent with `person_ids` (a list of ids), inside the transaction that made the change.
people_renamed = Signal()
