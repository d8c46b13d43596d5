"""Referring a child for advocacy. The field is the service's argument, so a rule that names
it is shown there."""

from __future__ import annotations

from redress.core.clock import today as clock_today

from .fields import DateInputField, GovukForm


class ReferAdvocacyForm(GovukForm):
    date_fields = ("referred_on",)

    referred_on = DateInputField(label="Date of the referral", initial=clock_today)
