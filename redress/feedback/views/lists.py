"""What the compliments and informal feedback lists share: the filters in use, as the MOJ
filter's "selected filters"."""

from __future__ import annotations

from typing import Any

from django.http import QueryDict

from redress.complaints.views.listing import link, selected_filter
from redress.core.presenters import govuk_date
from redress.feedback.forms import FeedbackFilterForm
from redress.feedback.selectors import FeedbackFilters


def selected(
    form: FeedbackFilterForm, filters: FeedbackFilters, base: str, params: QueryDict
) -> list[dict[str, Any]]:
    chosen = []
    if filters.service_area is not None:
        chosen.append(
            selected_filter(
                "Service area",
                filters.service_area.name,
                link(base, params, drop=("service_area", "page")),
            )
        )
    if filters.from_child is not None:
        chosen.append(
            selected_filter(
                "From a child or young person",
                "Yes" if filters.from_child else "No",
                link(base, params, drop=("from_child", "page")),
            )
        )
    for name, value in (
        ("received_from", filters.received_from),
        ("received_to", filters.received_to),
    ):
        if value:
            parts = tuple(f"{name}-{p}" for p in ("day", "month", "year"))
            chosen.append(
                selected_filter(
                    str(form.fields[name].label),
                    govuk_date(value),
                    link(base, params, drop=(*parts, "page")),
                )
            )
    return chosen
