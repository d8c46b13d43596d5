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


class BirthForm(forms.Form):
    born = DateInputField(label="Date of birth", earliest_year=1900)


@pytest.mark.parametrize("year", ["0001", "1066", "1989"])
def test_a_date_before_the_records_can_be_is_refused(year):
    """Found by `make fuzz`: an Ombudsman enquiry received on 1 January 0001 was saved. No date
    of a complaint's record is before 1990 (as imports refuse: REDRESS_IMPORT_EARLIEST_YEAR)."""
    form = DateForm({"on-day": "1", "on-month": "1", "on-year": year})
    assert not form.is_valid()
    assert form.errors["on"] == ["Date responded must be the same as or after 1 January 1990"]


def test_a_date_of_birth_may_be_long_before():
    assert BirthForm({"born-day": "3", "born-month": "4", "born-year": "1950"}).is_valid()
    form = BirthForm({"born-day": "3", "born-month": "4", "born-year": "1899"})
    assert form.errors["born"] == ["Date of birth must be the same as or after 1 January 1900"]
