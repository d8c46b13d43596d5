"""The forms of the reports pages: choosing a report (period, whom it covers, version, format),
creating an edition, writing a section's narrative, publishing, and the drill-down's query
string."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django import forms

from redress.complaints.forms import DateInputField, GovukForm
from redress.reporting.periods import (
    FIRST_YEAR,
    LAST_YEAR,
    Period,
    financial_year_of,
    make_period,
    reportable,
)
from redress.reporting.render import FORMATS
from redress.reporting.selectors import report_years, service_names
from redress.reporting.selectors.reports import ReportScope, locality_spans
from redress.reporting.services import NARRATIVE_LIMIT

# A report's dates are checked by the reports' own rules (the years 1900 to 2199, periods.py), which
# say more than the date input's general earliest year would.
ANY_YEAR = 1

OTHER_DATES = "dates"
# In the order people are offered them.
FORMAT_LABELS = {
    "pdf": "PDF",
    "docx": "Word document",
    "xlsx": "Spreadsheet (one sheet per table)",
    "html": "Web page (HTML)",
    "json": "Figures as JSON (redress.figures/1)",
}
VERSIONS = [
    ("internal", "Internal: every count shown"),
    ("published", "For publication: counts that could identify a child withheld, names removed"),
]
WHOLE_AUTHORITY = ""
# A locality is chosen as `locality:<name>`; a service area by its name alone, as the addresses of
# drill-down pages and bookmarks from before localities could be chosen have it.
LOCALITY = "locality:"
SCOPE_HINT = (
    "A locality's report counts the service areas that were in it during the period (and, to "
    "compare, during the same period a year before), so it spans a restructure. A service "
    "area's report includes every version of it."
)
OUT_OF_RANGE = f"must be in the years {FIRST_YEAR} to {LAST_YEAR}"


def _check_years(form: forms.Form, cleaned: dict[str, Any], labels: dict[str, str]) -> None:
    """A date outside the years reports cover is an error on its field (rather than a period
    that cannot be made: 1 January 0001 has no financial year before it)."""
    for name, label in labels.items():
        day = cleaned.get(name)
        if day is not None and not reportable(day):
            form.add_error(name, forms.ValidationError(f"{label} {OUT_OF_RANGE}", "out_of_range"))


def _quarter_label(period: Period, number: int) -> str:
    quarter = period.quarters()[number - 1]
    months = f"{quarter.start:%B} to {quarter.end:%B %Y}"
    return f"{period.label} Q{number}: {months}"


def _month_period(label: str) -> Period:
    start = datetime.date.fromisoformat(f"{label}-01")
    following = (start + datetime.timedelta(days=32)).replace(day=1)
    return make_period(start, following - datetime.timedelta(days=1))


class PeriodForm(GovukForm):
    """A period chosen from one list (financial years, then quarters, then months, then other
    dates), with the first and last day for other dates. One list rather than radios that
    reveal a question each: it reads the same with and without JavaScript, and a screen reader
    meets one question, not four."""

    date_fields: tuple[str, ...] = ("start", "end")

    period = forms.ChoiceField(
        label="Period",
        error_messages={
            "required": "Select the period",
            "invalid_choice": "Select a period from the list",
        },
    )
    start = DateInputField(label="From", required=False, earliest_year=ANY_YEAR)
    end = DateInputField(label="To", required=False, earliest_year=ANY_YEAR)

    def __init__(self, *args: Any, today: datetime.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        years = report_years(today)
        # Quarters and months that have begun, newest first.
        quarters = [
            (f"quarter:{y.label}-Q{n}", _quarter_label(y, n), q)
            for y in years
            for n, q in reversed(list(enumerate(y.quarters(), start=1)))
            if q.start <= today
        ]
        months = [m for y in years for m in reversed(y.months()) if m.start <= today]
        self.periods: dict[str, Period] = {f"year:{y.label}": y for y in years}
        self.periods.update({value: make_period(q.start, q.end) for value, _, q in quarters})
        self.periods.update({f"month:{m.label}": _month_period(m.label) for m in months})
        self.groups = [
            (
                "Financial years (1 April to 31 March)",
                [(f"year:{y.label}", y.label) for y in years],
            ),
            ("Quarters", [(value, label) for value, label, _ in quarters]),
            ("Months", [(f"month:{m.label}", f"{m.start:%B %Y}") for m in months]),
            ("Other", [(OTHER_DATES, "Other dates (enter them below)")]),
        ]
        self._choices("period", [choice for _, group in self.groups for choice in group])
        self.fields["period"].initial = f"year:{financial_year_of(today).previous.label}"
        if "service" in self.fields:
            self._choices(
                "service",
                [(WHOLE_AUTHORITY, "The whole authority"), *((n, n) for n in service_names())],
            )

    def _choices(self, name: str, choices: list[tuple[str, str]]) -> None:
        cast(forms.ChoiceField, self.fields[name]).choices = choices

    def period_groups(self) -> list[dict[str, Any]]:
        """The list's options in their groups, the chosen one selected."""
        value = self["period"].value()
        return [
            {
                "label": label,
                "options": [
                    {"value": v, "text": text, "selected": v == value} for v, text in options
                ],
            }
            for label, options in self.groups
            if options
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _check_years(self, cleaned, {"start": "The first day", "end": "The last day"})
        chosen = cleaned.get("period")
        start, end = cleaned.get("start"), cleaned.get("end")
        if chosen == OTHER_DATES:
            if start is None and "start" not in self.errors:
                self.add_error("start", "Enter the first day of the period")
            if end is None and "end" not in self.errors:
                self.add_error("end", "Enter the last day of the period")
            if start and end and end < start:
                self.add_error("end", "The last day must be the same as or after the first day")
        elif chosen and (start or end):
            # Dates typed with another period chosen would be silently ignored otherwise.
            self.add_error(
                "start" if start else "end",
                "To report on these dates, choose 'Other dates' as the period, or clear them",
            )
        return cleaned

    def chosen_period(self) -> Period:
        chosen = self.cleaned_data["period"]
        if chosen == OTHER_DATES:
            return make_period(self.cleaned_data["start"], self.cleaned_data["end"])
        return self.periods[chosen]


class ScopeChoice:
    """The one list of whole authority, localities (`LOCALITY` + name) and service areas: which
    service area or locality was chosen, if any."""

    cleaned_data: dict[str, Any]

    @property
    def chosen_service(self) -> str | None:
        chosen = self.cleaned_data.get("service") or None
        return None if chosen is None or chosen.startswith(LOCALITY) else chosen

    @property
    def chosen_locality(self) -> str | None:
        chosen = self.cleaned_data.get("service") or ""
        return chosen.removeprefix(LOCALITY) if chosen.startswith(LOCALITY) else None


class ReportForm(ScopeChoice, PeriodForm):
    """Which report: the period, whom it covers (the whole authority, a locality or a service
    area: one list, in groups), the version and the format."""

    date_fields = ("start", "end", "as_of")

    service = forms.ChoiceField(
        label="Whole authority, locality or service area",
        required=False,
        error_messages={
            "invalid_choice": "Select the whole authority, a locality or a service area from "
            "the list"
        },
    )
    version = forms.ChoiceField(
        label="Version",
        choices=VERSIONS,
        initial="internal",
        required=False,  # an address without it asks for the internal version
        error_messages={"invalid_choice": "Select the version"},
    )
    fmt = forms.ChoiceField(
        label="Format for download",
        choices=[(f, FORMAT_LABELS[f]) for f in FORMAT_LABELS if f in FORMATS],
        initial="pdf",
        error_messages={
            "required": "Select the format to download",
            "invalid_choice": "Select one of the formats",
        },
    )
    as_of = DateInputField(label="Figures as at", required=False, earliest_year=ANY_YEAR)

    def __init__(self, *args: Any, internal: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.internal = internal
        if not internal:
            del self.fields["version"]
        localities = [
            (f"{LOCALITY}{s.name}", f"{s.name} ({s.words})" if s.words else s.name)
            for s in locality_spans()
        ]
        services = [(n, n) for n in service_names() if not n.startswith(LOCALITY)]
        self.scope_choices = [
            ("", [(WHOLE_AUTHORITY, "The whole authority")]),
            ("Localities", localities),
            ("Service areas", services),
        ]
        self._choices("service", [choice for _, group in self.scope_choices for choice in group])

    def scope_groups(self) -> list[dict[str, Any]]:
        """The whole authority, then the localities and the service areas in their groups, the
        chosen one selected."""
        value = self["service"].value() or WHOLE_AUTHORITY
        return [
            {
                "label": label,
                "options": [
                    {"value": v, "text": text, "selected": v == value} for v, text in options
                ],
            }
            for label, options in self.scope_choices
            if options
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        _check_years(self, cleaned, {"as_of": "The figures-as-at date"})
        as_of = cleaned.get("as_of")
        if as_of and as_of > self.today:
            self.add_error("as_of", "The figures-as-at date must be today or in the past")
        if as_of and not self.errors:
            period = self.chosen_period()
            if as_of < period.start:
                self.add_error(
                    "as_of",
                    "The figures-as-at date must be on or after the first day of the period",
                )
        return cleaned

    @property
    def publish(self) -> bool:
        return not self.internal or self.cleaned_data.get("version") == "published"

    @property
    def chosen_as_of(self) -> datetime.date:
        return self.cleaned_data.get("as_of") or self.today


class EditionForm(ScopeChoice, PeriodForm):
    """A new edition: its period, whom it covers (the whole authority, a locality or a service
    area, in one list as on the reports page) and (optionally) its title."""

    service = forms.ChoiceField(
        label="Whole authority, locality or service area",
        required=False,
        error_messages={
            "invalid_choice": "Select the whole authority, a locality or a service area from "
            "the list"
        },
    )
    title = forms.CharField(label="Title", required=False, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        localities = [
            (f"{LOCALITY}{s.name}", ReportScope(locality=s.name).words or s.name)
            for s in locality_spans()
        ]
        services = [(n, n) for n in service_names() if not n.startswith(LOCALITY)]
        self._choices("service", [(WHOLE_AUTHORITY, "The whole authority"), *localities, *services])


class NarrativeForm(GovukForm):
    narrative = forms.CharField(
        label="Narrative",
        required=False,
        max_length=NARRATIVE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 16}),
        error_messages={
            "max_length": f"The narrative must be {NARRATIVE_LIMIT:,} characters or fewer",
        },
    )


class PublishForm(GovukForm):
    date_fields = ("as_of",)

    as_of = DateInputField(label="Figures as at", earliest_year=ANY_YEAR)

    def __init__(self, *args: Any, today: datetime.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["as_of"].initial = today


class DrillQueryForm(forms.Form):
    """The drill-down's query string: the report the figure belongs to."""

    start = forms.DateField(input_formats=["%Y-%m-%d"])
    end = forms.DateField(input_formats=["%Y-%m-%d"])
    as_of = forms.DateField(input_formats=["%Y-%m-%d"])
    service = forms.CharField(required=False)

    NAMES = {"start": "from", "end": "to", "as_of": "as_of"}

    def __init__(self, query: Any) -> None:
        data = {field: query.get(name) for field, name in self.NAMES.items()}
        data["service"] = query.get("service", "")
        super().__init__(data)

    def problems(self) -> list[str]:
        out = []
        errors = self.errors.as_data()
        for field, name in self.NAMES.items():
            if field in errors:
                value = self.data.get(field)
                if not value:
                    out.append(f"'{name}' is missing from the address")
                elif errors[field][0].code == "out_of_range":
                    out.append(f"'{name}={value}' {OUT_OF_RANGE}")
                else:
                    out.append(f"'{name}={value}' is not a date in the form YYYY-MM-DD")
        out += [str(e) for e in self.non_field_errors()]
        return out

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _check_years(self, cleaned, dict.fromkeys(self.NAMES, ""))
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            raise forms.ValidationError(f"'from={start}' is after 'to={end}'")
        return cleaned

    def period(self) -> Period:
        return make_period(self.cleaned_data["start"], self.cleaned_data["end"])


class DrillQuery(DrillQueryForm):
    """The drill-down's query string, with a locality's: its name, and for a figure of the
    same period a year before, the report's period (`report_from`, `report_to`)."""

    locality = forms.CharField(required=False)
    report_start = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
    report_end = forms.DateField(required=False, input_formats=["%Y-%m-%d"])

    NAMES = {**DrillQueryForm.NAMES, "report_start": "report_from", "report_end": "report_to"}

    def __init__(self, query: Any) -> None:
        super().__init__(query)
        self.data = {**self.data, "locality": query.get("locality", "")}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        raw_start, raw_end = self.data.get("report_start"), self.data.get("report_end")
        if not raw_start and not raw_end:
            return cleaned
        if not self.data["locality"].strip():
            self.add_error(
                None,
                "'report_from' and 'report_to' name the period of a locality's report, and this "
                "address names no locality",
            )
            return cleaned
        if not raw_start or not raw_end:
            missing = "report_to" if raw_start else "report_from"
            self.add_error(None, f"'{missing}' is missing from the address")
            return cleaned
        start, end = cleaned.get("report_start"), cleaned.get("report_end")
        if start is None or end is None or "start" not in cleaned or "end" not in cleaned:
            return cleaned  # a date that is not one is already explained
        if end < start:
            self.add_error(None, f"'report_from={start}' is after 'report_to={end}'")
            return cleaned
        report = make_period(start, end)
        listed = (cleaned["start"], cleaned["end"])
        if listed not in ((report.start, report.end), (report.previous.start, report.previous.end)):
            self.add_error(
                None,
                f"'from={listed[0]}&to={listed[1]}' is neither the report's period "
                f"('report_from={start}&report_to={end}') nor the same period a year before",
            )
        return cleaned

    def report_period(self) -> Period | None:
        start, end = self.cleaned_data.get("report_start"), self.cleaned_data.get("report_end")
        return make_period(start, end) if start and end else None
