"""The scale mode: any number of complaints with the shape of the demo authority, streamed.

Complaints are made one at a time in order of receipt, spread evenly from April 2017 to
AS_OF, and each one's rows (its stages, reasons, payments, mediation, Ombudsman enquiry,
learning action, closing-the-loop answers, and the compliments and feedback received that day)
are yielded at once, so memory stays flat however many are asked for. It does not reproduce
published counts: shares come from `history.py` and the 2021-22 service mix.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter, deque
from collections.abc import Iterator, Mapping

from .build import working_days
from .build.around import response_sent
from .build.aspects import PER_COMPLAINT, findings_for
from .build.escalation import hold_panel
from .build.people import _phrase, referral_day
from .history import COMPLAINANT_SHARES, OTHER_METHOD_SHARES, OUTCOME_SHARES
from .plan import year_of
from .records import QUESTIONS, SUBSTANTIVE, Row, Stage, iso, money, yes_no
from .services import SERVICES, Service
from .shape import AS_OF, REASONS_2021_22, STAGE1_BY_SERVICE
from .texts import (
    ACTIONS,
    COMPLIMENTS,
    CYP_SUMMARIES,
    EXTENSION_REASONS,
    FEEDBACK,
    FEMALE,
    MALE,
    OWNERS,
    SUMMARY_FORMS,
    SURNAMES,
    WHO,
    you_said_we_did,
)  # fmt: skip
from .workdays import WorkingDays

FIRST_DAY = datetime.date(2017, 4, 1)
PER_DAY_EXTRAS = {"compliments": 0.25, "feedback": 0.1}  # per complaint received
ESCALATION = {"stage2": 0.14, "stage3": 0.3, "mediation": 0.05, "lgo": 0.04, "action": 0.06}
REPEAT = 0.1  # share of complaints from someone who complained recently
LGO_DECISIONS = {
    "premature": 0.2,
    "not_investigated": 0.5,
    "closed_after_initial_enquiries": 0.1,
    "fault_found": 0.12,
    "no_fault": 0.08,
}

# The most rows one complaint can add to each sheet (three stages; 6 + 3 + 3 reasons; seven
# payments; seven answers), so a workbook can be known to fit without generating it.
MOST_ROWS_PER_COMPLAINT = {
    "complaints": 1, "stages": 3, "aspects": 12, "mediation": 1, "ombudsman": 1, "payments": 7,
    "actions": 1, "compliments": 1, "feedback": 1, "satisfaction": 7, "context": 0,
}  # fmt: skip
MOST_CONTEXT_ROWS = 2 * 6 + len(SERVICES)


def most_rows(n: int) -> dict[str, int]:
    rows = {sheet: n * most for sheet, most in MOST_ROWS_PER_COMPLAINT.items()}
    rows["context"] = MOST_CONTEXT_ROWS
    return rows


class _Draw[T]:
    """Weighted choices with cumulative weights worked out once."""

    def __init__(self, rng: random.Random, weights: Mapping[T, float]) -> None:
        self.rng = rng
        self.values = list(weights)
        total, self.cumulative = 0.0, []
        for w in weights.values():
            total += w
            self.cumulative.append(total)

    def __call__(self) -> T:
        return self.rng.choices(self.values, cum_weights=self.cumulative)[0]


class ScaleGenerator:
    def __init__(self, n: int, seed: int, wd: WorkingDays | None = None) -> None:
        rng = self.rng = random.Random(seed)
        self.n, self.wd = n, wd or working_days()
        self.responses = random.Random(f"{seed}:ombudsman-responses")  # see build.around
        self.service = _Draw(rng, {s: STAGE1_BY_SERVICE[s.name] for s in SERVICES})
        adults = {
            k: v
            for k, v in COMPLAINANT_SHARES.items()
            if k not in ("child_young_person", "care_leaver")
        }
        self.adult = _Draw(rng, adults)
        self.method = _Draw(rng, {"telephone": 0.08, "letter": 0.03, **OTHER_METHOD_SHARES})
        self.outcome = {k: _Draw(rng, v) for k, v in OUTCOME_SHARES.items()}
        self.reason = _Draw(
            rng, {(c, s): n for c, subs in REASONS_2021_22.items() for s, n in subs.items()}
        )
        self.per_complaint = _Draw(rng, PER_COMPLAINT)
        self.recent: deque[list[str]] = deque(maxlen=2000)  # [person id, last reference]
        self.people = 0
        self.numbers: Counter[str] = Counter()
        self.lgo = 0
        self.received_by_year: Counter[str] = Counter()
        self.today: datetime.date | None = None
        self.today_keys: set[tuple[str, ...]] = set()

    def rows(self) -> Iterator[tuple[str, Row]]:
        span = (AS_OF - FIRST_DAY).days + 1
        for i in range(self.n):
            day = FIRST_DAY + datetime.timedelta(days=i * span // self.n)
            if day != self.today:
                self.today, self.today_keys = day, set()
            yield from self._complaint(day)
        yield from self._context()

    # -- one complaint -------------------------------------------------------------------------

    def _complaint(self, day: datetime.date) -> Iterator[tuple[str, Row]]:
        rng = self.rng
        year = year_of(day)
        self.numbers[year] += 1
        self.received_by_year[year] += 1
        reference = f"KCT-{year[:4]}-{self.numbers[year]:06d}"
        service = self.service()
        procedure = "statutory" if rng.random() < service.statutory_share else "local"
        cyp = rng.random() < 0.015 * service.cyp_weight
        kind = (
            ("care_leaver" if "Leavers" in service.name else "child_young_person")
            if cyp
            else self.adult()
        )
        advocate = rng.choice(("internal", "external")) if cyp and rng.random() < 0.4 else "none"
        method = "advocate" if advocate != "none" else self.method()
        person, related = self._person(reference, cyp)

        stage1 = Stage(1, year, procedure, day, service)
        self._respond(stage1, rng.choices((1, 2, 3), (0.42, 0.28, 0.30))[0])
        names: set[str] = set()
        reasons = []
        for _ in range(self.per_complaint()):
            category, subcategory = self.reason()
            if subcategory not in names:
                names.add(subcategory)
                reasons.append((category, subcategory))
        findings = findings_for(rng, stage1.outcome, len(reasons))
        stage1.aspects = [(c, s, f) for (c, s), f in zip(reasons, findings, strict=True)]
        if cyp:
            summary = rng.choice(CYP_SUMMARIES)
        else:
            phrases = [_phrase(c, s) for c, s in reasons[:2]]
            form = SUMMARY_FORMS[0] if len(phrases) < 2 else rng.choice(SUMMARY_FORMS[1:])
            summary = form.format(who=WHO[kind], first=phrases[0], second=phrases[-1])
        yield "complaints", (
            reference, iso(day), procedure, method, person, kind, advocate,
            "yes" if cyp else "", iso(referral_day(day)) if advocate != "none" else "", "",
            service.name, service.locality, "", summary, related,
        )  # fmt: skip
        stages = [stage1]
        yield from self._escalate(reference, stages)
        for stage in stages:
            yield "stages", stage.row(reference)
            for category, subcategory, finding in stage.aspects:
                yield "aspects", (reference, str(stage.number), category, subcategory, finding)
        yield from self._money(reference, stages)
        yield from self._afterwards(reference, stages, cyp)
        yield from self._extras(day, service)

    def _person(self, reference: str, cyp: bool) -> tuple[str, str]:
        rng = self.rng
        if not cyp and self.recent and rng.random() < REPEAT:
            entry = rng.choice(self.recent)
            related = entry[1] if rng.random() < 0.4 else ""
            entry[1] = reference
            return entry[0], related
        self.people += 1
        person = f"KP-{self.people:07d}"
        self.recent.append([person, reference])
        return person, ""

    def _respond(self, stage: Stage, band: int) -> None:
        """Outcome and response of a stage 1 or 2, or nothing yet if not answered by AS_OF."""
        rng, wd = self.rng, self.wd
        outcome = self.outcome[stage.number]()
        if outcome in ("withdrawn", "outside_jurisdiction"):
            days = rng.randint(1, 20)
        elif stage.number == 1:
            days = (
                rng.randint(1, 10),
                rng.randint(11, 20),
                21 + min(139, int(rng.expovariate(1 / 30))),
            )[band - 1]
        elif stage.procedure == "statutory":
            days = (
                rng.randint(10, 25),
                rng.randint(26, 65),
                66 + min(180, int(rng.expovariate(1 / 40))),
            )[band - 1]
        else:
            days = rng.randint(5, 25) if band < 3 else 26 + min(90, int(rng.expovariate(1 / 15)))
        responded = wd.add(stage.received, days)
        ack = wd.add(stage.received, rng.randint(1, 2 if stage.procedure == "statutory" else 3))
        if responded <= AS_OF:
            stage.outcome, stage.responded, stage.days = outcome, responded, days
        stage.acknowledged = min(ack, responded, AS_OF)
        if stage.procedure == "statutory" and outcome in SUBSTANTIVE:
            extend = (stage.number == 1 and 11 <= days <= 20 and rng.random() < 0.7) or (
                stage.number == 2 and days > 25 and rng.random() < 0.8
            )
            if extend:
                stage.extension_reason = rng.choice(EXTENSION_REASONS[stage.number])
        if stage.number == 2 and stage.procedure == "statutory":
            stage.statement_agreed = min(
                wd.add(stage.received, rng.randint(5, 12)), responded, AS_OF
            )

    def _escalate(self, reference: str, stages: list[Stage]) -> Iterator[tuple[str, Row]]:
        rng, wd = self.rng, self.wd
        first = stages[0]
        if first.outcome not in SUBSTANTIVE or rng.random() > ESCALATION["stage2"]:
            return
        gap = rng.randint(2, 25)
        received = wd.add(first.answered_on, gap)
        if received > AS_OF:
            return
        if gap >= 8 and rng.random() < ESCALATION["mediation"]:
            offered = wd.add(first.answered_on, 1)
            held = wd.add(offered, rng.randint(3, gap - 3))
            yield "mediation", (reference, iso(offered), iso(held), "escalated")
        second = Stage(2, year_of(received), first.procedure, received, first.service)
        self._respond(second, rng.choices((1, 2, 3), (0.25, 0.5, 0.25))[0])
        second.aspects = _carried(rng, first, second)
        stages.append(second)
        if second.procedure != "statutory" or second.outcome not in SUBSTANTIVE:
            return
        if rng.random() > ESCALATION["stage3"]:
            return
        received = wd.add(second.answered_on, rng.randint(2, 25))
        if received > AS_OF:
            return
        third = Stage(3, year_of(received), "statutory", received, first.service)
        third.acknowledged = min(wd.add(received, rng.randint(1, 2)), AS_OF)
        hold_panel(rng, wd, third, self.outcome[3]())
        third.aspects = _carried(rng, second, third)
        stages.append(third)

    def _money(self, reference: str, stages: list[Stage]) -> Iterator[tuple[str, Row]]:
        rng, wd = self.rng, self.wd
        for stage in stages:
            n = str(stage.number)
            if (
                stage.number == 2
                and stage.procedure == "statutory"
                and stage.outcome in SUBSTANTIVE
            ):
                invoiced = max(stage.received, wd.back(stage.answered_on, rng.randint(0, 10)))
                io = int((stage.days or 30) * 2800 * rng.uniform(0.8, 1.2))
                yield "payments", (reference, iso(invoiced), n, "investigating_officer", money(io))
                ip = int(60000 * rng.uniform(0.7, 1.3))
                yield "payments", (reference, iso(invoiced), n, "independent_person", money(ip))
            if stage.number == 3 and stage.panel is not None:
                paid = min(stage.panel + datetime.timedelta(days=rng.randint(0, 10)), AS_OF)
                fee = int(200000 * rng.uniform(0.8, 1.2))
                yield "payments", (reference, iso(paid), n, "review_panel", money(fee))
            chance = {1: 0.04, 2: 0.25, 3: 0.2}[stage.number]
            if stage.outcome in ("upheld", "partially_upheld") and rng.random() < chance:
                assert stage.responded is not None
                paid = min(stage.responded + datetime.timedelta(days=rng.randint(5, 25)), AS_OF)
                amount = 2500 * rng.randint(4, 20 * stage.number)
                yield "payments", (reference, iso(paid), n, "compensation", money(amount))

    def _afterwards(
        self, reference: str, stages: list[Stage], cyp: bool
    ) -> Iterator[tuple[str, Row]]:
        rng, wd = self.rng, self.wd
        final = stages[-1]
        if final.responded is None:
            return
        if final.outcome in ("upheld", "partially_upheld") and rng.random() < ESCALATION["action"]:
            service = final.service.name if final.service else ""
            description, theme = rng.choice(ACTIONS)
            due = min(wd.add(final.responded, rng.randint(20, 60)), AS_OF)
            done = wd.add(final.responded, rng.randint(5, 40)) if rng.random() < 0.8 else None
            done = done if done and done <= AS_OF else None
            you_said, we_did = you_said_we_did(theme, reference)
            yield "actions", (
                reference, description, theme, f"{rng.choice(OWNERS)}, {service}",
                iso(final.responded), iso(due), iso(done), str(final.number), you_said, we_did,
            )  # fmt: skip
        if cyp and stages[0].outcome in SUBSTANTIVE and rng.random() < 0.6:
            for question in QUESTIONS:
                answer = rng.choices(("yes", "partly", "no", ""), (0.6, 0.2, 0.15, 0.05))[0]
                yield "satisfaction", (reference, question, answer)
        if final.outcome in SUBSTANTIVE and rng.random() < ESCALATION["lgo"]:
            yield from self._ombudsman(reference, final)

    def _ombudsman(self, reference: str, final: Stage) -> Iterator[tuple[str, Row]]:
        rng, wd = self.rng, self.wd
        received = wd.add(final.answered_on, rng.randint(10, 60))
        if received > AS_OF:
            return
        self.lgo += 1
        lgo_reference = (
            f"{received.year % 100:02d} {self.lgo // 1000 % 1000:03d} {self.lgo % 1000:03d}"
        )
        decision = rng.choices(tuple(LGO_DECISIONS), tuple(LGO_DECISIONS.values()))[0]
        decided = wd.add(received, rng.randint(20, 110))
        text = ""
        due: datetime.date | None = None
        done: datetime.date | None = None
        if decided > AS_OF:  # still with the Ombudsman
            sent = response_sent(self.responses, wd, received, None)
            yield "ombudsman", (
                lgo_reference, reference, iso(received), iso(sent), "", "", "", "", "",
            )  # fmt: skip
            return
        if decision == "fault_found":
            amount = 2500 * rng.randint(4, 40)
            text = f"Apologise and pay £{amount // 100} to recognise the time and trouble caused."
            due = wd.add(decided, rng.randint(20, 40))
            done = wd.add(decided, rng.randint(10, 20))
            if due > AS_OF or done > AS_OF:
                due = done = None
            else:
                yield "payments", (reference, iso(done), "lgo", "compensation", money(amount))
        sent = response_sent(self.responses, wd, received, decided)
        yield "ombudsman", (
            lgo_reference, reference, iso(received), iso(sent), iso(decided), decision, text,
            iso(due), iso(done),
        )  # fmt: skip

    def _extras(self, day: datetime.date, service: Service) -> Iterator[tuple[str, Row]]:
        """Compliments and informal feedback received the same day (none shares a key)."""
        rng = self.rng
        if rng.random() < PER_DAY_EXTRAS["compliments"]:
            source, external, text = rng.choice(COMPLIMENTS)
            for _ in range(20):
                first = rng.choice(FEMALE + MALE)
                staff = f"{first} {rng.choice(SURNAMES)}"
                key: tuple[str, ...] = ("compliment", service.name, staff, text)
                if key not in self.today_keys:
                    self.today_keys.add(key)
                    consent = rng.random() < 0.2
                    yield "compliments", (
                        iso(day), service.name, service.locality, staff, yes_no(consent), source,
                        yes_no(external), text,
                    )  # fmt: skip
                    break
        if rng.random() < PER_DAY_EXTRAS["feedback"]:
            for _ in range(20):
                theme = rng.choice(list(FEEDBACK))
                summary = rng.choice(FEEDBACK[theme])
                key = ("feedback", service.name, summary)
                if key not in self.today_keys:
                    self.today_keys.add(key)
                    from_child = rng.random() < 0.6
                    yield "feedback", (
                        iso(day), yes_no(from_child), theme, service.name,
                        yes_no(from_child and rng.random() < 0.7),
                        rng.choice(("yes", "no", "")), summary,
                    )  # fmt: skip
                    break

    def _context(self) -> Iterator[tuple[str, Row]]:
        """Referrals and assessments in proportion to each full year's complaints, and open
        cases by service for the last full year."""
        full_years = [y for y in sorted(self.received_by_year) if y < year_of(AS_OF)]
        for year in full_years:
            received = self.received_by_year[year]
            yield "context", (year, "referrals", "", str(received * 43))
            yield "context", (year, "family_assessments", "", str(received * 32))
        if full_years:
            last = self.received_by_year[full_years[-1]]
            for s in SERVICES:
                if s.open_cases is not None:
                    yield (
                        "context",
                        (
                            full_years[-1],
                            "open_cases",
                            s.name,
                            str(max(1, s.open_cases * last // 362)),
                        ),
                    )


def _carried(rng: random.Random, previous: Stage, stage: Stage) -> list[tuple[str, str, str]]:
    kept = rng.sample(previous.aspects, rng.randint(1, min(3, len(previous.aspects))))
    findings = findings_for(rng, stage.outcome, len(kept))
    return [(c, s, f) for (c, s, _old), f in zip(kept, findings, strict=True)]


def scale_rows(n: int, seed: int) -> Iterator[tuple[str, Row]]:
    return ScaleGenerator(n, seed).rows()
