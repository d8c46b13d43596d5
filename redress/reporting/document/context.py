"""What every section builder sees: the figures (through a `FigureView`), the period and how to
name it (`wording.py`), who the report is for (the whole authority, a locality or a service),
the settings, and the facts when the caller has them."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from functools import cached_property

from redress.core import presenters
from redress.reporting.facts import Facts
from redress.reporting.figures import ReportSettings
from redress.reporting.periods import Period

from . import selectors
from .model import Paragraph
from .sections import AUTHORITY_TITLES, SECTION_TITLES, SectionSpec, profile_sections
from .values import FigureView
from .wording import PeriodWords, period_words, report_title


@dataclass
class BuildContext:
    view: FigureView
    authority: str
    service: str | None
    settings: ReportSettings
    given_facts: Facts | None = None
    # The sections this edition's authors left out (the profile's others are in the report).
    left_out: frozenset[str] = frozenset()
    # What a published report took names out of: {"compliment": 3, "case example": 2}.
    redactions: dict[str, int] = field(default_factory=dict)
    # The executive summary's headline sentences, once the summary is built.
    headlines: list[Paragraph] = field(default_factory=list)
    # A locality's report: its name, and the service areas counted (None with `service`: that
    # service's every version; with neither: the whole authority).
    locality: str | None = None
    given_areas: tuple[int, ...] | None = None
    # The day the report's locality or service area came into use (the caller's scope knows:
    # `ReportScope.began`); None for the whole authority, or a scope in use since records began.
    began: datetime.date | None = None

    @property
    def period(self) -> Period:
        return self.view.figures.period

    @property
    def as_of(self) -> datetime.date:
        return self.view.figures.as_of

    @property
    def published(self) -> bool:
        return self.view.published

    # -- the period's words: "in Q1 2021-22 … compared with 80 in the same quarter last year" ---

    @cached_property
    def words(self) -> PeriodWords:
        return period_words(self.period)

    @property
    def label(self) -> str:
        """The period, to follow "in": "2021-22", "Q1 2021-22", "April 2022", "the period 3 May
        to 10 June 2021"."""
        return self.words.label

    @property
    def heading(self) -> str:
        """The period for a heading or a column: as `label`, but "3 May to 10 June 2021"."""
        return self.words.heading

    @property
    def previous_heading(self) -> str:
        """The same period a year earlier, for a heading or a column: "2020-21", "Q1 2020-21"."""
        return self.words.previous_heading

    @property
    def span(self) -> str:
        """ "the year", "the quarter", "the month" or "the period"."""
        return self.words.span

    @property
    def since(self) -> str | None:
        """What a headline's change is measured from, when not the year before (see
        `PeriodWords.since`)."""
        return self.words.since

    # -- who the report is for -------------------------------------------------------------------

    @property
    def covers(self) -> str | None:
        """ "Fostering", "South locality", or None for the whole authority."""
        if self.locality:
            named = self.locality.casefold().endswith("locality")
            return self.locality if named else f"{self.locality} locality"
        return self.service

    def report_title(self, subject: str) -> str:
        """The document's title: its kind, period and who it is for."""
        return report_title(self.period, self.covers, subject=subject)

    # -- the report's one voice: "we", or the authority by name (setting report_voice) ----------

    @property
    def speaks_as_authority(self) -> bool:
        return self.settings.voice == "authority"

    def we(self, *, start: bool = False) -> str:
        """ "we" ("We" to open a sentence), or the authority's name."""
        if self.speaks_as_authority:
            return self.authority
        return "We" if start else "we"

    def we_do(self, plural: str, singular: str, *, start: bool = False) -> str:
        """ "we ask", or "Kingsmoor Children's Trust asks"."""
        return f"{self.we(start=start)} {singular if self.speaks_as_authority else plural}"

    def in_voice(self, text: str) -> str:
        """A caption written as "we" ("What complainants told us…") in the report's voice:
        "What complainants told Kingsmoor Children's Trust…" when it speaks as the authority."""
        if not self.speaks_as_authority:
            return text
        return re.sub(r"\btold us\b", f"told {self.authority}", text)

    def title_of(self, key: str, default: str | None = None) -> str:
        """A section's title in the report's voice (`default`: its title in this report, an
        appendix's with its letter there; the default order's when not given)."""
        if self.speaks_as_authority and key in AUTHORITY_TITLES:
            return AUTHORITY_TITLES[key].format(authority=self.authority)
        return default or SECTION_TITLES[key]

    @cached_property
    def sections(self) -> dict[str, SectionSpec]:
        """The report's sections by key, in the profile's order, appendices lettered as the
        report has them (setting report_sections)."""
        return {
            s.key: s
            for s in profile_sections(
                self.settings.sections, left_out=self.left_out, reasons_by=self.settings.reasons_by
            )
        }

    @property
    def by_theme(self) -> bool:
        """Reasons are reported by theme (setting report_reasons_by), not category."""
        return self.settings.reasons_by == "theme"

    @property
    def by_deadline(self) -> bool:
        """Timeliness leads with the complaints received, each against its own deadline
        (setting report_timeliness_by), not the responses issued."""
        return self.settings.timeliness_by == "deadline"

    @property
    def us(self) -> str:
        return self.authority if self.speaks_as_authority else "us"

    @property
    def our(self) -> str:
        return f"{self.authority}'s" if self.speaks_as_authority else "our"

    @property
    def previous_label(self) -> str:
        """The same period a year earlier, to follow "in" or "with": "2020-21", "the same
        quarter last year", "April 2021", "the same period a year earlier"."""
        return self.words.previous_label

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
        """The service areas the report counts (None: every one)."""
        if self.given_areas is not None:
            return list(self.given_areas)
        return selectors.service_area_ids(self.service)

    @cached_property
    def area_names(self) -> list[str]:
        """The names of the service areas a locality's report counts, once each, in order."""
        if self.given_areas is None:
            return []
        from redress.reporting.selectors.reports import service_area_names

        return service_area_names(self.given_areas)

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
