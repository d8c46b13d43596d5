"""Reads behind a report: which service areas a service name or a locality covers, the
authority's report settings, the years there is data for, and the figures for a period."""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Min

from redress.complaints.models import Stage
from redress.core import config, presenters
from redress.feedback.models import Compliment
from redress.organisations.models import Locality, ServiceArea
from redress.procedures.selectors import working_calendar
from redress.reporting.facts import Facts, extract_facts
from redress.reporting.figures import FigureSet, ReportSettings, compute_figures
from redress.reporting.periods import Period, financial_year, financial_year_of


class ReportError(ValueError):
    """A report could not be made as asked; the message says what to change."""


class UnknownServiceError(ReportError):
    pass


class UnknownLocalityError(ReportError):
    pass


def service_names() -> list[str]:
    """Every service area name, once, in order (a name may have several dated versions)."""
    return sorted(set(ServiceArea.objects.values_list("name", flat=True)), key=str.casefold)


def _near(wanted: str, names: list[str]) -> list[str]:
    """Up to five names like the one asked for (close in spelling, or containing it)."""
    folded = {n.casefold(): n for n in names}
    near = [folded[n] for n in difflib.get_close_matches(wanted.casefold(), list(folded), n=5)]
    near += [n for n in names if wanted.casefold() in n.casefold() and n not in near]
    return near[:5]


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
    near = _near(wanted, names)
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


def service_area_names(ids: Iterable[int]) -> list[str]:
    """The names of these service area versions, once each, in order."""
    names = ServiceArea.objects.filter(pk__in=list(ids)).values_list("name", flat=True)
    return sorted(set(names), key=str.casefold)


# -- localities ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class LocalitySpan:
    """A locality by name, from the first day of its first version to the last of its last
    (None: since records began, or still in use)."""

    name: str
    start: datetime.date | None
    end: datetime.date | None

    @property
    def words(self) -> str:
        """ "from 1 January 2022", "until 31 December 2021", "1 April 2019 to 31 March 2021" or
        "" for a locality that has always been in use."""
        start, end = self.start, self.end
        if start and end:
            return f"{presenters.govuk_date(start)} to {presenters.govuk_date(end)}"
        if start:
            return f"from {presenters.govuk_date(start)}"
        if end:
            return f"until {presenters.govuk_date(end)}"
        return ""


def locality_spans() -> list[LocalitySpan]:
    """Every locality name, once, in order, with when it was in use (a name may have several
    dated versions)."""
    spans: dict[str, LocalitySpan] = {}
    for name, start, end in Locality.objects.values_list("name", "valid_from", "valid_to"):
        key = name.casefold()
        known = spans.get(key)
        if known is None:
            spans[key] = LocalitySpan(name, start, end)
            continue
        spans[key] = LocalitySpan(
            known.name,
            None if known.start is None or start is None else min(known.start, start),
            None if known.end is None or end is None else max(known.end, end),
        )
    return sorted(spans.values(), key=lambda s: s.name.casefold())


def locality_names() -> list[str]:
    return [span.name for span in locality_spans()]


def _overlaps(start: datetime.date | None, end: datetime.date | None, period: Period) -> bool:
    return (start is None or start <= period.end) and (end is None or end >= period.start)


def _later(a: datetime.date | None, b: datetime.date | None) -> datetime.date | None:
    return a if b is None else b if a is None else max(a, b)


def _earlier(a: datetime.date | None, b: datetime.date | None) -> datetime.date | None:
    return a if b is None else b if a is None else min(a, b)


def _dates(period: Period) -> str:
    return f"{presenters.govuk_date(period.start)} and {presenters.govuk_date(period.end)}"


def localities_without_service_areas() -> list[str]:
    """The localities no service area was ever in (in any version of either). A locality's
    report counts the service areas in it, so one of these is refused for every period: an
    authority whose complaints record their locality directly (Kingsmoor's) has its
    localities in the whole authority's report, "by area", not as reports of their own."""
    used = {
        name.casefold()
        for name in ServiceArea.objects.filter(locality__isnull=False).values_list(
            "locality__name", flat=True
        )
    }
    return [name for name in locality_names() if name.casefold() not in used]


