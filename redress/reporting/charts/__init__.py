"""The report's charts: one definition per chart (`definitions`), drawn as SVG by vl-convert for
the PDF, the Word report and the web page before its script runs, and interactively on the web
by vega-embed from the same Vega-Lite spec."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from .definitions import Chart
from .drawing import VEGA_LITE_VERSION, Drawings

__all__ = ["VEGA_LITE_VERSION", "Chart", "draw_ahead", "spec_json", "svg_of", "to_svg"]

# The charts drawn (the same spec always gives the same SVG, so a report drawn as HTML and PDF
# in one run converts each chart once), and those being drawn ahead.
_svg = Drawings()


def spec_json(spec: dict[str, Any]) -> str:
    """A chart's spec as the JSON it is kept and drawn by."""
    return json.dumps(spec, sort_keys=True)


def to_svg(spec: dict[str, Any]) -> str:
    """The chart as an SVG document."""
    return _svg(spec_json(spec))


def svg_of(spec_text: str) -> str:
    """The chart of a spec's JSON (as `spec_json` writes it) as an SVG document: kept, drawn
    ahead or drawn now."""
    return _svg(spec_text)


def draw_ahead(spec_texts: Iterable[str]) -> int:
    """Start drawing these charts (their specs' JSON) in the chart process (`drawing`), for
    `svg_of` to take when they are asked for. The number started."""
    return _svg.ahead(spec_texts)
