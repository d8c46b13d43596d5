from django import forms

from redress.accounts.models import Reminders
from redress.complaints.forms import GovukForm


class ReminderPreferenceForm(GovukForm):
    reminders = forms.ChoiceField(
        label="How do you want your reminders?",
        choices=Reminders.choices,
        error_messages={"required": "Choose email or no reminders."},
    )
