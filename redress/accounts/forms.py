from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account is inactive. Ask your complaints manager to reactivate it.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"

    def error_list(self) -> list[dict[str, str]]:
        """The GOV.UK error summary's links: a wrong password points at the username."""
        items = [{"text": str(e), "href": "#id_username"} for e in self.non_field_errors()]
        for name in ("username", "password"):
            if self.errors.get(name):
                items.append({"text": str(self.errors[name][0]), "href": f"#id_{name}"})
        return items


class CodeForm(forms.Form):
    """A code from the authenticator app, or a backup code."""

    code = forms.CharField(
        max_length=32, error_messages={"required": "Enter the code from your authenticator app"}
    )

    def error_list(self) -> list[dict[str, str]]:
        return [{"text": str(e), "href": "#code"} for e in self.errors.get("code", [])]
