"""What the writing steps of one import share: the trail, the tallies, and the ids of the
complaints and stages the file names (those already in Redress and those just created)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..known import Known
from ..lookups import Lookups
from ..progress import ProgressBar, ProgressFactory
from ..validate.checker import Checker
from .audit import AuditTrail
from .sync import Item, Spec, Tally, sync


@dataclass
class ApplyContext:
    trail: AuditTrail
    lookups: Lookups
    known: Known
    checker: Checker
    progress: ProgressFactory
    kept: dict[str, tuple[str, ...]] = field(default_factory=dict)  # see parse_dataset
    tallies: dict[str, Tally] = field(default_factory=dict)
    complaint_ids: dict[str, int] = field(default_factory=dict)
    new_complaints: set[int] = field(default_factory=set)
    stage_ids: dict[tuple[str, int], int] = field(default_factory=dict)
    new_stages: set[int] = field(default_factory=set)
    # Ombudsman enquiries by LGSCO reference: (id, the id of their complaint).
    enquiry_ids: dict[str, tuple[int, int | None]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for lgo, enquiry in self.checker.known_enquiries.items():
            self.enquiry_ids[lgo] = (enquiry.id, enquiry.complaint_id)
        for reference, complaint in self.known.complaints.items():
            self.complaint_ids[reference] = complaint.id
        by_id = {c.id: reference for reference, c in self.known.complaints.items()}
        for (complaint_id, number), stage in self.known.stages.items():
            self.stage_ids[by_id[complaint_id], number] = stage.id

    def tally(self, name: str) -> Tally:
        return self.tallies.setdefault(name, Tally())

    def bar(self, sheet: str, total: int) -> ProgressBar:
        return self.progress(f"Writing {sheet}", total)

    def complaint_id(self, reference: str | None) -> int | None:
        return self.complaint_ids[reference] if reference is not None else None

    def enquiry_id(self, lgo_reference: str | None) -> int | None:
        return self.enquiry_ids[lgo_reference][0] if lgo_reference is not None else None

    def store(
        self,
        spec: Spec,
        items: Iterable[Item],
        total: int,
        *,
        skip: Any = (),
        bar: ProgressBar | None = None,
    ) -> list[int]:
        """Sync a sheet's items (see `sync`), with a progress bar of its own unless given one."""
        own = bar is None
        bar = bar or self.bar(spec.sheet, total)
        ids = sync(spec, items, self.trail, self.tally(spec.sheet), skip_scopes=skip, bar=bar)
        if own:
            bar.close()
        return ids
