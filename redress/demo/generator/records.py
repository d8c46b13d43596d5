"""The records the generator places, and how each becomes a row of `redress.import/1`.

`SHEETS` lists every sheet's columns in the order IMPORT_FORMAT.md gives them; a row is a tuple
of text in that order (blank = ""), so the CSV and the workbook writers write the same thing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from .services import Service

SHEETS: dict[str, tuple[str, ...]] = {
    "complaints": (
        "reference", "received_date", "procedure", "method", "complainant_id",
        "complainant_type", "advocate", "advocacy_offered", "advocacy_referred_date",
        "organisation", "service_area", "locality", "theme", "summary", "related_to",
    ),
    "stages": (
        "reference", "stage", "received_date", "acknowledged_date", "statement_agreed_date",
        "extended", "extension_reason", "responded_date", "outcome", "organisation",
        "panel_date", "panel_report_date",
    ),
    "aspects": ("reference", "stage", "category", "subcategory", "finding"),
    "mediation": ("reference", "offered_date", "held_date", "outcome"),
    "ombudsman": (
        "lgo_reference", "reference", "received_date", "response_sent_date", "decision_date",
        "decision", "recommendations", "remedy_due_date", "remedy_completed_date",
        "organisation",
    ),
    "ombudsman_remedies": (
        "lgo_reference", "kind", "description", "due_date", "completed_date", "evidence",
    ),
    "payments": ("reference", "date", "stage", "kind", "amount", "lgo_reference"),
    "actions": (
        "reference", "description", "theme", "owner", "raised_date", "due_date",
        "completed_date", "stage", "you_said", "we_did",
    ),
    "compliments": (
        "received_date", "service_area", "locality", "staff_member", "consent_to_publish",
        "source", "external", "text",
    ),
    "feedback": (
        "received_date", "from_child", "theme", "service_area", "advocate", "satisfied",
        "summary",
    ),
    "satisfaction": ("reference", "question", "answer"),
    "context": ("period", "measure", "service_area", "value"),
}  # fmt: skip

SUBSTANTIVE = ("upheld", "partially_upheld", "not_upheld", "inconclusive")
CLOSED_EARLY = ("withdrawn", "outside_jurisdiction")
QUESTIONS = (
    "rights_understood",
    "outcome_understood",
    "taken_seriously",
    "action_taken",
    "on_time",
    "things_improved",
    "advocacy_aware",
)

type Row = tuple[str, ...]


def full_row(sheet: str, row: Row) -> Row:
    """The row as wide as its sheet: optional columns added to the end of a sheet since a
    generator's rows were first written (the ombudsman's `organisation`, the payments'
    `lgo_reference`) are blank where a row leaves them out."""
    width = len(SHEETS[sheet])
    if len(row) > width:
        raise ValueError(f"a {sheet} row has {len(row)} cells; the sheet has {width} columns")
    return row + ("",) * (width - len(row))


def iso(day: datetime.date | None) -> str:
    return day.isoformat() if day else ""


def yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def money(pence: int) -> str:
    return f"{pence // 100}.{pence % 100:02d}"


@dataclass(eq=False)
class Stage:
    number: int
    year: str  # financial year of receipt
    procedure: str
    received: datetime.date
    service: Service | None = None
    complaint: Complaint | None = None
    outcome: str = ""  # blank: outstanding
    responded: datetime.date | None = None
    days: int | None = None  # working days taken
    acknowledged: datetime.date | None = None
    statement_agreed: datetime.date | None = None
    extension_reason: str = ""
    panel: datetime.date | None = None
    panel_report: datetime.date | None = None
    aspects: list[tuple[str, str, str]] = field(default_factory=list)
    next: Stage | None = None  # the stage it escalated to

    @property
    def answered_on(self) -> datetime.date:
        """The response date of a stage known to have one."""
        if self.responded is None:
            raise ValueError(f"stage {self.number} received {self.received} has no response")
        return self.responded

    @property
    def group(self) -> str:
        return self.service.area if self.service else ""

    def row(self, reference: str = "") -> Row:
        if not reference:
            assert self.complaint is not None
            reference = self.complaint.reference
        return (
            reference, str(self.number), iso(self.received),
            iso(self.acknowledged), iso(self.statement_agreed),
            "yes" if self.extension_reason else "", self.extension_reason, iso(self.responded),
            self.outcome, "", iso(self.panel), iso(self.panel_report),
        )  # fmt: skip

    def aspect_rows(self) -> list[Row]:
        assert self.complaint is not None
        ref, number = self.complaint.reference, str(self.number)
        return [(ref, number, cat, sub, finding) for cat, sub, finding in self.aspects]


@dataclass(eq=False)
class Complaint:
    stage1: Stage
    reference: str = ""
    method: str = ""
    complainant_id: str = ""
    complainant_type: str = ""
    advocate: str = ""
    advocacy_offered: str = ""  # yes or no; blank, not recorded
    advocacy_referred: datetime.date | None = None
    summary: str = ""
    related_to: Complaint | None = None
    person: object | None = None  # shared by a repeat complainant's complaints

    @property
    def stages(self) -> list[Stage]:
        out: list[Stage] = []
        stage: Stage | None = self.stage1
        while stage is not None:
            out.append(stage)
            stage = stage.next
        return out

    @property
    def last_stage(self) -> Stage:
        return self.stages[-1]

    @property
    def service(self) -> Service:
        assert self.stage1.service is not None
        return self.stage1.service

    @property
    def received(self) -> datetime.date:
        return self.stage1.received

    @property
    def is_cyp(self) -> bool:
        return self.complainant_type in ("child_young_person", "care_leaver")

    def row(self) -> Row:
        return (
            self.reference, iso(self.received), self.stage1.procedure, self.method,
            self.complainant_id, self.complainant_type, self.advocate, self.advocacy_offered,
            iso(self.advocacy_referred) if self.advocacy_referred else "", "",
            self.service.name, self.service.locality, "", self.summary,
            self.related_to.reference if self.related_to else "",
        )  # fmt: skip


@dataclass
class Dataset:
    """Every placed record, ready to be written sheet by sheet."""

    complaints: list[Complaint] = field(default_factory=list)
    mediation: list[Row] = field(default_factory=list)
    ombudsman: list[Row] = field(default_factory=list)
    ombudsman_remedies: list[Row] = field(default_factory=list)
    payments: list[Row] = field(default_factory=list)
    actions: list[Row] = field(default_factory=list)
    compliments: list[Row] = field(default_factory=list)
    feedback: list[Row] = field(default_factory=list)
    satisfaction: list[Row] = field(default_factory=list)
    context: list[Row] = field(default_factory=list)

    def rows(self, sheet: str) -> list[Row]:
        if sheet == "complaints":
            return [c.row() for c in self.complaints]
        if sheet == "stages":
            return [s.row() for c in self.complaints for s in c.stages]
        if sheet == "aspects":
            return [r for c in self.complaints for s in c.stages for r in s.aspect_rows()]
        return getattr(self, sheet)
