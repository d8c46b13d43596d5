"""Hand-built facts for the figure tests.

`FactsBuilder` makes the fact frames from a few keyword arguments per record, with exactly the
columns and types extraction gives (`facts/schema.py`), and runs the same derivation
(`derive_stage_columns`), so a figure test needs no database. Stage rules come from the shipped
procedures (`procedures/fixtures/procedures.json`), as the migrations load them.

    b = FactsBuilder()
    first = b.stage1("2021-06-05", responded="2021-06-14", outcome="upheld")
    b.stage(first.complaint_id, number=2, received="2021-07-01")
    figures = compute(b, calendar)

The builder records what is known at `as_of`: a test leaves out what extraction would (a
response after as_of is `responded=None`); the extraction tests prove that it does, and that
the builder's frames are the extracted ones.
"""

from __future__ import annotations

import datetime
import functools
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl

from redress.procedures.calendar import WorkingCalendar
from redress.reporting.facts import Facts, schema
from redress.reporting.facts.derive import derive_stage_columns
from redress.reporting.figures import FigureSet, ReportSettings, compute_figures
from redress.reporting.periods import Period, financial_year

AS_OF = datetime.date(2022, 5, 31)
PROCEDURES = Path(__file__).resolve().parents[3] / "procedures" / "fixtures" / "procedures.json"

type Day = datetime.date | str | None


def day(value: Day) -> datetime.date | None:
    """A date from a date or an ISO string (None stays None)."""
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(value)


@functools.cache
def shipped_rules() -> dict[tuple[str, int], dict[str, Any]]:
    """(procedure code, stage) → the stage rule as the procedures fixture ships it."""
    data = json.loads(PROCEDURES.read_text())
    return {
        (procedure["code"], rule["stage"]): rule
        for procedure in data["procedures"]
        for rule in procedure["stages"]
    }


@dataclass(frozen=True)
class Ref:
    complaint_id: int
    stage_id: int


