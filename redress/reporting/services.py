"""Making reports, and the writes behind report editions.

`generate_report` is the one way a report is made, by the `redress report` command and by the
reports page alike: extract the facts (for one service, one locality's service areas, or the
whole authority), compute every
figure, apply the publication rules when asked, build the document with the edition's
narratives and render it. Editions are created, written and published only through the
services below, each in one transaction with its audit event.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from redress.accounts.models import Role
from redress.core import audit, clock, config, presenters
from redress.procedures.rules import RuleViolation
from redress.reporting.document.build import build_document
from redress.reporting.document.sections import SECTION_KEYS, SECTION_TITLES
from redress.reporting.figures import FigureSet
from redress.reporting.models import EditionStatus, ReportEdition, SectionNarrative
from redress.reporting.periods import Period
from redress.reporting.publish import publish_figures
from redress.reporting.render import FORMATS, renderer
from redress.reporting.render.json import render as render_json

from .selectors import (
    ReportError,
    canonical_service,
    consented_names,
    edition_settings,
    left_out_sections,
    narratives,
    report_facts,
    report_figures,
    report_profile,
    report_sections,
)
from .selectors.reports import ReportScope, report_scope

if TYPE_CHECKING:
    from redress.accounts.models import User
    from redress.reporting.document.model import ReportDocument

NARRATIVE_LIMIT = 20_000


# -- making a report ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportOutput:
    content: bytes
    content_type: str
    filename: str


@dataclass(frozen=True)
class PreparedReport:
    """A report's figures (published or internal) and, for every format but JSON, its
    document; whom it covers."""

    figures: FigureSet
    document: ReportDocument | None
    service: str | None
    scope: ReportScope = field(default_factory=ReportScope)

    @property
    def locality(self) -> str | None:
        return self.scope.locality


def report_filename(
    *,
    period: Period,
    service: str | None,
    published: bool,
    fmt: str,
    locality: str | None = None,
) -> str:
    """`complaints-report-2021-22[-south-safeguarding][-published].pdf`, or for a locality
    `complaints-report-2021-22-q1-south-locality.pdf`."""
    parts = ["complaints-report", slugify(period.label)]
    if locality:
        parts.append(slugify(ReportScope(locality=locality).words or locality))
    elif service:
        parts.append(slugify(service))
    if published:
        parts.append("published")
    return "-".join(p for p in parts if p) + "." + FORMATS[fmt].extension


def _check_edition(edition: ReportEdition, period: Period, scope: ReportScope) -> None:
    if (edition.period_start, edition.period_end) != (period.start, period.end):
        raise ReportError(
            f"The edition '{edition.title}' covers {edition.period_label}, not {period.label}."
        )
    asked = ((scope.service or "").casefold(), (scope.locality or "").casefold())
    if asked != (edition.service_area_name.casefold(), edition.locality_name.casefold()):
        raise ReportError(
            f"The edition '{edition.title}' is for {edition.covers or 'the whole authority'}, "
            f"not {scope.words or 'the whole authority'}."
        )


def _without_names(document: ReportDocument, names: set[str]) -> ReportDocument:
    """The document with the given names taken out of every piece of text in it."""
    from redress.reporting.document import model
    from redress.reporting.document.redact import redact

    def text(value: str) -> str:
        return redact(value, names)

    def paragraph(p: model.Paragraph) -> model.Paragraph:
        runs = tuple(
            text(r) if isinstance(r, str) else replace(r, text=text(r.text)) for r in p.runs
        )
        return replace(p, runs=runs)

    def table(t: model.TableBlock) -> model.TableBlock:
        def cells(row: tuple[model.Cell, ...]) -> tuple[model.Cell, ...]:
            return tuple(
                replace(c, text=text(c.text), value=text(c.value))
                if isinstance(c.value, str)
                else replace(c, text=text(c.text))
                for c in row
            )

        return replace(
            t,
            caption=text(t.caption),
            rows=tuple(cells(r) for r in t.rows),
            total=cells(t.total) if t.total else None,
            footnote=text(t.footnote) if t.footnote else None,
        )

    def block(b: model.Block) -> model.Block:
        if isinstance(b, model.Paragraph):
            return paragraph(b)
        if isinstance(b, model.BulletList):
            return replace(b, items=tuple(paragraph(i) for i in b.items))
        if isinstance(b, model.Markdown):
            return replace(b, text=text(b.text))
        if isinstance(b, model.TableBlock):
            return table(b)
        if isinstance(b, model.ChartBlock):
            return replace(
                b,
                description=text(b.description),
                table=table(b.table) if b.table else None,
            )
        return b

    if not names:
        return document
    return replace(
        document,
        summary=[paragraph(p) for p in document.summary],
        sections=[
            replace(
                s,
                blocks=[block(b) for b in s.blocks],
                narrative=replace(s.narrative, text=text(s.narrative.text))
                if s.narrative
                else None,
            )
            for s in document.sections
        ],
    )


def prepare_report(
    *,
    period: Period,
    as_of: datetime.date,
    service: str | None = None,
    publish: bool = False,
    edition: ReportEdition | None = None,
    names: bool = True,
    document: bool = True,
    locality: str | None = None,
) -> PreparedReport:
    """Compute the figures (publishing them when asked) and build the document, for one
    service area, one locality (the service areas in it during the period or the same period
    a year before: `report_scope`) or the whole authority. `names=False` removes every staff
    name, consent or not, and needs `publish`."""
    if not names and not publish:
        raise ReportError("A report without names is a publication version: publish it.")
    scope = report_scope(period=period, service=service, locality=locality)
    service = scope.service
    if edition is not None:
        _check_edition(edition, period, scope)
    facts = report_facts(as_of=as_of, period=period, scope=scope)
    settings = edition_settings(edition)
    figures = report_figures(
        period=period, as_of=as_of, service=service, facts=facts, settings=settings
    )
    if publish:
        figures = publish_figures(
            figures, threshold=settings.suppression_threshold, scoped=scope.kind != "authority"
        )
    built = None
    if document:
        built = build_document(
            figures=figures,
            authority=str(config.get("authority_name")),
            service=service,
            narratives=narratives(edition),
            settings=settings,
            facts=facts,
            left_out=left_out_sections(edition),
            locality=scope.locality,
            areas=scope.area_ids if scope.locality else None,
            began=scope.began,
        )
        if not names:
            built = _without_names(
                built,
                consented_names(period=period, as_of=as_of, service=service, scope=scope),
            )
    return PreparedReport(figures=figures, document=built, service=service, scope=scope)


def generate_report(
    *,
    period: Period,
    as_of: datetime.date,
    service: str | None = None,
    publish: bool = False,
    fmt: str = "json",
    edition: ReportEdition | None = None,
    locality: str | None = None,
) -> ReportOutput:
    """The report for the period as recorded by as_of, in one format, for a service area, a
    locality or the whole authority. Raises ReportError (with a message saying what to change)
    for an unknown format, service or locality, or an edition that does not match."""
    if fmt not in FORMATS:
        raise ReportError(f"There is no '{fmt}' format. Formats: {', '.join(FORMATS)}.")
    prepared = prepare_report(
        period=period,
        as_of=as_of,
        service=service,
        publish=publish,
        edition=edition,
        document=fmt != "json",
        locality=locality,
    )
    return render_report(prepared, fmt=fmt, period=period, published=publish)


def render_report(
    prepared: PreparedReport, *, fmt: str, period: Period, published: bool
) -> ReportOutput:
    if fmt == "json":
        # The figures need no document; the JSON says whom they cover.
        content = render_json(None, prepared.figures, scope=prepared.scope.as_json())
    else:
        content = renderer(fmt)(prepared.document, prepared.figures)  # type: ignore[arg-type]
    return ReportOutput(
        content=content,
        content_type=FORMATS[fmt].content_type,
        filename=report_filename(
            period=period,
            service=prepared.service,
            locality=prepared.locality,
            published=published,
            fmt=fmt,
        ),
    )


# -- editions ----------------------------------------------------------------------------------


class EditionAlreadyPublished(RuleViolation):
    """'{title}' was published on {published}, so it can no longer change."""


class NotASection(RuleViolation):
    """'{section}' is not a section of the report."""


class NotInReport(RuleViolation):
    """'{title}' is not in this authority's report: its sections are set by the setting
    report_sections (a complaints manager can add it with `redress config set
    report_sections …`)."""


class NarrativeTooLong(RuleViolation):
    """The narrative for '{section}' has {length} characters; it can have at most {limit}."""

    field = "narrative"


class AsOfBeforePeriodStarts(RuleViolation):
    """The figures cannot be read at {as_of}: the period starts on {start}."""

    field = "as_of"


class AsOfInFuture(RuleViolation):
    """The figures cannot be read at {as_of}: that is in the future."""

    field = "as_of"


class SectionsNotWritten(RuleViolation):
    """Nothing is written for {sections}: write {which}, or leave {which} out of the report,
    before publishing."""

    def __init__(self, *, unwritten: Sequence[str] = (), **context: Any) -> None:
        super().__init__(**context)
        # The keys of the sections found empty, in the report's order: the publish page lists
        # them without building the whole report again.
        self.unwritten = tuple(unwritten)


class OnlyManagersPublish(RuleViolation):
    """Only a complaints manager can publish a report edition."""


class OnlyTeamWritesEditions(RuleViolation):
    """Only the complaints team (complaints officers and managers) can write report editions."""


def _writes_editions(by: User | None) -> None:
    if by is not None and not (by.is_superuser or by.manages_complaints):
        raise OnlyTeamWritesEditions()


def default_title(period: Period, covers: str | None) -> str:
    """ "Complaints annual report 2021-22", "Complaints report 2021-22 Q4: South locality"."""
    kind = "annual report" if period.is_financial_year else "report"
    title = f"Complaints {kind} {period.label}"
    return f"{title}: {covers}" if covers else title


def _changed_at(edition: ReportEdition, now: datetime.datetime) -> None:
    """`updated_at` is set from the real clock by every save; this puts Redress's moment in
    instead (the pinned day of a demonstration: `clock.now`)."""
    ReportEdition.objects.filter(pk=edition.pk).update(updated_at=now)
    edition.updated_at = now


def _lock(edition: ReportEdition) -> ReportEdition:
    return ReportEdition.objects.select_for_update().get(pk=edition.pk)


def _ensure_draft(edition: ReportEdition) -> None:
    if edition.is_published:
        raise EditionAlreadyPublished(
            title=edition.title, published=timezone.localdate(edition.published_at)
        )


@transaction.atomic
def edition_create(
    *,
    period: Period,
    service: str | None,
    title: str = "",
    by: User | None,
    locality: str | None = None,
) -> ReportEdition:
    """A draft edition of the report for a period, for one service area (by name, so every
    dated version of it), one locality (by name: the service areas in it during the period or
    the same period a year before, as its report counts them) or the whole authority. Raises
    ReportError for an unknown service area or locality, or a locality not in use in the
    period, and for both at once."""
    _writes_editions(by)
    if locality and locality.strip():
        scope = report_scope(period=period, service=service, locality=locality)
        name, place, covers = None, scope.locality, scope.words
    else:
        name = canonical_service(service)
        place, covers = None, name
    now = clock.now()
    edition = ReportEdition.objects.create(
        title=title.strip() or default_title(period, covers),
        period_start=period.start,
        period_end=period.end,
        period_label=period.label,
        service_area_name=name or "",
        locality_name=place or "",
        created_by=by,
        created_at=now,
    )
    _changed_at(edition, now)
    audit.record(action="report_edition.create", obj=edition, by=by, after=audit.snapshot(edition))
    return edition


def _normalised(text: str) -> str:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in lines)).strip()


def _draft_section(edition: ReportEdition, section: str, by: User | None) -> ReportEdition:
    """The edition locked for a change to one of its sections, once the change is allowed: the
    complaints team's, to a draft, to a section the report has."""
    _writes_editions(by)
    edition = _lock(edition)
    _ensure_draft(edition)
    if section not in SECTION_KEYS:
        raise NotASection(section=section)
    if section not in {spec.key for spec in report_sections()}:
        raise NotInReport(title=SECTION_TITLES[section])
    return edition


