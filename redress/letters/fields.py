"""The merge fields a letter template may use: each one's name, what it holds and an example.

A template sees these names and nothing else (`sandbox.py`); `selectors.merge_values` fills
them from a complaint, always as plain text. The edit page lists them from here, so what is
documented is exactly what is allowed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MergeField:
    name: str
    group: str
    description: str
    example: str


AUTHORITY = "The authority"
LETTER = "The letter"
PEOPLE = "People"
COMPLAINT = "The complaint and its stage"
EXTENSION = "An extension"
RESPONSE = "The response and the next stage"
PANEL = "People appointed and the review panel"
OMBUDSMAN = "The Ombudsman"

FIELDS: tuple[MergeField, ...] = (
    MergeField(
        "authority_name",
        AUTHORITY,
        "The council or trust (setting authority_name).",
        "Kingsmoor Children's Trust",
    ),
    MergeField(
        "authority_address",
        AUTHORITY,
        "Its postal address on one line (setting letter_address).",
        "Kingsmoor House, 1 Market Street, Kingsmoor KM1 1AA",
    ),
    MergeField(
        "complaints_phone",
        AUTHORITY,
        "The complaints team's phone number (setting complaints_phone).",
        "0300 123 4567",
    ),
    MergeField(
        "complaints_email",
        AUTHORITY,
        "The complaints team's email address (setting complaints_email).",
        "complaints@kingsmoor.example",
    ),
    MergeField(
        "complaints_website",
        AUTHORITY,
        "Where the complaints procedure is published (setting complaints_website).",
        "www.kingsmoor.example/complaints",
    ),
    MergeField("letter_date", LETTER, "The day the letter is produced.", "31 May 2022"),
    MergeField("reference", LETTER, "The complaint's reference.", "KCT-2022-0123"),
    MergeField("recipient_name", LETTER, "Who the letter is to.", "Ms Jordan Smith"),
    MergeField(
        "officer_name",
        LETTER,
        "Who is writing: the person producing the letter.",
        "Olive Officer",
    ),
    MergeField("officer_role", LETTER, "Their role.", "Complaints officer"),
    MergeField(
        "officer_email",
        LETTER,
        "Their email address (the complaints team's if they have none).",
        "olive.officer@kingsmoor.example",
    ),
    MergeField("complainant_name", PEOPLE, "The complainant.", "Ms Jordan Smith"),
    MergeField(
        "child_name",
        PEOPLE,
        "The child or young person the complaint is about (the complainant, if a child).",
        "Sam",
    ),
    MergeField("advocate_name", PEOPLE, "The advocate, if there is one.", "Alex Advocate"),
    MergeField("stage", COMPLAINT, "The stage's number.", "1"),
    MergeField("stage_name", COMPLAINT, "The stage's name in the procedure.", "Local resolution"),
    MergeField(
        "received_date",
        COMPLAINT,
        "When the stage was asked for (stage 1: the complaint received).",
        "16 May 2022",
    ),
    MergeField(
        "response_days",
        COMPLAINT,
        "The time the procedure gives for the response (extended, if it was).",
        "10 working days",
    ),
    MergeField(
        "response_due",
        COMPLAINT,
        "The date the response is due, to the working day (extended, if it was).",
        "30 May 2022",
    ),
    MergeField("summary", COMPLAINT, "The complaint's summary.", "Meetings were cancelled."),
    MergeField("extension_days", EXTENSION, "The extended timescale.", "20 working days"),
    MergeField("extension_due", EXTENSION, "The new date the response is due.", "14 June 2022"),
    MergeField(
        "extension_reason",
        EXTENSION,
        "Why the stage was extended.",
        "We need to speak to staff who are away",
    ),
    MergeField("responded_date", RESPONSE, "When the stage was answered.", "27 May 2022"),
    MergeField("outcome", RESPONSE, "The stage's outcome, in words.", "partially upheld"),
    MergeField(
        "next_stage",
        RESPONSE,
        "The next stage's number; empty at the procedure's last stage.",
        "2",
    ),
    MergeField(
        "next_stage_name", RESPONSE, "The next stage's name in the procedure.", "Investigation"
    ),
    MergeField(
        "next_stage_request_days",
        RESPONSE,
        "How long the complainant has to ask for the next stage.",
        "20 working days",
    ),
    MergeField(
        "next_stage_request_by",
        RESPONSE,
        "The last day to ask for the next stage, to the working day from the response.",
        "27 June 2022",
    ),
    MergeField("investigating_officer", PANEL, "The stage's investigating officer.", "Ivan Ino"),
    MergeField("independent_person", PANEL, "The stage's independent person.", "Irene Ip"),
    MergeField("panel_chair", PANEL, "The review panel's chair.", "Patricia Chair"),
    MergeField("panel_date", PANEL, "The day the review panel meets.", "20 July 2022"),
    MergeField(
        "panel_due",
        PANEL,
        "The last day the procedure allows for the panel to meet.",
        "29 July 2022",
    ),
    MergeField(
        "ombudsman_name",
        OMBUDSMAN,
        "The Ombudsman's name.",
        "Local Government and Social Care Ombudsman",
    ),
    MergeField("ombudsman_phone", OMBUDSMAN, "The Ombudsman's phone number.", "0300 061 0614"),
    MergeField("ombudsman_website", OMBUDSMAN, "The Ombudsman's website.", "www.lgo.org.uk"),
)

NAMES = frozenset(f.name for f in FIELDS)
EXAMPLES: dict[str, str] = {f.name: f.example for f in FIELDS}

OMBUDSMAN_DETAILS = {
    "ombudsman_name": "Local Government and Social Care Ombudsman",
    "ombudsman_phone": "0300 061 0614",
    "ombudsman_website": "www.lgo.org.uk",
}


def groups() -> list[tuple[str, list[MergeField]]]:
    """The fields by group, in the order above (for the edit page)."""
    out: dict[str, list[MergeField]] = {}
    for field in FIELDS:
        out.setdefault(field.group, []).append(field)
    return list(out.items())
