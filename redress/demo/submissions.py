"""The demo's front door: a few forms sent through the public pages on the demo's today, waiting
in the triage queue for an officer to try accepting, recording or declining them, and a complaint
to follow as its complainant (`demo_setup` prints its reference and email address).

Every name and address is made up. The submissions go through the same service as the public
forms (`front.services.submissions.submission_record`), so they are exactly what a person would
have sent; run again, it adds nothing while any demo submission is still waiting.
"""

from __future__ import annotations

from django.db import transaction

from redress.complaints.models import Complaint
from redress.core import clock
from redress.demo import place
from redress.front import answers as contract
from redress.front.models import Submission
from redress.front.services.submissions import submission_record
from redress.organisations.models import ServiceArea


def _service(day, *words: str) -> int | None:
    """The first service in use whose name has one of these words, else the first in use."""
    services = list(ServiceArea.objects.effective_on(day).order_by("name"))
    for word in words:
        for service in services:
            if word.lower() in service.name.lower():
                return service.pk
    return services[0].pk if services else None


def _forms(day) -> list[dict]:
    return [
        {
            "kind": "complaint",
            "name": "Marcia Oduya",
            "email": "marcia.oduya@example.org",
            "phone": "07700 900123",
            "answers": {
                "service_area": _service(day, "children in need", "family", "social work"),
                "about": "My son's social worker",
                "what_happened": (
                    "We were told a review meeting would happen in September. Nobody came, and "
                    "three messages to the team have not been answered."
                ),
                "put_right": "A date for the meeting and a named person to contact.",
                "on_behalf": True,
                "complainant_type": "parent",
                "child_name": "Theo Oduya",
                "child_dob": "2014-05-17",
                "child_age_band": "",
                "child_views": "Theo says he wants to know who his worker is.",
                "address": f"14 Larch Close, {place.town()}, {place.postcode_area()}4 2BD",
                "contact_method": "email",
                "advocate": contract.ADVOCATE_NO,
                "advocate_name": "",
                "advocate_organisation": "",
                "interpreter": "",
                "support": "",
            },
        },
        {
            "kind": "child_complaint",
            "name": "Kayla Brennan",
            "email": "",
            "phone": "07700 900456",
            "answers": {
                "service_area": _service(day, "looked after", "children in care", "placement"),
                "about": "My foster placement",
                "what_happened": "I was moved and nobody asked me what I wanted.",
                "put_right": "I want someone to listen to me.",
                "on_behalf": False,
                "complainant_type": "child_young_person",
                "child_name": "Kayla Brennan",
                "child_dob": "",
                "child_age_band": "10-15",
                "child_views": "",
                "address": "",
                "contact_method": "text",
                "advocate": contract.ADVOCATE_WANTED,
                "advocate_name": "",
                "advocate_organisation": "",
                "interpreter": "",
                "support": "",
            },
        },
        {
            "kind": "compliment",
            "name": "Graham Pell",
            "email": "graham.pell@example.org",
            "phone": "",
            "answers": {
                "service_area": _service(day, "fostering", "adoption"),
                "about": "The fostering team",
                "staff_member": "Asha",
                "what": "Asha visited every week while we settled in and always called back.",
                "consent_to_share": True,
                "source": "foster_carer",
            },
        },
        {
            "kind": "feedback",
            "name": "",
            "email": "",
            "phone": "",
            "answers": {
                "service_area": _service(day, "looked after", "children in care"),
                "about": "Meetings about me",
                "what": "My meetings are at school and everyone can see me leave class.",
                "better": "Have them after school.",
                "advocate": True,
                "loop": {"taken_seriously": "partly", "advocacy_aware": "yes"},
            },
        },
    ]


def complaint_to_follow() -> Complaint | None:
    """An open complaint whose complainant has an email address, newest first: one to try
    following from the public pages."""
    return (
        Complaint.objects.filter(status="open", complainant__email__gt="")
        .select_related("complainant")
        .order_by("-received_date", "-pk")
        .first()
    )


@transaction.atomic
def add_demo_submissions() -> int:
    """Send the demo's forms, unless demo ones are still waiting; returns how many were sent."""
    if Submission.objects.filter(status="waiting").exists():
        return 0
    day = clock.today()
    sent = 0
    for form in _forms(day):
        submission_record(
            kind=form["kind"],
            answers=form["answers"],
            name=form["name"],
            email=form["email"],
            phone=form["phone"],
        )
        sent += 1
    # A request for the next stage made after the time allowed, which goes to triage.
    late = (
        Complaint.objects.filter(
            status="closed", stage_reached=1, stages__number=1, stages__outcome="not_upheld"
        )
        .exclude(complainant__isnull=True)
        .select_related("complainant")
        .order_by("-received_date", "-pk")
        .first()
    )
    if late is not None and late.complainant is not None:
        submission_record(
            kind="next_stage",
            answers={
                "reason": "The response did not answer my main point about contact arrangements.",
                "late_reason": "I was in hospital when the letter came.",
            },
            name=late.complainant.name,
            email=late.complainant.email,
            complaint=late,
        )
        sent += 1
    return sent
