"""Sheet names: short enough for Excel (31 characters), unique, and readable on a tab."""

from __future__ import annotations

import re
from collections.abc import Iterable

from redress.core.presenters import first_capital

MAX_LENGTH = 31
CONTENTS = "Contents"
FIGURES = "Figures"
# Excel refuses these in a sheet name.
FORBIDDEN = re.compile(r"[\[\]:*?/\\]")

SHEET_NAMES: dict[str, str] = {
    "received.by_year": "Received by year",
    "received.stage1.by_month": "Stage 1 by month",
    "received.by_service": "Received by service",
    "received.by_area": "Received by area",
    "ratio.stage1_to_open_cases.by_service": "Stage 1 to open cases",
    "timeliness.stage1.bands_by_area": "Stage 1 times by area",
    "responses.stage1.bands_by_area": "Stage 1 responses by area",
    "timeliness.stage1.by_quarter": "Stage 1 in time by quarter",
    "timeliness.stage2.statutory.bands": "Stage 2 statutory times",
    "timeliness.stage2.local.bands": "Stage 2 local times",
    "responses.stage2.statutory.bands": "Stage 2 statutory responses",
    "responses.stage2.local.bands": "Stage 2 local responses",
    "outcomes": "Outcomes",
    "aspects.stage1.by_category": "Reasons by category",
    "aspects.stage1.by_subcategory": "Reasons by sub-category",
    "themes.stage1": "Themes",
    "themes.stage1.top5": "Top 5 themes",
    "method.stage1": "How complaints were made",
    "complainant.stage1": "Who complained",
    "cyp.themes": "Children's themes",
    "informal_feedback.themes": "Informal feedback themes",
    "cyp.satisfaction": "Closing the loop",
    "survey.answers": "Survey answers",
    "survey.answers.by_stage": "Survey answers by stage",
    "survey.answers.by_service": "Survey answers by service",
    "repeat_complainants.distribution": "Repeat complainants",
    "mediation.outcomes": "Mediation outcomes",
    "lgo.decisions": "Ombudsman decisions",
    "lgo.enquiries": "Ombudsman enquiries",
    "costs": "Costs",
    "compliments.by_service": "Compliments by service",
    "compliments.by_source": "Compliments by source",
    "actions.by_theme": "Actions by theme",
}


def sheet_names(table_ids: Iterable[str]) -> dict[str, str]:
    """A sheet name for each table id, distinct from each other and from the Contents and
    Figures sheets (Excel compares names without regard to case)."""
    taken = {CONTENTS.casefold(), FIGURES.casefold()}
    names: dict[str, str] = {}
    for table_id in table_ids:
        base = _clean(SHEET_NAMES.get(table_id) or _from_id(table_id))
        name, n = base, 1
        while name.casefold() in taken:
            n += 1
            suffix = f" ({n})"
            name = base[: MAX_LENGTH - len(suffix)].rstrip() + suffix
        taken.add(name.casefold())
        names[table_id] = name
    return names


def _from_id(table_id: str) -> str:
    """`informal_feedback.by_team` → `Informal feedback by team`; `stage1` → `stage 1`."""
    words = re.sub(r"stage(\d)", r"stage \1", table_id.replace(".", " ").replace("_", " "))
    return first_capital(words)


def _clean(name: str) -> str:
    name = FORBIDDEN.sub("-", name).strip().strip("'")
    return name[:MAX_LENGTH].rstrip() or "Table"
