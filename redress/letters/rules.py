"""What saving a template or producing, sending or posting a letter can be refused for. Each
docstring is the message a person sees, at the input named by `field`."""

from __future__ import annotations

from typing import Any

from redress.procedures.rules import RuleViolation


class LetterRuleViolation(RuleViolation):
    """This letter cannot be made as asked."""

    def __init__(self, *, field: str | None = None, **context: Any) -> None:
        super().__init__(**context)
        if field is not None:
            self.field = field  # type: ignore[misc]  # the input it belongs at


class TemplateUnknownField(LetterRuleViolation):
    """{part}, line {line}: '{name}' is not a merge field.{suggestion} Use one of the merge
    fields listed on this page."""


class TemplateNotAllowed(LetterRuleViolation):
    """{part}, {problem}."""


class TemplateTooLong(LetterRuleViolation):
    """{part} must be {limit} characters or fewer: it is {length}."""


class TemplateTextEmpty(LetterRuleViolation):
    """Enter {part_lower}."""


class TemplateUnchanged(LetterRuleViolation):
    """Nothing has changed since version {version}, so there is nothing to save."""


class LetterStageOtherComplaint(LetterRuleViolation):
    """Stage {stage} is not a stage of complaint {reference}."""


class LetterTemplateWrongStage(LetterRuleViolation):
    """The template '{template}' is for stage {template_stage}, not stage {stage}: choose stage
    {template_stage}, or another letter."""


def check_template_stage(template: Any, stage: int | None) -> None:
    """A template written for one stage is used for that stage only."""
    if template.stage is not None and stage != template.stage:
        raise LetterTemplateWrongStage(
            template=template.name,
            template_stage=template.stage,
            stage=stage if stage is not None else "none",
        )


class LetterNoRecipient(LetterRuleViolation):
    """Complaint {reference} has no {who} to write to: choose someone it names."""


class LetterNoEmailAddress(LetterRuleViolation):
    """We have no email address for {name}. Add it to their details on the People tab, or
    post the letter and mark it as posted."""


class LetterAlreadySent(LetterRuleViolation):
    """This letter was already emailed on {sent}: produce it again to send a new copy."""


class LetterAlreadyPosted(LetterRuleViolation):
    """This letter was already marked as posted on {posted}."""


class LetterPostedBeforeProduced(LetterRuleViolation):
    """The letter was produced on {produced}: it cannot have been posted before then."""


class LetterPostedInFuture(LetterRuleViolation):
    """The date posted cannot be in the future."""


class LetterDocumentRemoved(LetterRuleViolation):
    """The letter's PDF was removed from the complaint's documents: produce the letter again
    to send it."""
