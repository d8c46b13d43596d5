"""The shared presenters: how a value of any kind is shown."""

import datetime
from decimal import Decimal

import pytest

from redress.core import presenters


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, "Not available"),
        (True, "Yes"),
        (False, "No"),
        (1018, "1,018"),
        (Decimal("7089"), "£7,089.00"),
        (28.81, "28.81"),
        (datetime.date(2022, 3, 31), "31 March 2022"),
        ("Mainstream Fostering", "Mainstream Fostering"),
    ],
)
def test_any_value_is_shown_as_its_kind(value, shown):
    assert presenters.any_value(value) == shown


@pytest.mark.parametrize(
    ("moment", "long", "short"),
    [
        # 00:30 BST on 1 April 2021 is 23:30 UTC on 31 March: the reader's day is 1 April.
        (datetime.datetime(2021, 3, 31, 23, 30, tzinfo=datetime.UTC), "1 April 2021", "1 Apr 2021"),
        # 00:59 BST on 1 October 2021.
        (
            datetime.datetime(2021, 9, 30, 23, 59, tzinfo=datetime.UTC),
            "1 October 2021",
            "1 Oct 2021",
        ),
        # In winter London is on UTC: 00:30 UTC on 1 January is 1 January.
        (datetime.datetime(2022, 1, 1, 0, 30, tzinfo=datetime.UTC), "1 January 2022", "1 Jan 2022"),
        # A date is taken as it is.
        (datetime.date(2021, 3, 31), "31 March 2021", "31 Mar 2021"),
    ],
)
def test_an_aware_moment_is_dated_in_the_local_time_zone(moment, long, short):
    assert presenters.govuk_date(moment) == long
    assert presenters.short_date(moment) == short
    assert presenters.any_value(moment) == long


def test_local_day_is_the_day_a_moment_fell_on_where_the_authority_is():
    # 00:30 BST on 1 April 2021 is 23:30 UTC on 31 March.
    moment = datetime.datetime(2021, 3, 31, 23, 30, tzinfo=datetime.UTC)
    assert presenters.local_day(moment) == datetime.date(2021, 4, 1)
    # Dates and naive datetimes are taken as they are.
    assert presenters.local_day(datetime.date(2021, 3, 31)) == datetime.date(2021, 3, 31)
    naive = datetime.datetime(2021, 3, 31, 23, 30)
    assert presenters.local_day(naive) == naive


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("fewer than 5 stage 1 complaints", "Fewer than 5 stage 1 complaints"),
        ("referred to the Ombudsman", "Referred to the Ombudsman"),  # later capitals kept
        ("2 days overdue", "2 days overdue"),
        ("", ""),
    ],
)
def test_first_capital_raises_only_the_first_letter(text, shown):
    assert presenters.first_capital(text) == shown
