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

from .aspects import add_aspect
from .checks import (
    choice,
    lock_complaint,
    not_in_future,
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
)


def reference_year(received_on: datetime.date) -> int:
    """The YYYY of a new reference: the year received, or, when references count by reporting
    year (as the demo's do), the year the reporting year containing `received_on` starts."""
    if config.get("reference_year") != "reporting":
        return received_on.year
    month, day = (int(part) for part in config.get("financial_year_start").split("-"))
    started = (received_on.month, received_on.day) >= (month, day)
    return received_on.year if started else received_on.year - 1


def _check_details(*, received_on: datetime.date, values: dict[str, Any]) -> None:
    if "method" in values:
        choice(values["method"], Method, what="method", blank=True)
    if "complainant_type" in values:
        choice(values["complainant_type"], ComplainantType, what="complainant type", blank=True)
    if "advocate" in values:
        choice(values["advocate"], Advocacy, what="advocacy", blank=True)
    if values.get("service_area") is not None:
        service_area_in_use(values["service_area"], received_on)
    if values.get("theme") is not None:
        term_of_kind(values["theme"], [TaxonomyKind.THEMES], described="themes")


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
    related_to: Complaint | None = None,
    aspects: Sequence[tuple[Term, Term | None]] = (),
) -> Complaint:
    """Record a new complaint and open its stage 1.

    Without a reference, the next `{reference_prefix}-{YYYY}-{NNNN}` is given, YYYY being the
    year received or the year its reporting year starts (`reference_year`). The
    locality and organisation default to those of the service area. `aspects` are the reasons
    for complaint as (category, sub-category) pairs, recorded on stage 1.
    """
    not_in_future(received_on, what="received")
    rule_for(procedure, 1)
    _check_details(
        received_on=received_on,
        values={
            "method": method,
            "complainant_type": complainant_type,
            "advocate": advocate,
            "service_area": service_area,
            "theme": theme,
        },
    )
    if reference is not None:
        reference = reference.strip()
        if not reference:
            raise rules.RequiredValueMissing(what="reference")
        if Complaint.objects.filter(reference=reference).exists():
            raise rules.ReferenceTaken(what="a complaint", reference=reference)
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
    audit.record(
        action="complaint.record",
        obj=complaint,
        by=by,
        after=audit.snapshot(complaint),
        complaint=complaint,
    )
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
    organisation: Organisation | None = UNSET,
    service_area: ServiceArea = UNSET,
    locality: Locality | None = UNSET,
    theme: Term | None = UNSET,
    summary: str = UNSET,
) -> Complaint:
    """Change who complained, how, about which service, and the summary. Only the details
    given change; the procedure, dates and stages have services of their own."""
    given = {
        name: value
        for name, value in {
            "method": method,
            "complainant": complainant,
            "complainant_type": complainant_type,
            "on_behalf_of": on_behalf_of,
            "advocate": advocate,
            "advocate_person": advocate_person,
            "organisation": organisation,
            "service_area": service_area,
            "locality": locality,
            "theme": theme,
            "summary": summary,
        }.items()
        if value is not UNSET
    }
    complaint = lock_complaint(complaint)
    if "service_area" in given and given["service_area"] is None:
        raise rules.RequiredValueMissing(what="service area")
    _check_details(received_on=complaint.received_date, values=given)
    before = audit.snapshot(complaint, DETAIL_FIELDS)
    for name, value in given.items():
        setattr(complaint, name, value.strip() if isinstance(value, str) else value)
    after = audit.snapshot(complaint, DETAIL_FIELDS)
    if before == after:
        return complaint
    complaint.save(update_fields=[*given, "updated_at"])
    changed = audit.changed(before, after)
    audit.record(
        action="complaint.update_details",
        obj=complaint,
        by=by,
        before={k: before[k] for k in changed},
        after=changed,
        complaint=complaint,
    )
    complaint_changed(complaint)
    return complaint


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
