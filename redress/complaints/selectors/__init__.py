"""Reads for the staff pages: who sees what, case lists, "my work", and one complaint's stages,
deadlines and timeline."""

from .clock import DUE_SOON_DAYS, OPEN, Clock, clock
from .detail import StageView, complaint_for_page, payments_total, stage_views
from .lists import (
    DEFAULT_SORT,
    SORTS,
    STATUSES,
    ComplaintFilters,
    ComplaintRow,
    StatusCounts,
    complaint_list,
    complaint_rows,
    status_counts,
)
from .scoping import (
    complaints_visible_to,
    may_manage_complaints,
    may_respond,
    sees_complaints,
    sees_every_complaint,
    stages_visible_to,
    why_hidden,
)
from .timeline import complaint_events, referenced_names
from .work import MyWork, StageCount, WorkItem, my_stages, my_work, stage_counts

__all__ = [
    "DEFAULT_SORT",
    "DUE_SOON_DAYS",
    "OPEN",
    "SORTS",
    "STATUSES",
    "Clock",
    "ComplaintFilters",
    "ComplaintRow",
    "MyWork",
    "StageCount",
    "StageView",
    "StatusCounts",
    "WorkItem",
    "clock",
    "complaint_events",
    "complaint_for_page",
    "complaint_list",
    "complaint_rows",
    "complaints_visible_to",
    "may_manage_complaints",
    "may_respond",
    "my_stages",
    "my_work",
    "payments_total",
    "referenced_names",
    "sees_complaints",
    "sees_every_complaint",
    "stage_counts",
    "stage_views",
    "stages_visible_to",
    "status_counts",
    "why_hidden",
]
