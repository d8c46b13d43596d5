"""Matching a sheet's rows to what Redress holds, then creating and updating in bulk.

Rows are matched on a natural key. Where the key is unique (a complaint's reference, a stage's
complaint and number) one row matches one record. Where it is not (payments, actions,
compliments, feedback, aspects within a stage), the n-th row with a key matches the n-th
record with that key in id order, so identical rows stay as many records as there are rows.
A matched record is updated only when a value differs, so importing a file twice changes
nothing the second time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils import timezone

from ..known import chunks
from ..progress import ProgressBar, Silent
from .audit import AuditTrail, created_values, trail_values
from .insert import Inserter

BATCH = 2000


@dataclass(frozen=True)
class Spec:
    """How one sheet is stored: the model, the fields a row sets (by attname), the natural key
    (a subset of them), and the field whose values scope the query for existing records."""

    sheet: str
    model: type[models.Model]
    fields: tuple[str, ...]
    key: tuple[str, ...]
    scope: str
    unique: bool = False
    is_complaint: bool = False  # the records are complaints, so each is its own trail's key
    create_only: tuple[str, ...] = ()  # set on new records; never a reason to update one
    # Values every new record starts with, before the import's state refresh (same transaction).
    created_as: tuple[tuple[str, Any], ...] = ()

    @property
    def compared(self) -> tuple[str, ...]:
        return tuple(f for f in self.fields if f not in self.create_only)

    @property
    def timestamped(self) -> bool:
        return any(f.name == "updated_at" for f in self.model._meta.concrete_fields)


@dataclass
class Item:
    """One row to store: its field values (by attname), its x_ columns (None: no x_ columns
    in the file; a None value: a blank x_ cell, which removes that key) and the complaint it
    belongs to, for the audit trail."""

    values: dict[str, Any]
    custom: dict[str, str | None] | None = None
    complaint: int | None = None


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


@dataclass
class Existing:
    """Records already in the database, grouped by natural key, loaded scope by scope."""

    spec: Spec
    skip: Collection[Any]
    loaded: set[Any] = field(default_factory=set)
    by_key: dict[tuple[Any, ...], list[dict[str, Any] | None]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def load(self, scopes: Iterable[Any]) -> None:
        wanted = {s for s in scopes if s not in self.loaded and s not in self.skip}
        if not wanted:
            return
        self.loaded |= wanted
        spec = self.spec
        query = spec.model._default_manager.order_by("id").values("id", *spec.fields, "custom_data")
        if None in wanted:
            wanted.discard(None)
            self._group(query.filter(**{f"{spec.scope}__isnull": True}))
        for batch in chunks(sorted(wanted)):
            self._group(query.filter(**{f"{spec.scope}__in": batch}))

    def _group(self, rows: Iterable[dict[str, Any]]) -> None:
        key = self.spec.key
        for row in rows:
            self.by_key[tuple(row[k] for k in key)].append(row)


def merge_custom(existing: dict[str, Any], custom: dict[str, str | None] | None) -> dict[str, Any]:
    if custom is None:
        return existing
    merged = dict(existing)
    for key, value in custom.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    return merged


def sync(
    spec: Spec,
    items: Iterable[Item],
    trail: AuditTrail,
    tally: Tally,
    *,
    skip_scopes: Collection[Any] = (),
    bar: ProgressBar | None = None,
) -> list[int]:
    """Create or update a record for each item; returns their ids in order. `skip_scopes` are
    scope values known to have no records yet (their parents were created by this import)."""
    existing = Existing(spec, skip_scopes)
    occurrences: dict[tuple[Any, ...], int] = defaultdict(int)
    ids: list[int] = []
    bar = bar or Silent()
    now = timezone.now()
    insert = Inserter(spec.model, [*spec.fields, "custom_data"])
    for batch in chunks(items, BATCH):
        existing.load(item.values[spec.scope] for item in batch)
        created: list[tuple[int, dict[str, Any], Item]] = []
        updated: list[models.Model] = []
        changed_fields: set[str] = set()
        for item in batch:
            key = tuple(item.values[k] for k in spec.key)
            match = _match(existing, key, occurrences, spec.unique)
            if match is None:
                row = {**item.values, "custom_data": merge_custom({}, item.custom)}
                created.append((len(ids), row, item))
                ids.append(0)
                continue
            ids.append(match["id"])
            obj, before, after = _changes(spec, match, item)
            if obj is None:
                tally.unchanged += 1
                continue
            updated.append(obj)
            changed_fields.update(before)
            trail.updated(spec.model, obj.pk, _complaint(spec, item, obj.pk), before, after)
        if created:
            new_ids = insert.insert([row for _, row, _ in created], dict(spec.created_as))
            for (index, row, item), pk in zip(created, new_ids, strict=True):
                ids[index] = pk
                after = created_values(item.values, spec.model)
                if row["custom_data"]:
                    after["custom_data"] = row["custom_data"]
                trail.created(spec.model, pk, _complaint(spec, item, pk), after)
            tally.created += len(created)
        if updated:
            names = sorted(changed_fields)
            if spec.timestamped:
                for obj in updated:
                    setattr(obj, "updated_at", now)  # noqa: B010 (any timestamped model)
                names.append("updated_at")
            spec.model._default_manager.bulk_update(updated, names, batch_size=500)
            tally.updated += len(updated)
        trail.flush_if_full()
        bar.update(len(batch))
    return ids


def _match(
    existing: Existing,
    key: tuple[Any, ...],
    occurrences: dict[tuple[Any, ...], int],
    unique: bool,
) -> dict[str, Any] | None:
    # A matched record is dropped from memory: each is matched at most once.
    if unique:
        candidates = existing.by_key.pop(key, None)
        return candidates[0] if candidates else None
    candidates = existing.by_key.get(key)
    n = occurrences[key]
    occurrences[key] = n + 1
    if candidates is None or n >= len(candidates):
        return None
    match, candidates[n] = candidates[n], None
    return match


def _changes(
    spec: Spec, match: dict[str, Any], item: Item
) -> tuple[models.Model | None, dict[str, Any], dict[str, Any]]:
    """The record to save with its changed fields, or None when nothing differs."""
    changed = {f: item.values[f] for f in spec.compared if match[f] != item.values[f]}
    custom = merge_custom(match["custom_data"], item.custom)
    if custom != match["custom_data"]:
        changed["custom_data"] = custom
    if not changed:
        return None, {}, {}
    # Every field, not only the changed ones: a batch is saved with the union of its changes.
    obj = spec.model(
        id=match["id"], **{f: item.values[f] for f in spec.compared}, custom_data=custom
    )
    before = trail_values({f: match[f] for f in changed}, spec.model)
    return obj, before, trail_values(changed, spec.model)


def _complaint(spec: Spec, item: Item, pk: int) -> int | None:
    return pk if spec.is_complaint else item.complaint
