"""Who may do what with reports.

- Complaints officers and managers (and superusers): every version of every report, drill-down
  to every record, and editions (write narratives); only complaints managers publish editions.
- Responding managers and participation or advocacy workers: the publication version (small
  counts withheld), for any service or the whole authority, since it is made to be published;
  drill-down lists only the complaints they can already see, without the hidden total.
- Executives and board members: the publication version, no drill-down and no names at all,
  since they see no personal data; only published editions.
- Investigating officers and independent persons: no reports. They are often external, appointed
  to one complaint, and the authority's management figures are not theirs to read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from redress.accounts.models import Role
from redress.complaints.selectors import sees_complaints, sees_every_complaint

NO_REPORTS_MESSAGE = (
    "Your role ({role}) does not include the authority's reports. The complaints team can send "
    "you a published report."
)
NO_DRILL_MESSAGE = (
    "Your role ({role}) shows figures, not the records behind them, so that no one's personal "
    "details are on your screen."
)


@dataclass(frozen=True)
class ReportAccess:
    reports: bool  # the reports page at all
    internal: bool  # the internal version, with every count shown
    drill: bool  # the records behind a figure
    whole_drill: bool  # every record behind a figure, and how many there are
    names: bool  # staff names in quoted compliments (when consent allows)
    edit_editions: bool  # create editions and write their narratives
    publish_editions: bool
    draft_editions: bool  # see editions before they are published


NONE = ReportAccess(False, False, False, False, False, False, False, False)


def report_access(user: Any) -> ReportAccess:
    """What this user may do with reports (see the module's docstring)."""
    if not (user.is_authenticated and user.is_active):
        return NONE
    if sees_every_complaint(user):
        manager = user.is_superuser or user.role == Role.COMPLAINTS_MANAGER
        return ReportAccess(True, True, True, True, True, True, manager, True)
    if user.role == Role.INVESTIGATING_OFFICER:
        return NONE
    if user.role == Role.EXECUTIVE or not sees_complaints(user):
        return ReportAccess(True, False, False, False, False, False, False, False)
    return ReportAccess(True, False, True, False, True, False, False, False)


def why_no_reports(user: Any) -> str:
    return NO_REPORTS_MESSAGE.format(role=user.get_role_display())


def why_no_drill(user: Any) -> str:
    return NO_DRILL_MESSAGE.format(role=user.get_role_display())
