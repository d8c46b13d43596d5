"""Authority settings: the known keys, their types, defaults and validation.

`redress config list` shows them; `redress config set KEY VALUE` sets one. Values are kept in
`AuthoritySetting` (closure days in `procedures.ClosureDay`, the stage 2 clock start on the
statutory procedure's stage rule: the procedures app keeps those, see `keep_elsewhere`), and
every change is audited.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.db import transaction

from . import audit
from .models import AuthoritySetting

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser as User  # core imports no app above it


class SettingError(ValueError):
    """A setting could not be changed; the message says why."""


# A setting's choices: each value, and what choosing it means.
Choices = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Setting:
    """A known key. `help` says what it does; `choices` (value, meaning) or `valid` (in words)
    say what it may be, from the same constants its parser checks; `example` is a value as
    typed, which parses (a test makes sure)."""

    key: str
    label: str
    help: str
    default: Any
    parse: Callable[[str], Any]
    show: Callable[[Any], str] = str
    to_json: Callable[[Any], Any] = lambda v: v
    from_json: Callable[[Any], Any] = lambda v: v
    example: str = ""
    choices: Choices = ()
    valid: str = ""


def _values(choices: Choices) -> tuple[str, ...]:
    return tuple(value for value, _ in choices)


def _text(value: str) -> str:
    value = value.strip()
    if not value:
        raise SettingError("Enter a value.")
    return value


def _optional_text(value: str) -> str:
    return value.strip()


def _email_or_blank(value: str) -> str:
    value = value.strip()
    if value and ("@" not in value or " " in value):
        raise SettingError(f"'{value}' is not an email address, e.g. complaints@council.gov.uk.")
    return value


def _money(value: str) -> Decimal:
    try:
        amount = Decimal(value.strip().lstrip("£").replace(",", ""))
    except InvalidOperation:
        raise SettingError(f"'{value}' is not an amount of money, e.g. 3500 or 3500.00.") from None
    if amount < 0 or amount != amount.quantize(Decimal("0.01")):
        raise SettingError(f"'{value}' must be pounds with at most two decimals, not negative.")
    return amount.quantize(Decimal("0.01"))


THRESHOLD_RANGE = (1, 100)


def _threshold(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise SettingError(f"'{value}' is not a whole number.") from None
    low, high = THRESHOLD_RANGE
    if not low <= number <= high:
        raise SettingError(f"The suppression threshold must be between {low} and {high}.")
    return number


def _month_day(value: str) -> str:
    try:
        datetime.date.fromisoformat(f"2001-{value.strip()}")
    except ValueError:
        raise SettingError(f"'{value}' is not a month and day such as 04-01.") from None
    return value.strip()


REFERENCE_YEARS: Choices = (
    ("received", "the YYYY of a new reference is the year the complaint was received"),
    (
        "reporting",
        "the year its reporting year starts: 2021 for March 2022, when years start on 04-01",
    ),
)


def _reference_year(value: str) -> str:
    value = value.strip().lower()
    if value not in _values(REFERENCE_YEARS):
        raise SettingError(
            "The year in a reference is the 'received' year or the 'reporting' year."
        )
    return value


REMINDER_RANGE = (0, 30)


def _reminder_days(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise SettingError(f"'{value}' is not a whole number of working days.") from None
    low, high = REMINDER_RANGE
    if not low <= number <= high:
        raise SettingError(f"Reminders go between {low} and {high} working days before a deadline.")
    return number


def _closure_days(value: str) -> dict[datetime.date, str]:
    """`2021-12-29=Christmas closure,2021-12-30`: comma-separated dates, each with an optional
    reason after `=`. An empty value clears them."""
    days: dict[datetime.date, str] = {}
    for item in filter(None, (part.strip() for part in value.split(","))):
        day_text, _, reason = item.partition("=")
        try:
            day = datetime.date.fromisoformat(day_text.strip())
        except ValueError:
            raise SettingError(
                f"'{day_text.strip()}' is not a date in the form YYYY-MM-DD."
            ) from None
        days[day] = reason.strip() or "Authority closure day"
    return days


def _show_closure_days(days: dict[datetime.date, str]) -> str:
    return ", ".join(f"{d.isoformat()}={r}" for d, r in days.items()) or "(none)"


VOICES: Choices = (
    ("we", "we offered an advocate; how quickly we respond"),
    (
        "authority",
        "the authority's name in the third person: Kingsmoor Children's Trust offered an advocate",
    ),
)


def _voice(value: str) -> str:
    value = value.strip().lower()
    if value not in _values(VOICES):
        raise SettingError(
            "The report speaks as 'we' (we offered an advocate) or as the 'authority' "
            "(the authority's name: Kingsmoor Children's Trust offered an advocate)."
        )
    return value


# The values a list setting may name, registered by the app that owns them (core imports no
# app above it): the annual report's section keys, which the reporting app registers.
KNOWN_VALUES: dict[str, tuple[str, ...]] = {}


def register_values(key: str, values: tuple[str, ...]) -> None:
    _setting(key)
    KNOWN_VALUES[key] = tuple(values)


def _report_sections(value: str) -> tuple[str, ...]:
    """`summary,procedure,volumes`: section keys, comma-separated, in the order the report has
    them. Blank: every section in the default order. Spaces and case do not matter."""
    if not value.strip() or value.strip() == EVERY_SECTION:  # (the admin shows the default)
        return ()
    valid = KNOWN_VALUES.get("report_sections", ())
    named = [item.strip().lower() for item in value.split(",") if item.strip()]
    listed = ", ".join(valid)
    if not named:
        raise SettingError(
            "The list of report sections is empty: name at least one section, separated by "
            f"commas, or leave it blank for every section in the default order. Sections: {listed}."
        )
    unknown = [k for k in dict.fromkeys(named) if k not in valid]
    if unknown:
        which = (
            f"'{unknown[0]}' is not a section"
            if len(unknown) == 1
            else "These are not sections: " + ", ".join(f"'{k}'" for k in unknown)
        )
        raise SettingError(f"{which} of the annual report. Sections: {listed}.")
    twice = [k for k in dict.fromkeys(named) if named.count(k) > 1]
    if twice:
        raise SettingError(
            "A section can be in the report once: "
            + ", ".join(f"'{k}'" for k in twice)
            + (" is" if len(twice) == 1 else " are")
            + " named more than once."
        )
    return tuple(named)


EVERY_SECTION = "(every section, in the default order)"


def _show_sections(keys: tuple[str, ...]) -> str:
    return ",".join(keys) or EVERY_SECTION


REASONS_BY: Choices = (
    ("category", "by category and sub-category, as Birmingham's report"),
    (
        "theme",
        "by the theme of each complaint, with the five largest against last year, as "
        "Sandwell's report",
    ),
)


def _reasons_by(value: str) -> str:
    value = value.strip().lower()
    if value not in _values(REASONS_BY):
        raise SettingError(
            f"'{value}' is not a way to report reasons: the annual report gives reasons by "
            "'category' (category and sub-category) or by 'theme' (one theme per complaint)."
        )
    return value


TIMELINESS_BY: Choices = (
    (
        "responses",
        "the stage 1 responses issued in the year, within the longest timescale, as "
        "Birmingham's report: 53.4% within 20 working days",
    ),
    (
        "deadline",
        "the stage 1 complaints received in the year, within their own deadline, extended "
        "where agreed, as Sandwell's report: 76% in time",
    ),
)


def _timeliness_by(value: str) -> str:
    value = value.strip().lower()
    if value not in _values(TIMELINESS_BY):
        which = f"'{value}' is not a way to measure timeliness" if value else "Name a measure"
        raise SettingError(
            f"{which}: the annual report leads with the "
            "'responses' issued in the year against the longest timescale (as Birmingham's "
            "report), or with the complaints received in the year against each one's own "
            "'deadline', extended where agreed (as Sandwell's report)."
        )
    return value


CLOCK_STARTS: Choices = (
    ("received", "the request is received"),
    ("statement_agreed", "the statement of complaint is agreed"),
)


def _clock_start(value: str) -> str:
    value = value.strip().lower()
    if value not in _values(CLOCK_STARTS):
        raise SettingError("The stage 2 clock starts at 'received' or 'statement_agreed'.")
    return value


SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in [
        Setting(
            "authority_name",
            "Authority name",
            "The council or trust, as it appears on reports.",
            "Redress demonstration authority",
            _text,
            example="Kingsmoor Children's Trust",
            valid="any name, not blank",
        ),
        Setting(
            "stage2_average_cost",
            "Average cost of a stage 2 investigation (£)",
            "Used to estimate what resolved mediations saved.",
            Decimal("0.00"),
            _money,
            show=lambda v: f"{v:.2f}",
            to_json=str,
            from_json=Decimal,
            example="3500.00",
            valid="pounds with at most two decimals, not negative (a £ sign and commas may be "
            "typed)",
        ),
        Setting(
            "suppression_threshold",
            "Suppression threshold",
            "Published reports show counts from 1 up to one less than this as 'fewer than N'.",
            5,
            _threshold,
            example="10",
            valid="a whole number from {} to {}".format(*THRESHOLD_RANGE),
        ),
        Setting(
            "financial_year_start",
            "Start of the reporting year (MM-DD)",
            "Reports cover a year from this day by default.",
            "04-01",
            _month_day,
            example="01-01",
            valid="a month and day, MM-DD",
        ),
        Setting(
            "reference_prefix",
            "Complaint reference prefix",
            "New complaints are numbered PREFIX-YYYY-NNNN.",
            "CSC",
            _text,
            example="BCT",
            valid="any text, not blank",
        ),
        Setting(
            "reference_year",
            "Year in complaint references",
            "Which year the YYYY of a new complaint's reference is.",
            "received",
            _reference_year,
            example="reporting",
            choices=REFERENCE_YEARS,
        ),
        Setting(
            "closure_days",
            "Closure days",
            "Days the authority is closed beyond bank holidays; they are not working days. "
            "Setting them replaces the list.",
            {},
            _closure_days,
            show=_show_closure_days,
            to_json=lambda days: {d.isoformat(): r for d, r in days.items()},
            example="2021-12-29=Christmas closure,2021-12-30",
            valid="dates (YYYY-MM-DD) separated by commas, each with an optional reason after "
            "'='; blank for none",
        ),
        Setting(
            "stage2_clock_start",
            "Statutory stage 2 clock starts when",
            "When the statutory procedure's stage 2 timescale starts counting.",
            "received",
            _clock_start,
            example="statement_agreed",
            choices=CLOCK_STARTS,
        ),
        Setting(
            "reminder_days_before",
            "Reminders, working days before a deadline",
            "Staff are reminded this many working days before a deadline of theirs falls "
            "(when not set: REDRESS_REMINDER_DAYS_BEFORE, 3 unless changed).",
            3,
            _reminder_days,
            example="2",
            valid="a whole number of working days from {} to {}".format(*REMINDER_RANGE),
        ),
        # The letterhead of letters made from templates (redress/letters), and merge fields.
        Setting(
            "letter_address",
            "Address on letters",
            "The authority's postal address in the letterhead, its lines separated by commas.",
            "",
            _optional_text,
            example="Civic Centre, 1 High Street, Kingsmoor KM1 1AA",
            valid="any text; blank for none",
        ),
        Setting(
            "complaints_phone",
            "Complaints team's phone number",
            "On letters, in the letterhead and where a letter says how to get in touch.",
            "",
            _optional_text,
            example="0300 123 4567",
            valid="any text; blank for none",
        ),
        Setting(
            "complaints_email",
            "Complaints team's email address",
            "On letters, in the letterhead and where a letter says how to get in touch.",
            "",
            _email_or_blank,
            example="complaints@council.gov.uk",
            valid="an email address, or blank for none",
        ),
        Setting(
            "complaints_website",
            "Complaints procedure on the web",
            "Where a letter says the complaints procedure is published.",
            "",
            _optional_text,
            example="www.council.gov.uk/complaints",
            valid="any text; blank for none",
        ),
        # The annual report's voice: one throughout.
        Setting(
            "report_voice",
            "Voice of the annual report",
            "How the annual report speaks of the authority, the same throughout.",
            "we",
            _voice,
            example="authority",
            choices=VOICES,
        ),
        # The annual report's profile: its sections, their order, and how reasons are given.
        Setting(
            "report_sections",
            "Sections of the annual report",
            "The sections the annual report has, in order. The annex of figures withheld from "
            "a published report is always in it (last, unless placed elsewhere); appendices "
            "are lettered A, B, C… in the order given.",
            (),
            _report_sections,
            show=_show_sections,
            to_json=list,
            from_json=tuple,
            example="summary,procedure,volumes,timeliness,reasons,children,compliments,next_steps",
            # {values}: the section keys the reporting app registers (`register_values`).
            valid="section keys separated by commas, in the order wanted, from {values} (the "
            "default order); blank for every section in the default order",
        ),
        Setting(
            "report_reasons_by",
            "Reasons for complaint reported by",
            "How the annual report gives the reasons for complaint.",
            "category",
            _reasons_by,
            example="theme",
            choices=REASONS_BY,
        ),
        Setting(
            "report_timeliness_by",
            "Timeliness measure the annual report leads with",
            "The measure of stage 1 timeliness the executive summary and the timeliness "
            "section lead with; the section gives the other measure too.",
            "responses",
            _timeliness_by,
            example="deadline",
            choices=TIMELINESS_BY,
        ),
        # Advocacy for children who complain (section 26A of the Children Act 1989): the
        # provider the authority commissions, to whom the complaints team refers a child.
        Setting(
            "advocacy_provider_name",
            "Advocacy provider",
            "The advocacy service a child who complains is referred to.",
            "",
            _optional_text,
            example="Coram Voice",
            valid="any text; blank for none",
        ),
        Setting(
            "advocacy_provider_email",
            "Advocacy provider's referral address",
            "Where a referral is sent: the reference, the child's first name and age, and how "
            "to reach the complaints team; never what the complaint says.",
            "",
            _email_or_blank,
            example="referrals@advocacy.example",
            valid="an email address, or blank for none",
        ),
    ]
}


@dataclass(frozen=True)
class SettingHelp:
    """What a manager needs to set a key: what it does, what it may be, its default and an
    example. The admin and `redress config list` show it; built from the same definitions the
    parser checks, so the two cannot drift."""

    key: str
    label: str
    what: str
    valid: str
    choices: Choices
    default: str
    example: str

    def as_text(self) -> str:
        return (
            f"{self.what} Valid values: {self.valid}. Default: {self.default}. "
            f"Example: {self.example}"
        )


def _either(choices: Choices) -> str:
    quoted = [f"'{value}' ({meaning})" for value, meaning in choices]
    return "; ".join(quoted[:-1]) + f"; or {quoted[-1]}" if len(quoted) > 1 else quoted[0]


def valid_values(key: str) -> tuple[str, ...]:
    """The values a setting may take where they are a list: its choices, or the values an app
    registered for it (the report's section keys, in their default order)."""
    setting = _setting(key)
    return _values(setting.choices) or KNOWN_VALUES.get(key, ())


def describe(key: str) -> SettingHelp:
    setting = _setting(key)
    if setting.choices:
        valid = _either(setting.choices)
    elif key in KNOWN_VALUES:
        valid = setting.valid.format(values=", ".join(KNOWN_VALUES[key]))
    else:
        valid = setting.valid
    default = setting.show(setting.default)
    return SettingHelp(
        key=key,
        label=setting.label,
        what=setting.help,
        valid=valid,
        choices=setting.choices,
        default=default or "blank",
        example=setting.example,
    )


def describe_all() -> list[SettingHelp]:
    return [describe(key) for key in SETTINGS]


@dataclass(frozen=True)
class Keeper:
    """How a setting whose value lives in another app's records is read and written: the
    closure days and the stage 2 clock start are the procedures app's. That app registers
    them (`keep_elsewhere`), so core, at the bottom, imports no app above it."""

    read: Callable[[], Any]
    write: Callable[[Any], None]  # may raise SettingError; inside set_value's transaction


KEPT_ELSEWHERE: dict[str, Keeper] = {}


def keep_elsewhere(key: str, *, read: Callable[[], Any], write: Callable[[Any], None]) -> None:
    _setting(key)
    KEPT_ELSEWHERE[key] = Keeper(read, write)


def _setting(key: str) -> Setting:
    try:
        return SETTINGS[key]
    except KeyError:
        known = ", ".join(SETTINGS)
        raise SettingError(f"There is no setting called '{key}'. Settings: {known}.") from None


def get(key: str) -> Any:
    setting = _setting(key)
    if key in KEPT_ELSEWHERE:
        return KEPT_ELSEWHERE[key].read()
    row = AuthoritySetting.objects.filter(key=key).first()
    return setting.from_json(row.value) if row else setting.default


def show(key: str) -> str:
    return _setting(key).show(get(key))


@transaction.atomic
def set_value(key: str, text: str, *, by: User | None) -> Any:
    """Validate and store a setting from its text form; returns the stored value."""
    setting = _setting(key)
    value = setting.parse(text)
    before = show(key)
    if key in KEPT_ELSEWHERE:
        KEPT_ELSEWHERE[key].write(value)
    obj = AuthoritySetting.objects.update_or_create(
        key=key, defaults={"value": setting.to_json(value)}
    )[0]
    audit.record(
        action="config.set",
        obj=obj,
        by=by,
        before={key: before},
        after={key: setting.show(value)},
    )
    return value


def listing() -> list[tuple[Setting, str]]:
    return [(s, show(s.key)) for s in SETTINGS.values()]
