"""Checks of the complaints, stages and aspects sheets, which resolve their names and codes to
configuration as they go (each record's names are replaced by ids or Pending records)."""

from __future__ import annotations

from typing import Any

from redress.taxonomies.models import TaxonomyKind

from ..problems import (
    BeforeDate,
    BeforeReceived,
    NotExtendable,
    PreviousStageMissing,
    ReasonWithoutExtension,
    ReceivedBeforePreviousResponse,
    RelatedToItself,
    ReportBeforePanel,
    StageBeforeComplaint,
    StageNotInProcedure,
    UnknownStage,
)
from .checker import Checker

STAGE_DATES_AFTER_RECEIPT = (
    "acknowledged_date",
    "statement_agreed_date",
    "responded_date",
    "panel_date",
)


def check_complaints(c: Checker) -> None:
    sheet = "complaints"
    c.flag_duplicates(sheet, lambda r: r.reference, "reference", lambda r: "the reference")
    lookups = c.lookups
    checked = []
    for r in c.rows(sheet):
        day = r.received_date
        resolved: dict[str, Any] = {"service_area": None, "locality": None, "theme": None}
        if r.procedure is not None:
            resolved["procedure"] = c.attempt(sheet, r, "procedure", lookups.procedure, r.procedure)
        if r.organisation is not None:
            resolved["organisation"] = c.attempt(
                sheet, r, "organisation", lookups.organisation, r.organisation
            )
        if day is not None:
            if r.service_area is not None:
                resolved["service_area"] = c.attempt(
                    sheet, r, "service_area", lookups.service_area, r.service_area, day
                )
            if r.locality is not None:
                resolved["locality"] = c.attempt(
                    sheet, r, "locality", lookups.locality, r.locality, day
                )
            if r.theme is not None:
                resolved["theme"] = c.attempt(
                    sheet, r, "theme", lookups.term, TaxonomyKind.THEMES, day, r.theme
                )
        referred = r.advocacy_referred_date
        if referred is not None and day is not None and referred < day:
            c.log.report(
                BeforeDate, sheet, r.line, "advocacy_referred_date", referred,
                what="complaint was received", earlier=day,
            )  # fmt: skip
        r = r._replace(**resolved)
        checked.append(r)
        if r.reference is not None:
            c.complaints.setdefault(r.reference, r)
    c.replace_rows(sheet, checked)
    # Only now is every reference of the file known.
    for r in checked:
        if r.related_to is not None:
            if r.related_to == r.reference:
                c.log.report(RelatedToItself, sheet, r.line, "related_to", r.related_to)
            else:
                c.check_reference(sheet, r, "related_to")


def check_stages(c: Checker) -> None:
    sheet = "stages"
    c.flag_duplicates(
        sheet,
        lambda r: (r.reference, r.stage) if r.reference and r.stage else None,
        "stage",
        lambda r: f"stage {r.stage} of {r.reference}",
    )
    for r in c.rows(sheet):
        if r.reference is not None and r.stage is not None:
            c.stages.setdefault((r.reference, r.stage), r)
    checked = []
    for r in c.rows(sheet):
        if r.organisation is not None:
            r = r._replace(
                organisation=c.attempt(
                    sheet, r, "organisation", c.lookups.organisation, r.organisation
                )
            )
        checked.append(r)
        _check_stage_dates(c, r)
        if r.reference is None or r.stage is None or not c.check_reference(sheet, r):
            continue
        _check_stage_rule(c, r)
        received = r.received_date
        complaint_received = c.complaint_received(r.reference)
        if received and complaint_received and received < complaint_received:
            c.log.report(
                StageBeforeComplaint, sheet, r.line, "received_date", received,
                received=complaint_received,
            )  # fmt: skip
        if r.stage > 1:
            previous = c.stage_facts(r.reference, r.stage - 1)
            if previous is None:
                c.log.report(
                    PreviousStageMissing, sheet, r.line, "stage", r.stage,
                    stage=r.stage, previous=r.stage - 1, reference=r.reference,
                )  # fmt: skip
            elif received and previous.responded_date and received < previous.responded_date:
                c.log.report(
                    ReceivedBeforePreviousResponse, sheet, r.line, "received_date", received,
                    stage=r.stage, previous=r.stage - 1, responded=previous.responded_date,
                )  # fmt: skip
    c.replace_rows(sheet, checked)


def _check_stage_rule(c: Checker, r: Any) -> None:
    procedure = c.complaint_procedure(r.reference)
    if procedure is None:
        return  # the complaint's own row already says what is wrong with its procedure
    rule = procedure.rules.get(r.stage)
    if rule is None:
        c.log.report(
            StageNotInProcedure, "stages", r.line, "stage", r.stage,
            procedure=procedure.name, stage=r.stage,
        )  # fmt: skip
    elif r.extended and not rule.extendable:
        c.log.report(
            NotExtendable, "stages", r.line, "extended", "yes",
            procedure=procedure.name, stage=r.stage,
        )  # fmt: skip


def _check_stage_dates(c: Checker, r: Any) -> None:
    if r.extension_reason is not None and not r.extended:
        c.log.report(
            ReasonWithoutExtension, "stages", r.line, "extension_reason", r.extension_reason
        )
    received = r.received_date
    if received is not None:
        for column in STAGE_DATES_AFTER_RECEIPT:
            value = getattr(r, column)
            if value is not None and value < received:
                c.log.report(BeforeReceived, "stages", r.line, column, value, received=received)
    if r.panel_date and r.panel_report_date and r.panel_report_date < r.panel_date:
        c.log.report(
            ReportBeforePanel, "stages", r.line, "panel_report_date", r.panel_report_date,
            panel=r.panel_date,
        )  # fmt: skip


def check_aspects(c: Checker) -> None:
    sheet = "aspects"
    lookups = c.lookups
    checked = []
    for r in c.rows(sheet):
        category = subcategory = None
        stage = (
            c.stage_facts(r.reference, r.stage)
            if r.reference is not None and r.stage is not None
            else None
        )
        if stage is None:
            if r.reference is not None and r.stage is not None and c.check_reference(sheet, r):
                c.log.report(
                    UnknownStage, sheet, r.line, "stage", r.stage,
                    reference=r.reference, stage=r.stage,
                )  # fmt: skip
        elif stage.received_date is not None and r.category is not None:
            # Reasons are coded with the taxonomy in effect when the stage was received.
            day = stage.received_date
            category = c.attempt(
                sheet, r, "category", lookups.term, TaxonomyKind.CATEGORIES, day, r.category
            )
            if category is not None and r.subcategory is not None:
                subcategory = c.attempt(
                    sheet, r, "subcategory", _subcategory, lookups, day, r.subcategory, category
                )
        checked.append(r._replace(category=category, subcategory=subcategory))
    c.replace_rows(sheet, checked)


def _subcategory(lookups: Any, day: Any, name: str, category: Any) -> Any:
    return lookups.term(TaxonomyKind.CATEGORIES, day, name, parent=category)
