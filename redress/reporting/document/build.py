"""Build the report document from a computed figure set: the sections of the authority's report
profile (`sections.py`; every section by default) in its order, each with its narrative first,
the appendices lettered as the report has them, and for a published report the annex of
withheld figures.

Every number in the text is a `Value` naming its figure; every counting cell of a table carries
the drill-down reference of its row. The figure set decides what is published: build from
`publish_figures(...)` for the published report.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace

from redress.reporting.facts import Facts
from redress.reporting.figures import FigureSet, ReportSettings

from .context import BuildContext
from .model import (
    Block,
    BulletList,
    ChartBlock,
    Markdown,
    Paragraph,
    ReportDocument,
    Section,
    TableBlock,
)
from .parts import BUILDERS
from .parts.appendices import suppressions
from .sections import ANNEX, SECTIONS, profile_keys, profile_sections, reletter
from .values import FigureView, para

# The title names the kind of report by its period: annual, quarterly, monthly (wording.py).
SUBJECT = "Complaints and compliments"


def build_document(
    *,
    figures: FigureSet,
    authority: str,
    service: str | None,
    narratives: Mapping[str, str],
    settings: ReportSettings,
    facts: Facts | None = None,
    left_out: Collection[str] = (),
    locality: str | None = None,
    areas: Sequence[int] | None = None,
    began: datetime.date | None = None,
) -> ReportDocument:
    """The report for the figure set (for `service`, or for the locality `locality` counting
    the service areas `areas`; `began`, the day that locality or service came into use, when
    after records began: `ReportScope.began`). `narratives` maps section keys to Markdown
    written for this edition; `left_out`, the sections its authors chose to leave out. `facts`
    (those the figures came from) lets the rates section compute the two earlier years without
    reading the records again. A section with neither narrative nor figures shows a placeholder in a
    draft, and is left out of a published document. `settings` carries the report profile:
    which sections, in which order (narratives of sections it leaves out are kept, unshown),
    reasons by category or theme, the timeliness measure the summary and the timeliness section
    lead with, and the voice."""
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
        locality=locality,
        given_areas=tuple(areas) if areas is not None else None,
        began=began,
        left_out=frozenset(left_out),
    )
    chosen = profile_keys(settings.sections)
    built: dict[str, Section] = {}
    unwritten = []
    # Built in the default order whatever the profile's: a builder may leave something for a
    # later one (the names taken out of quotations, which the annex counts).
    for spec in SECTIONS:
        if spec.key not in chosen or spec.key in left_out:
            continue
        if spec.key == ANNEX and not figures.published:
            continue
        text = (narratives.get(spec.key) or "").strip()
        section = Section(
            key=spec.key,
            title=spec.title,
            appendix=spec.appendix,
            narrative=Markdown(text) if text else None,
            blocks=BUILDERS[spec.key](ctx),
        )
        if not section.blocks and section.narrative is None:
            unwritten.append(spec.key)
            if figures.published:
                continue
            section.blocks.append(para("Nothing has been written for this section yet."))
        built[spec.key] = section
    sections = [built[key] for key in chosen if key in built]
    # The appendices lettered as this report has them, and the builders' pointers to them too.
    specs = {
        s.key: s
        for s in profile_sections(
            settings.sections,
            left_out=set(chosen) - set(built),
            reasons_by=settings.reasons_by,
        )
    }
    letters = {key: spec.letter for key, spec in specs.items()}
    for section in sections:
        section.title = ctx.title_of(section.key, specs[section.key].title)
        section.blocks = _voiced(_pointed(section.blocks, letters), ctx)
    period = figures.period
    return ReportDocument(
        title=ctx.report_title(SUBJECT),
        authority=authority,
        period_label=ctx.heading,
        period_start=period.start,
        period_end=period.end,
        as_of=figures.as_of,
        service=ctx.covers,
        published=figures.published,
        summary=list(ctx.headlines),
        sections=sections,
        suppressions=[
            replace(s, table_caption=ctx.in_voice(s.table_caption)) for s in suppressions(ctx)
        ]
        if figures.published
        else [],
        suppression_threshold=settings.suppression_threshold,
        unwritten=sorted(unwritten, key=chosen.index),
    )


def _voiced(blocks: list[Block], ctx: BuildContext) -> list[Block]:
    """The blocks with their tables' captions and charts' titles in the report's voice."""

    def table(block: TableBlock) -> TableBlock:
        return replace(block, caption=ctx.in_voice(block.caption))

    out: list[Block] = []
    for block in blocks:
        if isinstance(block, TableBlock):
            block = table(block)
        elif isinstance(block, ChartBlock):
            block = replace(
                block,
                title=ctx.in_voice(block.title),
                table=table(block.table) if block.table is not None else None,
            )
        out.append(block)
    return out


def _pointed(blocks: list[Block], letters: dict[str, str | None]) -> list[Block]:
    """The blocks with each "see Appendix X" in the appendix's letter in this report; a
    paragraph (or bullet) pointing to an appendix the report does not have is left out."""

    def paragraph(p: Paragraph) -> Paragraph | None:
        runs = []
        for run in p.runs:
            if isinstance(run, str):
                text = reletter(run, letters)
                if text is None:
                    return None
                run = text
            runs.append(run)
        return replace(p, runs=tuple(runs))

    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            kept = paragraph(block)
            if kept is not None:
                out.append(kept)
        elif isinstance(block, BulletList):
            items = tuple(p for p in map(paragraph, block.items) if p is not None)
            if items:
                out.append(replace(block, items=items))
        else:
            out.append(block)
    return out
