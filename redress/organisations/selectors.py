"""Reads about the organisations themselves."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Organisation


def organisations_to_choose() -> QuerySet[Organisation]:
    """The organisations a case record can be said to be handled by, by name: every one where
    several share the procedure (a trust and its council), none where there is only one, since
    then there is nothing to ask."""
    organisations = Organisation.objects.order_by("name")
    return organisations if organisations.count() > 1 else organisations.none()
