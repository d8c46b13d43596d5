"""The few kinds of chart the report draws, as Vega-Lite specs over inline data.

Every bar carries its value as a text label, so no one needs to read a value off an axis or
tell series apart by colour; series that share a plot differ by fill or line style as well as
colour. Data rows hold the value, the label the presenters made for it, and the category.

The specs are written as Vega-Lite's own JSON. They were built with Altair, whose copies and
checks of every part took a sixth of an authority-year PDF's preparation (ADR 0038); the tests
keep Altair's versions (`tests/altair_kinds.py`) and check each kind gives the same spec.
"""

from __future__ import annotations

from typing import Any

from . import theme

Rows = list[dict[str, Any]]
Spec = dict[str, Any]

BAR_STEP = 22  # pixels per bar in a horizontal bar chart
# The Vega-Lite schema the specs follow (the version vl-convert draws: chart_worker.py).
SCHEMA = "https://vega.github.io/schema/vega-lite/v6.4.1.json"


def _field(name: str, kind: str, **options: Any) -> Spec:
    """An encoding channel: a field of the data rows, of a Vega-Lite type."""
    return {"field": name, "type": kind, **options}


def _nominal(name: str, **options: Any) -> Spec:
    return _field(name, "nominal", **options)


def _quantitative(name: str, **options: Any) -> Spec:
    return _field(name, "quantitative", **options)


def _layer(*layers: Spec, **properties: Any) -> Spec:
    return {"layer": list(layers), **properties}


def horizontal_bars(
    data: Rows, *, category_title: str, value_title: str, width: int = theme.WIDTH - 220
) -> Spec:
    """One bar per category (in the order given), its label at the end of the bar. Rows:
    category, value, label."""
    order = [r["category"] for r in data]
    y = _nominal("category", sort=order, title=category_title, axis={"labelLimit": 220})
    bars = {
        "mark": {"type": "bar", "color": theme.BLUE},
        "encoding": {
            "y": y,
            "x": _quantitative("value", title=value_title, axis={"tickMinStep": 1, "format": "~s"}),
            "tooltip": [
                _nominal("category", title=category_title),
                _nominal("label", title=value_title),
            ],
        },
    }
    labels = {
        "mark": {"type": "text", "align": "left", "dx": 4, "color": theme.TEXT},
        "encoding": {"y": y, "x": _quantitative("value"), "text": _nominal("label")},
    }
    return _layer(
        bars,
        labels,
        data={"values": data},
        width=width,
        height=max(1, len(data)) * BAR_STEP,
    )


def small_multiple_bars(
    data: Rows,
    *,
    facet_title: str | None,
    category_title: str,
    value_title: str,
    columns: int = 3,
    width: int = 150,
    horizontal: bool = False,
    shared_scale: bool = False,
) -> Spec:
    """The same bar chart once per facet (e.g. per stage). Each has its own scale, because
    stages differ in size by two orders of magnitude, unless `shared_scale` (rates, which are
    compared across facets). Rows: facet, category, value, label."""
    order = list(dict.fromkeys(r["category"] for r in data))
    facets = list(dict.fromkeys(r["facet"] for r in data))
    category, amount = ("y", "x") if horizontal else ("x", "y")
    along = _nominal(
        "category",
        sort=order,
        title=category_title,
        axis={"labelAngle": 0 if horizontal else -45},
    )
    bars = {
        "mark": {"type": "bar", "color": theme.BLUE},
        "encoding": {
            category: along,
            amount: _quantitative(
                "value", title=value_title, axis={"tickMinStep": 1, "format": "~s"}
            ),
            "tooltip": [
                _nominal("facet", title=facet_title or "Series"),
                _nominal("category", title=category_title),
                _nominal("label", title=value_title),
            ],
        },
    }
    if horizontal:
        labels = {
            "mark": {"type": "text", "align": "left", "dx": 3},
            "encoding": {category: along, "x": _quantitative("value"), "text": _nominal("label")},
        }
        size = {"width": width, "height": max(1, len(order)) * BAR_STEP}
    else:
        labels = {
            "mark": {"type": "text", "baseline": "bottom", "dy": -2},
            "encoding": {category: along, "y": _quantitative("value"), "text": _nominal("label")},
        }
        size = {"width": width, "height": 160}
    return {
        "data": {"values": data},
        "facet": _nominal("facet", sort=facets, title=facet_title),
        "spec": _layer(bars, labels, **size),
        "columns": columns,
        "resolve": {
            "scale": {
                "x": "independent" if horizontal and not shared_scale else "shared",
                "y": "independent" if not horizontal and not shared_scale else "shared",
            }
        },
    }


def line_over_time(data: Rows, *, value_title: str, width: int = theme.WIDTH) -> Spec:
    """A line of monthly values with a point per month. Rows: month (YYYY-MM), value, label."""
    encoding = {
        "x": _field(
            "month",
            "temporal",
            # UTC throughout: a month is the same month wherever the page is read.
            timeUnit="utcyearmonth",
            title="Month received",
            axis={
                "format": "%b %Y",
                "labelAngle": -45,
                "tickCount": {"interval": "month", "step": 3},
            },
        ),
        "y": _quantitative("value", title=value_title, axis={"tickMinStep": 1}),
        "tooltip": [
            _field("month", "temporal", timeUnit="utcyearmonth", title="Month", format="%B %Y"),
            _nominal("label", title=value_title),
        ],
    }
    return _layer(
        {"mark": {"type": "line", "color": theme.BLUE}, "encoding": encoding},
        {"mark": {"type": "point", "color": theme.BLUE, "filled": True}, "encoding": encoding},
        data={"values": data},
        width=width,
        height=220,
    )


def paired_bars(
    data: Rows,
    *,
    category_title: str,
    value_title: str,
    series: tuple[str, str],
    width: int = theme.WIDTH,
) -> Spec:
    """Two series side by side in each category: the first solid, the second hollow (an
    outline), so they differ without colour; each bar labelled. Rows: category, series, value,
    label."""
    order = list(dict.fromkeys(r["category"] for r in data))
    placed = {
        "x": _nominal("category", sort=order, title=category_title, axis={"labelAngle": 0}),
        "xOffset": _nominal("series", sort=list(series)),
    }
    bars = {
        "mark": {"type": "bar", "stroke": theme.BLUE, "strokeWidth": 1.5},
        "encoding": {
            **placed,
            "y": _quantitative("value", title=value_title, axis={"tickMinStep": 1}),
            "fill": _nominal(
                "series",
                scale={"domain": list(series), "range": [theme.BLUE, "#ffffff"]},
                sort=list(series),
                title=None,
            ),
            "tooltip": [
                _nominal("category", title=category_title),
                _nominal("series", title="Series"),
                _nominal("label", title=value_title),
            ],
        },
    }
    labels = {
        "mark": {"type": "text", "baseline": "bottom", "dy": -2},
        "encoding": {**placed, "y": _quantitative("value"), "text": _nominal("label")},
    }
    return _layer(bars, labels, data={"values": data}, width=width, height=220)


def titled(chart: Spec, title: str, description: str) -> Spec:
    """The Vega-Lite spec, with its title, its text description (read out by screen readers of
    the interactive chart) and the report's theme."""
    return {
        "config": theme.config(),
        **chart,
        "title": title,
        "description": description,
        "$schema": SCHEMA,
    }
