"""How every chart looks: GOV.UK colours with at least 3:1 contrast against white for anything
that carries meaning (WCAG 2.2, 1.4.11), 4.5:1 for text, the report's font, and no colour that
means something on its own (series differ by position, facet, fill or line style too)."""

from __future__ import annotations

from typing import Any

FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif"
TEXT = "#0b0c0c"  # 19.2:1 on white
SECONDARY_TEXT = "#505a5f"  # 7.0:1
BLUE = "#1d70b8"  # 5.2:1
DARK_BLUE = "#003078"  # 12.6:1
ORANGE = "#b14000"  # 5.6:1 (darker than GOV.UK orange, which is 2.6:1)
GRID = "#d8d8d8"  # decoration only

# Series colours, each ≥ 3:1 on white and distinguishable from its neighbours.
SERIES = (BLUE, ORANGE, DARK_BLUE)
# Line dashes that go with them, so lines differ without colour.
DASHES = ((1, 0), (6, 3), (2, 2))

WIDTH = 520  # fits the report's text column on screen and on A4


def config() -> dict[str, Any]:
    return {
        "font": FONT,
        "background": "white",
        "view": {"stroke": None},
        "title": {
            "color": TEXT,
            "fontSize": 15,
            "fontWeight": "bold",
            "anchor": "start",
            "subtitleColor": SECONDARY_TEXT,
        },
        "axis": {
            "labelColor": TEXT,
            "titleColor": TEXT,
            "labelFontSize": 12,
            "titleFontSize": 12,
            "titleFontWeight": "normal",
            "gridColor": GRID,
            "domainColor": SECONDARY_TEXT,
            "tickColor": SECONDARY_TEXT,
            "labelLimit": 240,
        },
        "header": {
            "labelColor": TEXT,
            "labelFontSize": 13,
            "labelFontWeight": "bold",
            "titleColor": TEXT,
        },
        "legend": {
            "labelColor": TEXT,
            "titleColor": TEXT,
            "labelFontSize": 12,
            "titleFontSize": 12,
            "orient": "top",
        },
        "text": {"color": TEXT, "fontSize": 11},
        "bar": {"color": BLUE},
        "line": {"color": BLUE, "strokeWidth": 2},
        "point": {"color": BLUE, "filled": True, "size": 40},
    }
