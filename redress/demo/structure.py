"""The second demo authority's structure, set after its workbook is imported.

`redress import --create-missing` creates the organisations, service areas and localities a
workbook names, as plain names: a council, in use since records began. The Sandwell-shaped
demo (redress.demo.generator.sandwell) needs more of the data model: the trust that answers
stage 1 and the council that manages stages 2 and 3 and the Ombudsman, each of its kind; the
service areas in use until 31 December 2021; the localities and their services from 1 January
2022, each service in its locality. Every change is audited as the demo's set-up.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import models, transaction

from redress.core import audit
from redress.demo.generator.sandwell import shape
from redress.organisations.models import Locality, Organisation, OrganisationKind, ServiceArea


def _change(obj: models.Model, action: str, **changes: Any) -> bool:
    if all(getattr(obj, name) == value for name, value in changes.items()):
        return False
    fields = list(changes)
    before = audit.snapshot(obj, fields)
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.save(update_fields=fields)
    audit.record(
        action=action,
        obj=obj,
        by=None,
        before=before,
        after=audit.snapshot(obj, fields),
        note="demo set-up: the Sandwell-shaped structure",
    )
    return True


@transaction.atomic
def apply_sandwell_structure() -> int:
    """Set the kinds, owners and dates of the imported structure; returns the records changed.
    Raises LookupError, naming what is missing, when the workbook was not imported first."""
    try:
        trust = Organisation.objects.get(name=shape.AUTHORITY)
        council = Organisation.objects.get(name=shape.COUNCIL)
    except Organisation.DoesNotExist:
        raise LookupError(
            f"Neither '{shape.AUTHORITY}' nor '{shape.COUNCIL}' (or not both) is an organisation: "
            "import the Sandwell-shaped demo workbook (demo_generate --authority sandwell) first."
        ) from None
    changed = 0
    changed += _change(trust, "organisation.update", kind=OrganisationKind.TRUST)
    changed += _change(council, "organisation.update", kind=OrganisationKind.COUNCIL)
    until = shape.RESTRUCTURE - datetime.timedelta(days=1)
    localities = {}
    for name in shape.LOCALITIES:
        locality = Locality.objects.get(name=name)
        changed += _change(locality, "locality.update", valid_from=shape.RESTRUCTURE)
        localities[name] = locality
    for name in shape.OLD_SERVICES:
        service = ServiceArea.objects.get(name=name)
        changed += _change(service, "service_area.update", organisation=trust, valid_to=until)
    for name, (locality_name, _cases) in shape.NEW_SERVICES.items():
        service = ServiceArea.objects.get(name=name)
        changed += _change(
            service,
            "service_area.update",
            organisation=trust,
            locality=localities.get(locality_name),
            valid_from=shape.RESTRUCTURE,
        )
    return changed
