"""Reads behind a report: which service areas a service name covers, the authority's report
settings, the years there is data for, and the figures for a period."""

from __future__ import annotations

import datetime
import difflib

from django.db.models import Min

from redress.complaints.models import Stage
from redress.core import config
from redress.feedback.models import Compliment
from redress.organisations.models import ServiceArea
from redress.procedures.selectors import working_calendar
from redress.reporting.facts import Facts, extract_facts
from redress.reporting.figures import FigureSet, ReportSettings, compute_figures
from redress.reporting.periods import Period, financial_year, financial_year_of


class ReportError(ValueError):
    """A report could not be made as asked; the message says what to change."""


class UnknownServiceError(ReportError):
    pass


def service_names() -> list[str]:
    """Every service area name, once, in order (a name may have several dated versions)."""
    return sorted(set(ServiceArea.objects.values_list("name", flat=True)), key=str.casefold)


def service_area_ids(name: str) -> list[int]:
    """Every effective-dated version of the named service area (case does not matter), so a
    service's report spans a restructure. Raises UnknownServiceError naming the near matches."""
    wanted = name.strip()
    ids = list(
        ServiceArea.objects.filter(name__iexact=wanted).order_by("pk").values_list("pk", flat=True)
    )
    if ids:
        return ids
    names = service_names()
    folded = {n.casefold(): n for n in names}
    near = [folded[n] for n in difflib.get_close_matches(wanted.casefold(), list(folded), n=5)]
    near += [n for n in names if wanted.casefold() in n.casefold() and n not in near][:5]
    if near:
        hint = "Did you mean " + " or ".join(f"'{n}'" for n in near[:5]) + "?"
    elif names:
        hint = "Service areas: " + ", ".join(names) + "."
    else:
        hint = "There are no service areas yet."
    raise UnknownServiceError(f"There is no service area called '{wanted}'. {hint}")


def canonical_service(name: str | None) -> str | None:
    """The service area's name as recorded (so 'south safeguarding' reads 'South
    Safeguarding'); None for the whole authority."""
    if name is None or not name.strip():
        return None
    first = ServiceArea.objects.get(pk=service_area_ids(name)[0])
    return first.name


def report_settings() -> ReportSettings:
    return ReportSettings(
        stage2_average_cost=config.get("stage2_average_cost"),
        suppression_threshold=int(config.get("suppression_threshold")),
        voice=str(config.get("report_voice")),
        sections=tuple(config.get("report_sections")),
        reasons_by=str(config.get("report_reasons_by")),
    )


def report_years(today: datetime.date) -> list[Period]:
    """Financial years from the first with a complaint to the current one, newest first."""
    current = financial_year_of(today)
    first_received = Stage.objects.aggregate(first=Min("received_date"))["first"]
    first = financial_year_of(first_received) if first_received else current.previous
    years = []
    year = current.start.year
    while year >= min(first.start.year, current.start.year - 1):
        years.append(financial_year(year))
        year -= 1
    return years


def report_facts(
    *, as_of: datetime.date, service: str | None = None, period: Period | None = None
) -> Facts:
    """The facts as recorded by as_of, for one service (every version of it) or the whole
    authority. Given the report's period, reasons are read only for it and the period before
    (the only ones a report counts); without it, for every stage."""
    areas = service_area_ids(service) if service else None
    return extract_facts(
        as_of=as_of,
        calendar=working_calendar(),
        service_area_ids=areas,
        aspects_from=period.previous.start if period is not None else None,
    )


def report_figures(
    *,
    period: Period,
    as_of: datetime.date,
    service: str | None = None,
    only: set[str] | None = None,
    facts: Facts | None = None,
    keep_evidence: bool | None = None,
) -> FigureSet:
    """The figures of a period as recorded by as_of, for one service or the whole authority
    (only some ids when asked), from the facts given or freshly extracted ones."""
    facts = facts or report_facts(as_of=as_of, service=service, period=period)
    # Asking for particular ids is a drill-down: keep the records behind them (unless told).
    return compute_figures(
        facts=facts,
        period=period,
        settings=report_settings(),
        only=only,
        keep_evidence=only is not None if keep_evidence is None else keep_evidence,
    )


def consented_names(*, period: Period, as_of: datetime.date, service: str | None) -> set[str]:
    """Staff named in the period's compliments who agreed to be named: the only names a
    publication version still prints, and so the ones to take out for a reader who sees no
    personal data."""
    compliments = Compliment.objects.filter(
        received_date__range=(period.start, min(period.end, as_of)), consent_to_publish=True
    ).exclude(staff_member="")
    if service:
        compliments = compliments.filter(service_area_id__in=service_area_ids(service))
    return {name.strip() for name in compliments.values_list("staff_member", flat=True)}