def _save_changed(
    narrative: SectionNarrative,
    changes: dict[str, Any],
    *,
    action: str,
    before: dict[str, Any] | None,
    by: User | None,
) -> SectionNarrative:
    """Save a change to a section's record, by whom and when, on the audit trail."""
    for name, value in changes.items():
        setattr(narrative, name, value)
    narrative.updated_by = by
    narrative.updated_at = clock.now()
    narrative.save()
    audit.record(
        action=action,
        obj=narrative,
        by=by,
        before=before,
        after={"section": narrative.section, **changes},
        note=f"{narrative.edition.title}: {SECTION_TITLES[narrative.section]}",
    )
    return narrative


@transaction.atomic
def narrative_save(
    *, edition: ReportEdition, section: str, text: str, by: User | None
) -> SectionNarrative:
    """Write (or clear, with empty text) the Markdown narrative of one section of a draft
    edition. Saving the same text again records nothing."""
    edition = _draft_section(edition, section, by)
    text = _normalised(text)
    if len(text) > NARRATIVE_LIMIT:
        raise NarrativeTooLong(
            section=SECTION_TITLES[section], length=f"{len(text):,}", limit=f"{NARRATIVE_LIMIT:,}"
        )
    narrative, created = SectionNarrative.objects.get_or_create(
        edition=edition, section=section, defaults={"updated_by": by}
    )
    before = narrative.text
    if not created and before == text:
        return narrative
    return _save_changed(
        narrative,
        {"text": text},
        action="report_edition.narrative",
        before={"section": section, "text": before} if not created else None,
        by=by,
    )


