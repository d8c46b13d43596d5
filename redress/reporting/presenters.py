"""How the reports pages word their own choices (which scopes they offer, and why) and head a
drill-down page, as against the reports' wording, which is the document's
(`reporting/document/`), whose labels and captions they use."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from redress.core.presenters import and_list, any_value, first_capital
from redress.reporting.document.labels import (
    TABLE_CAPTIONS,
    column_label,
    figure_words,
    naming_words,
    row_namings,
)


def localities_not_listed(names: Sequence[str]) -> str:
    """Why these localities (no service area has ever been in them) are left out of a report's
    scope choices ("" for none)."""
    if not names:
        return ""
    one = len(names) == 1
    # Quoted, as a name may hold a comma ('North, West & Central').
    quoted = and_list([f"'{name}'" for name in names])
    return (
        f"{quoted} {'is' if one else 'are'} not listed: no service area is in "
        f"{'that locality' if one else 'those localities'}, so a report for "
        f"{'it' if one else 'one'} would count nothing. Complaints that record their locality "
        "are counted by area in the whole authority's report."
    )


# -- Drill-down headings -------------------------------------------------------------------------
# A drill-down page is headed by what the report calls the figure or the row, not by its id,
# which the page's summary list gives.


def row_words(table_id: str, row: Mapping[str, Any]) -> str:
    """What a table row is about, from its naming values in the report's words: "Fostering",
    "Stage 1, Partially upheld", "Citywide, 0-10 working days", "April to December 2021,
    Safeguarding"; "" if it has none. Its counts, amounts and dates are left out."""
    return ", ".join(row_namings(table_id, row))


def table_row_heading(table_id: str, row: int, values: Mapping[str, Any]) -> str:
    """“Complaints received by service and stage: Fostering”: the table's caption and the row
    in words ("row 3" where it has none); a table without a caption by its id and row number."""
    caption = TABLE_CAPTIONS.get(table_id)
    if caption is None:
        return f"Records behind row {row + 1} of {table_id}"
    words = row_words(table_id, values) or f"row {row + 1}"
    # Where the caption or the row has a colon of its own ("…: complaints received",
    # "Premature: referred back to the authority"), a dash.
    return f"{caption}{' – ' if ': ' in caption or ': ' in words else ': '}{words}"


def figure_heading(figure_id: str, as_of: datetime.date) -> str:
    """A scalar figure's definition in words (`labels.figure_words`), as a heading: "Stage 1
    records received in the period". A figure worked out from others (a sum, a ratio) is headed
    by its id."""
    words = figure_words(figure_id, as_of)
    if words is None:
        return f"Records behind {figure_id}"
    return first_capital(words)


def row_value_rows(table_id: str, row: Mapping[str, Any]) -> list[tuple[str, str]]:
    """A table row's columns and values as a drill-down page lists them: each column by its
    heading in the report ("Stage 1", "Number"), each naming value in the report's words, and
    numbers, dates and amounts as they are."""
    return [
        (
            column_label(column),
            naming
            if (naming := naming_words(table_id, column, value)) is not None
            else any_value(value),
        )
        for column, value in row.items()
    ]
