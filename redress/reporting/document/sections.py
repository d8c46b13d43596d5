"""The sections of the annual report, in their default order, modelled on the Birmingham
Children's Trust report 2021-22. Keys are stable: narratives are stored against them per
edition.

An authority's report profile (settings `report_sections` and `report_reasons_by`, ADR 0028)
chooses which sections its report has and in which order. Appendices are lettered A, B, C… in
the order the report has them, so a letter belongs to a report, not to a section: the letters
below are the default order's. A section builder that points to an appendix names it by its
default letter ("Appendix D"); `build_document` rewrites the letter to the one the appendix has
in the report, and leaves out a pointer to an appendix the report does not have.
"""

from __future__ import annotations

import re
import string
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace

ANNEX = "annex_suppressions"


@dataclass(frozen=True)
class SectionSpec:
    key: str
    name: str  # the title; for an appendix, what follows "Appendix B: "
    appendix: bool = False
    letter: str | None = None  # an appendix's letter in the report it is in

    @property
    def lettered(self) -> bool:
        """Appendices are lettered; the annex of withheld figures is not."""
        return self.appendix and self.key != ANNEX

    @property
    def title(self) -> str:
        if self.key == ANNEX:
            return f"Annex: {self.name}"
        if self.appendix:
            return (
                f"Appendix {self.letter}: {self.name}" if self.letter else f"Appendix: {self.name}"
            )
        return self.name


def lettered(specs: Iterable[SectionSpec]) -> tuple[SectionSpec, ...]:
    """The sections with their appendices lettered A, B, C… in the order given."""
    letters = iter(string.ascii_uppercase)
    return tuple(replace(s, letter=next(letters) if s.lettered else None) for s in specs)


SECTIONS: tuple[SectionSpec, ...] = lettered(
    (
        SectionSpec("summary", "Executive summary"),
        SectionSpec("procedure", "The complaints procedure"),
        SectionSpec("volumes", "Volumes and trends"),
        SectionSpec("rates", "Complaints against referrals and assessments"),
        SectionSpec("services", "Services and areas"),
        SectionSpec("escalation", "Escalation"),
        SectionSpec("timeliness", "How quickly we respond"),
        SectionSpec("reasons", "What people complain about"),
        SectionSpec("outcomes", "Outcomes"),
        SectionSpec("methods", "How complaints are made"),
        SectionSpec("complainants", "Who complains"),
        SectionSpec("what_complainants_told_us", "What complainants told us"),
        SectionSpec("children", "Children and young people"),
        SectionSpec("mediation", "Mediation"),
        SectionSpec("ombudsman", "The Local Government and Social Care Ombudsman"),
        SectionSpec("learning", "Learning and improving from complaints"),
        SectionSpec("costs", "Complaint costs"),
        SectionSpec("compliments", "Compliments"),
        SectionSpec("next_steps", "Next steps"),
        SectionSpec("appendix_responsiveness", "responsiveness", appendix=True),
        SectionSpec("appendix_reasons", "reasons for complaint", appendix=True),
        SectionSpec("appendix_voice", "the voice of the child", appendix=True),
        SectionSpec("appendix_learning", "learning and improvements", appendix=True),
        SectionSpec("appendix_figures", "the figures and their definitions", appendix=True),
        SectionSpec(ANNEX, "figures withheld to protect children", appendix=True),
    )
)

# The titles that speak as "we", as a report in the authority's voice has them.
AUTHORITY_TITLES = {
    "timeliness": "How quickly {authority} responds",
    "what_complainants_told_us": "What complainants told {authority}",
}
# Reported by theme, the reasons appendix lists themes.
THEME_NAMES = {"appendix_reasons": "themes of complaints"}

SECTION_KEYS = tuple(s.key for s in SECTIONS)
SECTION_SPECS = {s.key: s for s in SECTIONS}
# The default titles (the default order's letters): the profile's are `profile_sections`'.
SECTION_TITLES = {s.key: s.title for s in SECTIONS}
DEFAULT_LETTERS = {s.letter: s.key for s in SECTIONS if s.letter}


def profile_keys(chosen: Iterable[str] = ()) -> tuple[str, ...]:
    """The report's sections in order: those chosen (setting `report_sections`), or every
    section when none is; keys no longer known are ignored. The annex of withheld figures is
    compulsory: a published report always says what it withheld, so it is added last when the
    choice leaves it out (a draft has no annex: `build_document` decides)."""
    keys = [k for k in dict.fromkeys(chosen) if k in SECTION_SPECS] or list(SECTION_KEYS)
    if ANNEX not in keys:
        keys.append(ANNEX)
    return tuple(keys)


def profile_sections(
    chosen: Iterable[str] = (), *, left_out: Collection[str] = (), reasons_by: str = "category"
) -> tuple[SectionSpec, ...]:
    """The report's sections in order, lettered as a report without the `left_out` ones has
    them (a section left out keeps its place in the list, unlettered)."""
    specs = [SECTION_SPECS[k] for k in profile_keys(chosen)]
    if reasons_by == "theme":
        specs = [replace(s, name=THEME_NAMES.get(s.key, s.name)) for s in specs]
    letters = {s.key: s.letter for s in lettered(s for s in specs if s.key not in left_out)}
    return tuple(replace(s, letter=letters.get(s.key)) for s in specs)


APPENDIX_REFERENCE = re.compile(r"\bAppendix ([A-Z])\b")


def reletter(text: str, letters: dict[str, str | None]) -> str | None:
    """The text with each "Appendix X" (X a default letter) given the letter its appendix has in
    the report (`letters`: section key → letter); None when it points to an appendix the report
    does not have."""
    missing = False

    def swap(match: re.Match[str]) -> str:
        nonlocal missing
        key = DEFAULT_LETTERS.get(match.group(1))
        letter = letters.get(key) if key else None
        if letter is None:
            missing = True
            return match.group(0)
        return f"Appendix {letter}"

    out = APPENDIX_REFERENCE.sub(swap, text)
    return None if missing else out