def locality_areas(name: str, period: Period) -> tuple[str, list[ServiceArea]]:
    """The locality's name as recorded, and the service area versions that were in it (in any
    version of it) at some time during the period or the same period a year before: a service
    area belongs to a locality while both its version and the locality's are in use. The year
    before is included so that the comparison is with the locality as it was then, across a
    restructure; a complaint counts where its service area was recorded, at every stage.

    Raises UnknownLocalityError (naming near matches) for a name that is no locality, and
    ReportError for a locality not in use during the period or with no service areas in it."""
    wanted = name.strip()
    versions = list(Locality.objects.filter(name__iexact=wanted).order_by("valid_from", "pk"))
    if not versions:
        names = locality_names()
        near = _near(wanted, names)
        if near:
            hint = "Did you mean " + " or ".join(f"'{n}'" for n in near) + "?"
        elif names:
            hint = "Localities: " + ", ".join(names) + "."
        else:
            hint = "There are no localities yet."
        raise UnknownLocalityError(f"There is no locality called '{wanted}'. {hint}")
    recorded = versions[-1].name
    if not any(_overlaps(v.valid_from, v.valid_to, period) for v in versions):
        span = next(s for s in locality_spans() if s.name.casefold() == recorded.casefold())
        raise ReportError(
            f"The locality '{recorded}' was not in use between {_dates(period)} (it was in "
            f"use {span.words}). Choose a period when it was, or another locality."
        )
    areas = []
    for area in ServiceArea.objects.filter(locality__in=versions).select_related("locality"):
        assert area.locality is not None
        start = _later(area.valid_from, area.locality.valid_from)
        end = _earlier(area.valid_to, area.locality.valid_to)
        if any(_overlaps(start, end, p) for p in (period, period.previous)):
            areas.append(area)
    if not areas:
        raise ReportError(
            f"No service area was in the locality '{recorded}' between {_dates(period)}, so "
            "there is nothing to report. Choose another period or locality."
        )
    return recorded, sorted(
        areas, key=lambda a: (a.name.casefold(), a.valid_from or datetime.date.min)
    )


@dataclass(frozen=True)
class ReportScope:
    """What a report covers: the whole authority, one locality (the service areas in it during
    the period or the same period a year before) or one service area (every version of it)."""

    service: str | None = None
    locality: str | None = None
    # The service area versions counted (None: every one, the whole authority), and their names.
    area_ids: tuple[int, ...] | None = None
    area_names: tuple[str, ...] = ()
    # The day the locality or service area came into use (`scope_began`); None for the whole
    # authority, or for a scope in use since records began.
    began: datetime.date | None = None

    @property
    def kind(self) -> str:
        return "locality" if self.locality else "service" if self.service else "authority"

    @property
    def words(self) -> str | None:
        """Who the report is for, as its title and cover say: "Fostering", "South locality";
        None for the whole authority."""
        if self.locality:
            named = self.locality.casefold().endswith("locality")
            return self.locality if named else f"{self.locality} locality"
        return self.service

    def as_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "name": self.locality or self.service,
            "service_areas": list(self.area_names) if self.area_ids is not None else None,
        }


def report_scope(
    *, period: Period, service: str | None = None, locality: str | None = None
) -> ReportScope:
    """The scope of a report for one service area (by name), one locality (by name) or, with
    neither, the whole authority. Raises ReportError saying what to change."""
    service = service.strip() if service else None
    locality = locality.strip() if locality else None
    if service and locality:
        raise ReportError(
            "A report is for the whole authority, one locality or one service area: give a "
            "locality or a service area, not both."
        )
    if locality:
        try:
            recorded, areas = locality_areas(locality, period)
        except UnknownLocalityError:
            raise
        except ReportError:
            versions = list(Locality.objects.filter(name__iexact=locality))
            in_use = any(_overlaps(v.valid_from, v.valid_to, period) for v in versions)
            if in_use and not ServiceArea.objects.filter(locality__in=versions).exists():
                # Refused whatever the period (the reports page does not list it): say so, and
                # where its complaints are counted instead.
                raise ReportError(
                    f"No service area is in the locality '{versions[-1].name}', so a report "
                    "for it would count nothing whatever the period. Complaints that record "
                    "their locality are counted by area in the whole authority's report: "
                    "choose the whole authority or a service area."
                ) from None
            raise
        names = tuple(dict.fromkeys(a.name for a in areas))
        return ReportScope(
            locality=recorded,
            area_ids=tuple(a.pk for a in areas),
            area_names=names,
            began=scope_began(areas, in_locality=True),
        )
    if service:
        ids = service_area_ids(service)
        area_versions = list(ServiceArea.objects.filter(pk__in=ids).order_by("pk"))
        recorded = area_versions[0].name
        return ReportScope(
            service=recorded,
            area_ids=tuple(ids),
            area_names=(recorded,),
            began=scope_began(area_versions, in_locality=False),
        )
    return ReportScope()


