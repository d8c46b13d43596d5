"""Changes to the organisation's structure: service areas and localities over time, and the
days the authority is closed."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction

from redress.core import audit
from redress.procedures import rules
from redress.procedures.checks import period_text, required_text
from redress.procedures.models import ClosureDay
from redress.procedures.signals import deadline_rules_changed

from .models import Locality, Organisation, ServiceArea

if TYPE_CHECKING:
    from redress.accounts.models import User

UNCHANGED: Any = object()
ONE_DAY = datetime.timedelta(days=1)
SERVICE_AREA_FIELDS = ["name", "organisation", "locality", "valid_from", "valid_to"]


def _unique_version(model: type[ServiceArea | Locality], name: str, valid_from: Any) -> None:
    if model.objects.filter(name=name, valid_from=valid_from).exists():
        raise rules.VersionExists(
            what=model._meta.verbose_name, name=name, date=valid_from or "the start of records"
        )


@transaction.atomic
def locality_create(
    *, name: str, by: User | None, valid_from: datetime.date | None = None
) -> Locality:
    """Add an area of the authority, in use from `valid_from` (blank: since records began)."""
    name = required_text(name, what="locality's name")
    _unique_version(Locality, name, valid_from)
    locality = Locality.objects.create(name=name, valid_from=valid_from)
    audit.record(action="locality.create", obj=locality, by=by, after=audit.snapshot(locality))
    return locality


@transaction.atomic
def service_area_create(
    *,
    name: str,
    by: User | None,
    organisation: Organisation | None = None,
    locality: Locality | None = None,
    valid_from: datetime.date | None = None,
) -> ServiceArea:
    """Add a service or team that complaints can be recorded against."""
    name = required_text(name, what="service's name")
    _unique_version(ServiceArea, name, valid_from)
    service_area = ServiceArea.objects.create(
        name=name, organisation=organisation, locality=locality, valid_from=valid_from
    )
    audit.record(
        action="service_area.create",
        obj=service_area,
        by=by,
        after=audit.snapshot(service_area, SERVICE_AREA_FIELDS),
    )
    return service_area


@transaction.atomic
def service_area_restructure(
    *,
    service_area: ServiceArea,
    on: datetime.date,
    by: User | None,
    name: str | None = None,
    organisation: Organisation | None = UNCHANGED,
    locality: Locality | None = UNCHANGED,
) -> ServiceArea:
    """Close a service area the day before `on` and open its new version from `on`, with a new
    name, organisation or locality where given. Complaints already recorded stay with the
    version they were recorded against, so a year's report can span both structures."""
    old = ServiceArea.objects.select_for_update().get(pk=service_area.pk)
    starts_after = old.valid_from is None or on > old.valid_from
    ends_after = old.valid_to is None or on - ONE_DAY <= old.valid_to
    if not (starts_after and ends_after):
        raise rules.RestructureDateNotValid(
            service=old.name, period=period_text(old.valid_from, old.valid_to), date=on
        )
    new_name = (name or "").strip() or old.name
    _unique_version(ServiceArea, new_name, on)
    before = audit.snapshot(old, SERVICE_AREA_FIELDS)
    new = ServiceArea.objects.create(
        name=new_name,
        organisation=old.organisation if organisation is UNCHANGED else organisation,
        locality=old.locality if locality is UNCHANGED else locality,
        valid_from=on,
        valid_to=old.valid_to,
    )
    old.valid_to = on - ONE_DAY
    old.save(update_fields=["valid_to"])
    audit.record(
        action="service_area.close",
        obj=old,
        by=by,
        before=before,
        after=audit.snapshot(old, SERVICE_AREA_FIELDS),
        note=f"Restructured: continues as {new.name} from {on.isoformat()}.",
    )
    audit.record(
        action="service_area.open",
        obj=new,
        by=by,
        after=audit.snapshot(new, SERVICE_AREA_FIELDS),
        note=f"Replaces {old.name} (version {old.pk}).",
    )
    return new


@transaction.atomic
def closure_day_add(
    *, day: datetime.date, by: User | None, reason: str = "Authority closure day"
) -> ClosureDay:
    """Make a day a closure day: it stops being a working day for every deadline."""
    existing = ClosureDay.objects.filter(date=day).first()
    if existing is not None:
        raise rules.ClosureDayExists(date=day, reason=existing.reason)
    closure = ClosureDay.objects.create(
        date=day, reason=required_text(reason, what="reason for the closure")
    )
    audit.record(action="closure_day.add", obj=closure, by=by, after=audit.snapshot(closure))
    deadline_rules_changed.send(sender=ClosureDay)
    return closure


@transaction.atomic
def closure_day_remove(*, day: datetime.date, by: User | None) -> None:
    """Make a closure day a working day again."""
    closure = ClosureDay.objects.select_for_update().filter(date=day).first()
    if closure is None:
        raise rules.NotAClosureDay(date=day)
    audit.record(action="closure_day.remove", obj=closure, by=by, before=audit.snapshot(closure))
    closure.delete()
    deadline_rules_changed.send(sender=ClosureDay)
