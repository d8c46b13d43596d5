"""Checks of the optional sheets: mediation, ombudsman, ombudsman_remedies, payments, actions,
compliments, feedback, satisfaction and context."""

from __future__ import annotations

from typing import Any

from redress.complaints.choices import PaymentStage
from redress.core import config
from redress.ombudsman.models import Decision, Enquiry
from redress.ombudsman.services import NO_REMEDY_DECISIONS
from redress.taxonomies.models import TaxonomyKind

from ..format import period_dates
from ..known import rows_in
from ..problems import (
    BeforeDate,
    EnquiryOfAnotherComplaint,
    EnquiryPaymentStage,
    RemedyBeforeDecision,
    RemedyNotAsked,
    RuleBroken,
    StageWithoutComplaint,
    UnknownEnquiry,
    UnknownStage,
)
from .checker import Checker, KnownEnquiry


def check_mediation(c: Checker) -> None:
    for r in c.rows("mediation"):
        c.check_reference("mediation", r)
        if r.held_date and r.offered_date and r.held_date < r.offered_date:
            c.log.report(
                BeforeDate, "mediation", r.line, "held_date", r.held_date,
                what="offer", earlier=r.offered_date,
            )  # fmt: skip


def check_ombudsman(c: Checker) -> None:
    sheet = "ombudsman"
    c.flag_duplicates(
        sheet, lambda r: r.lgo_reference, "lgo_reference", lambda r: "the LGSCO reference"
    )
    checked = []
    for r in c.rows(sheet):
        if r.lgo_reference is not None:
            c.enquiries.setdefault(r.lgo_reference, r)
        c.check_reference(sheet, r)
        for column in ("response_sent_date", "decision_date"):
            day = getattr(r, column)
            if day and r.received_date and day < r.received_date:
                c.log.report(
                    BeforeDate, sheet, r.line, column, day,
                    what="enquiry was received", earlier=r.received_date,
                )  # fmt: skip
        if r.organisation is not None:
            r = r._replace(
                organisation=c.attempt(
                    sheet, r, "organisation", c.lookups.organisation, r.organisation
                )
            )
        checked.append(r)
    c.replace_rows(sheet, checked)
    named = {
        r.lgo_reference
        for sheet in ("ombudsman_remedies", "payments")
        for r in c.rows(sheet)
        if getattr(r, "lgo_reference", None) is not None
    }
    query = Enquiry.objects.values_list(
        "lgo_reference", "id", "complaint_id", "complaint__reference", "decision", "decision_date"
    )
    for lgo, pk, complaint_id, reference, decision, decided in rows_in(
        query, "lgo_reference", named
    ):
        c.known_enquiries[lgo] = KnownEnquiry(pk, complaint_id, reference, decision, decided)


def _enquiry(c: Checker, sheet: str, r: Any) -> tuple[bool, str | None, Any, str | None]:
    """The enquiry a row names by `lgo_reference`, from the file or else from Redress: whether
    it can be checked against (False when unknown, the problem logged, or when its own row is
    wrong), its decision, decision date and complaint reference."""
    row = c.enquiries.get(r.lgo_reference)
    if row is not None:
        if c.log.is_bad("ombudsman", row.line):
            return False, None, None, None
        return True, row.decision, row.decision_date, row.reference
    known = c.known_enquiries.get(r.lgo_reference)
    if known is None:
        c.log.report(UnknownEnquiry, sheet, r.line, "lgo_reference", r.lgo_reference)
        return False, None, None, None
    return True, known.decision, known.decision_date, known.complaint_reference


def check_ombudsman_remedies(c: Checker) -> None:
    """Each remedy belongs to an enquiry in the file or in Redress whose decision asked for
    remedies, and is not due or done before that decision (as the staff pages refuse)."""
    sheet = "ombudsman_remedies"
    for r in c.rows(sheet):
        if r.lgo_reference is None:
            continue
        found, decision, decided, _ = _enquiry(c, sheet, r)
        if not found:
            continue
        if not decision:
            c.log.report(
                RemedyBeforeDecision, sheet, r.line, "lgo_reference", r.lgo_reference,
                reference=r.lgo_reference,
            )  # fmt: skip
            continue
        if decision in NO_REMEDY_DECISIONS:
            c.log.report(
                RemedyNotAsked, sheet, r.line, "kind", r.kind,
                reference=r.lgo_reference, decision=Decision(decision).label,
            )  # fmt: skip
            continue
        for column in ("due_date", "completed_date"):
            day = getattr(r, column)
            if day and decided and day < decided:
                c.log.report(
                    BeforeDate, sheet, r.line, column, day,
                    what="Ombudsman's decision", earlier=decided,
                )  # fmt: skip


