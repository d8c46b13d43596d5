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
  back), `received.by_service.parts` and `ratio.stage1_to_open_cases.by_service.parts` (the
  same two tables for each part of a period that spans a restructure),
  `responses.stage1.bands_by_area` and `timeliness.stage1.bands_by_area` (their percentages
  too; the TOTAL rows are not cut by area and stay);
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
or theme in the whole authority's report.

A report for one locality or one service (`publish_figures(..., scoped=True)`) is itself a cut
by area or service, so it withholds every small count of people wherever it is:

- every scalar that counts complaints, stages, children or people, or what became of them: a
  figure whose function returns a `Counted` (`counts_people`), except those that identify no
  one (money, learning actions, the reasons of Appendix B, compliments, context values); and
  its previous period's value;
- every percentage, average or change worked from such a count that would give it back
  (`derived_from`: its counts and the base it is a percentage of or an average over; a change
  with either period's value; a percentage whose numerator is not in the run, by the count its
  published base gives back);
- the small counts of the tables of people not cut in the whole authority's report
  (`SCOPED_TABLES`: outcomes, years, months, quarters, bands, trends, methods, complainants,
  repeat complainants, mediation outcomes, Ombudsman decisions), and the TOTAL rows of the
  tables by area, which are the locality's own; and the list of Ombudsman enquiries
  (`lgo.enquiries`, a row each) when their number is withheld.

