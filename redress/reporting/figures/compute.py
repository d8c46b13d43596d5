"""Compute every registered figure for a period: the `redress.figures/1` content."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import polars as pl

from redress.reporting.facts import Facts
from redress.reporting.periods import Period

from . import catalogue  # noqa: F401  (registers every figure)
from .context import FigureContext, ReportSettings
from .numbers import change_pct
from .registry import SCALARS, TABLES, Counted, FigureSpec, Table, exact, plain

SCHEMA = "redress.figures/1"
FIGURE_THREADS = 2


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
    ctx = FigureContext(facts, period, settings or ReportSettings())
    previous = ctx.for_period(period.previous)
    specs = [
        spec for spec in (*TABLES.values(), *SCALARS.values()) if only is None or spec.id in only
    ]

    def compute(spec: FigureSpec) -> tuple[Any, Any]:
        value = spec.compute(ctx)
        return value, spec.compute(previous) if spec.previous else None

    # Two figures at a time: Polars works without the GIL, so one figure's query runs while
    # the other's Python builds the next (nearly halving an authority-year's figures on two
    # cores). Figures are pure functions of the facts; two that want the same selection at
    # once may both make it, and either is kept.
    if len(specs) > 1:
        with ThreadPoolExecutor(max_workers=FIGURE_THREADS) as pool:
            values = list(pool.map(compute, specs))
    else:
        values = [compute(spec) for spec in specs]

    result = FigureSet(period=period, as_of=facts.as_of)
    for spec, (value, before) in zip(specs, values, strict=True):
        if spec.kind == "table":
            assert isinstance(value, Table), f"{spec.id} must return a Table"
            result.tables[spec.id] = value.rows
            result.table_evidence[spec.id] = (
                {row: _collected(frame) for row, frame in value.evidence.items()}
                if keep_evidence
                else dict.fromkeys(value.evidence)
            )
            continue
        if isinstance(value, Counted):
            result.evidence[spec.id] = value.rows if keep_evidence else None
        result.figures[spec.id] = plain(value)
        if spec.previous:
            result.figures[f"{spec.id}.previous"] = plain(before)
            result.figures[f"{spec.id}.change_pct"] = change_pct(exact(value), exact(before))
    return result


def _collected(frame: pl.DataFrame | pl.LazyFrame) -> pl.DataFrame:
    return frame.collect() if isinstance(frame, pl.LazyFrame) else frame


def to_json(result: FigureSet) -> dict[str, Any]:
    """The machine-readable form of FIGURES.md (money as numbers in pounds)."""
    return {
        "schema": SCHEMA,
        "period": result.period.as_json(),
        "as_of": result.as_of.isoformat(),
        "figures": {k: _json(v) for k, v in result.figures.items()},
        "tables": {
            k: [_json_row(result, k, i, row) for i, row in enumerate(rows)]
            for k, rows in result.tables.items()
        },
    }


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
