"""Why a public form or link is refused. Each docstring is the message the person sees, in plain
words (the child-friendly form's readers included)."""

from __future__ import annotations

from redress.procedures.rules import RuleViolation


class TooManySent(RuleViolation):
    """You have sent a lot of forms in a short time. Please wait an hour and try again, or phone
    us."""


class FollowLinkNotValid(RuleViolation):
    """This link is not valid. It may have been used already, or it may have expired. You can
    ask for a new one."""


class SubmissionNotWaiting(RuleViolation):
    """{reference} has already been dealt with: {status}."""


class TooManyFiles(RuleViolation):
    """You can send up to {most} files. Choose fewer, or send the rest by email."""
