"""Why a survey cannot be sent or answered. Each docstring is the message the person sees."""

from __future__ import annotations

from redress.procedures.rules import RuleViolation


class SurveyComplaintOpen(RuleViolation):
    """Complaint {reference} is still open: the satisfaction survey is sent once it closes."""


class SurveyAlreadyAnswered(RuleViolation):
    """The complainant has already answered the satisfaction survey about stage {stage}."""


class SurveyNoAddress(RuleViolation):
    """There is no email address or phone number for the complainant: add one on the People tab,
    then send the survey."""


class SurveyNoComplainant(RuleViolation):
    """No complainant is recorded on complaint {reference}, so there is no one to send the
    survey to."""


class SurveyOptedOut(RuleViolation):
    """The complainant asked not to be sent satisfaction surveys."""


class SurveyLinkNotValid(RuleViolation):
    """This link is not valid. It may have been used already, or it may have expired."""


class SurveyAnswerMissing(RuleViolation):
    """Select yes, partly or no for '{question}'."""
