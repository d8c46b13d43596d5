"""What the smaller lists (learning actions, compliments, informal feedback) share: a page of
rows counted once, links that keep the filters, and the GOV.UK pagination's parameters."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, QueryDict

PAGE_SIZE = 50


def link(base: str, params: QueryDict, *, drop: tuple[str, ...] = (), **changes: Any) -> str:
    """The list's address with some query parameters changed or removed."""
    query = params.copy()
    for name in (*drop, *changes):
        query.pop(name, None)
    for name, value in changes.items():
        if value not in (None, ""):
            query[name] = str(value)
    encoded = query.urlencode()
    return base + (f"?{encoded}" if encoded else "")


def page_of(request: HttpRequest, rows: QuerySet[Any], *, count: int) -> Page:
    """The requested page of `rows`, whose count the caller already has (so the list runs
    one COUNT, not two)."""
    paginator = Paginator(rows, PAGE_SIZE)
    paginator.__dict__["count"] = count  # `count` is a cached property: this is its value
    return paginator.get_page(request.GET.get("page"))


def pagination(page: Page, base: str, params: QueryDict, *, label: str) -> dict[str, Any] | None:
    paginator = page.paginator
    if paginator.num_pages <= 1:
        return None
    items: list[dict[str, Any]] = []
    for number in paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1):
        if number == paginator.ELLIPSIS:
            items.append({"ellipsis": True})
        else:
            items.append(
                {
                    "number": number,
                    "href": link(base, params, page=number),
                    "current": number == page.number,
                }
            )
    return {
        "items": items,
        "previous": {"href": link(base, params, page=page.previous_page_number())}
        if page.has_previous()
        else None,
        "next": {"href": link(base, params, page=page.next_page_number())}
        if page.has_next()
        else None,
        "landmarkLabel": label,
    }


def selected_filter(heading: str, text: str, href: str) -> dict[str, Any]:
    """One of the MOJ filter's "selected filters": a tag that removes it."""
    return {"heading": {"text": heading}, "items": [{"text": text, "href": href}]}
