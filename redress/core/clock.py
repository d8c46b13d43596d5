"""Today's date, as Redress sees it.

Normally the local date. A demonstration can pin it (`REDRESS_TODAY=2022-05-31`, which
`make demo` sets) so that a dataset taken on that day reads as it did then: deadlines "due in 3
working days" rather than "1,200 working days overdue", and reports defaulting to that year.
What is recorded meanwhile is stamped on that day too (`now`), so a timeline does not jump from
the pinned day to the real one.
"""

import datetime

from django.conf import settings
from django.utils import timezone


def today() -> datetime.date:
    pinned: datetime.date | None = getattr(settings, "REDRESS_TODAY", None)
    return pinned or timezone.localdate()


def now() -> datetime.datetime:
    """This moment, as Redress sees it: the real time of day, on the pinned day when today is
    pinned (so an event recorded during a demonstration reads as happening on its "today")."""
    real = timezone.now()
    pinned: datetime.date | None = getattr(settings, "REDRESS_TODAY", None)
    if pinned is None:
        return real
    local = timezone.localtime(real)
    # Replacing the date of a zone-aware local time keeps the zone, whose offset (summer time
    # or not) then follows the pinned date.
    return local.replace(year=pinned.year, month=pinned.month, day=pinned.day)
