"""Reads for retention: how long each record type is kept, which records are due for
anonymisation on a day, and which complaints a legal hold keeps back."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, F, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest

from redress.complaints.choices import StageStatus
from redress.complaints.models import Complaint, Stage
from redress.feedback.models import Compliment, InformalFeedback
from redress.front.models import Submission, SubmissionStatus
from redress.ombudsman.models import Enquiry

from .models import DEFAULT_YEARS, Anonymisation, LegalHold, RecordType, RetentionPeriod

# Anonymisation.record_type of a person: people are anonymised with their last complaint.
PERSON = "person"
# ... and of a submission sent online (redress.front), with its complaint or on its own.
SUBMISSION = "submission"


def retention_years(record_type: str) -> int:
    """The years a record type is kept: as configured in the admin, else `DEFAULT_YEARS`."""
    configured = RetentionPeriod.objects.filter(record_type=record_type).values_list(
        "years", flat=True
    )
    return next(iter(configured), DEFAULT_YEARS)


def policy_text(record_type: str) -> str:
    """The rule applied, as the audit trail and the command say it."""
    years = retention_years(record_type)
    anchor = "closing" if record_type == RecordType.COMPLAINT else "receipt"
    return f"{RecordType(record_type).label.split(' (')[0].lower()}: {years} years after {anchor}"


def cutoff(as_of: datetime.date, years: int) -> datetime.date:
    """The last day a record may have closed (or been received) and be due on `as_of`."""
    try:
        return as_of.replace(year=as_of.year - years)
    except ValueError:  # 29 February, in a year that has none
        return as_of.replace(year=as_of.year - years, day=28)


def anonymised_ids(record_type: str, ids: Iterable[int] | None = None) -> set[int]:
    rows = Anonymisation.objects.filter(record_type=record_type)
    if ids is not None:
        rows = rows.filter(object_id__in=list(ids))
    return set(rows.values_list("object_id", flat=True))


def legal_hold_in_force(complaint: Complaint) -> LegalHold | None:
    return LegalHold.objects.filter(complaint=complaint, lifted_at__isnull=True).first()


def legal_holds(complaint: Complaint) -> list[LegalHold]:
    """Every hold placed on the complaint, newest first, with who placed and lifted it."""
    return list(
        LegalHold.objects.filter(complaint=complaint)
        .select_related("placed_by", "lifted_by")
        .order_by("-placed_at", "-id")
    )


def is_anonymised(complaint: Complaint) -> bool:
    return bool(anonymised_ids(RecordType.COMPLAINT, [complaint.pk]))


def _closed_complaints() -> QuerySet[Any]:
    """Closed complaints annotated with `closed_on`: the last of their stages' response (or
    closing) dates and their Ombudsman enquiries' decisions and remedies. A complaint with an
    Ombudsman enquiry still undecided, or a remedy still to complete, has not closed."""
    last_stage = (
        Stage.objects.filter(complaint=OuterRef("pk"))
        .order_by()
        .values("complaint")
        .annotate(last=Max("responded_date"))
        .values("last")
    )
    last_enquiry = (
        Enquiry.objects.filter(complaint=OuterRef("pk"))
        .order_by()
        .values("complaint")
        .annotate(last=Max(Coalesce("remedy_completed_date", "decision_date")))
        .values("last")
    )
    enquiry_open = Enquiry.objects.filter(complaint=OuterRef("pk")).filter(
        Q(decision_date__isnull=True)
        | Q(remedy_due_date__isnull=False, remedy_completed_date__isnull=True)
    )
    stage_last = Subquery(last_stage)
    return (
        Complaint.objects.filter(status=StageStatus.CLOSED)
        .exclude(Exists(enquiry_open))
        .annotate(stage_closed_on=stage_last)
        .annotate(
            closed_on=Greatest(
                F("stage_closed_on"), Coalesce(Subquery(last_enquiry), F("stage_closed_on"))
            )
        )
        .filter(closed_on__isnull=False)
    )


def complaints_past_retention(*, as_of: datetime.date) -> QuerySet[Any]:
    """Closed complaints whose retention period has ended by `as_of`, not yet anonymised,
    legal holds or not (annotated `closed_on`, `held`)."""
    years = retention_years(RecordType.COMPLAINT)
    done = Anonymisation.objects.filter(record_type=RecordType.COMPLAINT, object_id=OuterRef("pk"))
    held = LegalHold.objects.filter(complaint=OuterRef("pk"), lifted_at__isnull=True)
    last_day = cutoff(as_of, years)
    return (
        _closed_complaints()
        # Received by then too (an indexed column): spares the subqueries for recent complaints.
        .filter(received_date__lte=last_day, closed_on__lte=last_day)
        .exclude(Exists(done))
        .annotate(held=Exists(held))
        .order_by("closed_on", "reference")
    )


def complaints_due(*, as_of: datetime.date) -> QuerySet[Any]:
    """The complaints to anonymise on `as_of`: past their retention period, no legal hold."""
    return complaints_past_retention(as_of=as_of).filter(held=False)


def complaints_held(*, as_of: datetime.date) -> QuerySet[Any]:
    """Complaints past their retention period that a legal hold keeps back."""
    return complaints_past_retention(as_of=as_of).filter(held=True)


def feedback_due(*, as_of: datetime.date) -> QuerySet[InformalFeedback]:
    years = retention_years(RecordType.INFORMAL_FEEDBACK)
    done = Anonymisation.objects.filter(
        record_type=RecordType.INFORMAL_FEEDBACK, object_id=OuterRef("pk")
    )
    return (
        InformalFeedback.objects.filter(received_date__lte=cutoff(as_of, years))
        .exclude(Exists(done))
        .order_by("received_date", "id")
    )


def compliments_due(*, as_of: datetime.date) -> QuerySet[Compliment]:
    years = retention_years(RecordType.COMPLIMENT)
    done = Anonymisation.objects.filter(record_type=RecordType.COMPLIMENT, object_id=OuterRef("pk"))
    return (
        Compliment.objects.filter(received_date__lte=cutoff(as_of, years))
        .exclude(Exists(done))
        .order_by("received_date", "id")
    )


def submission_policy_text() -> str:
    years = retention_years(RecordType.COMPLAINT)
    return f"online submission not made a record: {years} years after receipt"


def submissions_of(complaint_ids: Iterable[int]) -> list[int]:
    """The submissions sent online that became these complaints or asked for their next stage,
    not yet anonymised. One still waiting for triage is never anonymised."""
    done = Anonymisation.objects.filter(record_type=SUBMISSION, object_id=OuterRef("pk"))
    return list(
        Submission.objects.filter(complaint_id__in=list(complaint_ids))
        .exclude(status=SubmissionStatus.WAITING)
        .exclude(Exists(done))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def submissions_due(*, as_of: datetime.date) -> QuerySet[Submission]:
    """Submissions sent online that never became a complaint's record (declined, or recorded
    as a compliment or informal feedback), past the complaints' retention period counted from
    the day they were sent, not yet anonymised; also those of a complaint anonymised while they
    were still waiting. One still waiting for triage is never due."""
    years = retention_years(RecordType.COMPLAINT)
    done = Anonymisation.objects.filter(record_type=SUBMISSION, object_id=OuterRef("pk"))
    complaint_done = Anonymisation.objects.filter(
        record_type=RecordType.COMPLAINT, object_id=OuterRef("complaint_id")
    )
    return (
        Submission.objects.filter(received_date__lte=cutoff(as_of, years))
        .exclude(status=SubmissionStatus.WAITING)
        .filter(Q(complaint__isnull=True) | Exists(complaint_done))
        .exclude(Exists(done))
        .order_by("received_date", "id")
    )


def people_of(complaint_ids: Iterable[int]) -> dict[int, set[int]]:
    """person id -> every complaint they are behind (complainant, child, on whose behalf,
    advocate), for the people behind these complaints."""
    ids = list(complaint_ids)
    people: set[int] = set()
    for path in ("complainant_id", "on_behalf_of_id", "advocate_person_id", "children__id"):
        people |= {
            pk
            for pk in Complaint.objects.filter(pk__in=ids).values_list(path, flat=True)
            if pk is not None
        }
    return complaints_of_people(people)


def complaints_of_people(person_ids: Iterable[int]) -> dict[int, set[int]]:
    people = list(person_ids)
    out: dict[int, set[int]] = defaultdict(set)
    for path in ("complainant_id", "on_behalf_of_id", "advocate_person_id", "children__id"):
        rows = Complaint.objects.filter(**{f"{path}__in": people}).values_list(path, "pk")
        for person, complaint in rows:
            out[person].add(complaint)
    return out


def people_released(complaint_ids: Iterable[int], *, also_done: Iterable[int] = ()) -> list[int]:
    """The people behind these complaints every one of whose complaints is anonymised, or is
    among `also_done` (being anonymised now), and who are not anonymised yet."""
    done_now = also_done if isinstance(also_done, set) else set(also_done)
    links = people_of(complaint_ids)
    every = set().union(*links.values()) if links else set()
    done = anonymised_ids(RecordType.COMPLAINT, every) | done_now
    already = anonymised_ids(PERSON, links)
    return sorted(p for p, cs in links.items() if cs <= done and p not in already)
