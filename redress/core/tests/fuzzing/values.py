"""What Hypothesis fills a form with: mostly the form's own values, else arbitrary unicode,
control characters and NUL, right-to-left overrides, very long strings, odd numbers, dates in
odd formats and out of range, ids of records that do not exist or the user may not see; fields
left out, given twice and invented."""

from __future__ import annotations

import base64
import datetime
import json
import re
from types import SimpleNamespace

from hypothesis import strategies as st

from .forms import Field, Form

NASTY = (
    "",
    " ",
    "\x00",
    "a\x00b",
    "\u202eevil\u202c",
    "\r\n\t",
    "\x1b[31m\x07\x08",
    "\ufeff\u200b",
    "<script>alert(1)</script>",
    "'; DROP TABLE complaints_complaint; --",
    "../../etc/passwd",
    "=cmd|' /C calc'!A0",
    "%00%ff",
    "😀" * 50,
    "A" * 100_000,
    "ü" * 5_000,
    "-1",
    "0",
    "1e309",
    "NaN",
    "-inf",
    "9" * 40,
    "0001-01-01",
    "9999-12-31",
    "2021-02-30",
    "31/12/2021",
    "2021-13-01",
    "10000-01-01",
    "0000-00-00",
    "true",
    "null",
    "[]",
    "٢٠٢١",
    "²",
)
NUMBERS = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.decimals(allow_nan=True).map(str),
)
DATES = st.one_of(
    st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31)).map(
        lambda d: st.sampled_from([d.isoformat(), d.strftime("%d/%m/%Y"), str(d.year)])
    ),
    st.tuples(st.integers(-1, 40), st.integers(-1, 14), st.integers(-1, 100_000)).map(
        lambda t: st.sampled_from([f"{t[2]:04d}-{t[1]:02d}-{t[0]:02d}", f"{t[0]}/{t[1]}/{t[2]}"])
    ),
).flatmap(lambda inner: inner)
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=200)
DAY_PARTS = {
    "day": st.integers(-1, 40).map(str) | st.sampled_from(["2147483648", "9" * 20]),
    "month": st.integers(-1, 14).map(str) | st.sampled_from(["2147483648", "9" * 20]),
    "year": st.sampled_from(["1", "0001", "2021", "9999", "10000", "99", "2099"]),
}


def ids_of(world: SimpleNamespace) -> list[str]:
    """Ids of records the user may see, may not see (the twin's) and that do not exist."""
    ids = {0, -1, 10**9, 2**63, 2**64}
    for records in (world.seen, world.twin, world.open):
        ids |= {getattr(r, "pk", 0) or 0 for r in vars(records).values()}
    ids |= {u.pk for u in vars(world.people).values()}
    return [str(i) for i in sorted(ids)]


def value_for(item: Field, ids: list[str]) -> st.SearchStrategy[str]:
    """A value for one field: mostly its own (the CSRF token, the version, a real choice), else
    anything at all, leaning on what its kind invites."""
    own = st.sampled_from(item.values) if item.values and any(item.values) else st.just("")
    part = item.name.rpartition("-")[2]
    if part in DAY_PARTS:
        odd = DAY_PARTS[part] | NUMBERS | st.sampled_from(NASTY)
    elif item.kind in {"select", "radio", "checkbox", "hidden"} or item.name.endswith(
        ("_id", "user", "to", "area")
    ):
        odd = st.sampled_from(ids) | NUMBERS | TEXT | st.sampled_from(NASTY)
    elif item.kind == "number":
        odd = NUMBERS | st.sampled_from(NASTY)
    elif item.kind == "date" or "date" in item.name or item.name in {"from", "to", "as_of"}:
        odd = DATES | st.sampled_from(NASTY)
    else:
        odd = TEXT | st.sampled_from(NASTY) | NUMBERS | DATES
    if any(DIGITS.search(v) for v in item.values):
        odd = odd | st.sampled_from(item.values).flatmap(near_miss)
    return st.one_of(own, own, odd)


DIGITS = re.compile(r"\d+")
# What a number inside a value becomes in a near miss.
NUMBER_SWAPS = (
    *("0", "00", "1", "-1", "13", "32", "99", "9999", "10000"),
    *("2147483648", "9223372036854775808", "99999999999999999999"),  # past C's int and long
)


def near_miss(value: str) -> st.SearchStrategy[str]:
    """The page's own value with its numbers changed: "year:2021-22" as "year:9999-0", a
    version "1.0" as "99999999999999999999.1", an id as another."""
    runs = len(DIGITS.findall(value))
    swaps = st.lists(st.sampled_from(NUMBER_SWAPS), min_size=runs, max_size=runs)
    return swaps.map(lambda new: _renumbered(value, new))


