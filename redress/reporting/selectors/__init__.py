"""Reads for reports: who may see which report, the figures for a period and service, editions
and their narratives, and the records behind a figure (drill-down)."""

from .access import (
    ReportAccess,
    report_access,
    why_no_drill,
    why_no_reports,
)
from .drill import (
    Drill,
    NoRecordsError,
    UnknownFigureError,
    WithheldError,
    drill_target,
    figure_drill,
    table_drill,
)
from .editions import (
    SectionNarrativeView,
    edition_sections,
    edition_settings,
    editions_visible_to,
    left_out_sections,
    narratives,
    next_steps_draft,
    report_sections,
)
from .records import Column, Records, Ref
from .reports import (
    ReportError,
    UnknownServiceError,
    canonical_service,
    consented_names,
    report_facts,
    report_figures,
    report_profile,
    report_settings,
    report_years,
    service_area_ids,
    service_names,
)

__all__ = [
    "Column",
    "Drill",
    "NoRecordsError",
    "Records",
    "Ref",
    "ReportAccess",
    "ReportError",
    "SectionNarrativeView",
    "UnknownFigureError",
    "UnknownServiceError",
    "WithheldError",
    "canonical_service",
    "consented_names",
    "drill_target",
    "edition_sections",
    "edition_settings",
    "editions_visible_to",
    "figure_drill",
    "left_out_sections",
    "narratives",
    "next_steps_draft",
    "report_access",
    "report_facts",
    "report_figures",
    "report_profile",
    "report_sections",
    "report_settings",
    "report_years",
    "service_area_ids",
    "service_names",
    "table_drill",
    "why_no_drill",
    "why_no_reports",
]
