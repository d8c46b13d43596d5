"""How the reports pages word their own choices (which scopes they offer, and why), as against
the reports' wording, which is the document's (`reporting/document/`)."""

from __future__ import annotations

from collections.abc import Sequence

from redress.core.presenters import and_list


def localities_not_listed(names: Sequence[str]) -> str:
    """Why these localities (no service area has ever been in them) are left out of a report's
    scope choices ("" for none)."""
    if not names:
        return ""
    one = len(names) == 1
    # Quoted, as a name may hold a comma ('North, West & Central').
    quoted = and_list([f"'{name}'" for name in names])
    return (
        f"{quoted} {'is' if one else 'are'} not listed: no service area is in "
        f"{'that locality' if one else 'those localities'}, so a report for "
        f"{'it' if one else 'one'} would count nothing. Complaints that record their locality "
        "are counted by area in the whole authority's report."
    )
