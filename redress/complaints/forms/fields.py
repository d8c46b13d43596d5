"""What every staff form shares: the GOV.UK date input, and what the GOV.UK macros need from a
form (errors as `errorMessage` and `errorList`, select and radio items, date boxes)."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

DATE_PARTS = ("day", "month", "year")
# Rules about a date that do not say which field: they belong to the form's (first) date.
DATE_RULES = frozenset({"DateInFuture", "DateBefore", "PanelMilestoneOutOfOrder"})


class DateInputWidget(forms.MultiWidget):
    """The GOV.UK date input: three boxes named `<name>-day`, `<name>-month`, `<name>-year`."""

    def __init__(self) -> None:
        super().__init__(widgets={part: forms.TextInput() for part in DATE_PARTS})
        self.widgets_names = [f"-{part}" for part in DATE_PARTS]

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class DateInputField(forms.MultiValueField):
    """A date typed as day, month and year, with the GOV.UK error messages."""

    widget = DateInputWidget

    def __init__(self, *, label: str, earliest_year: int | None = None, **kwargs: Any) -> None:
        """`earliest_year`: the first year accepted; by default the year before which no date
        of a complaint's record can be (`REDRESS_IMPORT_EARLIEST_YEAR`, as imports refuse)."""
        self.earliest_year = earliest_year
        parts = tuple(forms.CharField(required=False) for _ in DATE_PARTS)
        kwargs.setdefault(
            "error_messages", {"required": f"Enter the {label[:1].lower() + label[1:]}"}
        )
        super().__init__(fields=parts, require_all_fields=False, label=label, **kwargs)

    def compress(self, data_list: list[str]) -> datetime.date | None:
        values = [(v or "").strip() for v in (data_list or ["", "", ""])]
        if not any(values):
            return None
        missing = [part for part, value in zip(DATE_PARTS, values, strict=True) if not value]
        if missing:
            raise ValidationError(f"{self.label} must include a {' and a '.join(missing)}")
        day, month, year = values
        if not all(v.isdigit() for v in values) or len(year) != 4:
            raise ValidationError(f"{self.label} must be a real date, like 27 3 2021")
        try:
            date = datetime.date(int(year), int(month), int(day))
        except (ValueError, OverflowError):  # a month of 2147483648 overflows, not ValueError
            raise ValidationError(f"{self.label} must be a real date, like 27 3 2021") from None
        earliest = datetime.date(self.earliest_year or settings.REDRESS_IMPORT_EARLIEST_YEAR, 1, 1)
        if date < earliest:
            raise ValidationError(
                f"{self.label} must be the same as or after {earliest.day} January {earliest.year}"
            )
        return date


def date_parts(form: forms.Form, name: str) -> dict[str, Any]:
    """The day, month and year to show in a date input: what was typed, or the initial date."""
    if form.is_bound:
        typed = form.fields[name].widget.value_from_datadict(form.data, form.files, name)
        return dict(zip(DATE_PARTS, typed, strict=True))
    initial = form.get_initial_for_field(form.fields[name], name)
    return dict(zip(DATE_PARTS, DateInputWidget().decompress(initial), strict=True))


class GovukForm(forms.Form):
    """A form with what the GOV.UK macros need: errors as `errorMessage` and
    `errorList` parameters, select options and date input boxes."""

    # Fields shown as a GOV.UK date input: their first box is what an error links to.
    date_fields: tuple[str, ...] = ()

    def error_for(self, name: str) -> dict[str, str] | None:
        errors = self.errors.get(name)
        return {"text": str(errors[0])} if errors else None

    def error_list(self) -> list[dict[str, str]]:
        """The error summary's links, in the order of the fields on the page."""
        items = [{"text": str(e), "href": "#main-form"} for e in self.non_field_errors()]
        for name in self.fields:
            errors = self.errors.get(name)
            if errors:
                anchor = f"{name}-day" if name in self.date_fields else name
                items.append({"text": str(errors[0]), "href": f"#{anchor}"})
        return items

    def select_items(self, name: str) -> list[dict[str, Any]]:
        field = self[name]
        value = field.value()
        chosen = "" if value in (None, "") else str(value)
        return [
            {"value": str(key), "text": str(label), "selected": str(key) == chosen}
            for key, label in getattr(field.field, "choices", ())
        ]

    def radio_items(self, name: str) -> list[dict[str, Any]]:
        return [
            {"value": item["value"], "text": item["text"], "checked": item["selected"]}
            for item in self.select_items(name)
            if item["value"] != ""
        ]

    def date_items(self, name: str) -> list[dict[str, Any]]:
        """The day, month and year boxes, each marked as in error when the date is."""
        parts = date_parts(self, name)
        error = " govuk-input--error" if self.errors.get(name) else ""
        return [
            {
                "name": part,
                "label": part.capitalize(),
                "value": parts[part] or "",
                "classes": ("govuk-input--width-4" if part == "year" else "govuk-input--width-2")
                + error,
            }
            for part in DATE_PARTS
        ]

    def add_violation(self, violation: Any) -> None:
        """A procedure rule the service refused the change for, shown at the field it names
        (a date rule at the form's date), else at the top of the form."""
        field = getattr(violation, "field", None)
        if field not in self.fields and type(violation).__name__ in DATE_RULES:
            field = self.date_fields[0] if self.date_fields else None
        self.add_error(field if field in self.fields else None, violation.message)

    def text(self, name: str) -> str:
        value = self[name].value()
        return "" if value is None else str(value)
