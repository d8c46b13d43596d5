"""What else hangs off the person's complaints, as tables: mediation, closing-the-loop
answers, Ombudsman enquiries and remedies, payments, learning actions, the excerpts written
from them for the published report, and legal holds."""

from __future__ import annotations

from django.db.models import Q

from redress.complaints.models import LearningAction, Mediation, Payment
from redress.feedback.models import SatisfactionAnswer
from redress.letters.models import Letter
from redress.notifications.models import Message
from redress.ombudsman.models import Enquiry, Remedy
from redress.reporting.models import PublishableExcerpt
from redress.retention.models import LegalHold
from redress.surveys.models import Answer, Question, Survey

from .tables import Table, make_table, name_of, who


def correspondence_tables(complaint_ids: list[int]) -> list[Table]:
    """The letters produced about the person's complaints, the messages sent about them to
    anyone but staff (staff's reminders name no one), and the satisfaction surveys sent."""
    letters = (
        Letter.objects.filter(complaint__in=complaint_ids)
        .select_related("complaint", "produced_by", "message")
        .order_by("produced_at", "id")
    )
    messages = (
        Message.objects.filter(complaint__in=complaint_ids, recipient__isnull=True)
        .select_related("complaint")
        .order_by("created_at", "id")
    )
    surveys = Survey.objects.filter(complaint__in=complaint_ids).select_related("complaint")
    return [
        make_table(
            "letters",
            "Letters",
            [
                ("complaint", "Complaint"),
                ("produced_at", "Produced"),
                ("produced_by", "Produced by"),
                ("recipient", "To"),
                ("recipient_address", "Address"),
                ("recipient_email", "Email"),
                ("subject", "Heading"),
                ("body", "Letter"),
                ("emailed", "Emailed"),
                ("posted_on", "Posted"),
            ],
            [
                {
                    "record": f"{letter.complaint.reference} letter {letter.pk}",
                    "complaint": letter.complaint.reference,
                    "produced_at": letter.produced_at,
                    "produced_by": who(letter.produced_by),
                    "recipient": f"{letter.recipient_name} ({letter.get_recipient_role_display()})",
                    "recipient_address": letter.recipient_address,
                    "recipient_email": letter.recipient_email,
                    "subject": letter.subject,
                    "body": letter.body,
                    "emailed": letter.message.sent_at if letter.message else None,
                    "posted_on": letter.posted_on,
                }
                for letter in letters
            ],
        ),
        make_table(
            "messages",
            "Messages sent",
            [
                ("complaint", "Complaint"),
                ("created_at", "Made"),
                ("channel", "By"),
                ("to", "To"),
                ("subject", "Subject"),
                ("body", "Message"),
                ("state", "Delivery"),
                ("sent_at", "Sent"),
            ],
            [
                {
                    "record": f"message {m.pk}",
                    "complaint": m.complaint.reference if m.complaint else "",
                    "created_at": m.created_at,
                    "channel": m.get_channel_display(),
                    "to": m.to,
                    "subject": m.subject,
                    "body": m.body,
                    "state": m.get_state_display(),
                    "sent_at": m.sent_at,
                }
                for m in messages
            ],
        ),
        make_table(
            "satisfaction_surveys",
            "Satisfaction surveys",
            [
                ("complaint", "Complaint"),
                ("sent_on", "Sent"),
                ("answered_at", "Answered"),
                *((question.value, str(question.label)) for question in Question),
                ("comment", "Comment"),
            ],
            [
                {
                    "record": f"{survey.complaint.reference} survey {survey.pk}",
                    "complaint": survey.complaint.reference,
                    "sent_on": survey.sent_on,
                    "answered_at": survey.answered_at,
                    **{
                        question.value: Answer(getattr(survey, question.value)).label
                        if getattr(survey, question.value)
                        else ""
                        for question in Question
                    },
                    "comment": survey.comment,
                }
                for survey in surveys
            ],
        ),
    ]


def case_tables(complaint_ids: list[int], enquiries: list[Enquiry]) -> list[Table]:
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
        make_table(
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
        make_table(
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
        make_table(
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
        make_table(
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
        make_table(
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
        make_table(
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
                    "theme": name_of(a.theme),
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


def legal_holds_table(complaint_ids: list[int]) -> Table:
    holds = (
        LegalHold.objects.filter(complaint__in=complaint_ids)
        .select_related("complaint", "placed_by", "lifted_by")
        .order_by("complaint__received_date", "complaint__reference", "placed_at", "id")
    )
    return make_table(
        "legal_holds",
        "Legal holds (kept from the retention policy)",
        [
            ("complaint", "Complaint"),
            ("reason", "Reason"),
            ("placed_by", "Placed by"),
            ("placed_at", "Placed"),
            ("lifted_by", "Lifted by"),
            ("lifted_at", "Lifted"),
            ("lifted_reason", "Why lifted"),
        ],
        [
            {
                "record": f"{h.complaint.reference} legal hold placed {h.placed_at:%Y-%m-%d}",
                "complaint": h.complaint.reference,
                "reason": h.reason,
                "placed_by": who(h.placed_by),
                "placed_at": h.placed_at,
                "lifted_by": who(h.lifted_by),
                "lifted_at": h.lifted_at,
                "lifted_reason": h.lifted_reason,
            }
            for h in holds
        ],
    )


def excerpts_table(complaint_ids: list[int], action_ids: list[int]) -> Table:
    excerpts = (
        PublishableExcerpt.objects.filter(
            Q(complaint__in=complaint_ids) | Q(learning_action__in=action_ids)
        )
        .select_related("complaint", "learning_action", "written_by", "approved_by")
        .select_related("withdrawn_by")
    )
    return make_table(
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
                "written_by": who(x.written_by),
                "written_at": x.written_at,
                "approved_by": who(x.approved_by),
                "approved_at": x.approved_at,
                "withdrawn": x.withdrawn,
                "withdrawn_by": who(x.withdrawn_by),
                "withdrawn_at": x.withdrawn_at,
            }
            for x in excerpts
        ],
    )
