"""Reads for the staff pages: who sees what, case lists, "my work", and one complaint's stages,
deadlines and timeline."""

from .clock import DUE_SOON_DAYS, Clock, clock
from .detail import (
    RelatedComplaints,
    StageView,
    complaint_for_page,
    payments_total,
    related_complaints,
    stage_views,
)
from .lists import (
    DEFAULT_SORT,
    DUE,
    SORTS,
    STATUSES,
    UNALLOCATED,
    WAITING,
    ComplaintFilters,
    StatusCounts,
    complaint_list,
    current_stages,
    status_counts,
)
from .paging import Cursor, KeysetPage, keyset_page
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
from .work import CaseCounts, MyWork, OtherCounts, TeamWork, WorkItem, my_work, team_work

__all__ = [
    "DEFAULT_SORT",
    "DUE",
    "DUE_SOON_DAYS",
    "SORTS",
    "STATUSES",
    "UNALLOCATED",
    "WAITING",
    "CaseCounts",
    "Clock",
    "ComplaintFilters",
    "Cursor",
    "KeysetPage",
    "MyWork",
    "OtherCounts",
    "RelatedComplaints",
    "StageView",
    "StatusCounts",
    "TeamWork",
    "WorkItem",
    "clock",
    "complaint_events",
    "complaint_for_page",
    "complaint_list",
    "complaints_visible_to",
    "current_stages",
    "keyset_page",
    "may_manage_complaints",
    "may_respond",
    "my_work",
    "payments_total",
    "referenced_names",
    "related_complaints",
    "sees_complaints",
    "sees_every_complaint",
    "stage_views",
    "stages_visible_to",
    "status_counts",
    "team_work",
    "why_hidden",
]
