import datetime

import pytest

from redress.core.models import AuditEvent
from redress.organisations.models import ServiceArea
from redress.organisations.services import (
    closure_day_add,
    closure_day_remove,
    locality_create,
    service_area_create,
    service_area_restructure,
)
from redress.organisations.tests.factories import LocalityFactory, ServiceAreaFactory
from redress.procedures import rules
from redress.procedures.models import ClosureDay
from redress.procedures.selectors import working_calendar

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat


def test_restructure_closes_one_version_and_opens_the_next(manager):
    south = LocalityFactory(name="South")
    old = ServiceAreaFactory(name="Assessment", valid_from=D("2020-04-01"))
    new = service_area_restructure(
        service_area=old, on=D("2022-01-10"), name="South Assessment", locality=south, by=manager
    )
    old.refresh_from_db()
    assert old.valid_to == D("2022-01-09")
    assert (new.name, new.locality, new.valid_from, new.valid_to) == (
        "South Assessment",
        south,
        D("2022-01-10"),
        None,
    )
    assert list(ServiceArea.objects.effective_on(D("2022-01-09"))) == [old]
    assert list(ServiceArea.objects.effective_on(D("2022-01-10"))) == [new]
    closed = AuditEvent.objects.get(action="service_area.close")
    assert (closed.before["valid_to"], closed.after["valid_to"]) == (None, "2022-01-09")
    opened = AuditEvent.objects.get(action="service_area.open")
    assert (opened.actor, opened.after["valid_from"]) == (manager, "2022-01-10")


def test_restructure_keeps_what_is_not_given():
    west = LocalityFactory(name="West")
    old = ServiceAreaFactory(name="Fostering", locality=west)
    new = service_area_restructure(service_area=old, on=D("2022-01-10"), by=None)
    assert (new.name, new.locality) == ("Fostering", west)


def test_restructure_date_must_fall_inside_the_version():
    old = ServiceAreaFactory(name="Assessment", valid_from=D("2021-04-01"))
    with pytest.raises(rules.RestructureDateNotValid) as err:
        service_area_restructure(service_area=old, on=D("2021-04-01"), by=None)
    assert err.value.message == (
        "Assessment is in use from 1 April 2021, so it cannot be restructured from 1 April 2021."
    )
    assert ServiceArea.objects.count() == 1
    assert not AuditEvent.objects.exists()


def test_versions_are_unique():
    ServiceAreaFactory(name="Assessment", valid_from=D("2022-01-10"))
    old = ServiceAreaFactory(name="Old Assessment")
    with pytest.raises(rules.VersionExists) as err:
        service_area_restructure(service_area=old, on=D("2022-01-10"), name="Assessment", by=None)
    assert err.value.message == (
        "There is already a service area called Assessment in use from 10 January 2022."
    )
    old.refresh_from_db()
    assert old.valid_to is None


def test_create_service_area_and_locality(manager):
    north = locality_create(name="North", by=manager)
    area = service_area_create(name="North Assessment", locality=north, by=manager)
    assert area.locality == north
    assert (
        AuditEvent.objects.filter(action__in=["locality.create", "service_area.create"]).count()
        == 2
    )
    with pytest.raises(rules.VersionExists, match="from the start of records"):
        locality_create(name="North", by=manager)


def test_closure_days_change_the_calendar(manager):
    day = D("2021-12-29")
    assert working_calendar().is_working_day(day)
    closure_day_add(day=day, reason="Christmas closure", by=manager)
    assert not working_calendar().is_working_day(day)
    with pytest.raises(rules.ClosureDayExists) as err:
        closure_day_add(day=day, by=manager)
    assert err.value.message == "29 December 2021 is already a closure day (Christmas closure)."
    closure_day_remove(day=day, by=manager)
    assert working_calendar().is_working_day(day)
    assert [e.action for e in AuditEvent.objects.all()] == ["closure_day.add", "closure_day.remove"]
    with pytest.raises(rules.NotAClosureDay):
        closure_day_remove(day=day, by=manager)
    assert not ClosureDay.objects.exists()
