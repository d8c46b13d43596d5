"""The complaints list's filters, read from the query string."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from redress.complaints.choices import ComplainantType
from redress.complaints.selectors import DEFAULT_SORT, SORTS, STATUSES, ComplaintFilters
from redress.organisations.models import Locality, ServiceArea
from redress.procedures.models import Procedure

from .fields import DateInputField, GovukForm


class ServiceAreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ServiceArea) -> str:
        # Service areas are versioned by date, so two can share a name.
        if obj.valid_to:
            return f"{obj.name} (until {obj.valid_to:%b %Y})"
        if obj.valid_from:
            return f"{obj.name} (from {obj.valid_from:%b %Y})"
        return obj.name


class ComplaintFilterForm(GovukForm):
    """The complaints list's filters, read from the query string."""

    date_fields = ("received_from", "received_to")

    reference = forms.CharField(label="Reference", required=False, max_length=64)
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any"), *STATUSES.items()]
    )
    procedure = forms.ModelChoiceField(
        label="Procedure",
        required=False,
        queryset=Procedure.objects.all(),
        to_field_name="code",
        empty_label="Any",
    )
    stage = forms.TypedChoiceField(
        label="Stage reached",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Any"), ("1", "Stage 1"), ("2", "Stage 2"), ("3", "Stage 3")],
    )
    service_area = ServiceAreaChoiceField(
        label="Service area",
        required=False,
        queryset=ServiceArea.objects.order_by("name", "valid_from"),
        empty_label="Any",
    )
    locality = forms.ChoiceField(label="Locality", required=False)
    complainant_type = forms.ChoiceField(
        label="Who complained",
        required=False,
        choices=[("", "Anyone"), *ComplainantType.choices],
    )
    received_from = DateInputField(label="Received from", required=False)
    received_to = DateInputField(label="Received to", required=False)
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

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("received_from"), cleaned.get("received_to")
        if start and end and start > end:
            self.add_error("received_to", "Received to must be the same as or after received from")
        return cleaned

    def filters(self) -> ComplaintFilters:
        """The filters to apply: those that were valid (an invalid one is shown as an error
        and left out)."""
        if not self.is_bound:
            return ComplaintFilters()
        self.is_valid()
        data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        locality = data.get("locality") or ""
        return ComplaintFilters(
            procedure=data.get("procedure"),
            stage=data.get("stage"),
            status=data.get("status") or "",
            service_area=data.get("service_area"),
            locality=Locality.objects.filter(pk=locality).first() if locality.isdigit() else None,
            citywide=locality == "citywide",
            received_from=data.get("received_from"),
            received_to=data.get("received_to"),
            complainant_type=data.get("complainant_type") or "",
            reference=(data.get("reference") or "").strip(),
            sort=data.get("sort") or DEFAULT_SORT,
        )