@transaction.atomic
def narrative_leave_out(
    *, edition: ReportEdition, section: str, left_out: bool, by: User | None
) -> SectionNarrative:
    """Leave a section out of a draft edition (not shown in any format, narrative and figures
    alike), or put it back. Its narrative, if any, is kept."""
    edition = _draft_section(edition, section, by)
    narrative, _ = SectionNarrative.objects.get_or_create(
        edition=edition, section=section, defaults={"updated_by": by}
    )
    if narrative.left_out == left_out:
        return narrative
    return _save_changed(
        narrative,
        {"left_out": left_out},
        action="report_edition.leave_out",
        before={"section": section, "left_out": not left_out},
        by=by,
    )


def unwritten_sections(edition: ReportEdition, *, as_of: datetime.date) -> list[str]:
    """The keys of the sections that would print nothing in the edition's published version
    as recorded on `as_of`: no narrative, nothing from the figures, and not left out."""
    prepared = prepare_report(
        period=edition.period,
        as_of=as_of,
        service=edition.service,
        locality=edition.locality,
        publish=True,
        edition=edition,
    )
    assert prepared.document is not None
    return list(prepared.document.unwritten)


@transaction.atomic
def edition_publish(
    *, edition: ReportEdition, as_of: datetime.date | None = None, by: User | None
) -> ReportEdition:
    """Publish a draft edition: its narrative is final, its figures are read as recorded on
    `as_of` (default today) from now on, and its report profile and voice are kept with it, so
    every download shows the report as published."""
    if by is not None and not (by.is_superuser or by.role == Role.COMPLAINTS_MANAGER):
        raise OnlyManagersPublish()
    edition = _lock(edition)
    _ensure_draft(edition)
    today = clock.today()
    as_of = as_of or today
    if as_of > today:
        raise AsOfInFuture(as_of=as_of)
    if as_of < edition.period_start:
        raise AsOfBeforePeriodStarts(as_of=as_of, start=edition.period_start)
    if unwritten := unwritten_sections(edition, as_of=as_of):
        titles = {s.key: s.title for s in report_sections(left_out=left_out_sections(edition))}
        raise SectionsNotWritten(
            sections=presenters.and_list(
                [f"'{titles.get(k, SECTION_TITLES[k])}'" for k in unwritten]
            ),
            which="it" if len(unwritten) == 1 else "each",
            unwritten=unwritten,
        )
    published = ["status", "as_of", "published_at", "published_by", "published_settings"]
    before = audit.snapshot(edition, published)
    edition.status = EditionStatus.PUBLISHED
    edition.as_of = as_of
    now = clock.now()
    edition.published_at = now
    edition.published_by = by
    # Kept so that a later change to the settings changes no published report (the same
    # transaction read them to find the sections with nothing written).
    edition.published_settings = report_profile()
    edition.save()
    _changed_at(edition, now)
    audit.record(
        action="report_edition.publish",
        obj=edition,
        by=by,
        before=before,
        after=audit.snapshot(edition, published),
    )
    return edition
