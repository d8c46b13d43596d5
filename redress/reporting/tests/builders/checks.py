"""Every figure id has a test: `covers(...)` marks a test as the one asserting some figure ids;
`expect(...)` and `expect_table(...)` assert exact values (same type, same value) and record
what was checked. A covering test fails unless it checked every id it claims, and
`test_figures_registry` fails unless every registered id is claimed by a unit test.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from redress.reporting.figures import FigureSet


@dataclass(frozen=True)
class Claim:
    scalars: frozenset[str]
    tables: frozenset[str]


# "module::test" → the figure ids it asserts. Scalars and tables are apart: `lgo.enquiries` is
# both a scalar and a table.
CLAIMS: dict[str, Claim] = {}
_checked: Claim | None = None


def covers(
    *scalars: str, tables: tuple[str, ...] | list[str] = ()
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Mark a test as asserting these scalars (with `.previous` and `.change_pct` named like any
    other id) and tables; it fails unless it checks each of them."""
    claim = Claim(frozenset(scalars), frozenset(tables))

    def decorator(test: Callable[..., Any]) -> Callable[..., Any]:
        key = f"{test.__module__}::{test.__qualname__}"
        CLAIMS[key] = claim

        @functools.wraps(test)
        def run(*args: Any, **kwargs: Any) -> Any:
            global _checked
            _checked = Claim(frozenset(), frozenset())
            try:
                result = test(*args, **kwargs)
                checked = _checked
            finally:
                _checked = None
            unchecked = sorted(claim.scalars - checked.scalars) + sorted(
                f"{t} (table)" for t in claim.tables - checked.tables
            )
            assert not unchecked, f"{key} claims ids it never checked: {unchecked}"
            return result

        return run

    return decorator


def _record(*, scalar: str | None = None, table: str | None = None) -> None:
    global _checked
    if _checked is not None:
        _checked = Claim(
            _checked.scalars | ({scalar} if scalar else set()),
            _checked.tables | ({table} if table else set()),
        )


def same(actual: Any, expected: Any) -> bool:
    """Equal and of the same type, all the way down: 3 is not 3.0, and Decimal("7.50") is not
    Decimal("7.5") (money is pounds with pennies)."""
    if type(actual) is not type(expected):
        return False
    if isinstance(expected, dict):
        return actual.keys() == expected.keys() and all(
            same(actual[k], expected[k]) for k in expected
        )
    if isinstance(expected, list | tuple):
        return len(actual) == len(expected) and all(
            same(a, e) for a, e in zip(actual, expected, strict=True)
        )
    if isinstance(expected, Decimal):
        return str(actual) == str(expected)
    return bool(actual == expected)


def expect(figures: FigureSet, expected: Mapping[str, Any]) -> None:
    """Every scalar named has exactly the value given (reporting every difference at once)."""
    wrong = []
    for figure_id, value in expected.items():
        if figure_id not in figures.figures:
            wrong.append(f"{figure_id}: not computed")
        elif not same(figures.figures[figure_id], value):
            wrong.append(f"{figure_id}: expected {value!r}, got {figures.figures[figure_id]!r}")
        _record(scalar=figure_id)
    assert not wrong, "\n".join(wrong)


def expect_table(figures: FigureSet, table_id: str, rows: list[dict[str, Any]]) -> None:
    """The table has exactly these rows, in this order."""
    assert table_id in figures.tables, f"{table_id}: not computed"
    actual = figures.tables[table_id]
    if not same(actual, rows):
        lines = [f"{table_id} differs:", "  expected:"]
        lines += [f"    {r!r}" for r in rows]
        lines += ["  got:"] + [f"    {r!r}" for r in actual]
        raise AssertionError("\n".join(lines))
    _record(table=table_id)
