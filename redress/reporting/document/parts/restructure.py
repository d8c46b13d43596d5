"""Services where the period spans a restructure: complaints by service, and stage 1 complaints
against open cases, once for each part of the period, since the services before the restructure
are not the ones after it (Sandwell 2021-22, Tables 2 to 5; FIGURES.md, Restructure)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from redress.core import presenters

from ..labels import span_words
from ..sentences import in_words
from ..values import para
from .common import OPEN_CASES_COLUMNS, STAGE_COLUMNS, Blocks, highest_against_open_cases

if TYPE_CHECKING:
    from ..context import BuildContext

BY_SERVICE = "received.by_service.parts"
OPEN_CASES = "ratio.stage1_to_open_cases.by_service.parts"

Part = tuple[datetime.date, datetime.date, list[int]]


def spans_restructure(ctx: BuildContext) -> bool:
    return bool(ctx.view.rows(BY_SERVICE))


def open_cases_elsewhere(ctx: BuildContext) -> bool:
    """Whether the open cases are given by part with the services (so not for the year)."""
    return spans_restructure(ctx) and "services" not in ctx.left_out


def _parts(rows: list[dict]) -> dict[int, Part]:
    """The table's rows by part: its first and last day and the indices of its rows."""
    parts: dict[int, Part] = {}
    for index, row in enumerate(rows):
        parts.setdefault(row["part"], (row["from"], row["to"], []))[2].append(index)
    return parts


def services_by_part(ctx: BuildContext) -> Blocks:
    """Why there is a table for each part, then each part's tables: complaints by service and
    stage, and stage 1 complaints against open cases where the part has open-cases figures."""
    v = ctx.view
    parts = _parts(v.rows(BY_SERVICE))
    open_cases = _parts(v.rows(OPEN_CASES))
    spans = [span_words(start, end) for start, end, _ in parts.values()]
    days = [presenters.govuk_date(start) for start, _, _ in list(parts.values())[1:]]
    blocks: Blocks = [
        para(
            f"The services were restructured on {presenters.and_list(days)}, when some ended "
            "and others began in their place, so complaints by service are given as "
            f"{in_words(len(parts))} separate sets, for {presenters.and_list(spans)}."
        )
    ]
    if open_cases:
        blocks.append(
            para(
                "Within each set, stage 1 complaints are read against the open cases of the "
                "services in use during it."
            )
        )
    for number, (start, end, indices) in parts.items():
        words = span_words(start, end)
        blocks.append(
            v.table(
                BY_SERVICE,
                [("service", "Service", "text"), *STAGE_COLUMNS],
                indices=indices,
                caption=f"Complaints received by service and stage, {words}",
            )
        )
        if number in open_cases:
            blocks.append(
                v.table(
                    OPEN_CASES,
                    OPEN_CASES_COLUMNS,
                    indices=open_cases[number][2],
                    caption=f"Stage 1 complaints against open cases, by service, {words}",
                )
            )
            highest = highest_against_open_cases(
                ctx, OPEN_CASES, f"in {words}", open_cases[number][2]
            )
            if highest is not None:
                blocks.append(highest)
    return blocks
