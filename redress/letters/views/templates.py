"""The letter templates' pages: the list, editing one with a preview, and its history.

The complaints team reads them; only the complaints manager saves a new version. The edit page
works without JavaScript: "Preview" shows the text as a letter, filled in with example values,
without saving it; "Save" checks it in the sandbox and keeps it as the next version.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from redress.complaints.views.common import by, posted
from redress.procedures.rules import RuleViolation

from .. import access, fields, presenters, selectors, services
from ..forms import TemplateForm
from ..models import LetterTemplate

TEAM_ONLY = "Only the complaints team (complaints officers and managers) can see letter templates."
MANAGER_ONLY = "Only a complaints manager can change a letter template."


def _require_team(request: HttpRequest) -> None:
    if not access.may_read_templates(request.user):
        raise PermissionDenied(TEAM_ONLY)


def _template(code: str) -> LetterTemplate:
    template = selectors.template_by_code(code)
    if template is None:
        raise Http404("There is no letter template with that address.")
    return template


def template_list(request: HttpRequest) -> HttpResponse:
    _require_team(request)
    return render(
        request,
        "letters/templates/list.html",
        {
            "rows": presenters.template_rows(selectors.templates()),
            "may_edit": access.may_edit_templates(request.user),
        },
    )


def template_edit(request: HttpRequest, code: str) -> HttpResponse:
    """Show the template (anyone in the team); preview or save a new text (the manager)."""
    _require_team(request)
    template = _template(code)
    may_edit = access.may_edit_templates(request.user)
    if request.method == "POST" and not may_edit:
        raise PermissionDenied(MANAGER_ONLY)
    form = TemplateForm(
        posted(request), initial={"subject": template.subject, "body": template.body}
    )
    preview = None
    if request.method == "POST" and form.is_valid():
        data: dict[str, Any] = form.cleaned_data
        try:
            if request.POST.get("action") == "preview":
                services._checked(data["subject"], part="subject", limit=services.SUBJECT_LIMIT)
                services._checked(data["body"], part="body", limit=services.BODY_LIMIT)
                preview = selectors.example_draft(subject=data["subject"], body=data["body"])
            else:
                with transaction.atomic():
                    services.letter_template_save(
                        template=template,
                        subject=data["subject"],
                        body=data["body"],
                        note=data["note"],
                        by=by(request),
                    )
                messages.success(
                    request, f"{template.name} saved as version {template.version + 1}"
                )
                return redirect("letter_templates:edit", template.code)
        except RuleViolation as violation:
            form.add_violation(violation)
    elif request.method != "POST":
        preview = selectors.example_draft(subject=template.subject, body=template.body)
    return render(
        request,
        "letters/templates/edit.html",
        {
            "template": template,
            "row": presenters.template_row(template),
            "form": form,
            "may_edit": may_edit,
            "preview": presenters.preview(preview) if preview else None,
            "field_groups": fields.groups(),
        },
    )


def template_history(request: HttpRequest, code: str) -> HttpResponse:
    _require_team(request)
    template = _template(code)
    return render(
        request,
        "letters/templates/history.html",
        {
            "template": template,
            "versions": presenters.version_rows(selectors.template_versions(template)),
        },
    )
