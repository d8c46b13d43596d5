"""`redress.figures/1` JSON: the figures and tables exactly as FIGURES.md describes, with whom
they cover (`scope`) after the period."""

import json
from collections.abc import Mapping

from redress.reporting.document.model import ReportDocument
from redress.reporting.figures import FigureSet, to_json


def render(
    document: ReportDocument | None,
    figures: FigureSet,
    *,
    scope: Mapping[str, object] | None = None,
) -> bytes:
    """The figures as JSON. `scope` (`ReportScope.as_json()`: `{"kind": "locality", "name":
    "South", "service_areas": [...]}`, kind `authority`, `locality` or `service`,
    `service_areas` null for the whole authority) is written right after `period`; without
    it, the figures alone."""
    data: dict[str, object] = {}
    for key, value in to_json(figures).items():
        data[key] = value
        if key == "period" and scope is not None:
            data["scope"] = dict(scope)
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode()
