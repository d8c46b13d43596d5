"""Charts laid out for a printed page (PDF and Word), which is wider than a tall chart can use.

A small multiple drawn one panel under another (the complaints received each year, a panel per
stage) is as tall as a page and, held to a printed chart's height, would print too small to
read. Printed, its panels stand side by side, each a share of the width: the same chart, the
same numbers, laid out for paper.
"""

from __future__ import annotations

import copy
from typing import Any

# At most this many panels go side by side; more stay in their one column.
SIDE_BY_SIDE = 3
# The printed chart's width in pixels (it is scaled to the text's width on the page), and what
# each panel's own axis and spacing take beside its plot.
PRINT_WIDTH = 720
PANEL_SPACE = 50


def printed(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec to print: a one-column small multiple of two or three panels with its panels
    side by side; any other chart as it is."""
    facets = spec.get("facet", {}).get("sort")
    panel = spec.get("spec", {})
    if (
        spec.get("columns") != 1
        or not isinstance(facets, list)
        or not 1 < len(facets) <= SIDE_BY_SIDE
        or not isinstance(panel.get("width"), int)
    ):
        return spec
    wide = copy.deepcopy(spec)
    wide["columns"] = len(facets)
    wide["spec"]["width"] = min(panel["width"], PRINT_WIDTH // len(facets) - PANEL_SPACE)
    return wide
