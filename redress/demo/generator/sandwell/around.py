"""What follows and surrounds the Sandwell-shaped stage 1 complaints: the council's stage 2
investigations and stage 3 panels, mediation, the Ombudsman's enquiries and their remedies,
informal feedback from children, compliments, closing-the-loop answers and open cases. Each is
placed as sections 5 to 12 of the report describe it (see `shape.py`, readings 9 to 13)."""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable

from ..alloc import ShapeError
from ..records import QUESTIONS, Row, iso, money, yes_no
from ..workdays import WorkingDays
from . import shape
from .complaints import Complaint, Stage

D = datetime.date


# Stage 2 requests of 2018-19 and 2019-20 (invented): received, working days taken, outcome,
# and the stage 3 request that followed, if any.
EARLIER_STAGE2 = (
    (D(2018, 6, 4), 60, "partially_upheld", D(2018, 10, 1)),
    (D(2018, 9, 3), 75, "not_upheld", None),
    (D(2018, 11, 5), 48, "partially_upheld", None),
    (D(2019, 1, 14), 52, "upheld", None),
    (D(2019, 5, 7), 85, "not_upheld", D(2019, 10, 14)),
    (D(2019, 7, 1), 66, "partially_upheld", D(2019, 11, 4)),
    (D(2019, 9, 2), 99, "not_upheld", None),
    (D(2019, 10, 7), 78, "partially_upheld", None),
    (D(2019, 12, 2), 62, "not_upheld", None),
)


# What the Ombudsman asked in its two findings of fault (section 9.1), by the enquiry's number in
# shape.OMBUDSMAN: (kind, what was asked, working days after the decision it was done,
# evidence). Each is due within 20 working days of the decision; the last done is the
# enquiry's remedy_completed_date. Complaint 3's payment is the £180 in the payments sheet.
LGO_REMEDIES: dict[int, tuple[tuple[str, str, int, str], ...]] = {
    1: (
        ("apology", "Apologise for not holding the stage 3 review panel.", 3,
         "Letter of apology sent by the Statutory Complaints Manager."),
        ("start_stage", "Hold the stage 3 review panel.", 5,
         "Stage 3 request accepted; the panel was arranged with the complainant."),
    ),
    3: (
        ("apology", "Apologise for the six months the stage 1 response took.", 4,
         "Letter of apology sent by the Director of Operations."),
        ("payment", "Pay £180 for the complainant's time and trouble.", 10,
         "£180 paid to the complainant."),
        ("start_stage", "Begin a stage 2 investigation.", 5,
         "Stage 2 investigation begun by the council's Statutory Complaints Manager."),
    ),
}  # fmt: skip


