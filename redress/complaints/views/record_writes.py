"""Writing a recording or correcting journey's answers through the services: the people it
introduces first, then the complaint. The caller holds one transaction around it all, so a
rule the complaint breaks leaves no new person behind."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from redress.complaints.forms.record import NEW_PERSON, yes_no_value
from redress.complaints.models import Complaint
from redress.complaints.services.advocacy import complaint_refer_advocacy
from redress.complaints.services.records import complaint_record, complaint_update_details
from redress.people.models import Person
from redress.people.services import person_record
from redress.taxonomies.models import Term

from .record_journey import BY_SLUG, Journey

if TYPE_CHECKING:
    from redress.accounts.models import User

COMPLAINANT_PAGES = ("complainant", "complainant-details", "complainant-support")


def _new_person(by: User, **details: Any) -> Person:
    return person_record(by=by, **details)


def _complainant(journey: Journey, by: User) -> Person | None:
    chosen = (journey.answers("complainant") or {}).get("person")
    if chosen != NEW_PERSON:
        return journey.person(chosen)
    details = journey.cleaned("complainant-details")
    support = journey.cleaned("complainant-support")
    return _new_person(by, **details, **support)


def _children(journey: Journey, by: User) -> dict[str, Person]:
    """Each child by their id in the journey: those already recorded, and the new ones."""
    people = {}
    for child in journey.children:
        if child.get("person"):
            person = journey.person(child["person"])
        else:
            form = journey.child_form(child)
            form.is_valid()
            data = form.cleaned_data
            person = _new_person(
                by,
                name=data["name"],
                date_of_birth=data.get("date_of_birth"),
                age_band=data.get("age_band", ""),
            )
        if person is not None:
            people[str(child["id"])] = person
    return people


def _reasons(journey: Journey) -> list[tuple[Term, Term | None]]:
    terms = Term.objects.in_bulk([pk for pair in journey.reasons for pk in pair if pk])
    return [(terms[c], terms[s] if s else None) for c, s in journey.reasons]


def _advocate(journey: Journey, by: User) -> Person | None:
    name = journey.cleaned("advocacy").get("advocate_name", "").strip()
    return _new_person(by, name=name) if name else None


def record_complaint(journey: Journey, by: User) -> Complaint:
    """Write a new complaint from the journey's answers: the people first, then the
    complaint (the caller holds one transaction around both)."""
    received = journey.cleaned("received")
    service = journey.cleaned("service")
    advocacy = journey.cleaned("advocacy")
    summary = journey.cleaned("summary")
    children = _children(journey, by)
    on_behalf = journey.cleaned("on-behalf").get("on_behalf_of") if children else None
    complaint = complaint_record(
        received_on=received["received_on"],
        procedure=journey.cleaned("procedure")["procedure"],
        service_area=service["service_area"],
        locality=service.get("locality"),
        organisation=service.get("organisation"),
        method=received["method"],
        reference=received.get("reference", "").strip() or None,
        complainant=_complainant(journey, by),
        complainant_type=journey.cleaned("complainant-type")["complainant_type"],
        children=list(children.values()),
        on_behalf_of=children.get(on_behalf or ""),
        advocate=advocacy["advocate"],
        advocacy_offered=yes_no_value(advocacy["advocacy_offered"]),
        advocate_person=_advocate(journey, by),
        advocate_organisation=advocacy.get("advocate_organisation", ""),
        summary=summary["summary"],
        desired_outcome=summary.get("desired_outcome", ""),
        aspects=_reasons(journey),
        by=by,
    )
    if advocacy.get("refer") == "yes":
        complaint = complaint_refer_advocacy(complaint=complaint, by=by)
    return complaint


def correct_complaint(journey: Journey, complaint: Complaint, by: User) -> Complaint:
    """Write the answers changed since the journey started, and only those, so a detail
    someone else changed meanwhile that this journey did not touch is kept."""
    changes: dict[str, Any] = {}
    if journey.changed("received"):
        changes["method"] = journey.cleaned("received")["method"]
    if any(journey.changed(slug) for slug in COMPLAINANT_PAGES if BY_SLUG[slug].applies(journey)):
        changes["complainant"] = _complainant(journey, by)
    if journey.changed("complainant-type"):
        changes["complainant_type"] = journey.cleaned("complainant-type")["complainant_type"]
    if journey.changed("children") or journey.changed("on-behalf"):
        children = _children(journey, by)
        on_behalf = journey.cleaned("on-behalf").get("on_behalf_of") if children else None
        changes["children"] = list(children.values())
        changes["on_behalf_of"] = children.get(on_behalf or "")
    if journey.changed("advocacy"):
        advocacy = journey.cleaned("advocacy")
        fields = journey.changed_fields("advocacy")
        if "advocate" in fields:
            changes["advocate"] = advocacy["advocate"]
        if "advocacy_offered" in fields:
            changes["advocacy_offered"] = yes_no_value(advocacy["advocacy_offered"])
        if "advocate_organisation" in fields:
            changes["advocate_organisation"] = advocacy.get("advocate_organisation", "")
        if "advocate_name" in fields:
            changes["advocate_person"] = _advocate(journey, by)
    if journey.changed("service"):
        service = journey.cleaned("service")
        area = service["service_area"]
        fields = journey.changed_fields("service")
        if "service_area" in fields:
            changes["service_area"] = area
        if fields & {"service_area", "locality"}:
            changes["locality"] = service.get("locality") or area.locality
        if fields & {"service_area", "organisation"}:
            changes["organisation"] = service.get("organisation") or area.organisation
    if journey.changed("summary"):
        summary = journey.cleaned("summary")
        for name in journey.changed_fields("summary"):
            changes[name] = summary.get(name, "")
    if journey.reasons_editable and journey.changed("reasons"):
        changes["aspects"] = _reasons(journey)
    complaint = complaint_update_details(complaint=complaint, by=by, **changes)
    refer = journey.cleaned("advocacy").get("refer") == "yes"
    if refer and complaint.advocacy_referred_on is None:
        complaint = complaint_refer_advocacy(complaint=complaint, by=by)
    return complaint
