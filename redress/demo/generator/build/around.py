"""What happens around the stages: mediation, and enquiries to the Ombudsman (LGSCO)."""

from __future__ import annotations

import datetime
import random

from ..alloc import ShapeError
from ..plan import YearPlan
from ..records import SUBSTANTIVE, Complaint, Row, iso, money
from ..shape import AS_OF, PUBLISHED_YEAR
from ..texts import LGO_2021_22, LGO_REMEDY
from ..workdays import WorkingDays

# Working days from an enquiry to the Ombudsman's decision.
DECISION_DAYS = {
    "premature": (10, 30),
    "not_investigated": (20, 60),
    "closed_after_initial_enquiries": (30, 70),
    "outside_jurisdiction": (10, 40),
    "fault_found": (70, 110),
    "no_fault": (60, 120),
}
REMEDY_DAYS = (20, 40)  # from a fault-found decision to the date its remedies are due
# Working days from an enquiry to our response: the Ombudsman asks for it within 20.
RESPONSE_DAYS = (5, 20)

# A complaint that could be mediated: (complaint, offered, the day it must be held before).
type Option = tuple[Complaint, datetime.date, datetime.date]


def response_sent(
    rng: random.Random, wd: WorkingDays, received: datetime.date, decided: datetime.date | None
) -> datetime.date | None:
    """When we answered an enquiry: some working days after it came and before the decision;
    None when that day is after AS_OF (an enquiry of the last few weeks, still waiting)."""
    days = rng.randint(*RESPONSE_DAYS)
    if decided is not None:
        days = max(1, min(days, wd.taken(received, decided) - 1))
    sent = wd.add(received, days)
    return sent if sent <= AS_OF else None


