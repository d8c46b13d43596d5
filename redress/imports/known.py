"""What Redress already holds for the references a file mentions: complaints and their stages.

Loaded once, in chunks, so checks such as "stage 2 without stage 1" can look at the database
as well as the file without a query per row.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from redress.complaints.models import Complaint, Stage

CHUNK = 5000


def chunks(values: Iterable[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for value in values:
        batch.append(value)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def rows_in(queryset: QuerySet, field_name: str, values: Iterable[Any]) -> Iterator[Any]:
    """Iterate a values()/values_list() query filtered by `field_name IN values`, in chunks that
    stay under every database's parameter limit."""
    for batch in chunks(sorted(set(values))):
        yield from queryset.filter(**{f"{field_name}__in": batch})


@dataclass(frozen=True)
class KnownComplaint:
    id: int
    procedure_id: int
    received_date: datetime.date


@dataclass(frozen=True)
class KnownStage:
    id: int
    received_date: datetime.date
    responded_date: datetime.date | None


@dataclass
class Known:
    complaints: dict[str, KnownComplaint] = field(default_factory=dict)
    stages: dict[tuple[int, int], KnownStage] = field(default_factory=dict)

    @classmethod
    def load(cls, references: Iterable[str]) -> Known:
        known = cls()
        query = Complaint.objects.values_list("reference", "id", "procedure_id", "received_date")
        for reference, pk, procedure_id, received in rows_in(query, "reference", references):
            known.complaints[reference] = KnownComplaint(pk, procedure_id, received)
        stages = Stage.objects.values_list(
            "complaint_id", "number", "id", "received_date", "responded_date"
        )
        ids = [c.id for c in known.complaints.values()]
        for complaint_id, number, pk, received, responded in rows_in(stages, "complaint_id", ids):
            known.stages[complaint_id, number] = KnownStage(pk, received, responded)
        return known
