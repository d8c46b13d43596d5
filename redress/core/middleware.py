"""Middleware of Redress's own."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

NO_STORE = "no-store"


class NoStoreMiddleware:
    """`Cache-Control: no-store` (and `Pragma: no-cache`, for HTTP/1.0 caches) on every response
    that reaches Django: its pages and downloads hold children's personal data, so no browser
    cache, shared computer's history or proxy may keep a copy. Static files never get here
    (WhiteNoise, earlier in MIDDLEWARE, answers them) and keep their long caching. Whatever a
    view set is replaced: a view that forgot, or asked for caching, cannot leak a page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response.headers["Cache-Control"] = NO_STORE
        response.headers["Pragma"] = "no-cache"
        response.headers.pop("Expires", None)
        return response
