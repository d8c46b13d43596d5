"""What every case-work form page shares: who may act, and `form_page`, which runs one service
call for a valid form, turns a broken rule into a form error, and refuses a save made on a
complaint someone else changed since the form was opened (optimistic concurrency, ADR 0016)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from redress.accounts.models import User
from redress.complaints import presenters
from redress.complaints.forms import GovukForm
from redress.complaints.models import Complaint, Stage
from redress.complaints.selectors import may_manage_complaints, referenced_names
from redress.complaints.selectors.concurrency import (
    EditToken,
    changes_since,
    edit_token,
    read_token,
)
from redress.procedures import rules

from .access import require_complaint_pages

TEAM_ONLY = "Only the complaints team (complaints officers and managers) can {what}."
# The hidden field that carries the complaint's version from the form page to the save.
TOKEN_FIELD = "complaint_version"  # noqa: S105 (a field name)


def require_team(request: HttpRequest, what: str) -> None:
    require_complaint_pages(request)
    if not may_manage_complaints(request.user):
        raise PermissionDenied(TEAM_ONLY.format(what=what))


def by(request: HttpRequest) -> User:
    """The signed-in user (every page requires one)."""
    return cast(User, request.user)


def posted(request: HttpRequest) -> Any:
    """The POSTed data (even when empty, so an empty form is checked), else None."""
    return request.POST if request.method == "POST" else None


def stage_of(complaint: Complaint, number: int) -> Stage:
    for stage in complaint.stages.all():
        if stage.number == number:
            return stage
    raise Http404(f"Complaint {complaint.reference} has no stage {number}.")


class ChangedMeanwhileError(Exception):
    def __init__(self, current: EditToken) -> None:
        self.current = current


def _check_unchanged(complaint: Complaint, opened: EditToken | None) -> None:
    """Lock the complaint until the transaction ends and refuse if its version moved on since
    the form was opened."""
    locked = Complaint.objects.select_for_update(of=("self",)).only("version").get(pk=complaint.pk)
    if opened is not None and locked.version != opened.version:
        raise ChangedMeanwhileError(edit_token(complaint))


def form_page(
    request: HttpRequest,
    *,
    form: GovukForm,
    perform: Callable[[dict[str, Any]], str],
    done_url: Callable[[], str],
    template: str,
    context: dict[str, Any],
    complaint: Complaint | None = None,
) -> HttpResponse:
    """Show the form; on a valid POST call the service, and either redirect with its success
    message or show the rule it broke as an error. With `complaint`, the page carries the
    complaint's version, and a save after someone else changed it is refused with what they
    changed, keeping what was typed (the next save, made knowing, goes through)."""
    token = None
    if complaint is not None:
        token = (read_token(request.POST.get(TOKEN_FIELD, "")) if form.is_bound else None) or (
            edit_token(complaint)
        )
    changed: list[Any] = []
    if request.method == "POST" and form.is_valid():
        try:
            # One transaction, so an action that calls two services (a new complainant, then
            # their complaint) leaves nothing behind when the second refuses.
            with transaction.atomic():
                if complaint is not None:
                    _check_unchanged(complaint, token)
                message = perform(form.cleaned_data)
        except rules.RuleViolation as violation:
            form.add_violation(violation)
        except ChangedMeanwhileError as conflict:
            assert complaint is not None
            assert token is not None
            events = changes_since(complaint, token)
            stage_numbers = {s.pk: s.number for s in complaint.stages.all()}
            names = referenced_names(events, user=request.user)
            changed = presenters.timeline(events, names, stage_numbers)
            form.add_error(None, changed_meanwhile_text(len(changed)))
            token = conflict.current
        else:
            messages.success(request, message)
            return redirect(done_url())
    return render(
        request,
        template,
        {
            "form": form,
            "edit_token": token.text if token else "",
            "token_field": TOKEN_FIELD,
            "changed_meanwhile": changed,
            **context,
        },
    )


def changed_meanwhile_text(count: int) -> str:
    return (
        "Someone else changed this complaint while you had this page open, so your changes "
        "have not been saved. Check what they changed (listed below), then save again if yours "
        "are still right."
        if count
        else "This complaint changed while you had this page open, so your changes have not "
        "been saved. Check the complaint, then save again if yours are still right."
    )