class Around:
    def __init__(self, rng: random.Random, wd: WorkingDays, years: dict[str, list[Complaint]]):
        self.rng = rng
        self.wd = wd
        self.years = years
        self.used: set[int] = set()
        self.mediation: list[Row] = []
        self.ombudsman: list[Row] = []
        self.remedies: list[Row] = []
        self.payments: list[Row] = []

    def _parent(
        self,
        before: D,
        *,
        gap: tuple[int, int] = (5, 30),
        test: Callable[[Complaint], bool] | None = None,
    ) -> Complaint:
        """An adult's complaint, not upheld or partly upheld, answered between `gap` working
        days before `before`, not already chosen."""
        low = self.wd.back(before, gap[1])
        high = self.wd.back(before, gap[0])
        candidates = [
            c
            for complaints in self.years.values()
            for c in complaints
            if low <= c.responded <= high
            and c.outcome in ("not_upheld", "partially_upheld")
            and not c.cyp
            and id(c) not in self.used
            and (test is None or test(c))
        ]
        if not candidates:
            raise ShapeError(f"no stage 1 complaint answered in time to escalate by {before}")
        chosen = self.rng.choice(candidates)
        self.used.add(id(chosen))
        return chosen

    def _stage2(self, parent: Complaint, received: D, days: int | None, outcome: str) -> Stage:
        responded = self.wd.add(received, days) if days is not None else None
        stage = Stage(2, received, responded, outcome, extended=days is not None and days > 25)
        parent.later.append(stage)
        return stage

    def _stage3(self, parent: Complaint, received: D, outcome: str) -> Stage:
        panel = self.wd.add(received, 26)
        stage = Stage(
            3, received, self.wd.add(received, 46), outcome,
            panel=panel, panel_report=self.wd.add(panel, 5),
        )  # fmt: skip
        parent.later.append(stage)
        return stage

    def stages_and_enquiries(self) -> None:
        wd = self.wd
        # 2018-19 and 2019-20 (not published: invented), each answered within its year.
        for received, days, outcome, review in EARLIER_STAGE2:
            parent = self._parent(received)
            self._stage2(parent, received, days, outcome)
            if review is not None:
                self._stage3(parent, review, "not_upheld")
        # 2020-21: five stage 2s completed in the year, 93 working days on average (reading 10).
        earlier = []
        for received, days, outcome in (
            (D(2020, 5, 4), 70, "not_upheld"),
            (D(2020, 6, 15), 88, "partially_upheld"),
            (D(2020, 7, 6), 95, "partially_upheld"),
            (D(2020, 8, 3), 104, "not_upheld"),
            (D(2020, 8, 24), 108, "upheld"),
        ):
            parent = self._parent(received)
            self._stage2(parent, received, days, outcome)
            earlier.append(parent)
        # 2021-22: the five active stage 2s; three completed in the year, all late, 74 days on
        # average (92, 90 and 40); two answered in April and May 2022, in time.
        s2a_received = wd.back(D(2021, 4, 7), 92)
        s2a = self._parent(s2a_received)
        self._stage2(s2a, s2a_received, 92, "partially_upheld")
        # Ombudsman complaint 3: a stage 1 that took about six months, then stage 2 on its
        # recommendation.
        slow = self._parent(
            D(2021, 3, 31),
            gap=(0, 100),
            test=lambda c: not c.met and D(2020, 11, 2) <= c.received <= D(2020, 12, 11),
        )
        slow.responded = wd.add(slow.received, 120)
        self._stage2(slow, D(2021, 10, 18), 90, "partially_upheld")
        # Ombudsman complaint 5: a stage 2 late by less than a month.
        late = self._parent(D(2021, 8, 2))
        self._stage2(late, D(2021, 8, 2), 40, "not_upheld")
        if late.later[-1].extended:
            late.later[-1].extended = False  # late against its 25 days, no extension agreed
        # The one mediation that went on to stage 2, and one more: answered after 31 March.
        escalated = self._parent(D(2022, 2, 14), gap=(3, 25))
        self._stage2(escalated, D(2022, 3, 14), 22, "upheld")
        self._stage2(self._parent(D(2022, 3, 21)), D(2022, 3, 21), 24, "not_upheld")
        # Stage 3 (reading 11): complaint 1's review, after the Ombudsman's decision, and the
        # review of the stage 2 concluded in April 2021.
        person1 = earlier[2]
        self._stage3(person1, D(2021, 6, 28), "partially_upheld")
        self._stage3(s2a, D(2021, 5, 4), "not_upheld")
        # Mediation (reading 9).
        person2 = self._parent(D(2021, 5, 28), gap=(8, 30), test=lambda c: c.year == "2021-22")
        self._mediation(person2, "ombudsman")
        self._mediation(escalated, "escalated")
        self._mediation(
            self._parent(D(2021, 11, 1), gap=(3, 20), test=lambda c: c.year == "2021-22"), "paused"
        )
        for month in range(15):
            before = wd.add(D(2021, 5, 10), 15 * month)
            parent = self._parent(before, gap=(3, 20), test=lambda c: c.year == "2021-22")
            self._mediation(parent, "resolved")
        # The Ombudsman (reading 12).
        about = {
            "Person 1": person1,
            "Person 2": person2,
            "Person 3": slow,
            "Person 4": s2a,
            "Person 5": late,
        }
        for n, (name, received, decision, decided) in enumerate(shape.OMBUDSMAN, start=1):
            self._enquiry(n, about[name], received, decision, decided)

    def _mediation(self, parent: Complaint, outcome: str) -> None:
        offered = self.wd.add(parent.responded, 3)
        held = "" if outcome == "paused" else iso(self.wd.add(offered, 6))
        self.mediation.append((parent.reference, iso(offered), held, outcome))

    def _enquiry(self, n: int, parent: Complaint, received: D, decision: str, decided: D) -> None:
        lgo_reference = f"21 00{n} {412 + 37 * n}"
        recommendations = due = completed = ""
        if decision == "fault_found" and n == 1:
            recommendations = "Apologise and hold the stage 3 review panel."
            due, completed = iso(self.wd.add(decided, 20)), iso(self.wd.add(decided, 5))
        elif decision == "fault_found":
            recommendations = (
                "Apologise, pay £180 for the time and trouble, and begin a stage 2 investigation."
            )
            due, completed = iso(self.wd.add(decided, 20)), iso(self.wd.add(decided, 10))
            # The remedy's payment, made on the enquiry (shape.py, reading 12).
            self.payments.append(
                (parent.reference, completed, "lgo", "compensation",
                 money(shape.LGO_REMEDY_PENCE), lgo_reference)
            )  # fmt: skip
        for kind, description, days, evidence in LGO_REMEDIES.get(n, ()):
            self.remedies.append(
                (lgo_reference, kind, description, iso(self.wd.add(decided, 20)),
                 iso(self.wd.add(decided, days)), evidence)
            )  # fmt: skip
        # The council manages the Ombudsman's enquiries (shape.py, reading 16).
        self.ombudsman.append(
            (
                lgo_reference, parent.reference, iso(received),
                iso(self.wd.add(received, 15)), iso(decided), decision, recommendations, due,
                completed, shape.COUNCIL,
            )
        )  # fmt: skip


