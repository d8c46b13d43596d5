"""Writing a checked file: configuration it needs (--create-missing), then every sheet, in one
transaction opened by the service, in bulk, with an audit event per record."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Max

from redress.complaints.state import refresh_complaints
from redress.organisations.models import Locality, Organisation, ServiceArea
from redress.taxonomies.models import Taxonomy, Term

from ..known import Known
from ..lookups import Lookups, Pending, ref_id
from ..progress import ProgressFactory
from ..validate.checker import Checker
from .audit import AuditTrail
from .complaints import store_aspects, store_complaints, store_stages
from .context import ApplyContext
from .others import WRITERS, store_sheet
from .sync import Tally

if TYPE_CHECKING:
    from redress.accounts.models import User
    from redress.imports.models import ImportRun


def apply_dataset(
    *,
    checker: Checker,
    known: Known,
    lookups: Lookups,
    run: ImportRun,
    by: User | None,
    progress: ProgressFactory,
    kept: dict[str, tuple[str, ...]] | None = None,
) -> tuple[dict[str, Tally], int]:
    """Write the good rows; returns the tallies by sheet and the number of audit events.
    `kept`: by sheet, the columns the file leaves out whose stored values stay as they are."""
    trail = AuditTrail(run=run, by=by)
    ctx = ApplyContext(trail, lookups, known, checker, progress, kept=kept or {})
    log = checker.log
    good = {
        sheet: [r for r in rows if not log.is_bad(sheet, r.line)]
        for sheet, rows in checker.parsed.items()
    }
    if lookups.pending:
        create_pending(ctx, _used(good))
    if "complaints" in good:
        store_complaints(ctx, good["complaints"])
    if "stages" in good:
        store_stages(ctx, good["stages"])
    if "aspects" in good:
        store_aspects(ctx, good["aspects"])
    for sheet in WRITERS:
        if sheet in good:
            store_sheet(ctx, sheet, good[sheet])
    trail.flush()
    # Each touched complaint's stored state (status, due dates), as the services keep it.
    references = {getattr(r, "reference", None) for rows in good.values() for r in rows}
    refresh_complaints(ctx.complaint_ids[r] for r in references if r in ctx.complaint_ids)
    return ctx.tallies, trail.written


LOOKUP_COLUMNS = ("organisation", "service_area", "locality", "theme", "category", "subcategory")


def _used(good: dict[str, list[Any]]) -> set[Pending]:
    """The pending records that rows being written use (a rejected row creates nothing)."""
    used: set[Pending] = set()
    for rows in good.values():
        if not rows:
            continue
        columns = [c for c in LOOKUP_COLUMNS if c in rows[0]._fields]
        for r in rows:
            for column in columns:
                value = getattr(r, column)
                if isinstance(value, Pending):
                    used.add(value)
    for record in list(used):
        item: Pending | None = record
        while item is not None and item.kind == "term":
            if isinstance(item.taxonomy.ref, Pending):
                used.add(item.taxonomy.ref)
            item = item.parent if isinstance(item.parent, Pending) else None
            if item is not None:
                used.add(item)
    return used


def create_pending(ctx: ApplyContext, used: set[Pending]) -> None:
    tally = ctx.tally("configuration")
    for pending in ctx.lookups.pending:
        if pending not in used:
            continue
        obj = _create(pending)
        pending.id = obj.pk
        after = {"name": pending.name, "created_by": "import --create-missing"}
        ctx.trail.created(type(obj), obj.pk, None, after)
        tally.created += 1


def _create(pending: Pending) -> Any:
    name = pending.name
    if pending.kind == "organisation":
        return Organisation.objects.create(name=name)
    if pending.kind == "service area":
        return ServiceArea.objects.create(name=name)
    if pending.kind == "locality":
        return Locality.objects.create(name=name)
    if pending.kind == "taxonomy":
        info = pending.taxonomy
        return Taxonomy.objects.create(code=info.code, name=name, kind=info.kind)
    taxonomy_id = ref_id(pending.taxonomy.ref)
    parent_id = ref_id(pending.parent)
    assert taxonomy_id is not None  # a pending taxonomy is created before its terms
    siblings = Term.objects.filter(taxonomy_id=taxonomy_id, parent_id=parent_id)
    last = siblings.aggregate(last=Max("order"))["last"]
    return Term.objects.create(
        taxonomy_id=taxonomy_id,
        parent_id=parent_id,
        name=name,
        order=0 if last is None else last + 1,
    )
