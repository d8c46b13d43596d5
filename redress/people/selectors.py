"""Reads about people: finding someone already recorded, so a repeat complainant is chosen
rather than recorded twice."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from .models import Person

MATCH_LIMIT = 20


def people_matching(text: str, *, limit: int = MATCH_LIMIT) -> QuerySet[Person]:
    """People whose name holds every word typed, whose email address holds the text, or whose
    record key is it; with how many complaints they made, by name. Nothing for blank text."""
    text = " ".join(text.split())
    if not text:
        return Person.objects.none()
    by_name = Q()
    for word in text.split():
        by_name &= Q(name__icontains=word)
    return (
        Person.objects.filter(by_name | Q(email__icontains=text) | Q(key__iexact=text))
        .annotate(complaint_count=Count("complaints"))
        .order_by("name", "key")[:limit]
    )


def people_by_pk(pks: list[int]) -> dict[int, Person]:
    """The people with these ids (those that still exist)."""
    return Person.objects.in_bulk(pks)
