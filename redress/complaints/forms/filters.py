"""The complaints list's filters, read from the query string."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, cast

from django import forms

from redress.accounts.models import Role, User
from redress.complaints.choices import ComplainantType, Outcome
from redress.complaints.selectors import (
    DEFAULT_SORT,
    DUE,
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


def dated_name(obj: Any) -> str:
    """A service area's name, with its dates: they are versioned by date, so two can share a
    name."""
    if obj.valid_to:
        return f"{obj.name} (until {obj.valid_to:%b %Y})"
    if obj.valid_from:
        return f"{obj.name} (from {obj.valid_from:%b %Y})"
    return str(obj.name)


class ServiceAreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ServiceArea) -> str:
        return dated_name(obj)


def _any(choices: Iterable[tuple[str, str]], label: str = "Any") -> list[tuple[str, str]]:
    """The choices, after an empty one that leaves the filter off."""
    return [("", label), *choices]


class ComplaintFilterForm(GovukForm):
    """The complaints list's filters, read from the query string."""

    date_fields = ("received_from", "received_to")
    # The select boxes, in the order the page shows them.
    selects = (
        "status",
        "allocated_to",
        "team",
        "waiting",
        "due",
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
    team = forms.ChoiceField(label="Team", required=False)
    due = forms.ChoiceField(label="Due", required=False, choices=_any(DUE.items(), "Any time"))
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
    procedure = forms.ChoiceField(label="Procedure", required=False)
    service_area = forms.ChoiceField(label="Service area", required=False)
    locality = forms.ChoiceField(label="Locality", required=False)
    organisation = forms.ChoiceField(label="Organisation", required=False)
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
    sort = forms.ChoiceField(
        required=False,
        choices=[(key, key) for name in SORTS for key in (name, f"-{name}")],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Each select's records read once (one query each, whatever is chosen), and kept to
        # turn the chosen value back into its record.
        self.records: dict[str, dict[str, Any]] = {}
        organisations = list(Organisation.objects.order_by("name"))
        areas = ServiceArea.objects.order_by("name", "valid_from")
        self._choose("procedure", Procedure.objects.all(), key=lambda p: p.code)
        self._choose("service_area", areas, label=dated_name)
        self._choose("organisation", organisations)
        self._choose("team", organisations)
        self._choose(
            "locality",
            Locality.objects.order_by("name", "valid_from"),
            first=[("citywide", "Citywide (no locality)")],
        )
        # Everyone a stage can be allocated or appointed to: staff other than executives.
        # (Names only: a large authority has hundreds.)
        people = (
            User.objects.filter(is_active=True)
            .exclude(role=Role.EXECUTIVE)
            .order_by("first_name", "last_name", "username")
            .values_list("pk", "first_name", "last_name", "username")
        )
        self._choose(
            "allocated_to",
            people,
            key=lambda u: u[0],
            label=lambda u: f"{u[1]} {u[2]}".strip() or u[3],
            first=[(UNALLOCATED, "Not allocated")],
            empty="Anyone",
        )

    def _choose(
        self,
        name: str,
        records: Iterable[Any],
        *,
        key: Callable[[Any], Any] = lambda r: r.pk,
        label: Callable[[Any], str] = str,
        first: Iterable[tuple[str, str]] = (),
        empty: str = "Any",
    ) -> None:
        self.records[name] = {str(key(r)): r for r in records}
        choices = [*first, *((k, label(r)) for k, r in self.records[name].items())]
        cast(forms.ChoiceField, self.fields[name]).choices = _any(choices, empty)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("received_from"), cleaned.get("received_to")
        if start and end and start > end:
            self.add_error("received_to", "Received to must be the same as or after received from")
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

        def record(name: str) -> Any:
            return self.records[name].get(data.get(name) or "")

        return ComplaintFilters(
            q=" ".join((data.get("q") or "").split()),
            status=data.get("status") or "",
            procedure=record("procedure"),
            stage=data.get("stage"),
            service_area=record("service_area"),
            locality=record("locality"),
            citywide=locality == "citywide",
            organisation=record("organisation"),
            outcome=data.get("outcome") or "",
            allocated_to=int(allocated) if allocated.isdigit() else None,
            unallocated=allocated == UNALLOCATED,
            team=record("team"),
            waiting=data.get("waiting") or "",
            received_from=data.get("received_from"),
            received_to=data.get("received_to"),
            due=data.get("due") or "",
            complainant_type=data.get("complainant_type") or "",
            sort=data.get("sort") or DEFAULT_SORT,
        )
