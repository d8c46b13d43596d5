"""The demo's documents: a few generated letters, reports and emails on the complaints the demo
users look at first (the latest open stage 1s, which the team manager is given, and the latest
stage 2 investigations, which the investigator is appointed to). Uploaded through the same
service as the staff pages, so they are typed, stored and audited like any other."""

from __future__ import annotations

import io

from django.db.models import QuerySet

from redress.complaints.models import Complaint, Stage
from redress.core import config
from redress.documents import samples
from redress.documents.services import document_upload


def _open_stage1_complaints() -> QuerySet[Complaint]:
    open_stage1 = Stage.objects.filter(number=1, responded_date__isnull=True, outcome="")
    ids = open_stage1.order_by("-received_date").values_list("complaint_id", flat=True)[:3]
    return Complaint.objects.filter(pk__in=list(ids))


def _investigations() -> list[Stage]:
    stages = Stage.objects.filter(
        number=2,
        complaint__procedure__stage_rules__stage=2,
        complaint__procedure__stage_rules__independent_investigation=True,
    ).select_related("complaint")
    return list(stages.order_by("-received_date")[:3])


def _letter(complaint: Complaint) -> bytes:
    received = complaint.received_date.strftime("%d %B %Y")
    return samples.pdf(
        [
            f"To the complaints team, {config.get('authority_name')}",
            f"Received {received}",
            "",
            "I am writing to make a complaint about the support my family has received.",
            "Meetings have been cancelled at short notice and calls have not been returned.",
            "I would like an apology and a named worker who keeps in touch.",
            "",
            "(A generated demonstration document.)",
        ],
        title=f"Complaint letter {complaint.reference}",
    )


def _report(stage: Stage) -> bytes:
    return samples.pdf(
        [
            f"Investigating officer's report: complaint {stage.complaint.reference}",
            "",
            "1. The complaint and how it was investigated",
            "2. Findings on each reason for the complaint",
            "3. Recommendations",
            "",
            "(A generated demonstration document.)",
        ],
        title=f"Investigating officer's report {stage.complaint.reference}",
    )


def add_demo_documents() -> int:
    """Add the documents to complaints that have none yet (run again, it adds nothing);
    returns how many were added."""
    added = 0
    for complaint in _open_stage1_complaints():
        if complaint.documents.exists():
            continue
        email = samples.email(
            sender="A parent <parent@example.org>",
            to=str(config.get("complaints_email")),
            subject=f"Complaint {complaint.reference}",
            date=complaint.received_date.strftime("%a, %d %b %Y 09:00:00 +0000"),
            body="Please treat the attached letter as my complaint.",
        )
        for name, data, kind in [
            ("Complaint letter.pdf", _letter(complaint), "complaint_letter"),
            ("Email with the complaint.eml", email, "complaint_letter"),
        ]:
            document_upload(
                complaint=complaint, file=io.BytesIO(data), name=name, kind=kind, by=None
            )
            added += 1
    for stage in _investigations():
        complaint = stage.complaint
        if complaint.documents.exists():
            continue
        document_upload(
            complaint=complaint,
            file=io.BytesIO(_letter(complaint)),
            name="Complaint letter.pdf",
            kind="complaint_letter",
            by=None,
        )
        document_upload(
            complaint=complaint,
            file=io.BytesIO(_report(stage)),
            name="Investigating officer's report.pdf",
            kind="io_report",
            stage=stage,
            by=None,
        )
        added += 2
    return added
