"""The complaints team's forms for triaging what the public sent."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.db.models import QuerySet

from redress.complaints.forms import GovukForm
from redress.complaints.forms.record import NEW_PERSON, TermChoiceField, offer_reasons
from redress.complaints.services.aspects import check_reason
from redress.core import clock
from redress.organisations.models import Locality, Organisation, ServiceArea
from redress.people.models import Person
from redress.procedures.models import Procedure
from redress.procedures.rules import RuleViolation
from redress.taxonomies.models import Term


def _services(initial: Any = None) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label="Service area",
        queryset=ServiceArea.objects.effective_on(clock.today()).order_by("name"),
        empty_label="Choose a service area",
        error_messages={
            "required": "Select the service area",
            "invalid_choice": "Select the service area",
        },
    )


def procedures_in_use() -> QuerySet[Procedure]:
    """The procedures a complaint can be recorded in: those with their stages configured."""
    return Procedure.objects.filter(stage_rules__stage=1).distinct().order_by("order", "code")


class AcceptForm(GovukForm):
    """Accepting a complaint sent online: the procedure, where it belongs (the service area
    the sender chose, pre-filled), a reason for complaint (optional, as on staff entry), and
    whether the complainant is someone already recorded."""

    procedure = forms.ModelChoiceField(
        label="Which procedure applies?",
        queryset=Procedure.objects.none(),
        empty_label=None,
        error_messages={
            "required": "Select the procedure",
            "invalid_choice": "Select the procedure",
        },
    )
    locality = forms.ModelChoiceField(
        label="Locality (optional)",
        required=False,
        queryset=Locality.objects.none(),
        empty_label="The service area's own, or citywide",
    )
    organisation = forms.ModelChoiceField(
        label="Organisation (optional)",
        required=False,
        queryset=Organisation.objects.order_by("name"),
        empty_label="The service area's own",
    )
    category = TermChoiceField(
        label="Reason for complaint (optional)",
        required=False,
        queryset=Term.objects.none(),
        empty_label="Choose a category",
    )
    subcategory = TermChoiceField(
        label="Sub-category (optional)",
        required=False,
        queryset=Term.objects.none(),
        empty_label="None",
        help_text="Each sub-category is shown after its category.",
    )
    complainant = forms.ChoiceField(
        label="Is the complainant someone already recorded?",
        error_messages={
            "required": "Select the person already recorded, or that they are someone new",
            "invalid_choice": "Select the person already recorded, or that they are someone new",
        },
    )
    refer = forms.ChoiceField(
        label="They asked for an advocate. Refer them to the advocacy provider now?",
        choices=[("yes", "Yes"), ("no", "No, I will refer them from the complaint later")],
        error_messages={"required": "Select whether to refer them to the advocacy provider"},
    )
    note = forms.CharField(label="Note (optional)", required=False, max_length=2000)

    def __init__(
        self,
        *args: Any,
        day: datetime.date,
        matches: Sequence[Person] = (),
        advocate_wanted: bool = False,
        **kwargs: Any,
    ) -> None:
        """`day`: the day it was sent (what is in use is judged on it); `matches`: people
        already recorded whose email address or name match the sender's; `advocate_wanted`:
        the sender asked for an advocate, so the officer is asked whether to refer them."""
        super().__init__(*args, **kwargs)
        self.matches = list(matches)
        services = _services()
        services.queryset = ServiceArea.objects.effective_on(day).order_by("name")
        fields = self.fields
        offer_reasons(fields, day)
        cast(forms.ModelChoiceField, fields["procedure"]).queryset = procedures_in_use()
        cast(forms.ModelChoiceField, fields["locality"]).queryset = Locality.objects.effective_on(
            day
        ).order_by("name")
        complainant = cast(forms.ChoiceField, fields["complainant"])
        complainant.choices = [
            *((str(p.pk), p.name or p.key) for p in self.matches),
            (NEW_PERSON, "No, record them as someone new"),
        ]
        self.fields = {
            "procedure": fields["procedure"],
            "service_area": services,
            "locality": fields["locality"],
            "organisation": fields["organisation"],
            "category": fields["category"],
            "subcategory": fields["subcategory"],
            **({"complainant": complainant} if self.matches else {}),
            **({"refer": fields["refer"]} if advocate_wanted else {}),
            "note": fields["note"],
        }
        if not self.is_bound:
            self.initial.setdefault("complainant", NEW_PERSON)
            self.initial.setdefault("refer", "yes")

    def refer_advocacy(self) -> bool:
        return self.cleaned_data.get("refer") == "yes"

    def complainant_items(self) -> list[dict[str, Any]]:
        """Each person found (with what tells them apart), then someone new."""
        chosen = self.text("complainant") or NEW_PERSON
        items: list[dict[str, Any]] = [
            {
                "value": str(person.pk),
                "text": f"Yes, {person.name or person.key}",
                "hint": {
                    "text": ", ".join(
                        part
                        for part in (person.email, person.phone, f"record {person.key}")
                        if part
                    )
                },
                "checked": chosen == str(person.pk),
            }
            for person in self.matches
        ]
        items += [
            {"divider": "or"},
            {
                "value": NEW_PERSON,
                "text": "No, record them as someone new",
                "checked": chosen == NEW_PERSON,
            },
        ]
        return items

    def chosen_complainant(self) -> Person | None:
        chosen = self.cleaned_data.get("complainant", NEW_PERSON)
        return next((p for p in self.matches if str(p.pk) == chosen), None)

    def aspects(self) -> list[tuple[Term, Term | None]]:
        category = self.cleaned_data.get("category")
        return [(category, self.cleaned_data.get("subcategory"))] if category else []

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("subcategory") is not None and data.get("category") is None:
            self.add_error("category", "Select the category of the sub-category")
        elif data.get("category") is not None and not self.errors:
            try:
                check_reason(category=data["category"], subcategory=data.get("subcategory"))
            except RuleViolation as violation:
                self.add_error("subcategory", violation.message)
        return data


class InformalForm(GovukForm):
    note = forms.CharField(
        label="Why it is handled informally (optional)", required=False, max_length=2000
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        service = _services()
        service.required = False
        service.empty_label = "Not known"
        self.fields = {"service_area": service, "note": self.fields["note"]}


class ComplimentForm(GovukForm):
    note = forms.CharField(label="Note (optional)", required=False, max_length=2000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields = {"service_area": _services(), "note": self.fields["note"]}


class NextStageForm(GovukForm):
    late_reason = forms.CharField(
        label="Why the late request is accepted",
        max_length=2000,
        error_messages={"required": "Enter why the late request is accepted"},
    )


# Declining each kind asks why in its own words.
DECLINE_WHY = {
    "complaint": "why it is not a complaint",
    "child_complaint": "why it is not a complaint",
    "compliment": "why it is not a compliment",
    "feedback": "why there is nothing to record",
    "next_stage": "why the request is refused",
}


class DeclineForm(GovukForm):
    reason = forms.CharField(max_length=2000)

    def __init__(self, *args: Any, kind: str = "complaint", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        why = DECLINE_WHY[kind]
        self.fields["reason"].label = why[0].upper() + why[1:]
        self.fields["reason"].error_messages["required"] = f"Enter {why}"