def _service_on(day: D) -> str:
    names = list(shape.NEW_SERVICES if day >= shape.RESTRUCTURE else shape.OLD_SERVICES)
    return names[day.toordinal() % len(names)]


def feedback_rows(rng: random.Random, wd: WorkingDays, year: shape.SandwellYear) -> list[Row]:
    themes = [t for t, n in year.feedback_themes.items() for _ in range(n)]
    rng.shuffle(themes)
    days = sorted(rng.choice(wd.between(year.start, D(year.start.year + 1, 3, 31))) for _ in themes)
    rows: list[Row] = []
    for i, (day, theme) in enumerate(zip(days, themes, strict=True)):
        satisfied = i < year.feedback_satisfied
        rows.append(
            (
                iso(day), "yes", theme, _service_on(day), yes_no(not satisfied),
                "yes" if satisfied else "",
                f"A young person told the Participation Team about {theme.lower()}.",
            )
        )  # fmt: skip
    return rows


EXTERNAL_SOURCES = ("parent", "foster_carer", "child_young_person", "court", "school", "health",
                    "partner_agency")  # fmt: skip
STAFF = ("Amira Hussain", "Tom Keeling", "Grace Adeyemi", "Owen Price", "Leah Mistry",
         "Daniel Rooke", "Priya Sandhu", "Megan Yates")  # fmt: skip


def compliment_rows(rng: random.Random, wd: WorkingDays, year: shape.SandwellYear) -> list[Row]:
    days = sorted(
        rng.choice(wd.between(year.start, D(year.start.year + 1, 3, 31)))
        for _ in range(year.compliments)
    )
    external = set(rng.sample(range(year.compliments), year.compliments_external))
    rows: list[Row] = []
    for i, day in enumerate(days):
        outside = i in external
        source = EXTERNAL_SOURCES[i % len(EXTERNAL_SOURCES)] if outside else "colleague"
        staff = STAFF[(i * 7) % len(STAFF)]
        rows.append(
            (
                iso(day), _service_on(day), "", staff, yes_no(i % 3 == 0), source,
                yes_no(outside), f"Thank you to {staff} for the support and care shown.",
            )
        )  # fmt: skip
    return rows


