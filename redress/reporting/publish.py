"""Publication rules (FIGURES.md, "Publishing"): a published report withholds any count from 1
to threshold − 1 that could identify a child in a table cut by service, area or theme.

A withheld cell becomes None in the published copy and is recorded in `FigureSet.suppressed`;
documents show it as "fewer than N" and the JSON as null with `"suppressed": true`. Where a
percentage in the same row would give the withheld count back, it is withheld too. Nothing is
recomputed from withheld cells: totals stay as they were computed.

Names are a document matter: `document.build` removes them from quoted compliments and case
examples when the figure set is published.

Which tables, and why:

- cut by service or area: `received.by_service`, `received.by_area`,
  `ratio.stage1_to_open_cases.by_service` (its percentage and the open cases give the count
  back), `responses.stage1.bands_by_area` and `timeliness.stage1.bands_by_area` (their
  percentages too; the TOTAL rows are not cut by area and stay);
- cut by theme: `themes.stage1`, `themes.stage1.top5`, `cyp.themes`,
  `informal_feedback.themes`;
- about children's own answers: `cyp.satisfaction` (a handful of children answer each
  question, and a "no" from one of two children is theirs);
- complainants' own answers to the satisfaction survey: `survey.answers`,
  `survey.answers.by_stage` and `survey.answers.by_service` (few complaints reach stages 2
  and 3, and a service's complainants are often a family the service knows).

Not withheld, because they identify no child or family: compliments by service
(`compliments.by_service`: thanks to a team, most from parents, carers and professionals) and
learning actions by theme (`actions.by_theme`: the authority's own work). Nor the reasons of
Appendix B (`aspects.stage1.*`): they count reasons across every complainant, most of them
parents, not complaints or people, and annual reports publish them in full. Nor the stage 2
bands, quarters, outcomes, methods and complainant types, which are not cut by service, area
or theme. A report for a single service is itself a cut by service: its tables
follow the same rules, but its scalar figures are not withheld (see the report's limitations).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from redress.reporting.figures import FigureSet


class SmallCount:
    """Withheld because it is fewer than {threshold} and could identify a child."""

    @staticmethod
    def applies(value: Any, threshold: int) -> bool:
        return isinstance(value, int) and not isinstance(value, bool) and 0 < value < threshold

    @classmethod
    def message(cls, threshold: int) -> str:
        return (cls.__doc__ or "").format(threshold=threshold)


def _never(row: dict[str, Any]) -> bool:
    return False


def _total_row(row: dict[str, Any]) -> bool:
    return row.get("area") == "TOTAL"


@dataclass(frozen=True)
class CutTable:
    """A table whose small counts are withheld: its counting columns, the columns in the same
    row that would reveal a withheld count, and the rows (totals) that are not cut at all."""

    table_id: str
    counts: tuple[str, ...]
    reveals: tuple[str, ...] = ()
    uncut_row: Callable[[dict[str, Any]], bool] = field(default=_never)


STAGE_COUNTS = ("stage1", "stage2", "stage3")

CUT_TABLES: tuple[CutTable, ...] = (
    CutTable("received.by_service", STAGE_COUNTS),
    CutTable("received.by_area", STAGE_COUNTS),
    CutTable("ratio.stage1_to_open_cases.by_service", ("complaints",), reveals=("pct",)),
    CutTable("responses.stage1.bands_by_area", ("count",), reveals=("pct",), uncut_row=_total_row),
    CutTable("timeliness.stage1.bands_by_area", ("count",), reveals=("pct",), uncut_row=_total_row),
    CutTable("themes.stage1", ("count", "upheld_or_partially")),
    CutTable(
        "themes.stage1.top5", ("count", "upheld_or_partially", "previous_upheld_or_partially")
    ),
    CutTable("cyp.themes", ("count",)),
    CutTable("informal_feedback.themes", ("count",)),
    CutTable("cyp.satisfaction", ("yes", "no", "partly", "no_answer")),
    CutTable("survey.answers", ("yes", "partly", "no")),
    CutTable("survey.answers.by_stage", ("yes", "partly", "no")),
    CutTable("survey.answers.by_service", ("yes", "partly", "no")),
)


def publish_figures(figures: FigureSet, *, threshold: int) -> FigureSet:
    """A copy of the figure set with the publication rules applied: small counts in the tables
    of `CUT_TABLES` (and the percentages that would reveal them) set to None and listed in
    `.suppressed`; `.published` set. The figure set given is not changed."""
    if threshold < 1:
        raise ValueError(f"The suppression threshold must be 1 or more, not {threshold}.")
    tables = {table_id: [dict(row) for row in rows] for table_id, rows in figures.tables.items()}
    suppressed = set(figures.suppressed)
    for rule in CUT_TABLES:
        for index, row in enumerate(tables.get(rule.table_id, [])):
            if rule.uncut_row(row):
                continue
            withheld = [c for c in rule.counts if SmallCount.applies(row.get(c), threshold)]
            if withheld:
                withheld += [c for c in rule.reveals if c in row]
            for column in withheld:
                row[column] = None
                suppressed.add((rule.table_id, index, column))
    # The records behind a withheld cell would give it back: its row loses its drill-down.
    withheld_rows = {(table_id, row) for table_id, row, _ in suppressed}
    table_evidence = {
        table_id: {
            row: frame for row, frame in rows.items() if (table_id, row) not in withheld_rows
        }
        for table_id, rows in figures.table_evidence.items()
    }
    return dataclasses.replace(
        figures,
        figures=dict(figures.figures),
        tables=tables,
        table_evidence=table_evidence,
        evidence=dict(figures.evidence),
        suppressed=suppressed,
        published=True,
    )
