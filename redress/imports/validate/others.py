"""Checks of the optional sheets: mediation, ombudsman, payments, actions, compliments,
feedback, satisfaction and context."""

from __future__ import annotations

from typing import Any

from redress.core import config
from redress.taxonomies.models import TaxonomyKind

from ..format import period_dates
from ..problems import BeforeDate, RuleBroken, StageWithoutComplaint, UnknownStage
from .checker import Checker


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
    for r in c.rows(sheet):
        c.check_reference(sheet, r)
        for column in ("response_sent_date", "decision_date"):
            day = getattr(r, column)
            if day and r.received_date and day < r.received_date:
                c.log.report(
                    BeforeDate, sheet, r.line, column, day,
                    what="enquiry was received", earlier=r.received_date,
                )  # fmt: skip


def check_payments(c: Checker) -> None:
    for r in c.rows("payments"):
        c.check_reference("payments", r)


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