def satisfaction_rows(complaints: list[Complaint]) -> list[Row]:
    """Reading 2: the 18 children's complaints without an advocate; 14 answered, 4 did not."""
    unsupported = [c for c in complaints if c.cyp and c.advocate == "none"]
    rows: list[Row] = []
    for n, complaint in enumerate(unsupported):
        for question in QUESTIONS:
            if n >= 14:
                answer = ""
            elif question == "things_improved" and n % 5 == 4:
                answer = "partly"
            else:
                answer = "yes"
            rows.append((complaint.reference, question, answer))
    return rows


def context_rows() -> list[Row]:
    rows: list[Row] = [
        (shape.PUBLISHED_YEAR, "open_cases", name, str(cases))
        for name, cases in shape.OLD_SERVICES.items()
    ]
    rows += [
        (shape.PUBLISHED_YEAR, "open_cases", name, str(cases))
        for name, (_locality, cases) in shape.NEW_SERVICES.items()
    ]
    return rows


# Section 5.6 and 11: learning from complaints, by theme.
LEARNING = (
    ("Change of Social Worker", "Revise the case transfer protocol to include the child's voice "
     "and a handover visit when a social worker leaves.", D(2021, 9, 6), D(2021, 12, 17), True),
    ("Missing Savings", "Independent reviewing officers record the state of a child in care's "
     "savings at every review.", D(2021, 7, 12), D(2021, 10, 29), True),
    ("Financial Assistance", "Review the Local Offer for care leavers.", D(2021, 11, 1),
     D(2022, 9, 30), False),
    ("Poor Communication", "Tell families the name of their new worker whenever a social worker "
     "leaves.", D(2021, 6, 14), D(2021, 8, 31), True),
    ("Delays in Sharing Minutes/Reports", "Share minutes and reports with parents in time to "
     "read them before meetings.", D(2021, 10, 4), D(2022, 1, 31), True),
    ("Quality of Service", "Widen the use of procurement cards to speed up passport and "
     "citizenship applications.", D(2022, 1, 10), D(2022, 4, 29), True),
)  # fmt: skip


# "You said, we did" for each of LEARNING, in the same order, in the spirit of the report's
# learning table (section 5.6). The actions answer complaints in general (no one complaint), so
# they record no stage: a stage belongs to a complaint.
YOU_SAID_WE_DID = (
    ("Your social worker changed without notice and nobody explained why.",
     "Revised the case transfer protocol: the child's views are sought and the new worker visits "
     "with the old one before the handover."),
    ("Savings you had built up while in care could not be traced.",
     "Independent reviewing officers now check and record a child's savings at every review."),
    ("The financial help on offer when you left care was unclear.",
     "Began a review of the Local Offer for care leavers with young people's help."),
    ("You were not told who your new worker was.",
     "Families are now told the name of their new worker, in writing, whenever a worker "
     "leaves."),
    ("Minutes and reports reached you too late to read before meetings.",
     "Minutes and reports are now sent to parents at least three working days before a meeting."),
    ("Your passport application was held up waiting for the fee to be paid.",
     "Widened the use of procurement cards so that fees are paid the same day."),
)  # fmt: skip


def action_rows(wd: WorkingDays) -> list[Row]:
    return [
        ("", text, theme, "Customer Experience Team", iso(raised), iso(due),
         iso(wd.back(due, 10)) if done else "", "", you_said, we_did)
        for (theme, text, raised, due, done), (you_said, we_did)
        in zip(LEARNING, YOU_SAID_WE_DID, strict=True)
    ]  # fmt: skip
