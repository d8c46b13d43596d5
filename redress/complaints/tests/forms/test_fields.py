"""The GOV.UK date input's field: a day, month and year typed in three boxes."""

import pytest
from django import forms

from redress.complaints.forms.fields import DateInputField


class DateForm(forms.Form):
    on = DateInputField(label="Date responded")


@pytest.mark.parametrize(
    ("day", "month", "year"),
    [
        ("30", "2", "2021"),
        ("10", "13", "2022"),
        # Found by `make fuzz`: numbers past C's int overflowed (a server error), not ValueError.
        ("10", "2147483648", "2022"),
        ("99999999999999999999", "1", "2022"),
    ],
)
def test_an_impossible_date_is_a_message_not_a_server_error(day, month, year):
    form = DateForm({"on-day": day, "on-month": month, "on-year": year})
    assert not form.is_valid()
    assert form.errors["on"] == ["Date responded must be a real date, like 27 3 2021"]
