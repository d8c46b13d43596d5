"""The report's charts: one definition per chart (`definitions`), drawn as SVG by vl-convert for
the PDF, the Word report and the web page before its script runs, and interactively on the web
by vega-embed from the same Vega-Lite spec."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import vl_convert

from .definitions import Chart

# The Vega-Lite version Altair writes specs for; vl-convert bundles it.
VEGA_LITE_VERSION = "6.4"

__all__ = ["VEGA_LITE_VERSION", "Chart", "to_svg"]


def to_svg(spec: dict[str, Any]) -> str:
    """The chart as an SVG document (the same spec always gives the same SVG, so a report drawn
    as HTML and PDF in one run converts each chart once)."""
    return _svg(json.dumps(spec, sort_keys=True))


@lru_cache(maxsize=256)
def _svg(spec_json: str) -> str:
    return vl_convert.vegalite_to_svg(json.loads(spec_json), vl_version=VEGA_LITE_VERSION)
