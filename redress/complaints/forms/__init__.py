"""Forms for the staff pages: the complaints list's filters, and the actions on a complaint.

Forms check what a person typed (is it a real date, a number, one of the choices); the rules of
the procedure are the services' to check, and a `RuleViolation` comes back as a form error.
"""

from .actions import (
    AcknowledgeForm,
    EscalateForm,
    ExtendForm,
    RespondForm,
)
from .fields import DateInputField, GovukForm, date_parts
from .filters import ComplaintFilterForm, ServiceAreaChoiceField

__all__ = [
    "AcknowledgeForm",
    "ComplaintFilterForm",
    "DateInputField",
    "EscalateForm",
    "ExtendForm",
    "GovukForm",
    "RespondForm",
    "ServiceAreaChoiceField",
    "date_parts",
]
