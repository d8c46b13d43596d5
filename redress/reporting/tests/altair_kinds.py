"""The report's kinds of chart as Altair built them, until ADR 0038: the reference that
`charts/kinds.py`, which writes the same Vega-Lite specs without Altair, is checked against.

The few kinds of chart the report draws, as Altair charts over inline data.

Every bar carries its value as a text label, so no one needs to read a value off an axis or
tell series apart by colour; series that share a plot differ by fill or line style as well as
colour. Data rows hold the value, the label the presenters made for it, and the category.
"""

from __future__ import annotations

from typing import Any

import altair as alt

from redress.reporting.charts import theme

Rows = list[dict[str, Any]]

BAR_STEP = 22  # pixels per bar in a horizontal bar chart


def horizontal_bars(
    data: Rows, *, category_title: str, value_title: str, width: int = theme.WIDTH - 220
) -> alt.TopLevelMixin:
    # As `charts.kinds` of the same name describes.
    order = [r["category"] for r in data]
    y = alt.Y("category:N", sort=order, title=category_title, axis=alt.Axis(labelLimit=220))
    x = alt.X("value:Q", title=value_title, axis=alt.Axis(tickMinStep=1, format="~s"))
    base = alt.Chart(alt.Data(values=data)).encode(y=y)
    bars = base.mark_bar(color=theme.BLUE).encode(
        x=x,
        tooltip=[
            alt.Tooltip("category:N", title=category_title),
            alt.Tooltip("label:N", title=value_title),
        ],
    )
    labels = base.mark_text(align="left", dx=4, color=theme.TEXT).encode(
        x=alt.X("value:Q"), text="label:N"
    )
    return alt.layer(bars, labels).properties(width=width, height=max(1, len(data)) * BAR_STEP)


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
) -> alt.TopLevelMixin:
    # As `charts.kinds` of the same name describes.
    order = list(dict.fromkeys(r["category"] for r in data))
    facets = list(dict.fromkeys(r["facet"] for r in data))
    category = alt.Y if horizontal else alt.X
    amount = alt.X if horizontal else alt.Y
    base = alt.Chart().encode(
        category(
            "category:N",
            sort=order,
            title=category_title,
            axis=alt.Axis(labelAngle=0 if horizontal else -45),
        ),
    )
    bars = base.mark_bar(color=theme.BLUE).encode(
        amount("value:Q", title=value_title, axis=alt.Axis(tickMinStep=1, format="~s")),
        tooltip=[
            alt.Tooltip("facet:N", title=facet_title or "Series"),
            alt.Tooltip("category:N", title=category_title),
            alt.Tooltip("label:N", title=value_title),
        ],
    )
    if horizontal:
        labels = base.mark_text(align="left", dx=3).encode(x=alt.X("value:Q"), text="label:N")
        size = {"width": width, "height": max(1, len(order)) * BAR_STEP}
    else:
        labels = base.mark_text(baseline="bottom", dy=-2).encode(y=alt.Y("value:Q"), text="label:N")
        size = {"width": width, "height": 160}
    return (
        alt.layer(bars, labels, data=alt.Data(values=data))
        .properties(**size)
        .facet(
            facet=alt.Facet("facet:N", sort=facets, title=facet_title),
            columns=columns,
        )
        .resolve_scale(
            x="independent" if horizontal and not shared_scale else "shared",
            y="independent" if not horizontal and not shared_scale else "shared",
        )
    )


def line_over_time(data: Rows, *, value_title: str, width: int = theme.WIDTH) -> alt.TopLevelMixin:
    # As `charts.kinds` of the same name describes.
    base = alt.Chart(alt.Data(values=data)).encode(
        x=alt.X(
            "month:T",
            # UTC throughout: a month is the same month wherever the page is read.
            timeUnit="utcyearmonth",
            title="Month received",
            axis=alt.Axis(
                format="%b %Y", labelAngle=-45, tickCount={"interval": "month", "step": 3}
            ),
        ),
        y=alt.Y("value:Q", title=value_title, axis=alt.Axis(tickMinStep=1)),
        tooltip=[
            alt.Tooltip("month:T", timeUnit="utcyearmonth", title="Month", format="%B %Y"),
            alt.Tooltip("label:N", title=value_title),
        ],
    )
    return alt.layer(
        base.mark_line(color=theme.BLUE), base.mark_point(color=theme.BLUE, filled=True)
    ).properties(width=width, height=220)


def paired_bars(
    data: Rows,
    *,
    category_title: str,
    value_title: str,
    series: tuple[str, str],
    width: int = theme.WIDTH,
) -> alt.TopLevelMixin:
    # As `charts.kinds` of the same name describes.
    order = list(dict.fromkeys(r["category"] for r in data))
    fill = alt.Scale(domain=list(series), range=[theme.BLUE, "#ffffff"])
    base = alt.Chart(alt.Data(values=data)).encode(
        x=alt.X("category:N", sort=order, title=category_title, axis=alt.Axis(labelAngle=0)),
        xOffset=alt.XOffset("series:N", sort=list(series)),
    )
    bars = base.mark_bar(stroke=theme.BLUE, strokeWidth=1.5).encode(
        y=alt.Y("value:Q", title=value_title, axis=alt.Axis(tickMinStep=1)),
        fill=alt.Fill("series:N", scale=fill, sort=list(series), title=None),
        tooltip=[
            alt.Tooltip("category:N", title=category_title),
            alt.Tooltip("series:N", title="Series"),
            alt.Tooltip("label:N", title=value_title),
        ],
    )
    labels = base.mark_text(baseline="bottom", dy=-2).encode(y=alt.Y("value:Q"), text="label:N")
    return alt.layer(bars, labels).properties(width=width, height=220)


def titled(chart: alt.TopLevelMixin, title: str, description: str) -> dict[str, Any]:
    # As `charts.kinds` of the same name describes.
    # Not validated against the Vega-Lite schema here (a fifth of a report's chart time); the
    # tests validate every chart definition's spec.
    spec = chart.properties(title=title, description=description).to_dict(validate=False)
    spec["config"] = theme.config()
    return spec
