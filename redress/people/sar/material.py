"""Everything Redress holds about one person, gathered for a subject access request: their
record, every complaint they are linked to (as complainant, the child it is on behalf of, a
child it is about, or advocate) with everything recorded on those complaints, and the audit
events about any of it. Reads only; the export that writes them out is `services`.

Each record type is a `Table` of rows of plain values (text, numbers, dates, JSON), labelled
for people (choices by their labels, staff and people by name) and written as CSV, JSON and
the summary page by `package`, so all three say the same.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
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
from redress.core.models import AuditEvent
from redress.feedback.models import SatisfactionAnswer
from redress.ombudsman.models import Enquiry, Remedy
from redress.people.models import Person
from redress.reporting.models import PublishableExcerpt

Value = str | int | bool | Decimal | datetime.date | datetime.datetime | dict | list | None

# How the person is linked to a complaint, by the complaint's field.
ROLES = {
    "complainant": "complainant",
    "on_behalf_of": "the child or young person it was made on behalf of",
    "children": "a child or young person it is about",
    "advocate_person": "advocate",
}
# The complaint's fields that name a person, as audit snapshots hold them (ids).
PERSON_FIELDS = ("complainant", "on_behalf_of", "advocate_person")


@dataclass(frozen=True)
class Table:
    """One record type: `name` is its files' name, `columns` (key, heading) in order; every
    row has every key, and `record` (the first column) says which record the row is."""

    name: str
    title: str
    columns: tuple[tuple[str, str], ...]
    rows: list[dict[str, Value]]


@dataclass
class Material:
    person: Person
    tables: list[Table]
    # The other people linked to the person's complaints, with how (for the redactions).
    others: dict[int, tuple[Person, list[str]]] = field(default_factory=dict)

    def table(self, name: str) -> Table:
        return next(t for t in self.tables if t.name == name)


def person_by_key_or_id(value: str) -> Person | None:
    """The person with this record key, else (for digits) this id; None if there is none."""
    value = value.strip()
    person = Person.objects.filter(key=value).first() if value else None
    if person is None and value.isdigit():
        person = Person.objects.filter(pk=int(value)).first()
    return person


def _table(name: str, title: str, columns: Iterable[tuple[str, str]], rows: list[dict]) -> Table:
    every = (("record", "Record"), *columns)
    keys = [key for key, _ in every]
    return Table(name, title, every, [{k: row.get(k) for k in keys} for row in rows])


def _who(user: Any) -> str:
    return user.display_name if user is not None else ""


def _named(person: Person | None) -> str:
    if person is None:
        return ""
    return f"{person.name} ({person.key})" if person.name else person.key


def _name(obj: Any) -> str:
    return obj.name if obj is not None else ""


def _roles(person: Person, complaint: Complaint) -> list[str]:
    roles = []
    if complaint.complainant_id == person.pk:
        roles.append(ROLES["complainant"])
    if complaint.on_behalf_of_id == person.pk:
        roles.append(ROLES["on_behalf_of"])
    if any(c.pk == person.pk for c in complaint.children.all()):
        roles.append(ROLES["children"])
    if complaint.advocate_person_id == person.pk:
        roles.append(ROLES["advocate_person"])
    return roles


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


def _person_table(person: Person) -> Table:
    return _table(
        "person",
        "Their record",
        [
            ("key", "Record key"),
            ("name", "Name"),
            ("email", "Email"),
            ("phone", "Phone"),
            ("address", "Address"),
            ("date_of_birth", "Date of birth"),
            ("age_band", "Age"),
            ("preferred_contact", "Preferred contact"),
            ("accessibility_needs", "Accessibility needs"),
            ("interpreter", "Interpreter (language)"),
            ("notes", "Notes"),
            ("created_at", "Recorded"),
            ("updated_at", "Last changed"),
        ],
        [
            {
                "record": person.key,
                **{
                    f: getattr(person, f)
                    for f in (
                        "key",
                        "name",
                        "email",
                        "phone",
                        "address",
                        "date_of_birth",
                        "accessibility_needs",
                        "interpreter",
                        "notes",
                        "created_at",
                        "updated_at",
                    )
                },
                "age_band": person.get_age_band_display(),
                "preferred_contact": person.get_preferred_contact_display(),
            }
        ],
    )


def _complaints_table(person: Person, complaints: list[Complaint]) -> Table:
    rows = [
        {
            "record": c.reference,
            "their_role": "; ".join(_roles(person, c)),
            "received_date": c.received_date,
            "procedure": c.procedure.name,
            "method": c.get_method_display(),
            "complainant": _named(c.complainant),
            "complainant_type": c.get_complainant_type_display(),
            "on_behalf_of": _named(c.on_behalf_of),
            "children": "; ".join(_named(child) for child in c.children.all()),
            "advocate": c.get_advocate_display(),
            "advocate_person": _named(c.advocate_person),
            "advocate_organisation": c.advocate_organisation,
            "advocacy_offered": c.advocacy_offered,
            "organisation": _name(c.organisation),
            "service_area": _name(c.service_area),
            "locality": _name(c.locality),
            "theme": _name(c.theme),
            "summary": c.summary,
            "desired_outcome": c.desired_outcome,
            "stage_reached": c.stage_reached,
            "status": c.get_status_display(),
            "due_date": c.due_date,
            "related_to": c.related_to.reference if c.related_to else "",
            "custom_data": c.custom_data,
            "created_at": c.created_at,
            "updated_at": c.updated_at,
        }
        for c in complaints
    ]
    return _table(
        "complaints",
        "Complaints",
        [
            ("their_role", "Their part in it"),
            ("received_date", "Received"),
            ("procedure", "Procedure"),
            ("method", "How received"),
            ("complainant", "Complainant"),
            ("complainant_type", "Who complained"),
            ("on_behalf_of", "On behalf of"),
            ("children", "Children and young people it is about"),
            ("advocate", "Advocacy"),
            ("advocate_person", "Advocate"),
            ("advocate_organisation", "Advocate's organisation"),
            ("advocacy_offered", "Advocacy offered"),
            ("organisation", "Organisation"),
            ("service_area", "Service area"),
            ("locality", "Locality"),
            ("theme", "Theme"),
            ("summary", "Summary"),
            ("desired_outcome", "What would put it right"),
            ("stage_reached", "Stage reached"),
            ("status", "Status"),
            ("due_date", "Due"),
            ("related_to", "Follows on from"),
            ("custom_data", "Other recorded values"),
            ("created_at", "Recorded"),
            ("updated_at", "Last changed"),
        ],
        rows,
    )


def _stage_label(stage: Stage) -> str:
    return f"{stage.complaint.reference} stage {stage.number}"


def _stage_tables(stages: list[Stage]) -> list[Table]:
    stage_rows, reasons, appointments, extensions, holds = [], [], [], [], []
    for s in stages:
        label, ref = _stage_label(s), s.complaint.reference
        stage_rows.append(
            {
                "record": label,
                "complaint": ref,
                "number": s.number,
                "received_date": s.received_date,
                "acknowledged_date": s.acknowledged_date,
                "statement_agreed_date": s.statement_agreed_date,
                "responded_date": s.responded_date,
                "outcome": s.get_outcome_display(),
                "organisation": _name(s.organisation),
                "io_report_date": s.io_report_date,
                "ip_report_date": s.ip_report_date,
                "adjudication_date": s.adjudication_date,
                "panel_date": s.panel_date,
                "panel_report_date": s.panel_report_date,
                "panel_recommendations": s.panel_recommendations,
                "closed_reason": s.closed_reason,
                "status": s.get_status_display(),
                "due_date": s.due_date,
                "held_days": s.held_days,
                "allocated_to": _who(s.allocated_to),
                "responded_by": _who(s.responded_by),
                "custom_data": s.custom_data,
            }
        )
        for i, a in enumerate(s.aspects.all(), start=1):
            reasons.append(
                {
                    "record": f"{label} reason {i}",
                    "complaint": ref,
                    "stage": s.number,
                    "category": a.category.name,
                    "subcategory": _name(a.subcategory),
                    "finding": a.get_finding_display(),
                    "custom_data": a.custom_data,
                }
            )
        for p in s.appointments.all():
            appointments.append(
                {
                    "record": f"{label} {p.get_role_display()}",
                    "complaint": ref,
                    "stage": s.number,
                    "role": p.get_role_display(),
                    "name": p.name,
                    "appointed_date": p.appointed_date,
                }
            )
        for i, e in enumerate(s.extensions.all(), start=1):
            extensions.append(
                {
                    "record": f"{label} extension {i}",
                    "complaint": ref,
                    "stage": s.number,
                    "agreed_date": e.agreed_date,
                    "extended_to_days": e.extended_to_days,
                    "reason": e.reason,
                    "agreed_by": _who(e.agreed_by),
                }
            )
        for i, h in enumerate(s.holds.all(), start=1):
            holds.append(
                {
                    "record": f"{label} hold {i}",
                    "complaint": ref,
                    "stage": s.number,
                    "start_date": h.start_date,
                    "end_date": h.end_date,
                    "reason": h.reason,
                    "placed_by": _who(h.placed_by),
                }
            )
    on_stage = [("complaint", "Complaint"), ("stage", "Stage")]
    return [
        _table(
            "stages",
            "Stages",
            [
                ("complaint", "Complaint"),
                ("number", "Stage"),
                ("received_date", "Received"),
                ("acknowledged_date", "Acknowledged"),
                ("statement_agreed_date", "Statement of complaint agreed"),
                ("responded_date", "Responded"),
                ("outcome", "Outcome"),
                ("organisation", "Organisation"),
                ("io_report_date", "Investigating officer's report"),
                ("ip_report_date", "Independent person's report"),
                ("adjudication_date", "Adjudication"),
                ("panel_date", "Review panel"),
                ("panel_report_date", "Panel's report"),
                ("panel_recommendations", "Panel's recommendations"),
                ("closed_reason", "Why withdrawn or outside jurisdiction"),
                ("status", "Status"),
                ("due_date", "Due"),
                ("held_days", "Working days on hold"),
                ("allocated_to", "Allocated to"),
                ("responded_by", "Responded by"),
                ("custom_data", "Other recorded values"),
            ],
            stage_rows,
        ),
        _table(
            "reasons",
            "Reasons for complaint and findings",
            [
                *on_stage,
                ("category", "Category"),
                ("subcategory", "Sub-category"),
                ("finding", "Finding"),
                ("custom_data", "Other recorded values"),
            ],
            reasons,
        ),
        _table(
            "appointments",
            "People appointed (investigating officers, independent persons, panel members)",
            [*on_stage, ("role", "Role"), ("name", "Name"), ("appointed_date", "Appointed")],
            appointments,
        ),
        _table(
            "extensions",
            "Extensions",
            [
                *on_stage,
                ("agreed_date", "Agreed"),
                ("extended_to_days", "Extended to (working days)"),
                ("reason", "Reason"),
                ("agreed_by", "Agreed by"),
            ],
            extensions,
        ),
        _table(
            "holds",
            "Holds",
            [
                *on_stage,
                ("start_date", "On hold from"),
                ("end_date", "Resumed"),
                ("reason", "Reason"),
                ("placed_by", "Put on hold by"),
            ],
            holds,
        ),
    ]


def _complaint_tables(complaint_ids: list[int], enquiries: list[Enquiry]) -> list[Table]:
    mediations = Mediation.objects.filter(complaint__in=complaint_ids).select_related("complaint")
    answers = SatisfactionAnswer.objects.filter(complaint__in=complaint_ids).select_related(
        "complaint"
    )
    payments = (
        Payment.objects.filter(Q(complaint__in=complaint_ids) | Q(enquiry__in=enquiries))
        .select_related("complaint", "enquiry")
        .order_by("date", "id")
    )
    actions = LearningAction.objects.filter(complaint__in=complaint_ids).select_related(
        "complaint", "theme"
    )
    remedies = Remedy.objects.filter(enquiry__in=enquiries).select_related("enquiry")
    return [
        _table(
            "mediation",
            "Mediation",
            [
                ("complaint", "Complaint"),
                ("after_stage", "After stage"),
                ("offered_date", "Offered"),
                ("held_date", "Held"),
                ("outcome", "Outcome"),
                ("mediator", "Mediator"),
                ("notes", "Notes"),
                ("custom_data", "Other recorded values"),
            ],
            [
                {
                    "record": f"{m.complaint.reference} mediation offered {m.offered_date}",
                    "complaint": m.complaint.reference,
                    "after_stage": m.after_stage,
                    "offered_date": m.offered_date,
                    "held_date": m.held_date,
                    "outcome": m.get_outcome_display(),
                    "mediator": m.mediator,
                    "notes": m.notes,
                    "custom_data": m.custom_data,
                }
                for m in mediations
            ],
        ),
        _table(
            "closing_the_loop",
            "Closing the loop: answers given at the end of a complaint",
            [("complaint", "Complaint"), ("question", "Question"), ("answer", "Answer")],
            [
                {
                    "record": f"{a.complaint.reference} {a.question}",
                    "complaint": a.complaint.reference,
                    "question": a.get_question_display(),
                    "answer": a.get_answer_display(),
                }
                for a in answers
            ],
        ),
        _table(
            "ombudsman_enquiries",
            "Ombudsman enquiries",
            [
                ("complaint", "Complaint"),
                ("received_date", "Received"),
                ("response_due_date", "Response due"),
                ("response_sent_date", "Response sent"),
                ("summary", "Summary"),
                ("decision", "Decision"),
                ("decision_date", "Decided"),
                ("recommendations", "Recommendations"),
                ("remedy_due_date", "Remedies due"),
                ("remedy_completed_date", "Remedies complied with"),
                ("custom_data", "Other recorded values"),
            ],
            [
                {
                    "record": e.lgo_reference,
                    "complaint": e.complaint.reference if e.complaint else "",
                    "received_date": e.received_date,
                    "response_due_date": e.response_due_date,
                    "response_sent_date": e.response_sent_date,
                    "summary": e.summary,
                    "decision": e.get_decision_display(),
                    "decision_date": e.decision_date,
                    "recommendations": e.recommendations,
                    "remedy_due_date": e.remedy_due_date,
                    "remedy_completed_date": e.remedy_completed_date,
                    "custom_data": e.custom_data,
                }
                for e in enquiries
            ],
        ),
        _table(
            "ombudsman_remedies",
            "Remedies the Ombudsman asked for",
            [
                ("enquiry", "Enquiry"),
                ("kind", "Remedy"),
                ("description", "Description"),
                ("due_date", "Due"),
                ("completed_date", "Complied with"),
                ("evidence", "Evidence"),
            ],
            [
                {
                    "record": f"{r.enquiry.lgo_reference} remedy {i}",
                    "enquiry": r.enquiry.lgo_reference,
                    "kind": r.get_kind_display(),
                    "description": r.description,
                    "due_date": r.due_date,
                    "completed_date": r.completed_date,
                    "evidence": r.evidence,
                }
                for i, r in enumerate(remedies, start=1)
            ],
        ),
        _table(
            "payments",
            "Payments",
            [
                ("complaint", "Complaint"),
                ("enquiry", "Ombudsman enquiry"),
                ("date", "Date"),
                ("stage", "Stage"),
                ("kind", "Kind"),
                ("amount", "Amount (£)"),
                ("description", "Description"),
                ("custom_data", "Other recorded values"),
            ],
            [
                {
                    "record": f"payment {p.pk}",
                    "complaint": p.complaint.reference if p.complaint else "",
                    "enquiry": p.enquiry.lgo_reference if p.enquiry else "",
                    "date": p.date,
                    "stage": p.get_stage_display(),
                    "kind": p.get_kind_display(),
                    "amount": p.amount,
                    "description": p.description,
                    "custom_data": p.custom_data,
                }
                for p in payments
            ],
        ),
        _table(
            "learning_actions",
            "Learning actions",
            [
                ("complaint", "Complaint"),
                ("description", "Description"),
                ("theme", "Theme"),
                ("owner", "Owner"),
                ("stage_number", "Prompted by stage"),
                ("you_said", "You said"),
                ("we_did", "We did"),
                ("raised_date", "Raised"),
                ("due_date", "Due"),
                ("completed_date", "Completed"),
                ("completion_evidence", "Evidence of completion"),
                ("custom_data", "Other recorded values"),
            ],
            [
                {
                    "record": f"learning action {a.pk}",
                    "complaint": a.complaint.reference if a.complaint else "",
                    "description": a.description,
                    "theme": _name(a.theme),
                    "owner": a.owner,
                    "stage_number": a.stage_number,
                    "you_said": a.you_said,
                    "we_did": a.we_did,
                    "raised_date": a.raised_date,
                    "due_date": a.due_date,
                    "completed_date": a.completed_date,
                    "completion_evidence": a.completion_evidence,
                    "custom_data": a.custom_data,
                }
                for a in actions
            ],
        ),
    ]


def _excerpts_table(complaint_ids: list[int], action_ids: list[int]) -> Table:
    excerpts = (
        PublishableExcerpt.objects.filter(
            Q(complaint__in=complaint_ids) | Q(learning_action__in=action_ids)
        )
        .select_related("complaint", "learning_action", "written_by", "approved_by")
        .select_related("withdrawn_by")
    )
    return _table(
        "publishable_excerpts",
        "Excerpts written for the published annual report",
        [
            ("from_record", "Written from"),
            ("field", "Field"),
            ("text", "Words"),
            ("written_by", "Written by"),
            ("written_at", "Written"),
            ("approved_by", "Approved by"),
            ("approved_at", "Approved"),
            ("withdrawn", "Withdrawn"),
            ("withdrawn_by", "Withdrawn by"),
            ("withdrawn_at", "Withdrawn on"),
        ],
        [
            {
                "record": f"excerpt {x.pk}",
                "from_record": x.complaint.reference
                if x.complaint
                else f"learning action {x.learning_action_id}",
                "field": x.field,
                "text": x.text,
                "written_by": _who(x.written_by),
                "written_at": x.written_at,
                "approved_by": _who(x.approved_by),
                "approved_at": x.approved_at,
                "withdrawn": x.withdrawn,
                "withdrawn_by": _who(x.withdrawn_by),
                "withdrawn_at": x.withdrawn_at,
            }
            for x in excerpts
        ],
    )


def _mentions_person(snapshot: Any, pk: int) -> bool:
    if not isinstance(snapshot, dict):
        return False
    children = snapshot.get("children")
    return any(snapshot.get(f) == pk for f in PERSON_FIELDS) or (
        isinstance(children, list) and pk in children
    )


def _audit_table(
    person: Person, complaint_ids: list[int], records: dict[type[models.Model], list[int]]
) -> Table:
    """Audit events about the person, about any of their complaints or about any record on
    them, and about complaints that named them once (a complaint whose complainant or child
    was corrected to someone else: its snapshots still hold their id)."""
    wanted = Q(complaint_id__in=complaint_ids)
    for model, pks in records.items():
        if pks:
            content_type = ContentType.objects.get_for_model(model)
            wanted |= Q(content_type=content_type, object_id__in=[str(pk) for pk in pks])
    complaint_type = ContentType.objects.get_for_model(Complaint)
    named = Q()
    for snap in ("before", "after"):
        for f in PERSON_FIELDS:
            named |= Q(**{f"{snap}__{f}": person.pk})
        named |= Q(**{f"{snap}__has_key": "children"})
    # `children` is a list, which neither database's JSON lookups both search: checked here.
    once_named = [
        e.pk
        for e in AuditEvent.objects.filter(named, content_type=complaint_type)
        .exclude(complaint_id__in=complaint_ids)
        .only("pk", "before", "after")
        if _mentions_person(e.before, person.pk) or _mentions_person(e.after, person.pk)
    ]
    events = (
        AuditEvent.objects.filter(wanted | Q(pk__in=once_named))
        .select_related("content_type", "complaint")
        .order_by("at", "id")
    )
    return _table(
        "audit_events",
        "The audit trail: every change recorded to these records",
        [
            ("at", "When"),
            ("actor", "Who"),
            ("action", "What"),
            ("record_type", "Record type"),
            ("object_id", "Record id"),
            ("complaint", "Complaint"),
            ("before", "Before"),
            ("after", "After"),
            ("note", "Note"),
        ],
        [
            {
                "record": f"event {e.pk}",
                "at": e.at,
                "actor": e.actor_label,
                "action": e.action,
                "record_type": e.content_type.model,
                "object_id": e.object_id,
                "complaint": e.complaint.reference if e.complaint else "",
                "before": e.before,
                "after": e.after,
                "note": e.note,
            }
            for e in events
        ],
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
        _person_table(person),
        _complaints_table(person, complaints),
        *_stage_tables(stages),
        *_complaint_tables(complaint_ids, enquiries),
        _excerpts_table(complaint_ids, action_ids),
    ]
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
            for model in (Mediation, SatisfactionAnswer)
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
    }
    tables.append(_audit_table(person, complaint_ids, records))
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
    return Material(person=person, tables=tables, others=others)