def check_payments(c: Checker) -> None:
    sheet = "payments"
    for r in c.rows(sheet):
        known = c.check_reference(sheet, r)
        if r.lgo_reference is None:
            continue
        if r.stage is not None and r.stage != PaymentStage.LGO:
            c.log.report(EnquiryPaymentStage, sheet, r.line, "lgo_reference", r.lgo_reference)
            continue
        found, _, _, about = _enquiry(c, sheet, r)
        if found and known and r.reference and about and about != r.reference:
            c.log.report(
                EnquiryOfAnotherComplaint, sheet, r.line, "lgo_reference", r.lgo_reference,
                lgo_reference=r.lgo_reference, other=about, reference=r.reference,
            )  # fmt: skip


def check_actions(c: Checker) -> None:
    checked = []
    for r in c.rows("actions"):
        known = c.check_reference("actions", r)
        if r.stage is not None:
            _check_action_stage(c, r, known=known)
        theme = None
        if r.theme is not None and r.raised_date is not None:
            theme = c.attempt(
                "actions", r, "theme", c.lookups.term, TaxonomyKind.LEARNING, r.raised_date, r.theme
            )
        checked.append(r._replace(theme=theme))
    c.replace_rows("actions", checked)


def _check_action_stage(c: Checker, r: Any, *, known: bool) -> None:
    """The stage that prompted an action is one its complaint reached, and the action was raised
    no earlier than that stage was received (as when it is raised on the staff pages)."""
    if r.reference is None:
        c.log.report(StageWithoutComplaint, "actions", r.line, "stage", r.stage)
        return
    if not known:
        return
    stage = c.stage_facts(r.reference, r.stage)
    if stage is None:
        c.log.report(
            UnknownStage, "actions", r.line, "stage", r.stage,
            reference=r.reference, stage=r.stage,
        )  # fmt: skip
    elif stage.received_date and r.raised_date and r.raised_date < stage.received_date:
        c.log.report(
            BeforeDate, "actions", r.line, "raised_date", r.raised_date,
            what=f"date stage {r.stage} was received", earlier=stage.received_date,
        )  # fmt: skip


def check_compliments(c: Checker) -> None:
    checked = []
    for r in c.rows("compliments"):
        service_area = locality = None
        if r.received_date is not None:
            service_area = c.attempt(
                "compliments", r, "service_area", c.lookups.service_area, r.service_area,
                r.received_date,
            )  # fmt: skip
            if r.locality is not None:
                locality = c.attempt(
                    "compliments", r, "locality", c.lookups.locality, r.locality, r.received_date
                )
        checked.append(r._replace(service_area=service_area, locality=locality))
    c.replace_rows("compliments", checked)


def check_feedback(c: Checker) -> None:
    checked = []
    for r in c.rows("feedback"):
        theme = service_area = None
        day = r.received_date
        if day is not None:
            if r.theme is not None:
                theme = c.attempt(
                    "feedback", r, "theme", c.lookups.term, TaxonomyKind.THEMES, day, r.theme
                )
            if r.service_area is not None:
                service_area = c.attempt(
                    "feedback", r, "service_area", c.lookups.service_area, r.service_area, day
                )
        checked.append(r._replace(theme=theme, service_area=service_area))
    c.replace_rows("feedback", checked)


def check_satisfaction(c: Checker) -> None:
    c.flag_duplicates(
        "satisfaction",
        lambda r: (r.reference, r.question) if r.reference and r.question else None,
        "question",
        lambda r: f"the answer to {r.question} for {r.reference}",
    )
    for r in c.rows("satisfaction"):
        c.check_reference("satisfaction", r)


def check_context(c: Checker) -> None:
    sheet = "context"
    c.flag_duplicates(
        sheet,
        lambda r: (r.period, r.measure, _fold(r.service_area)) if r.period and r.measure else None,
        "measure",
        lambda r: (
            f"{r.measure} for {r.period}" + (f" in {r.service_area}" if r.service_area else "")
        ),
    )
    year_start = config.get("financial_year_start")
    checked = []
    for r in c.rows(sheet):
        service_area = None
        if r.service_area is not None and r.period is not None:
            start, end = period_dates(r.period, year_start)
            service_area = c.attempt(
                sheet, r, "service_area", _service_area_in_period, c, r.service_area, start, end
            )
        checked.append(r._replace(service_area=service_area))
    c.replace_rows(sheet, checked)


def _service_area_in_period(c: Checker, name: str, start: Any, end: Any) -> Any:
    """The version in effect at the start of the year, or else the one at its end (a service
    created during the year)."""
    try:
        return c.lookups.service_area(name, start)
    except RuleBroken:
        return c.lookups.service_area(name, end)


def _fold(name: str | None) -> str | None:
    return " ".join(name.split()).casefold() if name else None
