"""The child-friendly complaint form's pages: short sentences and everyday words (a reading age
of about 9, measured by `tests/test_reading_age.py`), the same answers as the complaint form."""

from __future__ import annotations

from typing import Any

from django import forms

from redress.people.models import AgeBand, ContactMethod

from .. import answers as contract
from .public import PublicForm, _text


class ChildAboutForm(PublicForm):
    heading = "Who or what is it about?"
    shown = {"about": "input"}
    hints = {"about": "It can be a worker, a team, or the place where you live."}
    about = _text(
        "Who or what is it about?", missing="Tell us who or what it is about", max_length=200
    )


class ChildWhatForm(PublicForm):
    heading = "What happened?"
    shown = {"what_happened": "textarea"}
    hints = {"what_happened": "Use your own words. You can say when it happened."}
    what_happened = _text("What happened?", missing="Tell us what happened")


class ChildBetterForm(PublicForm):
    heading = "What would make it better?"
    shown = {"put_right": "textarea"}
    hints = {"put_right": "Tell us what you would like to happen now."}
    put_right = _text("What would make it better?", missing="Tell us what would make it better")


AGES = [
    (AgeBand.FROM_5.value, "5 to 9"),
    (AgeBand.FROM_10.value, "10 to 15"),
    (AgeBand.FROM_16.value, "16 or 17"),
    (AgeBand.CARE_LEAVER.value, "18 to 25, and I was in care"),
]


class ChildYouForm(PublicForm):
    heading = "About you"
    shown = {"child_name": "input", "child_age_band": "radios"}
    child_name = _text("What is your name?", missing="Tell us your name", max_length=200)
    child_age_band = forms.ChoiceField(
        label="How old are you?",
        choices=AGES,
        error_messages={
            "required": "Tell us how old you are",
            "invalid_choice": "Tell us how old you are",
        },
    )


class ChildContactForm(PublicForm):
    heading = "How can we get in touch?"
    intro = "We will tell you what happens next."
    shown = {"contact_method": "radios", "phone": "tel", "email": "email"}
    contact_method = forms.ChoiceField(
        label="How should we get in touch?",
        choices=[
            (ContactMethod.TEXT.value, "Send me a text"),
            (ContactMethod.PHONE.value, "Phone me"),
            (ContactMethod.EMAIL.value, "Send me an email"),
        ],
        error_messages={
            "required": "Tell us how to get in touch",
            "invalid_choice": "Tell us how to get in touch",
        },
    )
    phone = _text("Your phone number", required=False, max_length=40)
    email = forms.EmailField(
        label="Your email",
        required=False,
        error_messages={"invalid": "Check your email. It should look like name@example.com"},
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        method = data.get("contact_method")
        if (
            method in (ContactMethod.TEXT, ContactMethod.PHONE)
            and not data.get("phone", "").strip()
        ):
            self.add_error("phone", "Tell us your phone number")
        if method == ContactMethod.EMAIL and not data.get("email") and "email" not in self.errors:
            self.add_error("email", "Tell us your email")
        return data


class ChildHelperForm(PublicForm):
    heading = "Would you like an advocate?"
    intro = (
        "An advocate is a person who can help you. They do not work for us. They help you say "
        "what you think, and they make sure we listen. It is free."
    )
    shown = {"advocate": "radios", "advocate_name": "input"}
    advocate = forms.ChoiceField(
        label="Would you like an advocate?",
        choices=[
            (contract.ADVOCATE_WANTED, "Yes, please"),
            (contract.ADVOCATE_HAS, "I have one already"),
            (contract.ADVOCATE_NO, "No, thank you"),
        ],
        error_messages={
            "required": "Tell us if you would like an advocate",
            "invalid_choice": "Tell us if you would like an advocate",
        },
    )
    advocate_name = _text("If you have one, what is their name?", required=False, max_length=200)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("advocate") != contract.ADVOCATE_HAS:
            data["advocate_name"] = ""
        return data
