"""Charts laid out for paper: a one-column small multiple of up to three panels prints with its
panels side by side (wider than tall), any other chart as it is."""

from __future__ import annotations

import copy
import re

from redress.reporting.charts import definitions, kinds, to_svg
from redress.reporting.render.printed_charts import PANEL_SPACE, PRINT_WIDTH, printed

YEARS = [
    {"year": f"20{13 + i}-{14 + i}", "stage1": 300 + i, "stage2": 30 + i, "stage3": 4 + i}
    for i in range(9)
]


def size_of(spec) -> tuple[float, float]:
    match = re.search(r'<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"', to_svg(spec))
    assert match is not None
    return float(match[1]), float(match[2])


def test_the_complaints_each_year_print_side_by_side():
    spec = definitions.by_year(YEARS).spec
    before = copy.deepcopy(spec)
    wide = printed(spec)
    assert spec == before  # the screen's chart is left as it was
    assert (spec["columns"], wide["columns"]) == (1, 3)
    assert wide["spec"]["width"] == PRINT_WIDTH // 3 - PANEL_SPACE
    # The same chart otherwise: its panels, data, title and description.
    assert {k: v for k, v in wide.items() if k not in {"columns", "spec"}} == {
        k: v for k, v in spec.items() if k not in {"columns", "spec"}
    }
    tall_width, tall_height = size_of(spec)
    width, height = size_of(wide)
    assert tall_height > tall_width
    assert width > 2 * height
    assert height < tall_height / 2


def test_other_charts_print_as_they_are():
    panels = [
        {"facet": f"Area {n}", "category": c, "value": 1, "label": "1"}
        for n in range(4)
        for c in ("a", "b")
    ]
    for spec in (
        definitions.by_month([{"month": "2021-04", "count": 3}]).spec,  # no panels
        kinds.titled(  # panels already side by side
            kinds.small_multiple_bars(
                panels[:4], facet_title=None, category_title="C", value_title="V", columns=2
            ),
            "T",
            "D",
        ),
        kinds.titled(  # four panels: too many side by side
            kinds.small_multiple_bars(
                panels, facet_title=None, category_title="C", value_title="V", columns=1
            ),
            "T",
            "D",
        ),
    ):
        assert printed(spec) is spec