class Around:
    def __init__(
        self,
        rng: random.Random,
        wd: WorkingDays,
        complaints: list[Complaint],
        responses: random.Random,
    ) -> None:
        self.rng, self.wd, self.complaints = rng, wd, complaints
        # Our responses to the Ombudsman draw from a stream of their own, so that adding them
        # left every other draw, and every other sheet, as it was.
        self.responses = responses
        self.used: set[int] = set()  # complaints already given a mediation or an enquiry
        self.to_ombudsman: list[tuple[Complaint, datetime.date]] = []
        self.lgo_numbers: set[str] = set()

    # -- mediation -----------------------------------------------------------------------------

    def mediation(self, plan: YearPlan) -> list[Row]:
        rows = []
        for outcome, count in plan.figures.mediation.items():
            for _ in range(count):
                rows.append(self._mediate(plan, outcome))
        return rows

    def _mediate(self, plan: YearPlan, outcome: str) -> Row:
        wd, rng = self.wd, self.rng
        end = min(plan.end, AS_OF)
        if outcome == "escalated":
            # Held between the stage 1 response and the stage 2 request it led to.
            options = []
            for c in self.complaints:
                second = c.stage1.next
                if id(c) in self.used or second is None or not plan.contains(second.received):
                    continue
                offered = wd.add(c.stage1.answered_on, 1)
                if offered >= plan.start and wd.taken(offered, second.received) >= 7:
                    options.append((c, offered, second.received))
            complaint, offered, before = self._pick(options, plan, outcome)
            held = wd.add(offered, rng.randint(5, max(5, wd.taken(offered, before) - 1)))
        else:
            options = [
                (c, wd.add(c.stage1.answered_on, rng.randint(2, 5)), end)
                for c in self.complaints
                if id(c) not in self.used
                and c.stage1.next is None
                and c.stage1.outcome in SUBSTANTIVE
                and plan.contains(c.stage1.responded)
            ]
            # Time after the meeting for an Ombudsman enquiry to be decided within the year.
            last_held = wd.back(end, 70) if outcome == "ombudsman" else end
            options = [o for o in options if wd.add(o[1], 12) <= last_held]
            complaint, offered, _end = self._pick(options, plan, outcome)
            held = wd.add(offered, rng.randint(5, 12))
        if outcome == "ombudsman":
            self.to_ombudsman.append((complaint, held))
        if outcome in ("declined", ""):
            return (complaint.reference, iso(offered), "", outcome)
        return (complaint.reference, iso(offered), iso(held), outcome)

    def _pick(self, options: list[Option], plan: YearPlan, what: str) -> Option:
        if not options:
            raise ShapeError(f"{plan.label}: no complaint fits a mediation ({what or 'pending'})")
        choice = self.rng.choice(options)
        self.used.add(id(choice[0]))
        return choice

    # -- the Ombudsman ---------------------------------------------------------------------------

    def ombudsman(self, plan: YearPlan) -> tuple[list[Row], list[Row]]:
        """Enquiries received in the year, each decided in the same year (so a year's decisions
        are its own enquiries), and the remedy payments of those where fault was found."""
        rows, payments = [], []
        amounts = list(plan.figures.lgo_payments)
        hints = {k: list(v) for k, v in LGO_2021_22.items()} if plan.label == PUBLISHED_YEAR else {}
        # In a busy year one enquiry came straight to the Ombudsman, about no complaint on file.
        unknown_left = 1 if plan.figures.lgo.get("not_investigated", 0) >= 5 else 0
        for decision, count in plan.figures.lgo.items():
            for _ in range(count):
                service, text = hints[decision].pop(0) if hints.get(decision) else (None, "")
                unknown = decision == "not_investigated" and unknown_left > 0
                unknown_left -= unknown
                row, paid = self._enquiry(plan, decision, service, text, amounts, unknown)
                rows.append(row)
                payments.extend(paid)
        if amounts:
            raise ShapeError(f"{plan.label}: Ombudsman payments without a fault-found enquiry")
        return rows, payments

    def _enquiry(
        self,
        plan: YearPlan,
        decision: str,
        service: str | None,
        text: str,
        amounts: list[int],
        unknown: bool,
    ) -> tuple[Row, list[Row]]:
        wd, rng = self.wd, self.rng
        end = min(plan.end, AS_OF)
        if decision:
            decision_days = rng.randint(*DECISION_DAYS[decision])
            extra = REMEDY_DAYS[1] + 5 if decision == "fault_found" else 0
            latest = wd.back(end, decision_days + extra)
            earliest = plan.start
        else:  # still with the Ombudsman at AS_OF
            latest = end
            earliest = plan.start + datetime.timedelta(days=0 if plan.is_open else 120)
        complaint = None
        if not unknown:
            complaint, not_before = self._complaint_for(plan, decision, service, latest)
            earliest = max(earliest, not_before)
        if earliest > latest:
            raise ShapeError(f"{plan.label}: no room for an Ombudsman enquiry ({decision})")
        received = wd.day(rng.randint(wd.index(earliest), wd.index_on_or_before(latest)))
        decided = wd.add(received, decision_days) if decision else None
        reference = complaint.reference if complaint else ""
        due = completed = None
        payments: list[Row] = []
        if decision == "fault_found":
            assert decided is not None
            due = wd.add(decided, rng.randint(*REMEDY_DAYS))
            completed = wd.add(decided, rng.randint(REMEDY_DAYS[0] - 10, wd.taken(decided, due)))
            if amounts:
                amount = amounts.pop(0)
                text = text or LGO_REMEDY.format(amount=money(amount).removesuffix(".00"))
                payments.append((reference, iso(completed), "lgo", "compensation", money(amount)))
            text = text or "Apologise in writing for the delay."
        sent = response_sent(self.responses, wd, received, decided)
        row = (
            self._lgo_reference(received), reference, iso(received), iso(sent), iso(decided),
            decision, text, iso(due), iso(completed),
        )  # fmt: skip
        return row, payments

    def _complaint_for(
        self, plan: YearPlan, decision: str, service: str | None, latest: datetime.date
    ) -> tuple[Complaint, datetime.date]:
        """A complaint whose last stage was answered before the enquiry (for a premature one,
        a stage 1 not taken further), and the earliest the enquiry can be received."""
        wd = self.wd
        for complaint, held in self.to_ombudsman:
            if id(complaint) not in self.used and plan.contains(held) and wd.add(held, 5) <= latest:
                self.used.add(id(complaint))
                return complaint, wd.add(held, 5)
        options = []
        for c in self.complaints:
            final = c.last_stage
            if id(c) in self.used or final.responded is None:
                continue
            if not plan.start - datetime.timedelta(days=730) <= final.responded:
                continue
            if wd.add(final.responded, 10) > latest:
                continue
            if decision == "premature" and final.number != 1:
                continue
            options.append(c)
        if service is not None:
            options = [c for c in options if c.service.name == service] or options
        if not options:
            raise ShapeError(f"{plan.label}: no complaint to take to the Ombudsman ({decision})")
        complaint = self.rng.choice(options)
        self.used.add(id(complaint))
        answered = complaint.last_stage.responded
        assert answered is not None
        return complaint, wd.add(answered, 10)

    def _lgo_reference(self, received: datetime.date) -> str:
        """Like the LGSCO's own: two digits of the year, then a number through that year."""
        while True:
            number = received.timetuple().tm_yday * 40 + self.rng.randrange(40)
            reference = f"{received.year % 100:02d} {number // 1000:03d} {number % 1000:03d}"
            if reference not in self.lgo_numbers:
                self.lgo_numbers.add(reference)
                return reference
