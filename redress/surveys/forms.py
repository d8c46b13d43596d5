"""The survey's questions as a form (the public page), and the staff's small confirmations."""

from __future__ import annotations

from typing import Any

from django import forms

from redress.complaints.forms import GovukForm

from .models import Answer, Question
from .services import COMMENT_MAX

# What the error says when a question is left unanswered, in the GOV.UK way ("Select if …").
MISSING = {
    Question.LISTENED: "Select if we listened to you",
    Question.OUTCOME_UNDERSTOOD: "Select if you understood the outcome of your complaint",
    Question.KEPT_INFORMED: "Select if you were kept informed",
    Question.COMPLAIN_AGAIN: "Select if you would feel able to complain again",
}


class SurveyForm(GovukForm):
    comment = forms.CharField(
        label="Is there anything else you want to tell us? (optional)",
        required=False,
        max_length=COMMENT_MAX,
        error_messages={
            "max_length": f"What you tell us must be {COMMENT_MAX:,} characters or fewer",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        questions = {
            q.value: forms.ChoiceField(
                label=q.label,
                choices=Answer.choices,
                error_messages={"required": MISSING[q], "invalid_choice": MISSING[q]},
            )
            for q in Question
        }
        # The questions first, then the comment, as the page shows them (and the error summary
        # lists them).
        self.fields = {**questions, "comment": self.fields["comment"]}

    def answers(self) -> dict[str, str]:
        return {q.value: self.cleaned_data[q.value] for q in Question}


class SendForm(GovukForm):
    """Nothing to type: the button confirms sending the survey."""


class OptOutForm(GovukForm):
    wants = forms.ChoiceField(
        label="Does the complainant want satisfaction surveys?",
        choices=[
            ("no", "No: do not send them surveys"),
            ("yes", "Yes: send them surveys"),
        ],
        error_messages={
            "required": "Select whether the complainant wants satisfaction surveys",
            "invalid_choice": "Select whether the complainant wants satisfaction surveys",
        },
    )
