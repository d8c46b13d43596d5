"""The survey as the complainant sees it, through the link they were sent: no sign-in, no staff
navigation, nothing about the complaint but its reference (which they already know). An
unknown, used or expired link gets one and the same answer."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from redress.accounts.middleware import second_factor_not_required
from redress.complaints.views.common import posted
from redress.procedures.rules import RuleViolation

from .. import services
from ..forms import SurveyForm
from ..rules import SurveyLinkNotValid


def _not_valid(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "surveys/public/not_valid.html",
        {"message": SurveyLinkNotValid.template()},
        status=404,
    )


@login_not_required
@second_factor_not_required
def respond(request: HttpRequest, token: str) -> HttpResponse:
    try:
        survey = services.survey_for_token(token)
    except SurveyLinkNotValid:
        return _not_valid(request)
    form = SurveyForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_answer(
                token=token, answers=form.answers(), comment=form.cleaned_data["comment"]
            )
        except SurveyLinkNotValid:  # answered or expired while the page was open
            return _not_valid(request)
        except RuleViolation as violation:
            form.add_violation(violation)
        else:
            return redirect("surveys:done")
    return render(
        request,
        "surveys/public/survey.html",
        {"form": form, "reference": survey.complaint.reference},
    )


@login_not_required
@second_factor_not_required
def done(request: HttpRequest) -> HttpResponse:
    return render(request, "surveys/public/done.html", {})
