"""The Jinja2 environment for every page: GOV.UK Frontend macros, URLs, static files and the
presenters' filters."""

from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.db import DatabaseError
from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.urls import reverse
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader, StrictUndefined
from markupsafe import Markup, escape

from redress.core import presenters


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def authority_name() -> str:
    """The authority's name for the page header; the default if the database cannot say."""
    from redress.core import config

    try:
        return str(config.get("authority_name"))
    except DatabaseError:  # e.g. the 500 page while the database is down
        return str(config.SETTINGS["authority_name"].default)


def select_options(items: Iterable[dict[str, Any]]) -> Markup:
    """A select's options as GOV.UK's select macro writes them, joined here: the macro costs
    tens of microseconds an option, and a long list (people to allocate to) has hundreds."""
    return Markup(  # noqa: S704 (every value and text is escaped)
        "".join(
            f'<option value="{escape(item["value"])}"'
            f"{' selected' if item.get('selected') else ''}>{escape(item['text'])}</option>"
            for item in items
        )
    )


def environment(**options: Any) -> Environment:
    loader = options.pop("loader", None)
    govuk = PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")})
    options["loader"] = ChoiceLoader([loader, govuk] if loader else [govuk])
    options.setdefault("undefined", StrictUndefined)
    env = Environment(**options)  # noqa: S701 - Django's backend turns autoescape on
    env.globals.update(
        {
            "url": url,
            "authority_name": authority_name,
            "static": static,
            "csrf_token_for": get_token,
            "get_messages": messages.get_messages,
        }
    )
    env.filters.update(presenters.FILTERS)
    env.filters["select_options"] = select_options
    return env
