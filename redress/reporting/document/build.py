"""Build the report document from a computed figure set: the executive summary, the sections of
`sections.py` in order (each with its narrative first), the appendices, and for a published
report the annex of withheld figures.

Every number in the text is a `Value` naming its figure; every counting cell of a table carries
the drill-down reference of its row. The figure set decides what is published: build from
`publish_figures(...)` for the published report.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from redress.reporting.facts import Facts
from redress.reporting.figures import FigureSet, ReportSettings

from .context import BuildContext
from .model import Markdown, ReportDocument, Section
from .parts import BUILDERS
from .parts.appendices import suppressions
from .sections import SECTIONS
from .values import FigureView, para

TITLE = "Complaints and compliments annual report"


def build_document(
    *,
    figures: FigureSet,
    authority: str,
    service: str | None,
    narratives: Mapping[str, str],
    settings: ReportSettings,
    facts: Facts | None = None,
    left_out: Collection[str] = (),
) -> ReportDocument:
    """The report for the figure set. `narratives` maps section keys to Markdown written for
    this edition; `left_out`, the sections its authors chose to leave out. `facts` (those the
    figures came from) lets the rates section compute the two earlier years without reading
    the records again. A section with neither narrative nor figures shows a placeholder in a
    draft, and is left out of a published document."""
    unknown = sorted(set(narratives) - set(BUILDERS))
    if unknown:
        raise ValueError(
            f"Narratives for unknown sections: {', '.join(unknown)}. "
            f"Sections: {', '.join(BUILDERS)}."
        )
    ctx = BuildContext(
        view=FigureView(figures, settings.suppression_threshold),
        authority=authority,
        service=service,
        settings=settings,
        given_facts=facts,
    )
    sections, unwritten = [], []
    for spec in SECTIONS:
        if spec.key == "annex_suppressions" and not figures.published:
            continue
        if spec.key in left_out:
            continue
        text = (narratives.get(spec.key) or "").strip()
        section = Section(
            key=spec.key,
            title=ctx.title_of(spec.key),
            appendix=spec.appendix,
            narrative=Markdown(text) if text else None,
            blocks=BUILDERS[spec.key](ctx),
        )
        if not section.blocks and section.narrative is None:
            unwritten.append(spec.key)
            if figures.published:
                continue
            section.blocks.append(para("Nothing has been written for this section yet."))
        sections.append(section)
    period = figures.period
    return ReportDocument(
        title=f"{TITLE} {period.label}" + (f": {service}" if service else ""),
        authority=authority,
        period_label=period.label,
        period_start=period.start,
        period_end=period.end,
        as_of=figures.as_of,
        service=service,
        published=figures.published,
        summary=list(ctx.headlines),
        sections=sections,
        suppressions=suppressions(ctx) if figures.published else [],
        suppression_threshold=settings.suppression_threshold,
        unwritten=unwritten,
    )
