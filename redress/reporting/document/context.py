"""What every section builder sees: the figures (through a `FigureView`), the period, who the
report is for, the settings, and the facts when the caller has them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from redress.core import presenters
from redress.reporting.facts import Facts
from redress.reporting.figures import ReportSettings
from redress.reporting.periods import Period

from . import selectors
from .model import Paragraph
from .values import FigureView


@dataclass
class BuildContext:
    view: FigureView
    authority: str
    service: str | None
    settings: ReportSettings
    given_facts: Facts | None = None
    # What a published report took names out of: {"compliment": 3, "case example": 2}.
    redactions: dict[str, int] = field(default_factory=dict)
    # The executive summary's headline sentences, once the summary is built.
    headlines: list[Paragraph] = field(default_factory=list)

    @property
    def period(self) -> Period:
        return self.view.figures.period

    @property
    def as_of(self) -> datetime.date:
        return self.view.figures.as_of

    @property
    def published(self) -> bool:
        return self.view.published

    @property
    def label(self) -> str:
        return self.period.label

    @property
    def previous_label(self) -> str:
        return self.period.previous.label

    @property
    def dates(self) -> str:
        """`1 April 2021 to 31 March 2022`."""
        start, end = self.period.start, self.period.end
        return f"{presenters.govuk_date(start)} to {presenters.govuk_date(end)}"

    @cached_property
    def facts(self) -> Facts:
        """The facts the figures were computed from, for the figures of earlier periods; read
        again (as of the same day, for the same service) when the caller did not pass them."""
        if self.given_facts is not None:
            return self.given_facts
        from redress.procedures.selectors import working_calendar
        from redress.reporting.facts import extract_facts

        return extract_facts(
            as_of=self.as_of, calendar=working_calendar(), service_area_ids=self.areas
        )

    @cached_property
    def areas(self) -> list[int] | None:
        return selectors.service_area_ids(self.service)

    @cached_property
    def procedures(self) -> list[selectors.ProcedureRules]:
        return selectors.procedures()

    def timescale(
        self, stage: int, procedure: str | None = None, *, longest: bool = True
    ) -> int | None:
        """The stage's maximum (or initial) timescale in working days, where every procedure
        asked about agrees on it; None when they differ or the stage is not configured."""
        days = {
            (s.max_days if longest else s.timescale_days)
            for p in self.procedures
            if procedure in (None, p.code)
            for s in p.stages
            if s.stage == stage
        }
        return days.pop() if len(days) == 1 else None
