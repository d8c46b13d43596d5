"""The chart definitions: valid Vega-Lite that vl-convert draws, titled and described, in colours
with enough contrast, and meaning that does not rest on colour alone."""

import re

import pytest
from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema import core as vega_lite

from redress.reporting.charts import Chart, definitions, theme, to_svg

BY_YEAR = [
    {"year": "2019-20", "stage1": 377, "stage2": 40, "stage3": 6},
    {"year": "2020-21", "stage1": 310, "stage2": 47, "stage3": 10},
    {"year": "2021-22", "stage1": 362, "stage2": 50, "stage3": 14},
]
BY_AREA = [
    {"area": "Citywide", "stage1": 126, "stage2": 23, "stage3": None},
    {"area": "East", "stage1": 70, "stage2": 8, "stage3": 4},
]


def every_chart() -> list[Chart]:
    return [
        definitions.by_year(BY_YEAR),
        definitions.by_month([{"month": f"2021-{m:02d}", "count": m * 3} for m in range(4, 13)]),
        definitions.rates(
            [
                {"measure": "Referrals", "year": "2020-21", "pct": 2.03},
                {"measure": "Referrals", "year": "2021-22", "pct": 2.32},
                {"measure": "Family assessments", "year": "2021-22", "pct": None},
            ]
        ),
        definitions.by_area(BY_AREA),
        definitions.stage1_by_service(
            [
                {"service": "South Safeguarding", "stage1": 34},
                {"service": "Adoption", "stage1": None},
            ]
        ),
        definitions.escalation(
            [
                {"rate": "Stage 1 to stage 2", "year": "2020-21", "pct": 15.2},
                {"rate": "Stage 1 to stage 2", "year": "2021-22", "pct": 13.8},
            ]
        ),
        definitions.by_quarter(
            [{"quarter": "Q1", "met": 33, "missed": 32}, {"quarter": "Q2", "met": 25, "missed": 36}]
        ),
        definitions.shares(
            "methods",
            "How stage 1 complaints were made",
            [
                {"category": "Email", "count": 188, "pct": 51.9},
                {"category": "Letter", "count": 9, "pct": 2.5},
            ],
            category_title="Method",
            what="stage 1 complaints",
        ),
    ]


@pytest.mark.parametrize("chart", every_chart(), ids=lambda c: c.key)
def test_each_chart_is_valid_vega_lite_that_vl_convert_draws(chart):
    validate_jsonschema(chart.spec, vega_lite.load_schema())  # raises naming what is wrong
    svg = to_svg(chart.spec)
    assert svg.startswith("<svg")
    assert chart.spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/v6")
    # Titled and described, in the spec itself so the interactive chart announces them too.
    assert chart.spec["title"] == chart.title
    assert chart.spec["description"] == chart.description
    assert chart.title in svg


@pytest.mark.parametrize(
    # The 36-month line is read as a shape; its numbers are in the table beside it.
    "chart",
    [c for c in every_chart() if c.key != "volumes.by_month"],
    ids=lambda c: c.key,
)
def test_every_bar_is_labelled_with_its_number(chart):
    """Values are read from labels, not from the axis or by colour."""
    data = _values(chart.spec)
    assert data, chart.key
    svg = to_svg(chart.spec)
    for row in data:
        if "label" in row:
            assert f">{row['label']}<" in svg, row


def _values(spec):
    if "data" in spec and "values" in spec["data"]:
        return spec["data"]["values"]
    for key in ("spec", "layer"):
        inner = spec.get(key)
        for part in inner if isinstance(inner, list) else [inner] if inner else []:
            found = _values(part)
            if found:
                return found
    return []


def test_withheld_values_are_not_drawn_and_the_description_says_so():
    chart = definitions.by_area(BY_AREA)
    drawn = [(r["facet"], r["category"]) for r in _values(chart.spec)]
    assert ("Stage 3", "Citywide") not in drawn
    assert ("Stage 3", "East") in drawn
    assert chart.description == (
        "Bar charts of the complaints each area received, one for each stage. Citywide received "
        "the most stage 1 complaints (126). 1 value withheld to protect children is not drawn."
    )


