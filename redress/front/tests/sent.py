"""What the public send, made for tests: a parent's complaint sent online about a service."""

from __future__ import annotations

from typing import Any

from redress.front.models import Submission
from redress.front.services.submissions import submission_record
from redress.organisations.models import ServiceArea


def parent_complaint_sent(service: ServiceArea, **kwargs: Any) -> Submission:
    """Marcia Example's complaint that nobody came to the review meeting, sent online; keyword
    arguments go to `submission_record` (email, files)."""
    return submission_record(
        kind="complaint",
        answers={
            "service_area": service.pk,
            "what_happened": "Nobody came to the review meeting.",
            "put_right": "A new date.",
            "on_behalf": False,
            "complainant_type": "parent",
            "contact_method": "email",
            "advocate": "no",
        },
        name="Marcia Example",
        **kwargs,
    )
