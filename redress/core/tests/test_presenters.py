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
