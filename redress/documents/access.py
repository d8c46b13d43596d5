"""Who may do what with a complaint's documents (one place; the views ask here).

Anyone who may see the complaint may read its documents list and download them. The
complaints team uploads to the complaint or any stage and removes documents; a responding
manager uploads to the stages allocated to them, and an investigating officer to the stages
they are appointed to investigate (as `may_respond` and `may_record_findings` say).
"""

from __future__ import annotations

from typing import Any

from redress.complaints.models import Complaint, Stage
from redress.complaints.selectors import may_manage_complaints
from redress.complaints.selectors.scoping import may_record_findings


def stages_for_upload(user: Any, complaint: Complaint) -> list[Stage]:
    """The complaint's stages the user may add a document to."""
    return [s for s in complaint.stages.all() if may_record_findings(user, s)]


def may_upload(user: Any, complaint: Complaint) -> bool:
    return may_manage_complaints(user) or bool(stages_for_upload(user, complaint))


def may_upload_to_complaint(user: Any) -> bool:
    """To the complaint as a whole, not one of its stages: the complaints team."""
    return may_manage_complaints(user)


def may_remove(user: Any) -> bool:
    return may_manage_complaints(user)
