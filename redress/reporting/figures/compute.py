"""Compute every registered figure for a period: the `redress.figures/1` content."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import polars as pl

from redress.reporting.facts import Facts
from redress.reporting.periods import Period

from . import catalogue  # noqa: F401  (registers every figure)
from .context import FigureContext, ReportSettings
from .numbers import change_pct
from .registry import SCALARS, TABLES, Counted, Table, exact, plain

SCHEMA = "redress.figures/1"


@dataclass
class FigureSet:
    period: Period
    as_of: Any
    figures: dict[str, Any] = field(default_factory=dict)
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    evidence: dict[str, Any] = field(default_factory=dict)
    table_evidence: dict[str, dict[int, Any]] = field(default_factory=dict)
    # Set by publication (redress.reporting.publish): the cells withheld, as (table id, row
    # index, column); their values are None in `tables`.
    suppressed: set[tuple[str, int, str]] = field(default_factory=set)
    # The scalars withheld (a report for one locality or service, publish.py); their values are
    # None in `figures`.
    suppressed_figures: set[str] = field(default_factory=set)
    published: bool = False


def compute_figures(
    *,
    facts: Facts,
    period: Period,
    settings: ReportSettings | None = None,
    only: set[str] | None = None,
    keep_evidence: bool = False,
) -> FigureSet:
    """Every figure and table (or only the ids asked for) for the period.

    The records behind each count (for drill-down) are kept only when asked for: a report
    needs to know which numbers can link, not to hold a copy of every selection (at a million
    complaints that doubled the memory of a run). Without them, `evidence` and
    `table_evidence` still name every figure and row that has records behind it, with None.
    """
    ctx = FigureContext(facts.for_figures(), period, settings or ReportSettings())
    previous = ctx.for_period(period.previous)
    result = FigureSet(period=period, as_of=facts.as_of)
    for figure_id, spec in TABLES.items():
        if only is None or figure_id in only:
            value = spec.compute(ctx)
            assert isinstance(value, Table), f"{figure_id} must return a Table"
            result.tables[figure_id] = value.rows
            result.table_evidence[figure_id] = (
                {row: _collected(frame) for row, frame in value.evidence.items()}
                if keep_evidence
                else dict.fromkeys(value.evidence)
            )
    for figure_id, spec in SCALARS.items():
        if only is not None and figure_id not in only:
            continue
        value = spec.compute(ctx)
        if isinstance(value, Counted):
            result.evidence[figure_id] = _collected(value.rows) if keep_evidence else None
        result.figures[figure_id] = plain(value)
        if spec.previous:
            before = spec.compute(previous)
            result.figures[f"{figure_id}.previous"] = plain(before)
            result.figures[f"{figure_id}.change_pct"] = change_pct(exact(value), exact(before))
    return result


def _collected(frame: pl.DataFrame | pl.LazyFrame) -> pl.DataFrame:
    return frame.collect() if isinstance(frame, pl.LazyFrame) else frame


def to_json(result: FigureSet) -> dict[str, Any]:
    """The machine-readable form of FIGURES.md (money as numbers in pounds)."""
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "period": result.period.as_json(),
        "as_of": result.as_of.isoformat(),
        "figures": {k: _json(v) for k, v in result.figures.items()},
    }
    # A withheld scalar is null in `figures`, and `suppressed` says so by its id, as a withheld
    # cell's row does (FIGURES.md, Publishing). Only a published report for one locality or
    # service withholds scalars: every other report's JSON is as it was.
    if result.suppressed_figures:
        data["suppressed"] = dict.fromkeys(sorted(result.suppressed_figures), True)
    data["tables"] = {
        k: [_json_row(result, k, i, row) for i, row in enumerate(rows)]
        for k, rows in result.tables.items()
    }
    return data


def _json_row(result: FigureSet, table_id: str, index: int, row: dict[str, Any]) -> dict[str, Any]:
    out = {c: _json(v) for c, v in row.items()}
    # A withheld cell is null, and its row says so (FIGURES.md, Publishing).
    if any((table_id, index, c) in result.suppressed for c in row):
        out["suppressed"] = True
    return out


def _json(value: Any) -> Any:
    # A Decimal of pounds and pence prints as its shortest float form, which is the same digits.
    if isinstance(value, Decimal):
        return float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