def scope_began(areas: Iterable[ServiceArea], *, in_locality: bool) -> datetime.date | None:
    """The day a locality or service area came into use: the earliest day one of the service
    area versions its report counts was in use (`in_locality`: in the locality, for a
    locality's report, so a version's `locality` must be loaded). None when one of them has
    been in use since records began, or there are none."""
    starts = []
    for area in areas:
        start = area.valid_from
        if in_locality and area.locality is not None:
            start = _later(start, area.locality.valid_from)
        if start is None:
            return None
        starts.append(start)
    return min(starts, default=None)


# The settings that shape a report's sections and words: its profile (ADR 0028) and its voice.
# An edition keeps them when it is published, so its report is built the same way ever after.
# What a published edition keeps: the report's profile and voice, and the settings its figures
# and what publication withholds depend on.
PROFILE_SETTINGS = (
    "report_sections",
    "report_reasons_by",
    "report_timeliness_by",
    "report_voice",
    "suppression_threshold",
    "stage2_average_cost",
)


def report_profile() -> dict[str, Any]:
    """The authority's report profile and voice as they are now, each setting in the JSON form
    the settings are stored in: what an edition keeps when it is published."""
    return {key: config.SETTINGS[key].to_json(config.get(key)) for key in PROFILE_SETTINGS}


def report_settings(*, profile: Mapping[str, Any] | None = None) -> ReportSettings:
    """The authority's report settings. Given `profile` (a published edition's, as
    `report_profile` gave it), its settings stand in for the current ones; a setting it does
    not hold (an edition published before it was kept) is read as it is now. Raises
    ValueError for a stored value the report cannot use (an unknown timeliness measure:
    `ReportSettings`)."""
    stored = profile or {}

    def value(key: str) -> Any:
        if key in stored:
            return config.SETTINGS[key].from_json(stored[key])
        return config.get(key)

    return ReportSettings(
        stage2_average_cost=value("stage2_average_cost"),
        suppression_threshold=int(value("suppression_threshold")),
        voice=str(value("report_voice")),
        sections=tuple(value("report_sections")),
        reasons_by=str(value("report_reasons_by")),
        timeliness_by=str(value("report_timeliness_by")),
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
    *,
    as_of: datetime.date,
    service: str | None = None,
    period: Period | None = None,
    scope: ReportScope | None = None,
) -> Facts:
    """The facts as recorded by as_of, for one service (every version of it), a scope (a
    locality's service areas, say) or the whole authority. Given the report's period, reasons
    are read only for it and the period before (the only ones a report counts); without it,
    for every stage. As the figures read them (`Facts.for_figures`), and kept for the next
    request until something is recorded (facts/kept.py)."""
    if scope is not None:
        areas = list(scope.area_ids) if scope.area_ids is not None else None
    else:
        areas = service_area_ids(service) if service else None
    return extract_facts(
        as_of=as_of,
        calendar=working_calendar(),
        service_area_ids=areas,
        aspects_from=period.previous.start if period is not None else None,
        keep=True,
        narrow=True,
    )


def report_figures(
    *,
    period: Period,
    as_of: datetime.date,
    service: str | None = None,
    only: set[str] | None = None,
    facts: Facts | None = None,
    keep_evidence: bool | None = None,
    settings: ReportSettings | None = None,
) -> FigureSet:
    """The figures of a period as recorded by as_of, for one service or the whole authority
    (only some ids when asked), from the facts given or freshly extracted ones, with the
    settings given (a published edition's) or the current ones."""
    facts = facts or report_facts(as_of=as_of, service=service, period=period)
    # Asking for particular ids is a drill-down: keep the records behind them (unless told).
    return compute_figures(
        facts=facts,
        period=period,
        settings=settings or report_settings(),
        only=only,
        keep_evidence=only is not None if keep_evidence is None else keep_evidence,
    )


def consented_names(
    *,
    period: Period,
    as_of: datetime.date,
    service: str | None,
    scope: ReportScope | None = None,
) -> set[str]:
    """Staff named in the period's compliments who agreed to be named: the only names a
    publication version still prints, and so the ones to take out for a reader who sees no
    personal data."""
    compliments = Compliment.objects.filter(
        received_date__range=(period.start, min(period.end, as_of)), consent_to_publish=True
    ).exclude(staff_member="")
    if scope is not None and scope.area_ids is not None:
        compliments = compliments.filter(service_area_id__in=scope.area_ids)
    elif service:
        compliments = compliments.filter(service_area_id__in=service_area_ids(service))
    return {name.strip() for name in compliments.values_list("staff_member", flat=True)}
