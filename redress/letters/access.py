"""Who may do what with letters (one place; the views ask here).

The complaints manager edits the templates; the complaints team (officers and the manager)
reads them, and produces, sends and posts letters from any complaint. Anyone else who may see a
complaint sees the letters on it (they are its correspondence), and does not write them.
"""

from __future__ import annotations

from typing import Any

from redress.complaints.selectors import may_manage_complaints


def may_read_templates(user: Any) -> bool:
    return may_manage_complaints(user)


def may_edit_templates(user: Any) -> bool:
    return bool(getattr(user, "configures", False))


def may_write_letters(user: Any) -> bool:
    return may_manage_complaints(user)
