"""What an upload can be refused for. Each docstring is the message the person sees, at the
file input (`field`)."""

from __future__ import annotations

from redress.procedures.rules import RuleViolation


class DocumentRuleViolation(RuleViolation):
    """This document cannot be kept."""

    field = "file"


class DocumentEmpty(DocumentRuleViolation):
    """The file '{name}' is empty: choose the file again, or another one."""


class DocumentTooLarge(DocumentRuleViolation):
    """The file '{name}' is {size}: a document must be {limit} or smaller."""


class DocumentUploadTooLarge(DocumentRuleViolation):
    """The file you chose is larger than {limit}: a document must be {limit} or smaller."""


class DocumentNameHasPath(DocumentRuleViolation):
    """The file name '{name}' names folders ('/', '\\' or '..'): upload the file under its own
    name, such as letter.pdf."""


class DocumentNameNotValid(DocumentRuleViolation):
    """The file name '{name}' has no usable name: rename the file, such as letter.pdf, and
    upload it again."""


class DocumentTypeNotAllowed(DocumentRuleViolation):
    """The file '{name}' is {found}, whatever its name says. Upload a PDF, a Word document,
    an image (JPEG, PNG, GIF, WebP or TIFF), plain text or an email (.eml or .msg)."""


class DocumentNameHasNoEnding(DocumentRuleViolation):
    """The file name '{name}' has no ending such as .pdf: it is {found}, whose name ends
    {endings}. Rename it and upload it again."""


class DocumentNameDoesNotMatch(DocumentRuleViolation):
    """The file '{name}' is {found}, but its name ends '{ending}': {found} has a name ending
    {endings}. Check it is the file you meant, or rename it."""


class DocumentAlreadyRemoved(RuleViolation):
    """The document '{name}' was already removed."""


class DocumentStageOtherComplaint(RuleViolation):
    """Stage {stage} is not a stage of complaint {reference}."""

    field = "stage"
