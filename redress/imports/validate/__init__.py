"""Checking a parsed file against itself, against the configuration and against what Redress
already holds, before anything is written."""

from __future__ import annotations

from typing import Any

from ..known import Known
from ..lookups import Lookups
from ..problems import ProblemLog
from .cascade import reject_dependents
from .checker import Checker
from .complaints import check_aspects, check_complaints, check_stages
from .dates import check_dates
from .others import (
    check_actions,
    check_compliments,
    check_context,
    check_feedback,
    check_mediation,
    check_ombudsman,
    check_ombudsman_remedies,
    check_payments,
    check_satisfaction,
)

CHECKS = (
    check_complaints,
    check_stages,
    check_aspects,
    check_mediation,
    check_ombudsman,
    check_ombudsman_remedies,
    check_payments,
    check_actions,
    check_compliments,
    check_feedback,
    check_satisfaction,
    check_context,
    check_dates,
)

REFERENCE_COLUMNS = {
    "complaints": ("reference", "related_to"),
    "stages": ("reference",),
    "aspects": ("reference",),
    "mediation": ("reference",),
    "ombudsman": ("reference",),
    "payments": ("reference",),
    "actions": ("reference",),
    "satisfaction": ("reference",),
}


def referenced_complaints(parsed: dict[str, list[Any]]) -> set[str]:
    references: set[str] = set()
    for sheet, columns in REFERENCE_COLUMNS.items():
        for r in parsed.get(sheet, ()):
            for column in columns:
                value = getattr(r, column)
                if value is not None:
                    references.add(value)
    return references


def check_dataset(
    parsed: dict[str, list[Any]],
    log: ProblemLog,
    lookups: Lookups,
    *,
    partial: bool,
) -> tuple[Checker, Known]:
    """Check every row (resolving names to configuration in place). With `partial`, rows that
    depend on rejected rows are rejected too."""
    known = Known.load(referenced_complaints(parsed))
    checker = Checker(parsed, log, lookups, known)
    for check in CHECKS:
        check(checker)
    if partial:
        reject_dependents(checker)
    return checker, known
