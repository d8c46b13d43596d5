"""Writing complaints (with their complainants), stages (with extensions) and aspects."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Any

from redress.complaints.choices import StageStatus
from redress.complaints.models import Aspect, Complaint, Extension, Stage
from redress.people.models import Person

from ..known import chunks, rows_in
from ..lookups import ref_id
from .audit import created_values
from .context import ApplyContext
from .insert import Inserter
from .sync import BATCH, Item, Spec

COMPLAINTS = Spec(
    sheet="complaints",
    model=Complaint,
    fields=(
        "reference",
        "received_date",
        "procedure_id",
        "method",
        "complainant_id",
        "complainant_type",
        "advocate",
        "advocacy_offered",
        "advocacy_referred_on",
        "organisation_id",
        "service_area_id",
        "locality_id",
        "theme_id",
        "summary",
        "related_to_id",
    ),
    key=("reference",),
    scope="reference",
    unique=True,
    is_complaint=True,
    created_as=(("status", StageStatus.CLOSED),),  # see STAGES
)

STAGES = Spec(
    sheet="stages",
    model=Stage,
    fields=(
        "complaint_id",
        "number",
        "received_date",
        "acknowledged_date",
        "statement_agreed_date",
        "responded_date",
        "outcome",
        "organisation_id",
        "panel_date",
        "panel_report_date",
    ),
    key=("complaint_id", "number"),
    scope="complaint_id",
    unique=True,
    # New stages (and complaints) start closed and the state refresh at the end of the import
    # opens the open ones: most imported records are closed, and a row inserted open and then
    # closed would leave its entry behind in the small partial indexes of open ones
    # (`stage_open_idx`, `complaint_open_list_idx`), which at a million rows grew a hundredfold.
    created_as=(("status", StageStatus.CLOSED),),
)

ASPECTS = Spec(
    sheet="aspects",
    model=Aspect,
    fields=("stage_id", "category_id", "subcategory_id", "finding", "order"),
    key=("stage_id", "category_id", "subcategory_id"),
    scope="stage_id",
    # A new aspect goes where the file puts it; existing ones keep their place, so importing
    # an export of the same records is a no-op.
    create_only=("order",),
)


def store_people(ctx: ApplyContext, rows: list[Any]) -> dict[str, int]:
    """Complainants by their stable key: the existing person, or a new one with only the key."""
    keys = {r.complainant_id for r in rows if r.complainant_id is not None}
    people = dict(rows_in(Person.objects.values_list("key", "id"), "key", keys))
    missing = sorted(keys - people.keys())
    tally = ctx.tally("people")
    insert = Inserter(Person, ["key"])
    for batch in chunks(missing, BATCH):
        for key, pk in zip(batch, insert.insert([{"key": k} for k in batch]), strict=True):
            people[key] = pk
            ctx.trail.created(Person, pk, None, {"key": key})
        tally.created += len(batch)
        ctx.trail.flush_if_full()
    return people


# Columns added after the format was first published, and the fields they fill: a file without
# them leaves what Redress holds (e.g. a referral recorded on the staff pages) as it is.
ADDED_COLUMNS = {
    "advocacy_offered": "advocacy_offered",
    "advocacy_referred_date": "advocacy_referred_on",
}


def store_complaints(ctx: ApplyContext, rows: list[Any]) -> None:
    people = store_people(ctx, rows)
    spec = COMPLAINTS
    if kept := ctx.kept.get("complaints"):
        kept_fields = tuple(ADDED_COLUMNS[c] for c in kept)
        spec = replace(spec, create_only=(*spec.create_only, *kept_fields))
    ids = ctx.complaint_ids
    fresh = {r.reference for r in rows} - ctx.known.complaints.keys()

    def item(r: Any) -> Item:
        values = {
            "reference": r.reference,
            "received_date": r.received_date,
            "procedure_id": r.procedure.id,
            "method": r.method or "",
            "complainant_id": people.get(r.complainant_id) if r.complainant_id else None,
            "complainant_type": r.complainant_type or "",
            "advocate": r.advocate or "",
            "advocacy_offered": r.advocacy_offered,
            "advocacy_referred_on": r.advocacy_referred_date,
            "organisation_id": ref_id(r.organisation),
            "service_area_id": ref_id(r.service_area),
            "locality_id": ref_id(r.locality),
            "theme_id": ref_id(r.theme),
            "summary": r.summary or "",
            "related_to_id": ids.get(r.related_to) if r.related_to else None,
        }
        return Item(values, r.custom)

    # A follow-on complaint is written once the complaint it follows has an id, so a chain
    # takes as many passes as it is long and no complaint is written twice.
    waiting = rows
    bar = ctx.bar("complaints", len(rows))
    while waiting:
        ready = [r for r in waiting if r.related_to is None or r.related_to in ids]
        looped = not ready
        if looped:  # complaints that follow on from each other: link them afterwards
            ready = waiting
        written = ctx.store(spec, map(item, ready), len(ready), skip=fresh, bar=bar)
        for r, pk in zip(ready, written, strict=True):
            ids[r.reference] = pk
            if r.reference in fresh:
                ctx.new_complaints.add(pk)
        if looped:
            _link_loops(ctx, ready)
            break
        done = {r.line for r in ready}
        waiting = [r for r in waiting if r.line not in done]
    bar.close()


def _link_loops(ctx: ApplyContext, rows: list[Any]) -> None:
    ids = ctx.complaint_ids
    linked = []
    for r in rows:
        if r.related_to is not None:
            complaint = Complaint(id=ids[r.reference], related_to_id=ids[r.related_to])
            linked.append(complaint)
            ctx.trail.updated(
                Complaint,
                complaint.pk,
                complaint.pk,
                {"related_to": None},
                {"related_to": complaint.related_to_id},
            )
    Complaint.objects.bulk_update(linked, ["related_to_id"], batch_size=500)


def store_stages(ctx: ApplyContext, rows: list[Any]) -> None:
    def item(r: Any) -> Item:
        complaint_id = ctx.complaint_ids[r.reference]
        values = {
            "complaint_id": complaint_id,
            "number": r.stage,
            "received_date": r.received_date,
            "acknowledged_date": r.acknowledged_date,
            "statement_agreed_date": r.statement_agreed_date,
            "responded_date": r.responded_date,
            "outcome": r.outcome or "",
            "organisation_id": ref_id(r.organisation),
            "panel_date": r.panel_date,
            "panel_report_date": r.panel_report_date,
        }
        return Item(values, r.custom, complaint_id)

    known = set(ctx.stage_ids.values())
    ids = ctx.store(STAGES, map(item, rows), len(rows), skip=ctx.new_complaints)
    for r, pk in zip(rows, ids, strict=True):
        ctx.stage_ids[r.reference, r.stage] = pk
        if pk not in known:
            ctx.new_stages.add(pk)
    store_extensions(ctx, [(r, pk) for r, pk in zip(rows, ids, strict=True) if r.extended])


def store_extensions(ctx: ApplyContext, rows: list[tuple[Any, int]]) -> None:
    """`extended=yes` means an extension to the longest the stage's rule allows, with the
    reason given; an existing stage keeps its extensions and its latest reason is updated."""
    latest: dict[int, dict[str, Any]] = {}
    query = Extension.objects.order_by("stage_id", "created_at", "id").values(
        "id", "stage_id", "reason"
    )
    old_stages = [pk for _, pk in rows if pk not in ctx.new_stages]
    for extension in rows_in(query, "stage_id", old_stages):
        latest[extension["stage_id"]] = extension
    tally = ctx.tally("extensions")
    new, changed = [], []
    for r, stage_id in rows:
        reason = r.extension_reason or ""
        current = latest.get(stage_id)
        complaint_id = ctx.complaint_ids[r.reference]
        if current is None:
            procedure = ctx.checker.complaint_procedure(r.reference)
            assert procedure is not None  # checked: a stage's complaint has a procedure
            rule = procedure.rules[r.stage]
            extension = {"stage_id": stage_id, "extended_to_days": rule.max_days, "reason": reason}
            new.append((extension, complaint_id))
        elif current["reason"] != reason:
            changed.append(Extension(id=current["id"], reason=reason))
            ctx.trail.updated(
                Extension,
                current["id"],
                complaint_id,
                {"reason": current["reason"]},
                {"reason": reason},
            )
        else:
            tally.unchanged += 1
    insert = Inserter(Extension, ["stage_id", "extended_to_days", "reason"])
    for batch in chunks(new, BATCH):
        created = insert.insert([extension for extension, _ in batch])
        for pk, (extension, complaint_id) in zip(created, batch, strict=True):
            ctx.trail.created(Extension, pk, complaint_id, created_values(extension, Extension))
        ctx.trail.flush_if_full()
    Extension.objects.bulk_update(changed, ["reason"], batch_size=500)
    tally.created += len(new)
    tally.updated += len(changed)


def store_aspects(ctx: ApplyContext, rows: list[Any]) -> None:
    # A new aspect's place among its stage's aspects is its position in the file.
    order: dict[tuple[str, int], int] = defaultdict(int)

    def item(r: Any) -> Item:
        key = (r.reference, r.stage)
        position = order[key]
        order[key] = position + 1
        values = {
            "stage_id": ctx.stage_ids[key],
            "category_id": ref_id(r.category),
            "subcategory_id": ref_id(r.subcategory),
            "finding": r.finding or "",
            "order": position,
        }
        return Item(values, r.custom, ctx.complaint_ids[r.reference])

    ctx.store(ASPECTS, map(item, rows), len(rows), skip=ctx.new_stages)
