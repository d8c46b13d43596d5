"""Reads of report editions and their narratives."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.db.models import F, QuerySet

from redress.core.presenters import govuk_date
from redress.reporting.document.sections import SectionSpec, profile_sections
from redress.reporting.figures import ReportSettings
from redress.reporting.models import EditionStatus, ReportEdition, SectionNarrative

from .access import report_access
from .reports import report_scope, report_settings


def editions_visible_to(user: Any) -> QuerySet[ReportEdition]:
    """Every edition for the complaints team; only published ones for anyone else with reports."""
    access = report_access(user)
    editions = ReportEdition.objects.select_related("created_by", "published_by")
    if not access.reports:
        return editions.none()
    if access.draft_editions:
        return editions
    return editions.filter(status=EditionStatus.PUBLISHED)


def narratives(edition: ReportEdition | None) -> dict[str, str]:
    """The edition's narrative by section key (sections with no text are left out)."""
    if edition is None:
        return {}
    return {
        n.section: n.text for n in SectionNarrative.objects.filter(edition=edition).exclude(text="")
    }


def next_steps_draft(edition: ReportEdition) -> str:
    """A first draft of "Next steps", for its authors to edit: the learning actions still open
    (what, who owns it, when it is due) and the priorities written in the previous period's
    published edition (for the same service), to say how each went."""
    from redress.complaints.models import LearningAction  # (reporting reads complaints)

    actions = LearningAction.objects.filter(completed_date__isnull=True).order_by(
        F("due_date").asc(nulls_last=True), "raised_date", "pk"
    )
    if edition.service:
        actions = actions.filter(complaint__service_area__name=edition.service)
    elif edition.locality:
        actions = actions.filter(complaint__service_area_id__in=edition_areas(edition) or [])
    lines = ["We will finish the improvements still under way:", ""]
    for action in actions:
        owner = f" ({action.owner})" if action.owner else ""
        due = f", by {govuk_date(action.due_date)}" if action.due_date else ""
        what = " ".join(action.description.split()).rstrip(".")
        lines.append(f"- {what}{owner}{due}")
    if len(lines) == 2:
        lines = ["Every improvement from last year's complaints is complete."]
    previous = (
        SectionNarrative.objects.filter(
            section="next_steps",
            left_out=False,
            edition__status=EditionStatus.PUBLISHED,
            edition__service_area_name=edition.service_area_name,
            edition__locality_name=edition.locality_name,
            edition__period_end__lt=edition.period_start,
        )
        .exclude(text="")
        .select_related("edition")
        .order_by("-edition__period_end", "-edition__published_at")
        .first()
    )
    if previous is not None:
        lines += [
            "",
            f"In {previous.edition.period_label} we said our priorities would be the "
            "following. Say how each went:",
            "",
            *(f"> {line}" if line else ">" for line in previous.text.splitlines()),
        ]
    return "\n".join(lines)


def edition_areas(edition: ReportEdition) -> list[int] | None:
    """The service area versions the edition's report counts: every version of its service
    area, its locality's in the period or the same period a year before (`report_scope`), or
    None for the whole authority."""
    scope = report_scope(period=edition.period, service=edition.service, locality=edition.locality)
    return list(scope.area_ids) if scope.area_ids is not None else None


def left_out_sections(edition: ReportEdition | None) -> set[str]:
    """The sections the edition's authors chose to leave out."""
    if edition is None:
        return set()
    return set(
        SectionNarrative.objects.filter(edition=edition, left_out=True).values_list(
            "section", flat=True
        )
    )


@dataclass(frozen=True)
class SectionNarrativeView:
    spec: SectionSpec
    narrative: SectionNarrative | None

    @property
    def written(self) -> bool:
        return bool(self.narrative and self.narrative.text.strip())

    @property
    def left_out(self) -> bool:
        return bool(self.narrative and self.narrative.left_out)


def edition_settings(edition: ReportEdition | None) -> ReportSettings:
    """The settings an edition's report is built with. A published edition's profile and voice
    are those it was published with (`published_settings`), so changing a setting later
    changes no published report; a draft (or no edition) follows the current settings."""
    if edition is not None and edition.is_published:
        return report_settings(profile=edition.published_settings)
    return report_settings()


def report_sections(
    *, left_out: Collection[str] = (), edition: ReportEdition | None = None
) -> tuple[SectionSpec, ...]:
    """The sections of the authority's report (its profile: setting report_sections; for a
    published edition, the profile it was published with) in order, the appendices lettered as
    a report without the `left_out` sections has them."""
    settings = edition_settings(edition)
    return profile_sections(settings.sections, left_out=left_out, reasons_by=settings.reasons_by)


def edition_sections(edition: ReportEdition) -> list[SectionNarrativeView]:
    """Every section of the edition's report (`report_sections`) in its order, with the
    edition's narrative where written (a section the profile leaves out is not listed; its
    narrative is kept)."""
    written = {
        n.section: n
        for n in SectionNarrative.objects.filter(edition=edition).select_related("updated_by")
    }
    left_out = {key for key, n in written.items() if n.left_out}
    return [
        SectionNarrativeView(spec, written.get(spec.key))
        for spec in report_sections(left_out=left_out, edition=edition)
    ]
