"""Every staff form, driven by Hypothesis with generated input (issue 8): the engine shared by
`test_fuzz_forms.py` (a few submissions a form) and `bench/fuzz_forms.py` (`make fuzz`, 10,000
and more).

The forms are found, not listed: every URL of the role x URL table in `test_url_permissions.py`
is opened as each role that gets the page, and every `<form>` on it is read (its real field
names, the CSRF token, the complaint's version and any other hidden field, select and radio
choices). A URL whose view takes a POST that no page's form targets fails the run, so a new form
cannot be missed.

Each submission fills the form's fields with generated values: its own values, arbitrary
unicode, control characters and NUL, right-to-left overrides, very long strings, odd and
impossible numbers and dates, ids of records that do not exist or the user may not see;
fields left out, repeated and invented. It must be answered 200 (a GET, or the form again with
its errors), 302, 400, 403 or 404, never a server error; and when the answer is an error,
nothing was written (row counts of every Redress table, the audit trail and the complaints'
versions, before and after). Each submission runs in a savepoint rolled back after it, so every
one starts from the same records.
"""

from .engine import Outcome, check, describe, fuzz, in_world, targets
from .forms import Field, Form, forms_on
from .world import ROLES, build_world, fingerprint_sql, signed_in

__all__ = [
    "ROLES",
    "Field",
    "Form",
    "Outcome",
    "build_world",
    "check",
    "describe",
    "fingerprint_sql",
    "forms_on",
    "fuzz",
    "in_world",
    "signed_in",
    "targets",
]
