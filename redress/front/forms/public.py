"""The public forms' question pages: one thing per page, each a small form whose cleaned values
become a submission's answers (`front.answers`).

Each form says how its fields are shown (`shown`: input, email, tel, textarea, radios, date), so
one template lays out every page. Answers are JSON (a date as ISO text, a service as its id), and a
page is filled back in from them (`initial_from`).
"""

from __future__ import annotations

import datetime
from typing import Any, ClassVar

from django import forms

from redress.complaints.choices import ComplainantType
from redress.complaints.forms import GovukForm
from redress.complaints.forms.fields import DateInputField
from redress.core import clock
from redress.organisations.models import ServiceArea
from redress.people.models import AgeBand, ContactMethod

from .. import answers as contract

TEXT_MAX = 5000
NOT_SURE = "not_sure"
YES_NO = (("yes", "Yes"), ("no", "No"))


class PublicForm(GovukForm):
    """A question page. `heading` is the page's h1 (for a page of one question, the question);
    `intro` a paragraph under it; `shown` how each field is laid out; `hints` each field's
    hint."""

    heading: ClassVar[str] = ""
    intro: ClassVar[str] = ""
    shown: ClassVar[dict[str, str]] = {}
    hints: ClassVar[dict[str, str]] = {}

    def answers(self) -> dict[str, Any]:
        """The cleaned values as JSON answers."""
        found: dict[str, Any] = {}
        for name, value in self.cleaned_data.items():
            if isinstance(value, datetime.date):
                value = value.isoformat()
            elif value is None:
                value = ""
            found[name] = value
        return found

    @classmethod
    def initial_from(cls, answers: dict[str, Any]) -> dict[str, Any]:
        """The page's fields filled in from answers already given."""
        initial: dict[str, Any] = {}
        for name, field in cls.base_fields.items():
            if name not in answers:
                continue
            value = answers[name]
            if isinstance(field, DateInputField) and value:
                value = datetime.date.fromisoformat(value)
            elif isinstance(field, forms.ChoiceField) and isinstance(value, bool):
                value = "yes" if value else "no"
            elif value is None:
                value = ""
            initial[name] = value
        return initial

    def shown_as(self, name: str) -> str:
        return self.shown.get(name, "input")

    def hint(self, name: str) -> str:
        return self.hints.get(name, "")

    def display(self, name: str, value: Any) -> str:
        """An answer as the check page shows it."""
        field = self.fields[name]
        if value in ("", None):
            return "Not given"
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if isinstance(field, DateInputField):
            day = datetime.date.fromisoformat(value)
            return f"{day.day} {day:%B %Y}"
        choices = {str(k): str(v) for k, v in getattr(field, "choices", ())}
        return choices.get(str(value), str(value))


def _text(label: str, *, required: bool = True, missing: str = "", max_length: int = TEXT_MAX):
    messages = {"max_length": f"{label.rstrip('?')} must be {max_length:,} characters or fewer"}
    if missing:
        messages["required"] = missing
    return forms.CharField(
        label=label, required=required, max_length=max_length, error_messages=messages
    )


def _yes_no(label: str, missing: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda v: v == "yes",
        error_messages={"required": missing, "invalid_choice": missing},
    )


def service_choices() -> list[tuple[str, str]]:
    """The services in use today, then "not sure"."""
    services = ServiceArea.objects.effective_on(clock.today()).order_by("name")
    return [(str(s.pk), s.name) for s in services] + [(NOT_SURE, "I’m not sure")]


class ServiceChoiceField(forms.ChoiceField):
    """A service in use (its id) or "not sure" (None)."""

    def clean(self, value: Any) -> int | None:  # type: ignore[override]
        value = super().clean(value)
        return None if value in ("", NOT_SURE) else int(value)


# The complaint form (kind `complaint`).


