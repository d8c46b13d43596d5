"""The records behind a figure, as rows for a page: each evidence frame of the figures engine
(stage records, reasons, mediations, enquiries, payments, compliments, feedback, answers,
actions, repeat complainants) read as a list with its own columns.

A row stands for exactly one of the things the figure counted, so a page lists as many rows as
the figure's value (a repeat-complainant figure counts people, so it lists people, each with
their complaints).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import overload

import polars as pl

from redress.core.presenters import count

from .kinds import KINDS, REF, columns_of, stage_kind
from .listing import Cell, Column, Formatter, Records, Ref

__all__ = [
    "Cell",
    "Column",
    "Records",
    "Ref",
    "Rows",
    "complaint_ids",
    "lists_people",
    "records",
]


def _with_references(frame: pl.DataFrame, references: Mapping[int, str]) -> pl.DataFrame:
    """Frames of payments, actions and enquiries carry the complaint's id, not its reference."""
    if "reference" in frame.columns or "complaint_id" not in frame.columns:
        return frame
    return frame.with_columns(
        pl.col("complaint_id")
        .replace_strict(references, default=None, return_dtype=pl.String)
        .alias("reference")
    )


def _sorted(frame: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    present = [c for c in columns if c in frame.columns]
    return frame.sort(present, nulls_last=True) if present else frame


def _only_visible(frame: pl.DataFrame, visible: set[int] | None) -> pl.DataFrame:
    if visible is None:
        return frame
    if "complaint_id" not in frame.columns:
        return frame.clear()
    return frame.filter(pl.col("complaint_id").is_in(list(visible)))


class Rows(Sequence[tuple[Cell, ...]]):
    """The rows of a list, formatted only when read: a page of a long list (a year of an
    authority's complaints) formats its own rows, not every one."""

    def __init__(self, frame: pl.DataFrame, cells: Formatter) -> None:
        self.frame = frame
        self.cells = cells

    def __len__(self) -> int:
        return self.frame.height

    @overload
    def __getitem__(self, index: int) -> tuple[Cell, ...]: ...

    @overload
    def __getitem__(self, index: slice) -> list[tuple[Cell, ...]]: ...

    def __getitem__(self, index: int | slice) -> tuple[Cell, ...] | list[tuple[Cell, ...]]:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1:
                return [self[i] for i in range(start, stop, step)]
            part = self.frame.slice(start, max(0, stop - start))
            return [self.cells(r) for r in part.iter_rows(named=True)]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self.cells(self.frame.row(index, named=True))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]


def _people(frame: pl.DataFrame, visible: set[int] | None, keys: Mapping[int, str]) -> Records:
    """Repeat complainants: one row per person (by their key in `keys`, person id to key),
    with the complaints of theirs that counted."""
    people = (
        frame.sort("received" if "received" in frame.columns else "reference")
        .group_by("complainant_id", maintain_order=True)
        .agg(pl.col("reference"), pl.col("complaint_id"))
        .with_columns(
            pl.col("complainant_id")
            .replace_strict(keys, default=None, return_dtype=pl.String)
            .alias("complainant_key")
        )
        .sort("complainant_key", "complainant_id")
    )
    rows: list[tuple[Cell, ...]] = []
    for person in people.iter_rows(named=True):
        refs = tuple(
            Ref(ref, cid)
            for ref, cid in zip(person["reference"], person["complaint_id"], strict=True)
            if visible is None or cid in visible
        )
        if refs:
            rows.append((person["complainant_key"], count(len(person["reference"])), refs))
    columns = columns_of(("person", "Complainant"), ("complaints", "Complaints"), REF)
    return Records("complainant", columns, rows, people.height, people.height - len(rows))


def lists_people(frame: pl.DataFrame) -> bool:
    """Whether the frame's records are people (repeat complainants, each with their complaints),
    listed by their keys, rather than complaints, stages or other records."""
    return {"complainant_id", "complaints"} <= set(frame.columns)


def records(
    frame: pl.DataFrame,
    *,
    visible: set[int] | None,
    timeliness: bool,
    references: Mapping[int, str] | None = None,
    people: Mapping[int, str] | None = None,
) -> Records:
    """The frame's records as rows, leaving out those not tied to a complaint in `visible`
    (None: the user sees everything). `timeliness` adds the working-day columns;
    `references` gives the complaint references of frames that hold only complaint ids, and
    `people` the keys of the complainants (person id to key) of a frame of people."""
    frame = _with_references(frame, references or {})
    names = set(frame.columns)
    if lists_people(frame):
        return _people(frame, visible, people or {})
    if {"stage_id", "taken"} <= names:
        noun, columns, cells = stage_kind(timeliness)
        order = ["received", "reference", "stage"]
    else:
        kind = next((k for k in KINDS if k[0] <= names), None)
        if kind is None:
            raise ValueError(f"There is no list for records with columns {sorted(names)}.")
        _, noun, columns, cells, order = kind
    shown = _sorted(_only_visible(frame, visible), order)
    return Records(noun, columns, Rows(shown, cells), frame.height, frame.height - shown.height)


def complaint_ids(frame: pl.DataFrame) -> Iterable[int]:
    if "complaint_id" not in frame.columns:
        return []
    return [int(c) for c in frame["complaint_id"].drop_nulls().unique().to_list()]
