"""Formatting in one place: dates, money, percentages and deadlines as people read them."""

import datetime
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import timezone


def local_day(value: datetime.date) -> datetime.date:
    """The day a moment fell on where the authority is (settings.TIME_ZONE), not in UTC.

    Aware datetimes are stored in UTC: 00:30 on 1 April in summer time is 23:30 on 31 March
    in UTC, and the reader's day is 1 April. Dates and naive datetimes are taken as they are.
    """
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).date()
    return value


def govuk_date(value: datetime.date | None, empty: str = "Not recorded") -> str:
    """`1 April 2021`, the GOV.UK style."""
    if value is None:
        return empty
    value = local_day(value)
    return f"{value.day} {value:%B %Y}"


def short_date(value: datetime.date | None, empty: str = "–") -> str:
    """`1 Apr 2021`, for tables."""
    if value is None:
        return empty
    value = local_day(value)
    return f"{value.day} {value:%b %Y}"


def money(value: Decimal | int | None, empty: str = "–") -> str:
    """`£143,177.96`."""
    if value is None:
        return empty
    amount = Decimal(value).quantize(Decimal("0.01"), ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    return f"{sign}£{abs(amount):,.2f}"


def percent(value: float | Decimal | None, places: int = 1, empty: str = "–") -> str:
    """`13.3%` from 13.3."""
    if value is None:
        return empty
    return f"{Decimal(str(value)):.{places}f}%"


def count(value: int | None, empty: str = "–") -> str:
    """`1,018`."""
    return empty if value is None else f"{value:,}"


def working_days(value: int | None) -> str:
    if value is None:
        return "–"
    return "1 working day" if value == 1 else f"{value} working days"


def days_remaining(days: int | None) -> str:
    """How a deadline reads on a case list: due in 3 working days, due today, 2 overdue."""
    if days is None:
        return ""
    if days > 0:
        return f"due in {working_days(days)}"
    if days == 0:
        return "due today"
    return f"{working_days(-days)} overdue"


def yes_no(value: bool | None, empty: str = "Not known") -> str:
    if value is None:
        return empty
    return "Yes" if value else "No"


def number(value: float | Decimal | None, places: int = 2, empty: str = "–") -> str:
    """`28.81` (or `1,234.50`): a decimal number such as an average, to `places` places."""
    if value is None:
        return empty
    return f"{Decimal(str(value)):,.{places}f}"


def average_working_days(value: float | Decimal | None, empty: str = "–") -> str:
    """`28.81 working days`: an average, always to 2 places."""
    return empty if value is None else f"{number(value)} working days"


def any_value(value: object, empty: str = "Not available") -> str:
    """A value of any kind as a page shows it: a count, money, a date, yes or no, text."""
    if value is None:
        return empty
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, int):
        return count(value)
    if isinstance(value, Decimal):
        return money(value)
    if isinstance(value, float):
        return f"{value:,}"
    if isinstance(value, datetime.date):
        return govuk_date(value)
    return str(value)


def first_capital(text: str) -> str:
    """The text with a capital first letter and the rest as it is, to open a sentence or a
    heading: "Fewer than 5 …" from "fewer than 5 …". (`str.capitalize` lowers every other
    letter: "referred to the Ombudsman" would end "ombudsman".)"""
    return text[:1].upper() + text[1:]


def fewer_than(threshold: int) -> str:
    """`fewer than 5`: a count withheld from a published report."""
    return f"fewer than {threshold}"


def and_list(items: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def plural_noun(singular: str) -> str:
    """A regular noun's plural: "enquiry" → "enquiries", "survey" → "surveys" (a vowel before
    the y), "payment" → "payments"."""
    if singular.endswith("y") and singular[-2:-1] not in set("aeiou"):
        return singular[:-1] + "ies"
    return singular + "s"


def plural(value: int | None, singular: str, plural_form: str | None = None) -> str:
    """The word that goes with a count: `complaint` for 1, `complaints` otherwise."""
    return singular if value == 1 else (plural_form or f"{singular}s")


def month_name(month: int) -> str:
    """`April` for 4."""
    return f"{datetime.date(2000, month, 1):%B}"


FILTERS: dict[str, Callable[..., Any]] = {
    "govuk_date": govuk_date,
    "short_date": short_date,
    "money": money,
    "percent": percent,
    "count": count,
    "working_days": working_days,
    "days_remaining": days_remaining,
    "yes_no": yes_no,
    "number": number,
    "average_working_days": average_working_days,
}
