"""Reading a page's forms: their method, where they go, and every named field with the page's
own values (the CSRF token, the complaint's version and other hidden fields, the choices of a
select, radios and checkboxes, a textarea's text, submit buttons' values)."""

from __future__ import annotations

import html.parser
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from django.urls import Resolver404, resolve


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # hidden, text, textarea, select, radio, checkbox, submit, number, date, ...
    values: tuple[str, ...]  # the page's own values: the value, or every choice


@dataclass(frozen=True)
class Form:
    method: str  # GET or POST
    action: str  # the path posted to (a query string in the action is kept in `query`)
    query: tuple[tuple[str, str], ...]
    fields: tuple[Field, ...]
    url_name: str  # the URL name `action` resolves to

    def label(self) -> str:
        names = ",".join(sorted({f.name for f in self.fields if f.name != "csrfmiddlewaretoken"}))
        return f"{self.method} {self.url_name} [{names}]"


@dataclass
class _OpenForm:
    method: str
    action: str
    fields: dict[str, Field] = field(default_factory=dict)


class _FormReader(html.parser.HTMLParser):
    """Every `<form>` of a page with its named inputs, selects, textareas and buttons."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[_OpenForm] = []
        self._form: _OpenForm | None = None
        self._select: tuple[str, list[str]] | None = None
        self._textarea: tuple[str, list[str]] | None = None

    def _add(self, name: str, kind: str, value: str) -> None:
        assert self._form is not None
        known = self._form.fields.get(name)
        values = (*known.values, value) if known else (value,)
        self._form.fields[name] = Field(name, known.kind if known else kind, values)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = _OpenForm(a.get("method", "get").upper(), a.get("action", ""))
            self.forms.append(self._form)
        if self._form is None or not a.get("name"):
            return
        name = a["name"]
        if tag == "input":
            kind = a.get("type", "text").lower()
            self._add(name, kind, a.get("value", "on" if kind in {"checkbox", "radio"} else ""))
        elif tag == "button" and a.get("type", "submit") == "submit":
            self._add(name, "submit", a.get("value", ""))
        elif tag == "select":
            self._select = (name, [])
            self._form.fields.setdefault(name, Field(name, "select", ()))
        elif tag == "textarea":
            self._textarea = (name, [])
        elif tag == "option" and self._select is not None:
            self._select[1].append(a.get("value", ""))

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None and self._form is not None:
            name, options = self._select
            self._form.fields[name] = Field(name, "select", tuple(options))
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            name, text = self._textarea
            self._form.fields[name] = Field(name, "textarea", ("".join(text),))
            self._textarea = None


def forms_on(page_url: str, content: str) -> list[Form]:
    """The page's forms that go to one of Redress's own URLs (outside the admin)."""
    reader = _FormReader()
    reader.feed(content)
    found = []
    for raw in reader.forms:
        parts = urlsplit(raw.action or page_url)
        if parts.netloc:
            continue
        path = parts.path or urlsplit(page_url).path
        try:
            match = resolve(path)
        except Resolver404:
            continue
        if match.app_name == "admin":
            continue
        found.append(
            Form(
                method="POST" if raw.method == "POST" else "GET",
                action=path,
                query=tuple(parse_qsl(parts.query, keep_blank_values=True)),
                fields=tuple(raw.fields.values()),
                url_name=match.view_name,
            )
        )
    return found
