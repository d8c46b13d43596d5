"""The registry of figures: every id in FIGURES.md maps to one function.

A figure function takes the run's `FigureContext` (and the values of the id's parameters) and
returns a value: a number, a Decimal, None, a `Counted` (a count together with the rows it
counted, for drill-down) or a `Rate` (a percentage kept exact for its change between periods).
A table function returns a `Table`. Adding a figure is one decorated function and one test.

    @scalar("received.stage{n}", n=STAGES, previous=True)
    def received_stage(ctx, n):
        "stage N records received in the period"
        return counted(ctx.received(n))
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import polars as pl

from .numbers import Rate

Scalar = int | float | Decimal | None


@dataclass(frozen=True)
class Counted:
    """A count and the records behind it (each with a complaint_id): a frame, or a LazyFrame
    that describes them, made only if the drill-down asks."""

    value: int
    rows: pl.DataFrame | pl.LazyFrame


# The records behind each row of a table, by row index (read-only, so a dict of either kind
# of frame is one).
Evidence = Mapping[int, pl.DataFrame | pl.LazyFrame]


@dataclass(frozen=True)
class Table:
    """Rows of a table, and for drill-down the records behind each row (keyed by row index).
    A row's records may be a LazyFrame, made only if the drill-down asks for them: a table
    over every year would otherwise copy every stage record to answer a report."""

    rows: list[dict[str, Any]]
    evidence: Evidence = field(default_factory=dict)


@dataclass(frozen=True)
class FigureSpec:
    id: str
    kind: str  # "scalar" or "table"
    function: Callable[..., Any]
    params: dict[str, Any]
    previous: bool
    definition: str
    group: str

    def compute(self, ctx: Any) -> Any:
        return self.function(ctx, **self.params)


# Scalars and tables are separate namespaces (FIGURES.md has both a scalar and a table called
# `lgo.enquiries`).
SCALARS: dict[str, FigureSpec] = {}
TABLES: dict[str, FigureSpec] = {}
REGISTRY = {"scalar": SCALARS, "table": TABLES}


def _expand(
    template: str, params: dict[str, Sequence[Any]]
) -> Iterable[tuple[str, dict[str, Any]]]:
    names = list(params)
    for values in itertools.product(*(params[n] for n in names)):
        bound = dict(zip(names, values, strict=True))
        yield template.format(**bound), bound


def _register(
    kind: str,
    template: str,
    previous: bool,
    params: dict[str, Sequence[Any]],
    words: dict[str, str] | None = None,
):
    def decorator(function: Callable[..., Any]) -> Callable[..., Any]:
        definition = " ".join((function.__doc__ or "").split())
        group = function.__module__.rsplit(".", 1)[-1]
        for figure_id, bound in _expand(template, params):
            registry = REGISTRY[kind]
            if figure_id in registry:
                raise ValueError(f"The {kind} {figure_id} is registered twice.")
            registry[figure_id] = FigureSpec(
                id=figure_id,
                kind=kind,
                function=function,
                params=bound,
                previous=previous,
                definition=definition.format(**bound, **(words or {})),
                group=group,
            )
        return function

    return decorator


def scalar(
    template: str,
    *,
    previous: bool = False,
    words: dict[str, str] | None = None,
    **params: Sequence[Any],
):
    """Register a scalar figure (or a family, one id per combination of parameters). The
    docstring is its definition; `{param}` and `{word}` placeholders are filled in."""
    return _register("scalar", template, previous, params, words)


def table(template: str, *, words: dict[str, str] | None = None, **params: Sequence[Any]):
    """Register a table."""
    return _register("table", template, False, params, words)


def counted(frame: pl.DataFrame, where: pl.Expr | None = None) -> Counted:
    """The records of `frame` (those `where` holds for), with their count."""
    if where is None:
        return Counted(frame.height, frame)
    return Counted(count_where(frame, where), frame.lazy().filter(where))


def count_where(frame: pl.DataFrame, where: pl.Expr) -> int:
    """How many records of `frame` `where` holds for (as `frame.filter(where).height`), worked
    from the columns `where` reads: a filter copies every column of the records it keeps, and
    the facts of a stage have about forty (three times as long, on a year's stage 1)."""
    return int(frame.select(where.sum()).item())


def plain(value: Any) -> Any:
    """The value as reported: without its evidence, a rate rounded."""
    return value.value if isinstance(value, Counted | Rate) else value


def exact(value: Any) -> Any:
    """The value to work a change between periods from: a rate unrounded."""
    if isinstance(value, Rate):
        return value.exact
    return plain(value)
