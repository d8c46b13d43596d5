"""How the reports pages word their own choices (which scopes they offer, and why) and head a
drill-down page, as against the reports' wording, which is the document's
(`reporting/document/`), whose labels and captions they use."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from typing import Any

from redress.core.presenters import and_list, any_value, govuk_date
from redress.reporting.document.labels import (
    COLUMN_LABELS,
    DECISIONS,
    MEDIATION_OUTCOMES,
    OUTCOMES,
    TABLE_CAPTIONS,
    label,
    naming_words,
)
from redress.reporting.document.parts.restructure import span_words
from redress.reporting.figures import SCALARS


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
    words = []
    for key, value in row.items():
        if key == "part" and isinstance(row.get("from"), datetime.date):
            words.append(span_words(row["from"], row["to"]))
        elif (naming := naming_words(table_id, key, value)) is not None:
            words.append(naming)
    return ", ".join(words)


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


def _codes_in_words(figure_id: str, words: str, as_of: datetime.date) -> str:
    """A definition's codes in words: "statutory stage 2" for stage2.statutory, "with outcome
    partially upheld", and the date the figures are as at for as_of."""
    words = re.sub(r"\bstage(\d)\.(statutory|local)\b", r"\2 stage \1", words)
    words = re.sub(r"\bstage(\d)\b", r"stage \1", words)

    def labelled(match: re.Match[str]) -> str:
        noun, code = match[1], match[2]
        if noun == "decision":
            labels = DECISIONS
        else:
            labels = MEDIATION_OUTCOMES if figure_id.startswith("mediation.") else OUTCOMES
        text = label(labels, code).replace(": ", ", ")  # "Investigated: fault found"
        return f"with {noun} {text[:1].lower()}{text[1:]}"

    words = re.sub(r"\bwith (outcome|decision) (\w+)", labelled, words)
    return re.sub(r"\bas_of\b", govuk_date(as_of), words)


def _definition_words(figure_id: str, as_of: datetime.date) -> str:
    """A scalar's definition as a heading reads it: without its asides in brackets or after a
    colon (the page's summary list gives the whole definition) and without "number of", its
    codes in words, and a figure it is a part of ("of survey.sent, those answered…") in that
    figure's words."""
    words = re.sub(r"\s*\([^()]*\)", "", SCALARS[figure_id].definition).split(": ")[0]
    # A list of records, not a number: "number of stage1 records in …" is those records.
    words = words.replace("`", "").removeprefix("number of ")
    named = re.match(r"of ([\w.]+), ", words)
    if named and named[1] in SCALARS:
        rest = _codes_in_words(figure_id, words[named.end() :], as_of)
        return f"of {_definition_words(named[1], as_of)}, {rest}"
    return _codes_in_words(figure_id, words, as_of)


def _stands_alone(definition: str) -> bool:
    return not definition.startswith("of ") and not re.search(r"[÷×+]", definition)


def _antecedent(figure_id: str) -> str | None:
    """The figure that "those" in the definition of one of its parts refers to: the first of
    its family (lgo.remedies.due for lgo.remedies.on_time) whose definition stands alone."""
    family = figure_id.rsplit(".", 1)[0] + "."
    return next(
        (
            other
            for other, spec in SCALARS.items()
            if other.startswith(family) and _stands_alone(spec.definition)
        ),
        None,
    )


def figure_heading(figure_id: str, as_of: datetime.date) -> str:
    """A scalar figure's definition in words, as a heading: "Stage 1 records received in the
    period". A figure worked out from others (a sum, a ratio) is headed by its id."""
    fallback = f"Records behind {figure_id}"
    if figure_id not in SCALARS:
        return fallback
    words = _definition_words(figure_id, as_of)
    if words.startswith("of those"):
        antecedent = _antecedent(figure_id)
        if antecedent is None:
            return fallback
        words = f"{_definition_words(antecedent, as_of)}: {words}"
    # Left with a sum or a figure's id, it does not read as words.
    if re.search(r"[÷×+]|\b\w+\.\w+", words):
        return fallback
    return words[:1].upper() + words[1:]


def row_value_rows(table_id: str, row: Mapping[str, Any]) -> list[tuple[str, str]]:
    """A table row's columns and values as a drill-down page lists them: each column by its
    heading in the report ("Stage 1", "Number"), each naming value in the report's words, and
    numbers, dates and amounts as they are."""
    return [
        (
            COLUMN_LABELS.get(column) or column.replace("_", " ").capitalize(),
            naming
            if (naming := naming_words(table_id, column, value)) is not None
            else any_value(value),
        )
        for column, value in row.items()
    ]
