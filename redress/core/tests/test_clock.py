"""Redress's clock: the real one, or a pinned day (demonstrations) with the real time of day."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType

from redress.core import audit, clock
from redress.core.models import AuthoritySetting

LONDON = ZoneInfo("Europe/London")
# A winter afternoon, real time: 14:05 in London (GMT).
REAL = datetime.datetime(2025, 1, 15, 14, 5, 30, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _real_moment():
    with time_machine.travel(REAL, tick=False):
        yield


def test_unpinned_it_is_the_real_clock(settings):
    settings.REDRESS_TODAY = None
    assert clock.today() == datetime.date(2025, 1, 15)
    assert clock.now() == REAL


def test_pinned_it_is_the_pinned_day_at_the_real_time_of_day(settings):
    settings.REDRESS_TODAY = datetime.date(2022, 5, 31)
    now = clock.now()
    assert clock.today() == now.astimezone(LONDON).date() == datetime.date(2022, 5, 31)
    # 14:05 on the wall clock; on 31 May London is on summer time, so 13:05 UTC.
    assert now.astimezone(LONDON).time() == datetime.time(14, 5, 30)
    assert now.astimezone(datetime.UTC) == datetime.datetime(
        2022, 5, 31, 13, 5, 30, tzinfo=datetime.UTC
    )


def test_pinned_late_at_night_stays_on_the_pinned_day(settings):
    """23:30 in London in summer is already tomorrow in UTC; the local day is what counts."""
    settings.REDRESS_TODAY = datetime.date(2022, 5, 31)
    with time_machine.travel(datetime.datetime(2025, 7, 1, 22, 30, tzinfo=datetime.UTC)):
        assert clock.now().astimezone(LONDON).date() == datetime.date(2022, 5, 31)


@pytest.mark.django_db
def test_audit_events_recorded_while_pinned_are_stamped_on_the_pinned_day(settings):
    settings.REDRESS_TODAY = datetime.date(2022, 5, 31)
    setting = AuthoritySetting.objects.create(key="authority_name", value="Kingsmoor")
    event = audit.record(action="config.set", obj=setting, by=None, after={"a": 1})
    event.refresh_from_db()
    assert event.at.astimezone(LONDON) == datetime.datetime(2022, 5, 31, 14, 5, 30, tzinfo=LONDON)
    assert event.content_type == ContentType.objects.get_for_model(AuthoritySetting)
