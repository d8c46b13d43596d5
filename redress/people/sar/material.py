"""Everything Redress holds about one person, gathered for a subject access request: their
record, every complaint they are linked to (as complainant, the child it is on behalf of, a
child it is about, or advocate) with everything recorded on those complaints, what they sent
through the public pages, and the audit events about any of it. Reads only; the export that
writes them out is `services`.

Each record type is a `Table` of rows of plain values (text, numbers, dates, JSON), labelled
for people (choices by their labels, staff and people by name) and written as CSV, JSON and
the summary page by `package`, so all three say the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models
from django.db.models import Q

from redress.complaints.models import (
    Appointment,
    Aspect,
    Complaint,
    Extension,
    Hold,
    LearningAction,
    Mediation,
    Payment,
    Stage,
)
from redress.documents.models import Document
from redress.feedback.models import SatisfactionAnswer
from redress.front.models import Submission
from redress.letters.models import Letter
from redress.ombudsman.models import Enquiry, Remedy
from redress.people.models import Person
from redress.reporting.models import PublishableExcerpt
from redress.retention.models import LegalHold
from redress.surveys.models import Survey

from .audit_trail import audit_table
from .case_records import case_tables, correspondence_tables, excerpts_table, legal_holds_table
from .complaint_records import complaints_table, person_table, stage_tables
from .documents import documents_of, documents_table
from .submissions import submissions_of, submissions_table
from .tables import ROLES, Table


@dataclass
class Material:
    person: Person
    tables: list[Table]
    # The other people linked to the person's complaints, with how (for the redactions).
    others: dict[int, tuple[Person, list[str]]] = field(default_factory=dict)
    # The documents on their complaints (the files go into the export with the tables).
    documents: list[Document] = field(default_factory=list)


def person_by_key_or_id(value: str) -> Person | None:
    """The person with this record key, else (for digits) this id; None if there is none."""
    value = value.strip()
    person = Person.objects.filter(key=value).first() if value else None
    if person is None and value.isdigit():
        person = Person.objects.filter(pk=int(value)).first()
    return person


def complaints_of(person: Person) -> list[Complaint]:
    """Every complaint the person is linked to, oldest first."""
    ids: set[int] = set()
    for link in ("complainant", "on_behalf_of", "children", "advocate_person"):
        ids |= set(Complaint.objects.filter(**{link: person}).values_list("pk", flat=True))
    return list(
        Complaint.objects.filter(pk__in=ids)
        .select_related(
            "procedure",
            "complainant",
            "on_behalf_of",
            "advocate_person",
            "organisation",
            "service_area",
            "locality",
            "theme",
            "related_to",
        )
        .prefetch_related("children")
        .order_by("received_date", "reference")
    )


def subject_access_material(*, person: Person) -> Material:
    """Everything held about `person`, as tables, with the other people on their complaints."""
    complaints = complaints_of(person)
    complaint_ids = [c.pk for c in complaints]
    stages = list(
        Stage.objects.filter(complaint__in=complaint_ids)
        .select_related("complaint", "organisation", "allocated_to", "responded_by")
        .prefetch_related(
            "aspects__category",
            "aspects__subcategory",
            "appointments",
            "extensions__agreed_by",
            "holds__placed_by",
        )
        .order_by("complaint__received_date", "complaint__reference", "number")
    )
    enquiries = list(
        Enquiry.objects.filter(complaint__in=complaint_ids).select_related("complaint")
    )
    action_ids = list(
        LearningAction.objects.filter(complaint__in=complaint_ids).values_list("pk", flat=True)
    )
    tables = [
        person_table(person),
        complaints_table(person, complaints),
        *stage_tables(stages),
        *case_tables(complaint_ids, enquiries),
        *correspondence_tables(complaint_ids),
        excerpts_table(complaint_ids, action_ids),
        legal_holds_table(complaint_ids),
    ]
    documents = documents_of(complaint_ids)
    tables.append(documents_table(documents))
    submissions = submissions_of(person, complaint_ids)
    tables.append(submissions_table(submissions))
    stage_ids = [s.pk for s in stages]
    on_stages = {"stage__in": stage_ids}
    records: dict[type[models.Model], list[int]] = {
        Person: [person.pk],
        Complaint: complaint_ids,
        Stage: stage_ids,
        Enquiry: [e.pk for e in enquiries],
        LearningAction: action_ids,
        **{
            model: list(model.objects.filter(**on_stages).values_list("pk", flat=True))
            for model in (Aspect, Appointment, Extension, Hold)
        },
        **{
            model: list(
                model.objects.filter(complaint__in=complaint_ids).values_list("pk", flat=True)
            )
            for model in (Mediation, SatisfactionAnswer, LegalHold, Letter, Survey)
        },
        PublishableExcerpt: list(
            PublishableExcerpt.objects.filter(
                Q(complaint__in=complaint_ids) | Q(learning_action__in=action_ids)
            ).values_list("pk", flat=True)
        ),
        Payment: list(
            Payment.objects.filter(
                Q(complaint__in=complaint_ids) | Q(enquiry__in=enquiries)
            ).values_list("pk", flat=True)
        ),
        Remedy: list(Remedy.objects.filter(enquiry__in=enquiries).values_list("pk", flat=True)),
        Document: [d.pk for d in documents],
        Submission: [s.pk for s in submissions],
    }
    tables.append(audit_table(person, complaint_ids, records))
    others: dict[int, tuple[Person, list[str]]] = {}
    for c in complaints:
        linked = [
            ("complainant", c.complainant),
            ("on_behalf_of", c.on_behalf_of),
            ("advocate_person", c.advocate_person),
            *(("children", child) for child in c.children.all()),
        ]
        for link, other in linked:
            if other is None or other.pk == person.pk:
                continue
            relation = f"{ROLES[link]} on {c.reference}"
            entry = others.setdefault(other.pk, (other, []))
            if relation not in entry[1]:
                entry[1].append(relation)
    return Material(person=person, tables=tables, others=others, documents=documents)
