"""The figures engine: every figure of FIGURES.md as a pure function over the facts."""

from .compute import FigureSet, compute_figures, to_json
from .context import ReportSettings
from .registry import SCALARS, TABLES

__all__ = ["SCALARS", "TABLES", "FigureSet", "ReportSettings", "compute_figures", "to_json"]
