"""--partial: a row that depends on a rejected row is rejected too, saying which row it needed.

A stage needs its complaint and the stage before it, an aspect its stage, a follow-on complaint
the complaint it follows, an Ombudsman remedy (and a payment linked to an enquiry) its enquiry,
and every other row its complaint.
"""

from __future__ import annotations

from typing import Any

from ..problems import DependsOnRejected
from .checker import Checker

SHEETS_OF_A_COMPLAINT = ("mediation", "ombudsman", "payments", "actions", "satisfaction")


def reject_dependents(c: Checker) -> None:
    log = c.log
    complaint_lines = {reference: r.line for reference, r in c.complaints.items()}

    def rejected_complaint(reference: str | None) -> int | None:
        line = complaint_lines.get(reference) if reference is not None else None
        return line if line is not None and log.is_bad("complaints", line) else None

    def reject(sheet: str, r: Any, column: str, on_sheet: str, on_row: int) -> None:
        value = getattr(r, column)
        log.report(
            DependsOnRejected, sheet, r.line, column, value, on_sheet=on_sheet, on_row=on_row
        )

    # Follow-on complaints, to any depth.
    changed = True
    while changed:
        changed = False
        for r in c.rows("complaints"):
            if not log.is_bad("complaints", r.line):
                line = rejected_complaint(r.related_to)
                if line is not None:
                    reject("complaints", r, "related_to", "complaints", line)
                    changed = True

    for r in sorted(c.rows("stages"), key=lambda r: r.stage or 0):
        if log.is_bad("stages", r.line):
            continue
        if (line := rejected_complaint(r.reference)) is not None:
            reject("stages", r, "reference", "complaints", line)
        elif r.stage and r.stage > 1:
            previous = c.stages.get((r.reference, r.stage - 1))
            if previous is not None and log.is_bad("stages", previous.line):
                reject("stages", r, "stage", "stages", previous.line)

    for r in c.rows("aspects"):
        if log.is_bad("aspects", r.line):
            continue
        stage = c.stages.get((r.reference, r.stage))
        if stage is not None and log.is_bad("stages", stage.line):
            reject("aspects", r, "stage", "stages", stage.line)
        elif (line := rejected_complaint(r.reference)) is not None:
            reject("aspects", r, "reference", "complaints", line)

    for sheet in SHEETS_OF_A_COMPLAINT:
        for r in c.rows(sheet):
            if not log.is_bad(sheet, r.line):
                line = rejected_complaint(r.reference)
                if line is not None:
                    reject(sheet, r, "reference", "complaints", line)

    # A remedy needs its enquiry; so does a payment linked to one.
    for sheet in ("ombudsman_remedies", "payments"):
        for r in c.rows(sheet):
            enquiry = c.enquiries.get(r.lgo_reference) if r.lgo_reference else None
            if (
                enquiry is not None
                and not log.is_bad(sheet, r.line)
                and log.is_bad("ombudsman", enquiry.line)
            ):
                reject(sheet, r, "lgo_reference", "ombudsman", enquiry.line)
