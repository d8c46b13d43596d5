"""Who may export everything held about a person: the complaints team only (complaints
officers and managers, and superusers, who see every complaint). Anyone else is told the
person is not found, as for one who does not exist, so an address does not say who is held."""

from __future__ import annotations

from typing import Any

from redress.complaints.selectors import may_manage_complaints


def may_export_subject_access(user: Any) -> bool:
    return may_manage_complaints(user)
