"""Recording a complaint, changing its details, and linking it to earlier complaints."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction

from redress.complaints.choices import Advocacy, ComplainantType, Method
from redress.complaints.models import Complaint, Stage
from redress.complaints.state import complaint_changed
from redress.core import audit, config
from redress.core.sequences import create_with_next_key
from redress.procedures import rules
from redress.taxonomies.models import TaxonomyKind

from .aspects import add_aspect, aspect_add, aspect_remove, check_reason
from .checks import (
    choice,
    lock_complaint,
    not_in_future,
    period_text,
    rule_for,
    service_area_in_use,
    term_of_kind,
)

if TYPE_CHECKING:
    from redress.accounts.models import User
    from redress.organisations.models import Locality, Organisation, ServiceArea
    from redress.people.models import Person
    from redress.procedures.models import Procedure
    from redress.taxonomies.models import Term

    Reasons = Sequence[tuple[Term, Term | None]]

REFERENCE_WIDTH = 4

UNSET: Any = object()

DETAIL_FIELDS = (
    "method",
    "complainant",
    "complainant_type",
    "on_behalf_of",
    "advocate",
    "advocate_person",
    "organisation",
    "service_area",
    "locality",
    "theme",
    "summary",
    "desired_outcome",
    "advocacy_offered",
    "advocate_organisation",
)


def reference_year(received_on: datetime.date) -> int:
    """The YYYY of a new reference: the year received, or, when references count by reporting
    year (as the demo's do), the year the reporting year containing `received_on` starts."""
    if config.get("reference_year") != "reporting":
        return received_on.year
    month, day = (int(part) for part in config.get("financial_year_start").split("-"))
    started = (received_on.month, received_on.day) >= (month, day)
    return received_on.year if started else received_on.year - 1


def check_details(*, received_on: datetime.date, values: dict[str, Any]) -> None:
    """The checks each detail given in `values` must pass, on its own: a known code, a service
    area and locality in use on the day received, a theme from a themes taxonomy. A journey
    calls it page by page; the services call it again when they write."""
    if "method" in values:
        choice(values["method"], Method, what="method", blank=True)
    if "complainant_type" in values:
        choice(values["complainant_type"], ComplainantType, what="complainant type", blank=True)
    if "advocate" in values:
        choice(values["advocate"], Advocacy, what="advocacy", blank=True)
    if values.get("service_area") is not None:
        service_area_in_use(values["service_area"], received_on)
    if values.get("locality") is not None:
        locality_in_use(values["locality"], received_on)
    if values.get("theme") is not None:
        term_of_kind(values["theme"], [TaxonomyKind.THEMES], described="themes")


def check_people(
    *,
    advocate: str,
    advocate_person: Person | str | None,
    advocate_organisation: str,
    complainant: Person | None = None,
    on_behalf_of: Person | None = None,
) -> None:
    """Who a complaint involves must agree: no advocate's name or organisation when there is
    no advocate, and a complaint is not made on behalf of its own complainant.
    (`advocate_person` may be the name typed for an advocate not yet recorded.)"""
    if advocate == Advocacy.NONE and (advocate_person or (advocate_organisation or "").strip()):
        raise rules.AdvocateNotExpected()
    if complainant is not None and on_behalf_of is not None and complainant.pk == on_behalf_of.pk:
        raise rules.OnBehalfOfComplainant()


def check_reference(reference: str) -> str:
    """A reference typed for a new complaint: not blank, and not another complaint's."""
    reference = reference.strip()
    if not reference:
        raise rules.RequiredValueMissing(what="reference")
    if Complaint.objects.filter(reference=reference).exists():
        raise rules.ReferenceTaken(what="a complaint", reference=reference)
    return reference


def locality_in_use(locality: Locality, day: datetime.date) -> None:
    if not locality.is_effective_on(day):
        raise rules.LocalityNotInUse(
            locality=locality.name,
            date=day,
            period=period_text(locality.valid_from, locality.valid_to),
        )


def _children_ids(children: Sequence[Person], on_behalf_of: Person | None) -> list[int]:
    """Every child the complaint is about: those given, and the one it is made on behalf of."""
    ids = [child.pk for child in children]
    if on_behalf_of is not None:
        ids.append(on_behalf_of.pk)
    return sorted(set(ids))


@transaction.atomic
def complaint_record(
    *,
    received_on: datetime.date,
    procedure: Procedure,
    service_area: ServiceArea,
    by: User | None,
    reference: str | None = None,
    method: str = "",
    complainant: Person | None = None,
    complainant_type: str = "",
    on_behalf_of: Person | None = None,
    advocate: str = "",
    advocate_person: Person | None = None,
    organisation: Organisation | None = None,
    locality: Locality | None = None,
    theme: Term | None = None,
    summary: str = "",
    desired_outcome: str = "",
    children: Sequence[Person] = (),
    advocacy_offered: bool | None = None,
    advocate_organisation: str = "",
    related_to: Complaint | None = None,
    aspects: Reasons = (),
) -> Complaint:
    """Record a new complaint and open its stage 1.

    Without a reference, the next `{reference_prefix}-{YYYY}-{NNNN}` is given, YYYY being the
    year received or the year its reporting year starts (`reference_year`). The
    locality and organisation default to those of the service area. `aspects` are the reasons
    for complaint as (category, sub-category) pairs, recorded on stage 1; each sub-category
    must be one of its own category's. `children` are the children or young people it is
    about (the one it is made `on_behalf_of` is one of them); `desired_outcome` what the
    complainant says would put things right; `advocacy_offered` whether an advocate was
    offered (None: not recorded).
    """
    not_in_future(received_on, what="received")
    rule_for(procedure, 1)
    check_details(
        received_on=received_on,
        values={
            "method": method,
            "complainant_type": complainant_type,
            "advocate": advocate,
            "service_area": service_area,
            "locality": locality,
            "theme": theme,
        },
    )
    check_people(
        advocate=advocate,
        advocate_person=advocate_person,
        advocate_organisation=advocate_organisation,
        complainant=complainant,
        on_behalf_of=on_behalf_of,
    )
    for category, subcategory in aspects:
        check_reason(category=category, subcategory=subcategory)
    if reference is not None:
        reference = check_reference(reference)
    organisation = organisation or service_area.organisation

    def create(ref: str) -> Complaint:
        return Complaint.objects.create(
            reference=ref,
            received_date=received_on,
            procedure=procedure,
            method=method,
            complainant=complainant,
            complainant_type=complainant_type,
            on_behalf_of=on_behalf_of,
            advocate=advocate,
            advocate_person=advocate_person,
            organisation=organisation,
            service_area=service_area,
            locality=locality or service_area.locality,
            theme=theme,
            summary=summary.strip(),
            desired_outcome=desired_outcome.strip(),
            advocacy_offered=advocacy_offered,
            advocate_organisation=advocate_organisation.strip(),
            related_to=related_to,
        )

    if reference is not None:
        complaint = create(reference)
    else:
        prefix = config.get("reference_prefix")
        complaint = create_with_next_key(
            model=Complaint,
            field="reference",
            stem=f"{prefix}-{reference_year(received_on)}-",
            width=REFERENCE_WIDTH,
            create=create,
        )
    after = audit.snapshot(complaint)
    children_ids = _children_ids(children, on_behalf_of)
    if children_ids:
        complaint.children.set(children_ids)
        after["children"] = children_ids
    audit.record(action="complaint.record", obj=complaint, by=by, after=after, complaint=complaint)
    stage = Stage.objects.create(
        complaint=complaint, number=1, received_date=received_on, organisation=organisation
    )
    audit.record(
        action="stage.open", obj=stage, by=by, after=audit.snapshot(stage), complaint=complaint
    )
    complaint_changed(complaint)
    for category, subcategory in aspects:
        add_aspect(stage=stage, category=category, subcategory=subcategory, by=by)
    return complaint


@transaction.atomic
def complaint_update_details(
    *,
    complaint: Complaint,
    by: User | None,
    method: str = UNSET,
    complainant: Person | None = UNSET,
    complainant_type: str = UNSET,
    on_behalf_of: Person | None = UNSET,
    advocate: str = UNSET,
    advocate_person: Person | None = UNSET,
    advocate_organisation: str = UNSET,
    advocacy_offered: bool | None = UNSET,
    organisation: Organisation | None = UNSET,
    service_area: ServiceArea = UNSET,
    locality: Locality | None = UNSET,
    theme: Term | None = UNSET,
    summary: str = UNSET,
    desired_outcome: str = UNSET,
    children: Sequence[Person] = UNSET,
    aspects: Reasons = UNSET,
) -> Complaint:
    """Correct who complained, how, about which service and children, the summary, what would
    put it right, and the reasons for complaint at stage 1. Only the details given change,
    with the checks a new complaint passes, and one audit event for the details (each reason
    added or removed has its own). The procedure, dates and stages have services of their own.
    The reasons can change only while stage 1 is open."""
    given = {
        name: value
        for name, value in {
            "method": method,
            "complainant": complainant,
            "complainant_type": complainant_type,
            "on_behalf_of": on_behalf_of,
            "advocate": advocate,
            "advocate_person": advocate_person,
            "advocate_organisation": advocate_organisation,
            "advocacy_offered": advocacy_offered,
            "organisation": organisation,
            "service_area": service_area,
            "locality": locality,
            "theme": theme,
            "summary": summary,
            "desired_outcome": desired_outcome,
        }.items()
        if value is not UNSET
    }
    complaint = lock_complaint(complaint)
    if "service_area" in given and given["service_area"] is None:
        raise rules.RequiredValueMissing(what="service area")
    check_details(received_on=complaint.received_date, values=given)
    before = audit.snapshot(complaint, DETAIL_FIELDS)
    before_children = sorted(complaint.children.values_list("pk", flat=True))
    for name, value in given.items():
        setattr(complaint, name, value.strip() if isinstance(value, str) else value)
    if given.keys() & {"advocate", "advocate_person", "advocate_organisation"}:
        check_people(
            advocate=complaint.advocate,
            advocate_person=complaint.advocate_person,
            advocate_organisation=complaint.advocate_organisation,
        )
    if given.keys() & {"complainant", "on_behalf_of"}:
        check_people(
            advocate="",
            advocate_person=None,
            advocate_organisation="",
            complainant=complaint.complainant,
            on_behalf_of=complaint.on_behalf_of,
        )
    after = audit.snapshot(complaint, DETAIL_FIELDS)
    after_children = before_children
    if children is not UNSET or "on_behalf_of" in given:
        kept = children if children is not UNSET else list(complaint.children.all())
        after_children = _children_ids(kept, complaint.on_behalf_of)
    changed = audit.changed(before, after)
    if after_children != before_children:
        before["children"], changed["children"] = before_children, after_children
    if changed:
        fields = [name for name in given if name in changed]
        if fields:
            complaint.save(update_fields=[*fields, "updated_at"])
        if "children" in changed:
            complaint.children.set(after_children)
        audit.record(
            action="complaint.update_details",
            obj=complaint,
            by=by,
            before={k: before[k] for k in changed},
            after=changed,
            complaint=complaint,
        )
        complaint_changed(complaint)
    if aspects is not UNSET:
        _update_reasons(complaint, aspects, by=by)
    return complaint


def _update_reasons(complaint: Complaint, aspects: Reasons, *, by: User | None) -> None:
    """Make stage 1's reasons those given: remove the others, add the new ones (each through
    the reasons services, so each is checked and audited)."""
    for category, subcategory in aspects:
        check_reason(category=category, subcategory=subcategory)
    stage = complaint.stages.filter(number=1).first()
    wanted = [(c.pk, s.pk if s else None) for c, s in aspects]
    if stage is None:
        if wanted:
            raise rules.StageNotReached(reference=complaint.reference, stage=1)
        return
    current = list(stage.aspects.all())
    for aspect in current:
        if (aspect.category_id, aspect.subcategory_id) not in wanted:
            aspect_remove(aspect=aspect, by=by)
    have = {(a.category_id, a.subcategory_id) for a in current}
    for category, subcategory in aspects:
        if (category.pk, subcategory.pk if subcategory else None) not in have:
            aspect_add(stage=stage, category=category, subcategory=subcategory, by=by)


@transaction.atomic
def complaint_link_related(
    *, complaint: Complaint, related_to: Complaint | None, by: User | None
) -> Complaint:
    """Record that a complaint follows on from an earlier one (a repeat complaint), or unlink
    it with `related_to=None`."""
    complaint = lock_complaint(complaint)
    if related_to is not None:
        if related_to.pk == complaint.pk:
            raise rules.RelatedToItself()
        # Walk back from the earlier complaint: meeting this one would make a loop.
        seen = set()
        current: Complaint | None = related_to
        while current is not None and current.pk not in seen:
            if current.related_to_id == complaint.pk:
                raise rules.RelatedCycle(reference=related_to.reference, other=complaint.reference)
            seen.add(current.pk)
            current = current.related_to
    audit.save_changes(
        complaint,
        {"related_to": related_to},
        action="complaint.link_related",
        by=by,
        complaint=complaint,
    )
    complaint_changed(complaint)
    return complaint
