"""A child's or young person's age band, worked out from the date of birth."""

from __future__ import annotations

import datetime

from .models import AgeBand

CHILD_BANDS = (
    (4, AgeBand.UNDER_5),
    (9, AgeBand.FROM_5),
    (15, AgeBand.FROM_10),
    (17, AgeBand.FROM_16),
    (25, AgeBand.CARE_LEAVER),
)


def age_on(born: datetime.date, on: datetime.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def age_band(born: datetime.date, on: datetime.date) -> str | None:
    """A child's or young person's age band on a day; None past 25."""
    age = age_on(born, on)
    return next((str(band) for upper, band in CHILD_BANDS if age <= upper), None)
