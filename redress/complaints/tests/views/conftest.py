"""A small caseload, seen on Monday 21 June 2021."""

import datetime
from types import SimpleNamespace

import pytest
import time_machine

from redress.complaints.state import refresh_complaints
from redress.complaints.tests.factories import (
    AppointmentFactory,
    ComplaintFactory,
    StageFactory,
)
from redress.organisations.tests.factories import LocalityFactory, ServiceAreaFactory
from redress.procedures.models import Procedure

TODAY = datetime.date(2021, 6, 21)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2021, 6, 21, 11, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def caseload(d, responding_manager, investigator):
    """Four complaints: one due today, one overdue (over the Spring bank holiday), one closed,
    and one at stage 2 allocated to the responding manager with the investigator appointed."""
    north = LocalityFactory(name="North")
    fostering = ServiceAreaFactory(name="Fostering")
    safeguarding = ServiceAreaFactory(name="South Safeguarding")
    due_today = ComplaintFactory(
        reference="CSC-2021-0001",
        received_date=d("2021-06-07"),
        service_area=fostering,
        locality=north,
        complainant__name="Alex Parent",
    )
    overdue = ComplaintFactory(
        reference="CSC-2021-0002",
        received_date=d("2021-05-24"),
        service_area=safeguarding,
        complainant_type="child_young_person",
    )
    closed = ComplaintFactory(
        reference="CSC-2021-0003",
        received_date=d("2021-05-10"),
        service_area=fostering,
        procedure=Procedure.objects.get(code="local"),
    )
    closed.stages.update(responded_date=d("2021-05-20"), outcome="upheld")
    escalated = ComplaintFactory(
        reference="CSC-2021-0004", received_date=d("2021-04-12"), service_area=safeguarding
    )
    escalated.stages.update(responded_date=d("2021-04-23"), outcome="not_upheld")
    stage2 = StageFactory(
        complaint=escalated,
        number=2,
        received_date=d("2021-06-14"),
        allocated_to=responding_manager,
    )
    AppointmentFactory(stage=stage2, user=investigator, name="Ivan Investigator")
    refresh_complaints([closed.pk, escalated.pk])
    return SimpleNamespace(
        due_today=due_today, overdue=overdue, closed=closed, escalated=escalated, stage2=stage2
    )
