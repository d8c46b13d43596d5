"""The sections of the annual report, in order, modelled on the Birmingham Children's Trust
report 2021-22. Keys are stable: narratives are stored against them per edition."""

from dataclasses import dataclass


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: str
    appendix: bool = False


SECTIONS: tuple[SectionSpec, ...] = (
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
    SectionSpec("appendix_responsiveness", "Appendix A: responsiveness", appendix=True),
    SectionSpec("appendix_reasons", "Appendix B: reasons for complaint", appendix=True),
    SectionSpec("appendix_voice", "Appendix C: the voice of the child", appendix=True),
    SectionSpec("appendix_learning", "Appendix D: learning and improvements", appendix=True),
    SectionSpec("appendix_figures", "Appendix E: the figures and their definitions", appendix=True),
    SectionSpec("annex_suppressions", "Annex: figures withheld to protect children", appendix=True),
)

# The titles that speak as "we", as a report in the authority's voice has them.
AUTHORITY_TITLES = {
    "timeliness": "How quickly {authority} responds",
    "what_complainants_told_us": "What complainants told {authority}",
}

SECTION_KEYS = tuple(s.key for s in SECTIONS)
SECTION_TITLES = {s.key: s.title for s in SECTIONS}