def test_descriptions_give_the_numbers():
    assert definitions.by_year(BY_YEAR).description == (
        "Bar charts of the complaints received each year from 2019-20 to 2021-22, one for each "
        "stage. In 2021-22: 362 at stage 1, 50 at stage 2 and 14 at stage 3. Stage 1 was highest "
        "in 2019-20 (377)."
    )
    assert definitions.by_quarter([{"quarter": "Q1", "met": 33, "missed": 32}]).description == (
        "Paired bar chart of stage 1 complaints answered within and after their applicable "
        "deadline, by quarter of receipt; in-time bars are solid, late bars are outlined. Q1: 33 "
        "in time, 32 late."
    )


def test_paired_series_differ_by_fill_as_well_as_colour():
    chart = definitions.by_quarter([{"quarter": "Q1", "met": 33, "missed": 32}])
    bars = chart.spec["layer"][0]
    assert bars["encoding"]["fill"]["scale"]["range"] == [theme.BLUE, "#ffffff"]
    assert bars["mark"]["stroke"] == theme.BLUE


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(colour: str, background: str = "#ffffff") -> float:
    lighter, darker = sorted((_luminance(colour), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_colours_have_enough_contrast():
    for colour in theme.SERIES:
        assert contrast(colour) >= 3, colour  # WCAG 1.4.11, graphics
    for colour in (theme.TEXT, theme.SECONDARY_TEXT):
        assert contrast(colour) >= 4.5, colour  # WCAG 1.4.3, text
    config = theme.config()
    assert config["axis"]["labelColor"] == theme.TEXT
    assert config["text"]["color"] == theme.TEXT


def test_the_same_spec_draws_the_same_svg_once():
    chart = definitions.by_year(BY_YEAR)
    assert to_svg(chart.spec) is to_svg(dict(chart.spec))
    assert re.search(r'<svg[^>]+width="\d+"', to_svg(chart.spec))


def test_months_of_equal_counts_name_no_most_and_fewest():
    chart = definitions.by_month([{"month": f"2022-{m:02d}", "count": 2} for m in (1, 2, 3)])
    assert chart.description == (
        "Line chart of stage 1 complaints received each month from January 2022 to March 2022. "
        "The same number, 2, were received each month."
    )


def test_a_quarter_s_months_are_paired_with_the_same_months_a_year_before():
    counts = {"2021-01": 0, "2021-02": 1, "2021-03": 2, "2022-01": 3, "2022-02": 0, "2022-03": 1}
    rows = [{"month": label, "count": count} for label, count in counts.items()]
    chart = definitions.by_month(
        rows, periods=("Q4 2020-21", "Q4 2021-22"), current=["2022-01", "2022-02", "2022-03"]
    )
    assert chart.spec["layer"][0]["mark"]["type"] == "bar"
    values = (
        chart.spec["data"]["values"]
        if "data" in chart.spec
        else chart.spec["layer"][0]["data"]["values"]
    )
    assert [(v["category"], v["series"], v["value"]) for v in values] == [
        ("January", "Q4 2020-21", 0),
        ("February", "Q4 2020-21", 1),
        ("March", "Q4 2020-21", 2),
        ("January", "Q4 2021-22", 3),
        ("February", "Q4 2021-22", 0),
        ("March", "Q4 2021-22", 1),
    ]
    assert "month:T" not in str(chart.spec)  # no time axis drawn across the months between


def test_a_stage_with_nothing_to_draw_has_no_panel():
    """A small locality: no stage 3 complaint in any area, and its one stage 2 complaint
    withheld. A panel of zeros has no range (its axis read "NaN" in the browser): none is drawn."""
    rows = [
        {"area": "Rowan Heath", "stage1": 6, "stage2": None, "stage3": 0},
        {"area": "Citywide", "stage1": 2, "stage2": 0, "stage3": 0},
    ]
    chart = definitions.by_area(rows)
    assert {r["facet"] for r in _values(chart.spec)} == {"Stage 1"}
    assert chart.description == (
        "Bar charts of the complaints each area received, one for each stage. Rowan Heath "
        "received the most stage 1 complaints (6). No area received a stage 3 complaint. "
        "1 value withheld to protect children is not drawn."
    )
    validate_jsonschema(chart.spec, vega_lite.load_schema())
    assert "NaN" not in to_svg(chart.spec)
