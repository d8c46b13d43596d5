"""The complaints list's filters, read from the query string."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django import forms

from redress.accounts.models import Role, User
from redress.complaints.choices import ComplainantType, Outcome
from redress.complaints.selectors import (
    DEFAULT_SORT,
    SORTS,
    STATUSES,
    UNALLOCATED,
    WAITING,
    ComplaintFilters,
)
from redress.organisations.models import Locality, Organisation, ServiceArea
from redress.procedures.models import Procedure

from .fields import DateInputField, GovukForm

MAX_SEARCH = 100


class ServiceAreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ServiceArea) -> str:
        # Service areas are versioned by date, so two can share a name.
        if obj.valid_to:
            return f"{obj.name} (until {obj.valid_to:%b %Y})"
        if obj.valid_from:
            return f"{obj.name} (from {obj.valid_from:%b %Y})"
        return obj.name


def _any(choices: Iterable[tuple[str, str]], label: str = "Any") -> list[tuple[str, str]]:
    """The choices, after an empty one that leaves the filter off."""
    return [("", label), *choices]


class ComplaintFilterForm(GovukForm):
    """The complaints list's filters, read from the query string."""

    date_fields = ("received_from", "received_to", "due_from", "due_to")
    # The select boxes, in the order the page shows them.
    selects = (
        "status",
        "allocated_to",
        "team",
        "waiting",
        "stage",
        "procedure",
        "service_area",
        "locality",
        "organisation",
        "outcome",
        "complainant_type",
    )

    q = forms.CharField(label="Search", required=False, max_length=MAX_SEARCH)
    status = forms.ChoiceField(label="Status", required=False, choices=_any(STATUSES.items()))
    allocated_to = forms.ChoiceField(label="Allocated to", required=False)
    team = forms.ModelChoiceField(
        label="Team",
        required=False,
        queryset=Organisation.objects.order_by("name"),
        empty_label="Any",
    )
    waiting = forms.ChoiceField(
        label="Waiting for", required=False, choices=_any(WAITING.items(), "Anything")
    )
    stage = forms.TypedChoiceField(
        label="Stage reached",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Any"), ("1", "Stage 1"), ("2", "Stage 2"), ("3", "Stage 3")],
    )
    procedure = forms.ModelChoiceField(
        label="Procedure",
        required=False,
        queryset=Procedure.objects.all(),
        to_field_name="code",
        empty_label="Any",
    )
    service_area = ServiceAreaChoiceField(
        label="Service area",
        required=False,
        queryset=ServiceArea.objects.order_by("name", "valid_from"),
        empty_label="Any",
    )
    locality = forms.ChoiceField(label="Locality", required=False)
    organisation = forms.ModelChoiceField(
        label="Organisation",
        required=False,
        queryset=Organisation.objects.order_by("name"),
        empty_label="Any",
    )
    outcome = forms.ChoiceField(
        label="Outcome of the current stage",
        required=False,
        choices=_any(Outcome.choices),
    )
    complainant_type = forms.ChoiceField(
        label="Who complained",
        required=False,
        choices=_any(ComplainantType.choices, "Anyone"),
    )
    received_from = DateInputField(label="Received from", required=False)
    received_to = DateInputField(label="Received to", required=False)
    due_from = DateInputField(label="Due from", required=False)
    due_to = DateInputField(label="Due by", required=False)
    sort = forms.ChoiceField(
        required=False,
        choices=[(key, key) for name in SORTS for key in (name, f"-{name}")],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        localities = Locality.objects.order_by("name", "valid_from")
        cast(forms.ChoiceField, self.fields["locality"]).choices = [
            ("", "Any"),
            ("citywide", "Citywide (no locality)"),
            *((str(loc.pk), loc.name) for loc in localities),
        ]
        # Everyone a stage can be allocated or appointed to: staff other than executives.
        people = (
            User.objects.filter(is_active=True)
            .exclude(role=Role.EXECUTIVE)
            .order_by("first_name", "last_name", "username")
        )
        cast(forms.ChoiceField, self.fields["allocated_to"]).choices = [
            ("", "Anyone"),
            (UNALLOCATED, "Not allocated"),
            *((str(u.pk), u.display_name) for u in people),
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for start, end, message in (
            (
                "received_from",
                "received_to",
                "Received to must be the same as or after received from",
            ),
            ("due_from", "due_to", "Due by must be the same as or after due from"),
        ):
            first, last = cleaned.get(start), cleaned.get(end)
            if first and last and first > last:
                self.add_error(end, message)
        return cleaned

    def label_of(self, name: str, value: Any) -> str:
        """What a select shows for a value (for the selected filters' tags)."""
        choices = cast(list[tuple[Any, Any]], cast(forms.ChoiceField, self.fields[name]).choices)
        return next((str(label) for key, label in choices if str(key) == str(value)), str(value))

    def filters(self) -> ComplaintFilters:
        """The filters to apply: those that were valid (an invalid one is shown as an error
        and left out)."""
        if not self.is_bound:
            return ComplaintFilters()
        self.is_valid()
        data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        locality = data.get("locality") or ""
        allocated = data.get("allocated_to") or ""
        return ComplaintFilters(
            q=" ".join((data.get("q") or "").split()),
            status=data.get("status") or "",
            procedure=data.get("procedure"),
            stage=data.get("stage"),
            service_area=data.get("service_area"),
            locality=Locality.objects.filter(pk=locality).first() if locality.isdigit() else None,
            citywide=locality == "citywide",
            organisation=data.get("organisation"),
            outcome=data.get("outcome") or "",
            allocated_to=int(allocated) if allocated.isdigit() else None,
            unallocated=allocated == UNALLOCATED,
            team=data.get("team"),
            waiting=data.get("waiting") or "",
            received_from=data.get("received_from"),
            received_to=data.get("received_to"),
            due_from=data.get("due_from"),
            due_to=data.get("due_to"),
            complainant_type=data.get("complainant_type") or "",
            sort=data.get("sort") or DEFAULT_SORT,
        )
