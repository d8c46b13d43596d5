"""The learning actions' forms: the list's filters, raising an action and recording that it
was done. Field names are the services' argument names, so a rule the service names a field for
is shown at that field."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from redress.complaints.models import Complaint
from redress.complaints.selectors.learning import ACTION_STATUSES, ActionFilters, learning_themes
from redress.core.clock import today as clock_today
from redress.taxonomies.models import Term

from .fields import DateInputField, GovukForm

# The stages a complaint can reach under any procedure, for an action raised from the list.
MOST_STAGES = 3


def _text_area(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class ThemeChoiceField(forms.ModelChoiceField):
    """A theme, named with its taxonomy when there is more than one to choose from."""

    several_taxonomies = False

    def label_from_instance(self, obj: Term) -> str:
        return f"{obj.name} ({obj.taxonomy.name})" if self.several_taxonomies else obj.name


def _offer_themes(field: forms.Field) -> None:
    themes = cast(ThemeChoiceField, field)
    themes.queryset = learning_themes()
    themes.several_taxonomies = len({term.taxonomy_id for term in themes.queryset}) > 1


class ActionFilterForm(GovukForm):
    """The learning actions list's filters, read from the query string."""

    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any"), *ACTION_STATUSES.items()]
    )
    theme = ThemeChoiceField(
        label="Theme", required=False, queryset=Term.objects.none(), empty_label="Any"
    )
    owner = forms.CharField(label="Owner", required=False, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _offer_themes(self.fields["theme"])

    def filters(self) -> ActionFilters:
        """The filters to apply: those that were valid (an invalid one is shown as an error
        and left out)."""
        if not self.is_bound:
            return ActionFilters()
        self.is_valid()
        data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        return ActionFilters(
            status=data.get("status") or "",
            theme=data.get("theme"),
            owner=(data.get("owner") or "").strip(),
        )


class RaiseActionForm(GovukForm):
    """A learning action: from the complaint given, or from one named by its reference (or
    none, for learning from complaints in general)."""

    # The raised date first: a date rule that names no field is about it.
    date_fields = ("raised_on", "due_on")

    complaint = forms.CharField(
        label="Complaint reference",
        required=False,
        max_length=64,
        help_text="The complaint that prompted the action. Leave blank for learning from "
        "complaints in general.",
    )
    stage_number = forms.TypedChoiceField(
        label="Stage that prompted it",
        required=False,
        coerce=int,
        empty_value=None,
    )
    description = forms.CharField(
        label="What will be done",
        widget=_text_area(),
        error_messages={"required": "Enter what will be done"},
    )
    owner = forms.CharField(
        label="Owner",
        max_length=200,
        help_text="The person or team responsible for it, for example Head of Fostering.",
        error_messages={
            "required": "Enter who owns the action",
            "max_length": "The owner must be 200 characters or fewer",
        },
    )
    due_on = DateInputField(label="Due date")
    theme = ThemeChoiceField(
        label="Learning theme",
        required=False,
        queryset=Term.objects.none(),
        empty_label="No theme",
        error_messages={"invalid_choice": "Select a learning theme from the list"},
    )
    you_said = forms.CharField(
        label="You said",
        required=False,
        widget=_text_area(3),
        help_text="What the complaint told us, in the complainant's terms.",
    )
    we_did = forms.CharField(
        label="We did",
        required=False,
        widget=_text_area(3),
        help_text="What changed as a result. You can add this when the action is done.",
    )
    raised_on = DateInputField(label="Date raised", initial=clock_today)

    def __init__(self, *args: Any, complaint: Complaint | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.for_complaint = complaint
        _offer_themes(self.fields["theme"])
        stage_field = cast(forms.TypedChoiceField, self.fields["stage_number"])
        if complaint is None:
            numbers = list(range(1, MOST_STAGES + 1))
        else:
            del self.fields["complaint"]
            numbers = [stage.number for stage in complaint.stages.all()]
        stage_field.choices = [("", "None in particular")] + [
            (str(n), f"Stage {n}") for n in numbers
        ]

    def clean_complaint(self) -> Complaint | None:
        reference = (self.cleaned_data.get("complaint") or "").strip()
        if not reference:
            return None
        complaint = Complaint.objects.filter(reference__iexact=reference).first()
        if complaint is None:
            raise forms.ValidationError(f"There is no complaint with the reference {reference}")
        return complaint

    def complaint_of(self, data: dict[str, Any]) -> Complaint | None:
        return self.for_complaint or data.get("complaint")


class CompleteActionForm(GovukForm):
    date_fields = ("completed_on",)

    completed_on = DateInputField(label="Date completed", initial=clock_today)
    evidence = forms.CharField(
        label="Evidence that it was done",
        widget=_text_area(),
        error_messages={"required": "Describe the evidence that the action was completed"},
    )
    we_did = forms.CharField(
        label="We did",
        required=False,
        widget=_text_area(3),
        help_text="What changed as a result, to tell the people who complained.",
    )
