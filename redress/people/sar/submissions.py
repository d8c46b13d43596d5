"""What the person sent through the public pages (redress.front), as a table: the submissions
sent from their email address, and those that became (or asked for the next stage of) their
complaints, with their answers in plain words."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from redress.front.models import Submission
from redress.organisations.models import ServiceArea
from redress.people.models import Person

from .tables import Table, make_table

NOT_GIVEN = "Not given"


def submissions_of(person: Person, complaint_ids: list[int]) -> list[Submission]:
    """Sent from the person's email address (whatever its case; none matched when they have
    no address), or linked to one of their complaints; oldest first."""
    wanted = Q(complaint__in=complaint_ids)
    if person.email.strip():
        wanted |= Q(email__iexact=person.email.strip())
    return list(Submission.objects.filter(wanted).order_by("submitted_at", "pk"))


def _words(key: str) -> str:
    return key.replace("_", " ").strip().capitalize()


def _value(key: str, value: Any, services: dict[int, str]) -> str:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if value in ("", None, [], {}):
        return NOT_GIVEN
    if key == "service_area" and isinstance(value, int):
        return services.get(value, str(value))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(
            f"{_words(str(k))}: {_value(str(k), v, services)}" for k, v in sorted(value.items())
        )
    return str(value)


def answers_in_words(answers: dict[str, Any], services: dict[int, str]) -> str:
    """`What happened: …` a line each, the form's field names as words in alphabetical order
    (the database keeps no order), the service by name."""
    return "\n".join(
        f"{_words(key)}: {_value(key, value, services)}" for key, value in sorted(answers.items())
    )


def submissions_table(submissions: list[Submission]) -> Table:
    ids = {s.answers.get("service_area") for s in submissions if isinstance(s.answers, dict)}
    services = dict(
        ServiceArea.objects.filter(pk__in=[i for i in ids if isinstance(i, int)]).values_list(
            "pk", "name"
        )
    )
    return make_table(
        "online_submissions",
        "Sent through the public pages",
        [
            ("reference", "Reference"),
            ("kind", "What was sent"),
            ("received_date", "Sent on"),
            ("status", "What happened to it"),
            ("name", "Name"),
            ("email", "Email"),
            ("phone", "Phone"),
            ("answers", "Answers"),
        ],
        [
            {
                "record": f"submission {s.reference}",
                "reference": s.reference,
                "kind": s.get_kind_display(),
                "received_date": s.received_date,
                "status": s.get_status_display(),
                "name": s.name,
                "email": s.email,
                "phone": s.phone,
                "answers": answers_in_words(
                    s.answers if isinstance(s.answers, dict) else {}, services
                ),
            }
            for s in submissions
        ],
    )