@dataclass
class FactsBuilder:
    as_of: datetime.date = AS_OF
    complaints: dict[int, dict[str, Any]] = field(default_factory=dict)
    stages: list[dict[str, Any]] = field(default_factory=list)
    aspects: list[dict[str, Any]] = field(default_factory=list)
    mediations: list[dict[str, Any]] = field(default_factory=list)
    enquiries: list[dict[str, Any]] = field(default_factory=list)
    payments: list[dict[str, Any]] = field(default_factory=list)
    compliments: list[dict[str, Any]] = field(default_factory=list)
    feedback: list[dict[str, Any]] = field(default_factory=list)
    satisfaction: list[dict[str, Any]] = field(default_factory=list)
    surveys: list[dict[str, Any]] = field(default_factory=list)
    actions: list[dict[str, Any]] = field(default_factory=list)
    context: list[dict[str, Any]] = field(default_factory=list)
    services: dict[str, int] = field(default_factory=dict)
    # Each complainant's person id, by the key a test names them with.
    people: dict[str, int] = field(default_factory=dict)
    # Service area versions with their effective dates (`service_version`); with any, the
    # facts are VersionedFacts, which say where a period spans a restructure.
    versions: list[dict[str, Any]] = field(default_factory=list)

    # -- complaints and their stages -----------------------------------------------------------

    def service_id(self, name: str) -> int:
        return self.services.setdefault(name, 100 + len(self.services))

    def person_id(self, key: str | None) -> int | None:
        return None if key is None else self.people.setdefault(key, 500 + len(self.people))

    def complaint(
        self,
        received: Day,
        *,
        procedure: str = "statutory",
        service: str = "Fostering",
        locality: str | None = None,
        method: str | None = "email",
        complainant_type: str | None = "parent",
        complainant: str | None = None,
        advocate: str | None = "none",
        advocacy_offered: bool | None = None,
        advocacy_referred: Day = None,
        theme: str | None = None,
        organisation: str | None = None,
        reference: str | None = None,
    ) -> int:
        complaint_id = len(self.complaints) + 1
        self.complaints[complaint_id] = {
            "complaint_id": complaint_id,
            "reference": reference or f"CSC-{complaint_id:04d}",
            "procedure": procedure,
            "complaint_received": day(received),
            "service_area_id": self.service_id(service),
            "service": service,
            "locality": locality,
            "organisation": organisation,
            "method": method,
            "complainant_type": complainant_type,
            "complainant_id": self.person_id(complainant),
            "advocate": advocate,
            "advocacy_offered": advocacy_offered,
            "advocacy_referred": day(advocacy_referred),
            "theme": theme,
        }
        return complaint_id

    def stage(
        self,
        complaint_id: int,
        *,
        number: int = 1,
        received: Day = None,
        responded: Day = None,
        outcome: str | None = None,
        extended_to: int | None = None,
        acknowledged: Day = None,
        statement_agreed: Day = None,
        panel: Day = None,
        panel_report: Day = None,
        organisation: str | None = None,
        clock_start_rule: str | None = None,
        held_days: int = 0,
    ) -> Ref:
        """A stage of the complaint (received the day the complaint was, unless given), on hold
        for `held_days` working days in all."""
        complaint = self.complaints[complaint_id]
        rule = shipped_rules().get((complaint["procedure"], number), {})
        stage_id = len(self.stages) + 1
        self.stages.append(
            {
                **complaint,
                "stage_id": stage_id,
                "stage": number,
                "received": day(received) or complaint["complaint_received"],
                "acknowledged": day(acknowledged),
                "statement_agreed": day(statement_agreed),
                "responded": day(responded),
                "outcome": outcome,
                "panel": day(panel),
                "panel_report": day(panel_report),
                "extended_to_days": extended_to,
                "held_days": held_days,
                "initial_days": rule.get("timescale_days"),
                "max_days": rule.get("max_days"),
                "clock_start_rule": clock_start_rule or rule.get("clock_start"),
                "panel_within_days": rule.get("panel_within_days"),
                "stage_organisation": organisation,
            }
        )
        return Ref(complaint_id, stage_id)

    def stage1(
        self,
        received: Day,
        *,
        responded: Day = None,
        outcome: str | None = None,
        extended_to: int | None = None,
        **complaint: Any,
    ) -> Ref:
        """A complaint and its stage 1, received the same day."""
        complaint_id = self.complaint(received, **complaint)
        return self.stage(
            complaint_id, responded=responded, outcome=outcome, extended_to=extended_to
        )

    def aspect(
        self,
        ref: Ref,
        category: str,
        subcategory: str | None = None,
        *,
        finding: str | None = None,
    ) -> None:
        stage = self.stages[ref.stage_id - 1]
        self.aspects.append(
            {
                "stage_id": ref.stage_id,
                "complaint_id": ref.complaint_id,
                "reference": stage["reference"],
                "stage": stage["stage"],
                "received": stage["received"],
                "service_area_id": stage["service_area_id"],
                "category": category,
                "subcategory": subcategory,
                "finding": finding,
            }
        )

    # -- everything around the complaints ------------------------------------------------------

    def mediation(
        self, complaint_id: int, *, offered: Day, held: Day = None, outcome: str | None = None
    ) -> None:
        complaint = self.complaints[complaint_id]
        self.mediations.append(
            {
                "complaint_id": complaint_id,
                "reference": complaint["reference"],
                "service_area_id": complaint["service_area_id"],
                "offered": day(offered),
                "held": day(held),
                "outcome": outcome,
            }
        )

    def enquiry(
        self,
        received: Day,
        *,
        decided: Day = None,
        decision: str | None = None,
        complaint_id: int | None = None,
        remedy_due: Day = None,
        remedy_completed: Day = None,
    ) -> None:
        number = len(self.enquiries) + 1
        self.enquiries.append(
            {
                "enquiry_id": number,
                "lgo_reference": f"21 {number:03d} 001",
                "complaint_id": complaint_id,
                "service_area_id": self._area_of(complaint_id),
                "received": day(received),
                "decided": day(decided),
                "decision": decision,
                "remedy_due": day(remedy_due),
                "remedy_completed": day(remedy_completed),
            }
        )

    def payment(
        self, date: Day, amount: str, *, kind: str, stage: str, complaint_id: int | None = None
    ) -> None:
        """`amount` in pounds as text ("1234.56"), kept exact as pence."""
        pence = Decimal(amount) * 100
        assert pence == pence.to_integral_value(), f"{amount} is not pounds and pence"
        self.payments.append(
            {
                "payment_id": len(self.payments) + 1,
                "complaint_id": complaint_id,
                "service_area_id": self._area_of(complaint_id),
                "date": day(date),
                "stage": stage,
                "kind": kind,
                "pence": int(pence),
            }
        )

    def compliment(
        self,
        received: Day,
        *,
        service: str = "Fostering",
        locality: str | None = None,
        source: str | None = "parent",
        external: bool | None = True,
        staff_member: str = "",
        consent: bool = False,
        text: str = "Thank you.",
    ) -> None:
        self.compliments.append(
            {
                "compliment_id": len(self.compliments) + 1,
                "received": day(received),
                "service_area_id": self.service_id(service),
                "service": service,
                "locality": locality,
                "staff_member": staff_member or None,
                "consent": consent,
                "source": source,
                "external": external,
                "text": text,
            }
        )

    def informal_feedback(
        self,
        received: Day,
        *,
        from_child: bool = True,
        theme: str | None = None,
        advocate: bool | None = None,
        satisfied: bool | None = None,
        service: str | None = None,
    ) -> None:
        self.feedback.append(
            {
                "feedback_id": len(self.feedback) + 1,
                "received": day(received),
                "service_area_id": self.service_id(service) if service else None,
                "from_child": from_child,
                "theme": theme,
                "advocate": advocate,
                "satisfied": satisfied,
            }
        )

    def answer(self, complaint_id: int, question: str, answer: str | None) -> None:
        complaint = self.complaints[complaint_id]
        self.satisfaction.append(
            {
                "complaint_id": complaint_id,
                "service_area_id": complaint["service_area_id"],
                "complaint_received": complaint["complaint_received"],
                "question": question,
                "answer": answer,
            }
        )

    def survey(
        self,
        complaint_id: int,
        sent: Day,
        *,
        stage: int = 1,
        answered: Day = None,
        answers: tuple[str, str, str, str] | None = None,
    ) -> None:
        """A satisfaction survey; `answers` to the four questions in order (listened,
        outcome_understood, kept_informed, complain_again)."""
        complaint = self.complaints[complaint_id]
        given = dict(
            zip(
                ("listened", "outcome_understood", "kept_informed", "complain_again"),
                answers or (None, None, None, None),
                strict=True,
            )
        )
        self.surveys.append(
            {
                "survey_id": len(self.surveys) + 1,
                "complaint_id": complaint_id,
                "reference": complaint["reference"],
                "stage": stage,
                "service_area_id": complaint["service_area_id"],
                "service": complaint["service"],
                "sent": day(sent),
                "answered": day(answered),
                **given,
            }
        )

    def action(
        self,
        raised: Day,
        *,
        due: Day = None,
        completed: Day = None,
        theme: str | None = None,
        complaint_id: int | None = None,
    ) -> None:
        self.actions.append(
            {
                "action_id": len(self.actions) + 1,
                "complaint_id": complaint_id,
                "service_area_id": self._area_of(complaint_id),
                "theme": theme,
                "raised": day(raised),
                "due": day(due),
                "completed": day(completed),
            }
        )

    def context_figure(
        self, period: str, measure: str, value: int, *, service: str | None = None
    ) -> None:
        self.context.append(
            {
                "period": period,
                "measure": measure,
                "service_area_id": self.service_id(service) if service else None,
                "service": service,
                "value": float(value),
            }
        )

    def service_version(
        self, service: str, *, valid_from: Day = None, valid_to: Day = None
    ) -> None:
        """The service's effective dates (None: since records began, still in use)."""
        self.versions.append(
            {
                "service_area_id": self.service_id(service),
                "service": service,
                "valid_from": day(valid_from),
                "valid_to": day(valid_to),
            }
        )

    def _area_of(self, complaint_id: int | None) -> int | None:
        return self.complaints[complaint_id]["service_area_id"] if complaint_id else None

    # -- the facts -----------------------------------------------------------------------------

    def build(self, calendar: WorkingCalendar) -> Facts:
        rules = [
            {
                "procedure": code,
                "stage": stage,
                "initial_days": rule["timescale_days"],
                "max_days": rule["max_days"],
            }
            for (code, stage), rule in shipped_rules().items()
        ]
        return Facts(
            as_of=self.as_of,
            stages=derive_stage_columns(_frame(self.stages, schema.STAGE_BASE), calendar),
            aspects=_frame(self.aspects, schema.ASPECT),
            mediations=_frame(self.mediations, schema.MEDIATION),
            enquiries=_frame(self.enquiries, schema.ENQUIRY),
            payments=_frame(self.payments, schema.PAYMENT),
            compliments=_frame(self.compliments, schema.COMPLIMENT),
            feedback=_frame(self.feedback, schema.FEEDBACK),
            satisfaction=_frame(self.satisfaction, schema.SATISFACTION),
            surveys=_frame(self.surveys, schema.SURVEY),
            actions=_frame(self.actions, schema.ACTION),
            context=_frame(self.context, schema.CONTEXT),
            stage_rules=pl.DataFrame(
                rules,
                schema={
                    "procedure": pl.String(),
                    "stage": pl.Int8(),
                    "initial_days": pl.Int32(),
                    "max_days": pl.Int32(),
                },
            ),
            service_areas=self.build_versions(),
        )

    def build_versions(self) -> pl.DataFrame:
        return _frame(self.versions, schema.SERVICE_AREA)


def _frame(rows: list[dict[str, Any]], columns: dict[str, pl.DataType]) -> pl.DataFrame:
    return pl.DataFrame([{c: row[c] for c in columns} for row in rows], schema=columns)


def compute(
    builder: FactsBuilder,
    calendar: WorkingCalendar,
    period: Period | str = "2021-22",
    settings: ReportSettings | None = None,
) -> FigureSet:
    """Every figure for the period (a financial year label, or a Period) from built facts."""
    if isinstance(period, str):
        period = financial_year(period)
    return compute_figures(
        facts=builder.build(calendar), period=period, settings=settings, keep_evidence=True
    )
