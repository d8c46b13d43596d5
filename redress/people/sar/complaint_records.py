"""The person's record and their complaints' records, stage by stage, as tables: what the
complaint says, its stages, reasons and findings, people appointed, extensions and holds."""

from __future__ import annotations

from redress.complaints.models import Complaint, Stage
from redress.people.models import Person

from .tables import Table, make_table, name_of, named, roles_in, who


def person_table(person: Person) -> Table:
    return make_table(
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


def complaints_table(person: Person, complaints: list[Complaint]) -> Table:
    rows = [
        {
            "record": c.reference,
            "their_role": "; ".join(roles_in(person, c)),
            "received_date": c.received_date,
            "procedure": c.procedure.name,
            "method": c.get_method_display(),
            "complainant": named(c.complainant),
            "complainant_type": c.get_complainant_type_display(),
            "on_behalf_of": named(c.on_behalf_of),
            "children": "; ".join(named(child) for child in c.children.all()),
            "advocate": c.get_advocate_display(),
            "advocate_person": named(c.advocate_person),
            "advocate_organisation": c.advocate_organisation,
            "advocacy_offered": c.advocacy_offered,
            "advocacy_referred_on": c.advocacy_referred_on,
            "organisation": name_of(c.organisation),
            "service_area": name_of(c.service_area),
            "locality": name_of(c.locality),
            "theme": name_of(c.theme),
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
    return make_table(
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
            ("advocacy_referred_on", "Referred for advocacy"),
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


def stage_tables(stages: list[Stage]) -> list[Table]:
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
                "organisation": name_of(s.organisation),
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
                "allocated_to": who(s.allocated_to),
                "responded_by": who(s.responded_by),
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
                    "subcategory": name_of(a.subcategory),
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
                    "agreed_by": who(e.agreed_by),
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
                    "placed_by": who(h.placed_by),
                }
            )
    on_stage = [("complaint", "Complaint"), ("stage", "Stage")]
    return [
        make_table(
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
        make_table(
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
        make_table(
            "appointments",
            "People appointed (investigating officers, independent persons, panel members)",
            [*on_stage, ("role", "Role"), ("name", "Name"), ("appointed_date", "Appointed")],
            appointments,
        ),
        make_table(
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
        make_table(
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