class ServiceForm(PublicForm):
    heading = "What is your complaint about?"
    shown = {"service_area": "radios", "about": "input"}
    hints = {"about": "For example, the name of a team or a worker. You can leave this blank."}
    service_area = ServiceChoiceField(
        label="Which service is it about?",
        error_messages={"required": "Select the service, or ‘I’m not sure’"},
    )
    about = _text("Which team or worker? (optional)", required=False, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service_area"].choices = service_choices()  # type: ignore[attr-defined]


class WhatHappenedForm(PublicForm):
    heading = "What happened?"
    shown = {"what_happened": "textarea"}
    hints = {"what_happened": "Tell us what went wrong and when. Include dates if you know them."}
    what_happened = _text("What happened?", missing="Enter what happened")


class PutRightForm(PublicForm):
    heading = "What would put things right?"
    shown = {"put_right": "textarea"}
    hints = {"put_right": "For example, an apology, a meeting, or a change to a plan."}
    put_right = _text("What would put things right?", missing="Enter what would put things right")


class OnBehalfForm(PublicForm):
    heading = "Are you complaining for a child or young person?"
    shown = {"on_behalf": "radios"}
    hints = {"on_behalf": "Select ‘No’ if the complaint is about you."}
    on_behalf = _yes_no(
        "Are you complaining for a child or young person?",
        "Select yes if you are complaining for a child or young person",
    )


ADULT_TYPES = [
    (value, label)
    for value, label in ComplainantType.choices
    if value
    not in (ComplainantType.CHILD_YOUNG_PERSON, ComplainantType.ADVOCATE, ComplainantType.OTHER)
] + [(ComplainantType.OTHER, "Someone else")]


class RelationshipForm(PublicForm):
    heading = "Who are you?"
    shown = {"complainant_type": "radios"}
    complainant_type = forms.ChoiceField(
        label="Who are you?",
        choices=ADULT_TYPES,
        error_messages={"required": "Select who you are", "invalid_choice": "Select who you are"},
    )


class ChildForm(PublicForm):
    heading = "About the child or young person"
    shown = {
        "child_name": "input",
        "child_dob": "date",
        "child_age_band": "radios",
        "child_views": "textarea",
    }
    hints = {
        "child_dob": "For example, 27 3 2012. Leave it blank if you do not know it.",
        "child_views": "If you know what the child thinks about this, tell us.",
    }
    date_fields = ("child_dob",)
    child_name = _text("Their full name", missing="Enter the child’s name", max_length=200)
    child_dob = DateInputField(label="Their date of birth (optional)", required=False)
    child_age_band = forms.ChoiceField(
        label="If you do not know their date of birth, how old are they?",
        choices=[(v, label) for v, label in AgeBand.choices if v != AgeBand.ADULT],
        required=False,
    )
    child_views = _text("What does the child think? (optional)", required=False)

    def clean_child_dob(self) -> datetime.date | None:
        day = self.cleaned_data.get("child_dob")
        if day is not None and day > clock.today():
            raise forms.ValidationError("Their date of birth must be today or in the past")
        return day


class ContactForm(PublicForm):
    heading = "Your contact details"
    intro = "We use these to tell you what happens with your complaint."
    shown = {
        "name": "input",
        "email": "email",
        "phone": "tel",
        "address": "textarea",
        "contact_method": "radios",
    }
    name = _text("Full name", missing="Enter your full name", max_length=200)
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )
    phone = _text("Phone number (optional)", required=False, max_length=40)
    address = _text("Postal address (optional)", required=False, max_length=500)
    contact_method = forms.ChoiceField(
        label="How would you like us to contact you?",
        choices=ContactMethod.choices,
        error_messages={
            "required": "Select how you would like us to contact you",
            "invalid_choice": "Select how you would like us to contact you",
        },
    )

    NEEDS = {
        ContactMethod.EMAIL: ("email", "Enter your email address, so we can email you"),
        ContactMethod.PHONE: ("phone", "Enter your phone number, so we can phone you"),
        ContactMethod.TEXT: ("phone", "Enter your mobile number, so we can text you"),
        ContactMethod.LETTER: ("address", "Enter your postal address, so we can write to you"),
    }

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        method = data.get("contact_method")
        if method in self.NEEDS:
            needed, message = self.NEEDS[method]
            if not (data.get(needed) or "").strip() and needed not in self.errors:
                self.add_error(needed, message)
        return data


class SupportForm(PublicForm):
    heading = "Help and support"
    intro = (
        "An advocate is someone independent of us who helps a child or young person say what "
        "they think. We can ask our advocacy service to contact you."
    )
    shown = {
        "advocate": "radios",
        "advocate_name": "input",
        "advocate_organisation": "input",
        "interpreter": "input",
        "support": "textarea",
    }
    hints = {
        "interpreter": "Tell us the language. Leave it blank if you do not need one.",
        "support": "For example, large print, a phone call rather than a letter, or a "
        "meeting somewhere accessible.",
    }
    advocate = forms.ChoiceField(
        label="Would you like an advocate?",
        choices=[
            (contract.ADVOCATE_WANTED, "Yes, please ask the advocacy service to contact us"),
            (contract.ADVOCATE_HAS, "We already have an advocate"),
            (contract.ADVOCATE_NO, "No, thank you"),
        ],
        error_messages={
            "required": "Select if you would like an advocate",
            "invalid_choice": "Select if you would like an advocate",
        },
    )
    advocate_name = _text("Your advocate’s name (optional)", required=False, max_length=200)
    advocate_organisation = _text("Their organisation (optional)", required=False, max_length=200)
    interpreter = _text("Do you need an interpreter? (optional)", required=False, max_length=100)
    support = _text("Do you need any other support? (optional)", required=False)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("advocate") != contract.ADVOCATE_HAS:
            data["advocate_name"] = data["advocate_organisation"] = ""
        return data
