"""Announced when something every deadline depends on changes: closure days, a procedure's
timescales or clock start. The complaints app stores each open stage's due date (ADR 0015) and
works them out again when it hears this; procedures cannot call it directly, being below it."""

from django.dispatch import Signal

# Sent with no arguments, inside the transaction that made the change.
deadline_rules_changed = Signal()
