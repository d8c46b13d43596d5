"""Reads of report editions and their narratives."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from redress.reporting.document.sections import SECTIONS, SectionSpec
from redress.reporting.models import EditionStatus, ReportEdition, SectionNarrative

from .access import report_access


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


@dataclass(frozen=True)
class SectionNarrativeView:
    spec: SectionSpec
    narrative: SectionNarrative | None

    @property
    def written(self) -> bool:
        return bool(self.narrative and self.narrative.text.strip())


def edition_sections(edition: ReportEdition) -> list[SectionNarrativeView]:
    """Every section of the report in order, with the edition's narrative where written."""
    written = {
        n.section: n
        for n in SectionNarrative.objects.filter(edition=edition).select_related("updated_by")
    }
    return [SectionNarrativeView(spec, written.get(spec.key)) for spec in SECTIONS]
