"""Builders and assertions shared by the service tests."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import time_machine
from django.db import models

from redress.complaints.models import (
    Appointment,
    Aspect,
    Complaint,
    Extension,
    LearningAction,
    Mediation,
    Payment,
    Stage,
)
from redress.complaints.tests.factories import ComplaintFactory, StageFactory
from redress.core.audit import snapshot
from redress.core.models import AuditEvent
from redress.procedures.models import Procedure

D = datetime.date.fromisoformat
TODAY = D("2022-01-10")

WATCHED: tuple[type[models.Model], ...] = (
    Complaint,
    Stage,
    Extension,
    Aspect,
    Appointment,
    Mediation,
    Payment,
    LearningAction,
    AuditEvent,
)


def frozen_today(day: datetime.date = TODAY) -> time_machine.travel:
    """Noon in London on `day`, with the clock stopped."""
    return time_machine.travel(
        datetime.datetime(day.year, day.month, day.day, 12, tzinfo=datetime.UTC), tick=False
    )


def procedure(code: str) -> Procedure:
    return Procedure.objects.get(code=code)


def complaint_with(*stages: dict[str, Any], code: str = "statutory", **fields: Any) -> Complaint:
    """A complaint with stages 1, 2, ... built from the field dicts given (stage 1 received on
    1 April 2021 unless said otherwise)."""
    stages = stages or ({},)
    first = {"received_date": D("2021-04-01"), **stages[0]}
    complaint = ComplaintFactory(
        received_date=first["received_date"], procedure=procedure(code), stage1=False, **fields
    )
    for number, stage_fields in enumerate([first, *stages[1:]], start=1):
        StageFactory(complaint=complaint, number=number, **stage_fields)
    return complaint


def stage_of(complaint: Complaint, number: int) -> Stage:
    return complaint.stages.get(number=number)


def only_event(action: str) -> AuditEvent:
    events = list(AuditEvent.objects.filter(action=action))
    assert len(events) == 1, f"expected one {action} event, found {len(events)}"
    return events[0]


@contextmanager
def nothing_written(*instances: models.Model) -> Iterator[None]:
    """Assert that the block leaves every watched table, and the instances given, as it found
    them (use around `pytest.raises`)."""
    counts = {m: m.objects.count() for m in WATCHED}

    def stored(instance: models.Model) -> dict[str, Any]:
        return snapshot(type(instance)._default_manager.get(pk=instance.pk))

    before = [(i, stored(i)) for i in instances]
    yield
    assert {m: m.objects.count() for m in WATCHED} == counts
    for instance, values in before:
        assert stored(instance) == values
