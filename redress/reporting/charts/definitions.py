"""One definition per chart of the report: figure rows in, a Vega-Lite spec and its text
description out.

Rows are the figure tables' rows (a published figure set has None where a count was withheld:
withheld values are left out of the chart and the description says so). Labels for codes are
passed in, so the charts know nothing of the models.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from redress.core import presenters

from . import kinds

Row = Mapping[str, Any]


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    spec: dict[str, Any]
    description: str

    @property
    def empty(self) -> bool:
        """Nothing to draw: no values recorded, or every one withheld."""
        return not _inline_values(self.spec)


def _inline_values(spec: dict[str, Any]) -> list[Any]:
    values = spec.get("data", {}).get("values") or []
    for part in [spec.get("spec"), *spec.get("layer", [])]:
        if isinstance(part, dict):
            values = values or _inline_values(part)
    return values


def _withheld(count: int) -> str:
    if not count:
        return ""
    return (
        f" {count} {presenters.plural(count, 'value')} withheld to protect children "
        f"{'is' if count == 1 else 'are'} not drawn."
    )


def _shown(value: int | None, withheld: str) -> str:
    """A count for a description: `withheld` ("fewer than 5") where publication withheld it."""
    return presenters.count(value, empty=withheld)


def _largest(data: kinds.Rows) -> dict[str, Any] | None:
    return max(data, key=lambda r: r["value"], default=None)


def _drawn_stages(rows: Sequence[Row]) -> list[int]:
    """The stages with a count above 0 in some row: a panel of zeros and withheld counts has
    nothing to draw (its axis would have no range, and reads "NaN")."""
    return [n for n in (1, 2, 3) if any((r[f"stage{n}"] or 0) > 0 for r in rows)]


def _per_stage(rows: Sequence[Row], category: str) -> list[dict[str, Any]]:
    """One point per stage (a panel each) per row, leaving out a stage the row has no count for
    and a stage with nothing to draw."""
    return [
        {
            "facet": f"Stage {n}",
            "category": r[category],
            "value": r[f"stage{n}"],
            "label": presenters.count(r[f"stage{n}"]),
        }
        for n in _drawn_stages(rows)
        for r in rows
        if r[f"stage{n}"] is not None
    ]


def _none_at(rows: Sequence[Row], what: str) -> str:
    """ " No area received a stage 3 complaint." for each stage left undrawn whose counts are all
    0 (not withheld)."""
    drawn = _drawn_stages(rows)
    return "".join(
        f" No {what} received a stage {n} complaint."
        for n in (1, 2, 3)
        if n not in drawn and rows and all(r[f"stage{n}"] == 0 for r in rows)
    )


def _yearly_pcts(
    rows: Sequence[Row], facet: str, *, places: int
) -> tuple[list[dict[str, Any]], list[str]]:
    """A panel per `facet` with a bar per year, and the words for the description ("Referrals
    in 2021-22: 2.32%"), leaving out years with no percentage."""
    shown = [r for r in rows if r["pct"] is not None]
    data = [
        {
            "facet": r[facet],
            "category": r["year"],
            "value": r["pct"],
            "label": presenters.percent(r["pct"], places),
        }
        for r in shown
    ]
    parts = [f"{r[facet]} in {r['year']}: {presenters.percent(r['pct'], places)}" for r in shown]
    return data, parts


def by_year(rows: Sequence[Row], *, withheld: str = "withheld") -> Chart:
    """Complaints received each financial year since the first with data, one panel per stage.
    `withheld` says a withheld count in the description ("fewer than 5")."""
    data = _per_stage(rows, "year")
    title = "Complaints received each year"
    if rows:
        first, last = rows[0], rows[-1]
        description = (
            f"Bar charts of the complaints received each year from {first['year']} to "
            f"{last['year']}, one for each stage. In {last['year']}: "
            f"{_shown(last['stage1'], withheld)} at stage 1, "
            f"{_shown(last['stage2'], withheld)} at stage 2 and "
            f"{_shown(last['stage3'], withheld)} at stage 3."
        )
        counted = [r for r in rows if r["stage1"] is not None]
        if counted:
            peak = max(counted, key=lambda r: r["stage1"])
            description += (
                f" Stage 1 was highest in {peak['year']} ({presenters.count(peak['stage1'])})."
            )
        description += _withheld(sum(1 for n in (1, 2, 3) for r in rows if r[f"stage{n}"] is None))
    else:
        description = "No complaints have been recorded."
    chart = kinds.small_multiple_bars(
        data,
        facet_title=None,
        category_title="Year",
        value_title="Complaints",
        columns=1,
        width=kinds.theme.WIDTH - 60,
    )
    return Chart("volumes.by_year", title, kinds.titled(chart, title, description), description)


def by_month(
    rows: Sequence[Row],
    *,
    periods: tuple[str, str] | None = None,
    current: Sequence[str] = (),
) -> Chart:
    """Stage 1 complaints received each month: a line over a year's three years; for a
    shorter period (`periods`: the year before's heading and its own), its months beside the
    same months a year before as paired bars (`current`: the period's month labels), or a
    line of its own months when the year before has none to show. Never a line across the
    months between two periods, which the report does not count."""
    title = "Stage 1 complaints received each month"

    def empty(description: str) -> Chart:
        line = kinds.line_over_time([], value_title="Stage 1 complaints")
        return Chart("volumes.by_month", title, kinds.titled(line, title, description), description)

    if not rows:
        return empty("No months to show.")
    withheld = sum(1 for r in rows if r["count"] is None)
    rows = [r for r in rows if r["count"] is not None]
    if not rows or withheld:
        # Beside a withheld month, the most or fewest shown (or "the same number each month")
        # would not be true.
        extremes = ""
    else:
        top = max(rows, key=lambda r: r["count"])
        low = min(rows, key=lambda r: r["count"])
        extremes = (
            f"The most were received in {_month(top['month'])} "
            f"({presenters.count(top['count'])}) and the fewest in {_month(low['month'])} "
            f"({presenters.count(low['count'])})."
            if top["count"] != low["count"]
            else f"The same number, {presenters.count(top['count'])}, were received each month."
        )
    extremes += _withheld(withheld).strip()
    if not rows:
        return empty("Every month's count is withheld." + _withheld(withheld))
    earlier = [r for r in rows if r["month"] not in current]
    if periods is not None and earlier:
        previous, now = periods
        data = [
            {
                "category": f"{datetime.date(2000, int(r['month'][5:]), 1):%B}",
                "series": now if r["month"] in current else previous,
                "value": r["count"],
                "label": presenters.count(r["count"]),
            }
            for r in rows
        ]
        description = (
            f"Bar chart of stage 1 complaints received each month of {now} (solid) beside the "
            f"same month of {previous} (outline). {extremes}"
        )
        chart = kinds.paired_bars(
            data,
            category_title="Month received",
            value_title="Stage 1 complaints",
            series=(now, previous),
        )
        return Chart(
            "volumes.by_month", title, kinds.titled(chart, title, description), description
        )
    data = [
        {"month": f"{r['month']}-01", "value": r["count"], "label": presenters.count(r["count"])}
        for r in rows
    ]
    description = (
        f"Line chart of stage 1 complaints received each month from {_month(rows[0]['month'])} "
        f"to {_month(rows[-1]['month'])}. {extremes}"
    )
    chart = kinds.line_over_time(data, value_title="Stage 1 complaints")
    return Chart("volumes.by_month", title, kinds.titled(chart, title, description), description)


def _month(label: str) -> str:
    year, month = label.split("-")
    return f"{datetime.date(int(year), int(month), 1):%B %Y}"


def rates(rows: Sequence[Row]) -> Chart:
    """Stage 1 complaints as a percentage of referrals and of family assessments, by year.
    Rows: year, measure (words), pct."""
    data, parts = _yearly_pcts(rows, "measure", places=2)
    title = "Stage 1 complaints against referrals and assessments"
    description = (
        "Bar charts of stage 1 complaints as a percentage of referrals received and of family "
        "assessments completed, by year. "
        + ("; ".join(parts) + "." if parts else "No context figures are recorded.")
    )
    return _pcts_by_year("rates.three_years", title, description, data)


def by_area(rows: Sequence[Row]) -> Chart:
    """Complaints received by area, one panel per stage."""
    data = _per_stage(rows, "area")
    withheld = sum(1 for n in (1, 2, 3) for r in rows if r[f"stage{n}"] is None)
    title = "Complaints received by area and stage"
    largest = max(rows, key=lambda r: r["stage1"] or 0, default=None)
    description = "Bar charts of the complaints each area received, one for each stage."
    if largest is not None:
        description += (
            f" {largest['area']} received the most stage 1 complaints "
            f"({presenters.count(largest['stage1'])})."
        )
    description += _none_at(rows, "area") + _withheld(withheld)
    chart = kinds.small_multiple_bars(
        data,
        facet_title=None,
        category_title="Area",
        value_title="Complaints",
        columns=3,
        width=110,
        horizontal=True,
    )
    return Chart("services.by_area", title, kinds.titled(chart, title, description), description)


def stage1_by_service(rows: Sequence[Row]) -> Chart:
    """Stage 1 complaints received by each service, largest first."""
    data = [
        {"category": r["service"], "value": r["stage1"], "label": presenters.count(r["stage1"])}
        for r in rows
        if r["stage1"] is not None and r["stage1"] > 0
    ]
    withheld = sum(1 for r in rows if r["stage1"] is None)
    title = "Stage 1 complaints received by service"
    top = _largest(data)
    description = (
        f"Bar chart of stage 1 complaints received by {len(data)} services, largest first."
    )
    if top:
        description += f" {top['category']} received the most ({top['label']})."
    description += _withheld(withheld)
    chart = kinds.horizontal_bars(data, category_title="Service", value_title="Stage 1 complaints")
    return Chart(
        "services.stage1_by_service", title, kinds.titled(chart, title, description), description
    )


def escalation(rows: Sequence[Row]) -> Chart:
    """The escalation rates this year and last. Rows: rate (words), year, pct."""
    data, parts = _yearly_pcts(rows, "rate", places=1)
    title = "Escalation of complaints to stages 2 and 3"
    description = "Bar charts of the escalation rates by year. " + (
        "; ".join(parts) + "." if parts else ""
    )
    chart = kinds.small_multiple_bars(
        data,
        facet_title=None,
        category_title="Year",
        value_title="Per cent",
        shared_scale=True,
        columns=2,
        width=200,
    )
    return Chart(
        "escalation.rates",
        title,
        kinds.titled(chart, title, description.strip()),
        description.strip(),
    )


def by_quarter(rows: Sequence[Row], *, withheld: str = "withheld") -> Chart:
    """Stage 1 complaints answered in time and late, by quarter of receipt."""
    met, missed = "In time", "Late"
    data = [
        {
            "category": r["quarter"],
            "series": series,
            "value": r[key],
            "label": presenters.count(r[key]),
        }
        for r in rows
        for series, key in ((met, "met"), (missed, "missed"))
        if r[key] is not None
    ]
    title = "Stage 1 complaints answered in time, by quarter"
    parts = [
        f"{r['quarter']}: {_shown(r['met'], withheld)} in time, "
        f"{_shown(r['missed'], withheld)} late"
        for r in rows
    ]
    description = (
        "Paired bar chart of stage 1 complaints answered within and after their applicable "
        "deadline, by quarter of receipt; in-time bars are solid, late bars are outlined. "
        + "; ".join(parts)
        + "."
        + _withheld(sum(1 for r in rows for key in ("met", "missed") if r[key] is None))
    )
    chart = kinds.paired_bars(
        data, category_title="Quarter received", value_title="Complaints", series=(met, missed)
    )
    return Chart(
        "timeliness.by_quarter", title, kinds.titled(chart, title, description), description
    )


def in_time_by_year(rows: Sequence[Row]) -> Chart:
    """Stage 1 in time, year by year, a panel per measure (responses within the longest
    timescale; complaints received answered by their deadline). Rows: measure (words), year,
    pct."""
    data, parts = _yearly_pcts(rows, "measure", places=1)
    title = "Stage 1 complaints answered in time, by year"
    description = (
        "Bar charts of the percentage of stage 1 complaints answered in time, by year. "
        + ("; ".join(parts) + "." if parts else "No complaints were answered.")
    )
    return _pcts_by_year("timeliness.trend", title, description, data)


def _pcts_by_year(key: str, title: str, description: str, data: list[dict[str, Any]]) -> Chart:
    """Percentages by year, a panel per measure on one scale, two panels a row."""
    chart = kinds.small_multiple_bars(
        data,
        facet_title=None,
        category_title="Year",
        value_title="Per cent",
        shared_scale=True,
        columns=2,
        width=200,
    )
    return Chart(key, title, kinds.titled(chart, title, description), description)


def shares(key: str, title: str, rows: Sequence[Row], *, category_title: str, what: str) -> Chart:
    """A bar per category with its count and share. Rows: category (words), count, pct."""
    data = [
        {
            "category": r["category"],
            "value": r["count"],
            "label": f"{presenters.count(r['count'])} ({presenters.percent(r['pct'])})"
            if r.get("pct") is not None
            else presenters.count(r["count"]),
        }
        for r in rows
        if r["count"] is not None
    ]
    top = _largest(data)
    description = f"Bar chart of {what} by {category_title.lower()}."
    if top:
        description += f" The largest is {top['category']}: {top['label']}."
    description += _withheld(sum(1 for r in rows if r["count"] is None))
    chart = kinds.horizontal_bars(data, category_title=category_title, value_title="Number")
    return Chart(key, title, kinds.titled(chart, title, description), description)