A withheld scalar becomes None in the published copy and is listed in
`FigureSet.suppressed_figures` (its drill-down evidence dropped); the document says it as "fewer
than N" (anything worked from one is left unsaid, or "withheld"), the JSON writes it null and
names it in `"suppressed": {id: true}`, the spreadsheet leaves it empty with a "fewer than N"
note, and the annex lists it under its section. A report for the whole authority withholds no
scalar.
"""

from __future__ import annotations

import dataclasses
import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from redress.reporting.figures import SCALARS, FigureSet
from redress.reporting.figures.registry import Counted


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
    # The same, for each part of a period that spans a restructure.
    CutTable("received.by_service.parts", STAGE_COUNTS),
    CutTable("ratio.stage1_to_open_cases.by_service.parts", ("complaints",), reveals=("pct",)),
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


SCOPED_TABLES: tuple[CutTable, ...] = (
    CutTable("received.by_year", STAGE_COUNTS),
    CutTable(
        "trend.stage1.by_year",
        ("received", "upheld_or_partially", "answered", "in_time"),
        reveals=("upheld_or_partially_pct", "in_time_pct", "average_working_days"),
    ),
    CutTable(
        "trend.stage1.responses.by_year",
        ("responses", "in_time"),
        reveals=("in_time_pct", "average_working_days"),
    ),
    CutTable("received.stage1.by_month", ("count",)),
    CutTable("timeliness.stage1.by_quarter", ("met", "missed")),
    CutTable("timeliness.stage2.statutory.bands", ("count",), reveals=("pct",)),
    CutTable("timeliness.stage2.local.bands", ("count",), reveals=("pct",)),
    CutTable("outcomes", ("count",), reveals=("pct",)),
    CutTable("method.stage1", ("count", "previous"), reveals=("pct", "previous_pct")),
    CutTable("complainant.stage1", ("count", "previous"), reveals=("pct", "previous_pct")),
    CutTable("repeat_complainants.distribution", ("people",)),
    CutTable("mediation.outcomes", ("count",)),
    CutTable("lgo.decisions", ("count",)),
)


# A table with a row for each thing its scalar of the same id counts (FIGURES.md: "Enquiry 1",
# its dates and decision): withheld whole when the count is.
LISTED_BY_ROW = "lgo.enquiries"

# Scalars of a scoped report that identify no one, however small: money (amounts, not people),
# the authority's own learning actions, the reasons of Appendix B, compliments (thanks to a
# team) and the context values the authority records for the period.
IDENTIFY_NO_ONE_GROUPS = frozenset({"money", "learning", "reasons"})
IDENTIFY_NO_ONE = ("compliments.", "context.", "lgo.remedy_payments")


def counts_people(figure_id: str) -> bool:
    """The scalar counts complaints, stages, children or people, or what became of them (the
    figure returns a `Counted`), and is not one of those that identify no one."""
    spec = SCALARS.get(figure_id)
    if spec is None or spec.group in IDENTIFY_NO_ONE_GROUPS:
        return False
    if figure_id.startswith(IDENTIFY_NO_ONE):
        return False
    returns = inspect.get_annotations(spec.function, eval_str=True).get("return")
    return returns is Counted


@dataclass(frozen=True)
class Derived:
    """A scalar worked from counts: withheld with any of them, since it and the others give a
    withheld count back. `base` is the count a percentage is of, or an average is over."""

    counts: tuple[str, ...] = ()
    base: str | None = None

    def previous(self) -> Derived:
        return Derived(
            tuple(f"{c}.previous" for c in self.counts),
            f"{self.base}.previous" if self.base else None,
        )


_OUTCOME_PCT = re.compile(r"outcome\.stage(\d)\.(\w+)\.pct")
_WITHIN_PCT = re.compile(r"(responses|timeliness)\.(.+)\.within_(\w+)\.pct")
_AVERAGE = re.compile(r"(responses|timeliness)\.(.+)\.average_working_days")
_POPULATION = {"responses": "count", "timeliness": "cohort"}

DERIVED_BY_NAME: dict[str, Derived] = {
    "cyp.stage1.pct": Derived(("cyp.stage1.received",), "received.stage1"),
    "escalation.stage1_to_stage2.pct": Derived(("received.stage2",), "received.stage1"),
    "escalation.stage2_to_stage3.pct": Derived(("received.stage3",), "received.stage2.statutory"),
    # The context value is published, so the ratio gives the count back.
    "ratio.stage1_to_referrals.pct": Derived(("received.stage1",)),
    "ratio.stage1_to_family_assessments.pct": Derived(("received.stage1",)),
    "survey.responses.pct": Derived(("survey.responses",), "survey.sent"),
    "lgo.remedies.on_time.pct": Derived(("lgo.remedies.on_time",), "lgo.remedies.due"),
    "timeliness.stage3.panel_within_30.pct": Derived(
        ("timeliness.stage3.panels_in_time",), "timeliness.stage3.panels_held"
    ),
    "stage2.completed.average_working_days": Derived(base="stage2.completed"),
    # The saving is the resolved mediations times a published cost.
    "mediation.estimated_saving": Derived(("mediation.outcome.resolved",)),
}


def derived_from(figure_id: str) -> Derived | None:
    """What a percentage or average scalar is worked from, or None for any other figure."""
    if figure_id in DERIVED_BY_NAME:
        return DERIVED_BY_NAME[figure_id]
    if match := _OUTCOME_PCT.fullmatch(figure_id):
        stage, outcome = match.groups()
        base = f"received.stage{stage}"
        if outcome == "upheld_or_partially":
            return Derived(
                (f"outcome.stage{stage}.upheld", f"outcome.stage{stage}.partially_upheld"), base
            )
        return Derived((f"outcome.stage{stage}.{outcome}",), base)
    if match := _WITHIN_PCT.fullmatch(figure_id):
        population, group, check = match.groups()
        return Derived(
            (f"{population}.{group}.within_{check}",),
            f"{population}.{group}.{_POPULATION[population]}",
        )
    if match := _AVERAGE.fullmatch(figure_id):
        population, group = match.groups()
        return Derived(base=f"{population}.{group}.{_POPULATION[population]}")
    return None


def _withheld_scalars(values: dict[str, Any], threshold: int) -> set[str]:
    """The scalars a scoped report withholds: small counts of people (`counts_people`), their
    values for the previous period, the changes worked from either, and the percentages and
    averages (`derived_from`) that would give one back."""
    withheld = set()
    for figure_id, value in values.items():
        own = figure_id.removesuffix(".previous")
        if counts_people(own) and SmallCount.applies(value, threshold):
            withheld.add(figure_id)
    for figure_id, value in values.items():
        own = figure_id.removesuffix(".previous")
        derived = derived_from(own)
        if derived is None:
            continue
        if own != figure_id:
            derived = derived.previous()
        if _gives_back(derived, value, values, withheld, threshold):
            withheld.add(figure_id)
    for figure_id in values:
        if figure_id.endswith(".change_pct"):
            own = figure_id.removesuffix(".change_pct")
            if {own, f"{own}.previous"} & withheld:
                withheld.add(figure_id)
    return {f for f in withheld if values.get(f) is not None}


def _gives_back(
    derived: Derived, value: Any, values: dict[str, Any], withheld: set[str], threshold: int
) -> bool:
    inputs = [*derived.counts, *([derived.base] if derived.base else [])]
    if any(i in withheld for i in inputs):
        return True
    # A count not in this run (the previous period's outcomes, say) is still given back by its
    # percentage of a published base.
    base = values.get(derived.base) if derived.base else None
    if base is None or value is None or not derived.counts:
        return False
    if all(c in values for c in derived.counts):
        return False
    worked = round(float(value) * base / 100)
    return SmallCount.applies(worked, threshold)


def publish_figures(figures: FigureSet, *, threshold: int, scoped: bool = False) -> FigureSet:
    """A copy of the figure set with the publication rules applied: small counts in the tables
    of `CUT_TABLES` (and the percentages that would reveal them) set to None and listed in
    `.suppressed`; `.published` set. For a report `scoped` to one locality or service, which is
    itself a cut by area or service, also the small counts of `SCOPED_TABLES` (and every row
    of its tables, totals too) and the scalars of `_withheld_scalars`, set to None and listed
    in `.suppressed_figures`. The figure set given is not changed."""
    if threshold < 1:
        raise ValueError(f"The suppression threshold must be 1 or more, not {threshold}.")
    tables = {table_id: [dict(row) for row in rows] for table_id, rows in figures.tables.items()}
    suppressed = set(figures.suppressed)
    rules = (*CUT_TABLES, *SCOPED_TABLES) if scoped else CUT_TABLES
    for rule in rules:
        for index, row in enumerate(tables.get(rule.table_id, [])):
            if rule.uncut_row(row) and not scoped:
                continue
            withheld = [c for c in rule.counts if SmallCount.applies(row.get(c), threshold)]
            if withheld:
                withheld += [c for c in rule.reveals if c in row]
            for column in withheld:
                row[column] = None
                suppressed.add((rule.table_id, index, column))
    values = dict(figures.figures)
    suppressed_figures = set(figures.suppressed_figures)
    if scoped:
        suppressed_figures |= _withheld_scalars(values, threshold)
        for figure_id in suppressed_figures:
            values[figure_id] = None
        # The list of Ombudsman enquiries, a row each, gives their withheld number back.
        if LISTED_BY_ROW in suppressed_figures and LISTED_BY_ROW in tables:
            tables[LISTED_BY_ROW] = []
    # The records behind a withheld cell would give it back: its row loses its drill-down.
    withheld_rows = {(table_id, row) for table_id, row, _ in suppressed}
    table_evidence = {
        table_id: {
            row: frame for row, frame in rows.items() if (table_id, row) not in withheld_rows
        }
        for table_id, rows in figures.table_evidence.items()
        if not (scoped and table_id == LISTED_BY_ROW and not tables.get(table_id))
    }
    return dataclasses.replace(
        figures,
        figures=values,
        tables=tables,
        table_evidence=table_evidence,
        evidence={k: v for k, v in figures.evidence.items() if k not in suppressed_figures},
        suppressed=suppressed,
        suppressed_figures=suppressed_figures,
        published=True,
    )
