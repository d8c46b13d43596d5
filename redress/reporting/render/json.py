"""`redress.figures/1` JSON: the figures and tables exactly as FIGURES.md describes."""

import json

from redress.reporting.document.model import ReportDocument
from redress.reporting.figures import FigureSet, to_json


def render(document: ReportDocument | None, figures: FigureSet) -> bytes:
    return (json.dumps(to_json(figures), indent=2, ensure_ascii=False) + "\n").encode()