def _renumbered(value: str, numbers: list[str]) -> str:
    given = iter(numbers)
    return DIGITS.sub(lambda _match: next(given), value)


def submission(form: Form, ids: list[str]) -> st.SearchStrategy[list[tuple[str, str]]]:
    """A whole submission: each field given (mostly), left out, or given twice, and now and
    then a field the form does not have."""

    def one(item: Field) -> st.SearchStrategy[list[tuple[str, str]]]:
        value = value_for(item, ids).map(lambda v: [(item.name, v)])
        twice = st.tuples(value_for(item, ids), value_for(item, ids)).map(
            lambda vs: [(item.name, vs[0]), (item.name, vs[1])]
        )
        return st.one_of(value, value, value, value, value, value, st.just([]), twice)

    # The CSRF token is always sent as the page gave it: CSRF itself is tested elsewhere (every
    # form refuses a post without it); here the submission must get past it to the form.
    token = [(f.name, f.values[0]) for f in form.fields if f.name == "csrfmiddlewaretoken"]
    names = {f.name for f in form.fields}
    dates = sorted(
        {
            f.name.rpartition("-")[0]
            for f in form.fields
            if all(f"{f.name.rpartition('-')[0]}-{part}" in names for part in DAY_PARTS)
        }
    )
    in_dates = {f"{d}-{part}" for d in dates for part in DAY_PARTS}
    by_name = {f.name: f for f in form.fields}
    own_parts = {
        d: st.tuples(*(one(by_name[n]) for n in _part_names(d))).map(
            lambda t: [pair for f in t for pair in f]
        )
        for d in dates
    }
    others = [f for f in form.fields if f.name != "csrfmiddlewaretoken" and f.name not in in_dates]
    parts = [
        st.one_of(st.just(None), st.just(None), whole_dates).flatmap(
            lambda date, d=d: (
                own_parts[d]
                if date is None
                else st.just(list(zip(_part_names(d), date, strict=True)))
            )
        )
        for d in dates
    ]
    fields = st.tuples(*(one(item) for item in others), *parts)
    extra = st.lists(st.tuples(TEXT | st.sampled_from(PARAMETERS), TEXT | CURSORS), max_size=2)
    return st.tuples(fields, extra).map(lambda t: token + [pair for f in t[0] for pair in f] + t[1])


# Parameters the views read that a form may not carry (a list's cursor and page, a download's
# format, where to go next...), sent now and then with any value.
PARAMETERS = (
    *("action", "after", "allocated_to", "as_of", "before", "edition", "enquiry", "format"),
    *("next", "page", "records", "search", "service", "team", "version", "sort", "id", "pk"),
)
# A list's cursor is base64 of JSON [value, reference]: one with any JSON in it.
CURSORS = st.tuples(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | TEXT,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=2),
        max_leaves=5,
    ),
    st.recursive(st.none() | st.integers() | TEXT, lambda inner: st.lists(inner, max_size=2)),
).map(lambda pair: base64.urlsafe_b64encode(json.dumps(list(pair)).encode()).decode().rstrip("="))


def _part_names(date: str) -> tuple[str, str, str]:
    return (f"{date}-day", f"{date}-month", f"{date}-year")


# A whole date typed as day, month and year: a real one around the world's records (where the
# forms' rules let it through to the services) or anywhere from 1 to 9999 (Hypothesis tries the
# ends), an impossible or unusual one, or odd parts.
whole_dates = st.one_of(
    st.dates(min_value=datetime.date(2021, 1, 1), max_value=datetime.date(2022, 12, 31)).map(
        lambda d: (str(d.day), str(d.month), str(d.year))
    ),
    st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31)).map(
        lambda d: (str(d.day), str(d.month), f"{d.year:04d}")
    ),
    st.sampled_from(
        [
            ("30", "2", "2021"),
            ("31", "12", "9999"),
            ("1", "1", "0001"),
            ("1", "1", "0000"),
            ("29", "2", "2100"),
            ("10", "6", "2099"),
            ("0", "0", "2022"),
            ("٣", "٦", "٢٠٢٢"),
            ("1", "1", "+202"),
            (" 1", "1 ", "2022"),
        ]
    ),
    st.tuples(DAY_PARTS["day"], DAY_PARTS["month"], DAY_PARTS["year"]),
    st.tuples(TEXT, TEXT, TEXT),
)
