"""Browser tests of the staff app. The browser, pages, sign_in and the axe check live in
support.py (registered in redress/conftest.py); this adds the case load they look at."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone


@pytest.fixture
def caseload(db, officer, responding_manager, investigator):
    """Complaints around today: one overdue, one due soon, one closed, one at stage 2 with an
    extension, an aspect, an appointment, a payment and a timeline."""
    from redress.complaints.state import refresh_complaints
    from redress.complaints.tests.factories import (
        AppointmentFactory,
        AspectFactory,
        ComplaintFactory,
        ExtensionFactory,
        LearningActionFactory,
        PaymentFactory,
        StageFactory,
    )
    from redress.core import audit
    from redress.organisations.tests.factories import LocalityFactory, ServiceAreaFactory

    today = timezone.localdate()
    days = datetime.timedelta
    north = LocalityFactory(name="North")
    fostering = ServiceAreaFactory(name="Fostering", locality=north)
    overdue = ComplaintFactory(
        reference="CSC-2021-0001",
        received_date=today - days(40),
        service_area=fostering,
        locality=north,
        summary="Meetings were cancelled at short notice.",
    )
    due_soon = ComplaintFactory(reference="CSC-2021-0002", received_date=today - days(9))
    closed = ComplaintFactory(reference="CSC-2021-0003", received_date=today - days(60))
    closed.stages.update(responded_date=today - days(50), outcome="partially_upheld")
    refresh_complaints([closed.pk])
    escalated = ComplaintFactory(reference="CSC-2021-0004", received_date=today - days(90))
    first = escalated.stages.get()
    first.responded_date = today - days(80)
    first.outcome = "not_upheld"
    first.save()
    AspectFactory(stage=first, finding="not_upheld")
    stage2 = StageFactory(
        complaint=escalated,
        number=2,
        received_date=today - days(30),
        allocated_to=responding_manager,
    )
    ExtensionFactory(stage=stage2, extended_to_days=65, reason="The investigation is complex")
    AppointmentFactory(stage=stage2, user=investigator, name="Ivan Investigator")
    PaymentFactory(complaint=escalated, stage="2", kind="investigating_officer")
    LearningActionFactory(complaint=escalated)
    audit.record(
        action="stage.acknowledge",
        obj=stage2,
        by=officer,
        before={"acknowledged_date": None},
        after={"acknowledged_date": (today - days(29)).isoformat()},
        complaint=escalated,
    )
    return SimpleNamespace(overdue=overdue, due_soon=due_soon, closed=closed, escalated=escalated)
