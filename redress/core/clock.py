"""Today's date, as Redress sees it.

Normally the local date. A demonstration can pin it (`REDRESS_TODAY=2022-05-31`, which
`make demo` sets) so that a dataset taken on that day reads as it did then: deadlines "due in 3
working days" rather than "1,200 working days overdue", and reports defaulting to that year.
"""

import datetime

from django.conf import settings
from django.utils import timezone


def today() -> datetime.date:
    pinned: datetime.date | None = getattr(settings, "REDRESS_TODAY", None)
    return pinned or timezone.localdate()
