"""Every change of state of a complaint, one service function each.

Each validates against the procedure (raising a named `redress.procedures.rules` error whose
message the user sees), writes in one transaction with the rows it changes locked, and records
an audit event with who, what, and the values before and after. Callers pass keyword arguments
and use the returned instance, which is read afresh from the database.
"""

from .advocacy import complaint_refer_advocacy
from .appointments import appointment_remove, stage_appoint
from .aspects import aspect_add, aspect_record_finding, aspect_remove
from .closing import stage_close_outside_jurisdiction, stage_withdraw
from .corrections import stage_correct
from .escalation import complaint_escalate, complaint_transfer_procedure
from .holds import stage_hold, stage_resume
from .learning import action_complete, action_raise
from .mediation import mediation_hold, mediation_offer, mediation_record_outcome
from .panel import stage3_record_panel, stage3_record_panel_report
from .payments import payment_record, payment_remove
from .records import complaint_link_related, complaint_record, complaint_update_details
from .stage2 import (
    stage2_record_adjudication,
    stage2_record_io_report,
    stage2_record_ip_report,
    stage_carry_over_reasons,
)
from .stages import (
    stage_acknowledge,
    stage_agree_statement,
    stage_allocate,
    stage_extend,
    stage_respond,
)

__all__ = [
    "action_complete",
    "action_raise",
    "appointment_remove",
    "aspect_add",
    "aspect_record_finding",
    "aspect_remove",
    "complaint_escalate",
    "complaint_link_related",
    "complaint_record",
    "complaint_refer_advocacy",
    "complaint_transfer_procedure",
    "complaint_update_details",
    "mediation_hold",
    "mediation_offer",
    "mediation_record_outcome",
    "payment_record",
    "payment_remove",
    "stage2_record_adjudication",
    "stage2_record_io_report",
    "stage2_record_ip_report",
    "stage3_record_panel",
    "stage3_record_panel_report",
    "stage_acknowledge",
    "stage_agree_statement",
    "stage_allocate",
    "stage_appoint",
    "stage_carry_over_reasons",
    "stage_close_outside_jurisdiction",
    "stage_correct",
    "stage_extend",
    "stage_hold",
    "stage_respond",
    "stage_resume",
    "stage_withdraw",
]
