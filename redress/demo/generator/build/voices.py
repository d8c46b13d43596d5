"""Compliments, informal feedback, children's closing-the-loop answers, learning actions and
the context figures complaints are read against."""

from __future__ import annotations

import datetime
import random

from ..alloc import ShapeError
from ..plan import YearPlan
from ..records import QUESTIONS, SUBSTANTIVE, Complaint, Row, Stage, iso, yes_no
from ..services import SERVICE, SERVICES
from ..shape import AS_OF, PUBLISHED_YEAR, STAGE1_BY_SERVICE
from ..texts import (
    ACTIONS,
    ACTIONS_2021_22,
    COMPLIMENTS,
    FEEDBACK,
    FEMALE,
    MALE,
    OWNERS,
    PUBLISHED_COMPLIMENTS,
    SURNAMES,
    you_said_we_did,
)
from ..workdays import WorkingDays
from .tracks import receipt_dates

CLOSING_THE_LOOP_SINCE = "2019-20"
CHILD_SERVICES = (
    "Child in Care", "Care Leavers", "Youth Offending", "Participation", "Independent Review",
)  # fmt: skip


class Voices:
    def __init__(self, rng: random.Random, wd: WorkingDays, complaints: list[Complaint]) -> None:
        self.rng, self.wd, self.complaints = rng, wd, complaints
        self.names: set[str] = set()
        self.acted_on: set[int] = set()

    def _staff(self, gender: str | None = None) -> str:
        gender = gender or self.rng.choice("fm")
        while True:
            first = self.rng.choice(FEMALE if gender == "f" else MALE)
            name = f"{first} {self.rng.choice(SURNAMES)}"
            if name not in self.names or len(self.names) > 500:
                self.names.add(name)
                return name

    # -- compliments ---------------------------------------------------------------------------

    def compliments(self, plan: YearPlan) -> list[Row]:
        rng = self.rng
        f = plan.figures
        dates = receipt_dates(rng, self.wd, plan.start, plan.end, f.compliments)
        rng.shuffle(dates)
        names = list(SERVICE)
        weights = [STAGE1_BY_SERVICE.get(n, 3) + 4 for n in names]
        rows: list[Row] = []
        seen: set[tuple[object, ...]] = set()
        for i, day in enumerate(dates):
            if plan.label == PUBLISHED_YEAR and i < len(PUBLISHED_COMPLIMENTS):
                service, source, gender, text = PUBLISHED_COMPLIMENTS[i]
                staff = self._staff(gender)
                text = text.format(first=staff.split()[0], full=staff)
                consent = True
            else:
                service = rng.choices(names, weights)[0]
                source, _external, text = rng.choice(COMPLIMENTS)
                consent = i < f.compliments_published
                staff = self._staff() if consent or rng.random() < 0.5 else ""
            while (day, service, staff, text) in seen:
                day = max(plan.start, day - datetime.timedelta(days=1))
            seen.add((day, service, staff, text))
            rows.append((
                iso(day), service, SERVICE[service].locality, staff, yes_no(consent), source,
                yes_no(source != "colleague"), text,
            ))  # fmt: skip
        rows.sort(key=lambda r: r[0])
        return rows

    # -- informal feedback ---------------------------------------------------------------------

    def feedback(self, plan: YearPlan) -> list[Row]:
        rng = self.rng
        themes = list(FEEDBACK)
        children = [
            s.name for s in SERVICES if s.name.startswith(CHILD_SERVICES) or "Care" in s.name
        ]
        rows: list[Row] = []
        seen: set[tuple[object, ...]] = set()
        for day in receipt_dates(rng, self.wd, plan.start, plan.end, plan.figures.feedback):
            from_child = rng.random() < 0.6
            theme = rng.choice(themes)
            service = rng.choice(children if from_child else [s.name for s in SERVICES])
            summary = rng.choice(FEEDBACK[theme])
            while (day, service, summary) in seen:
                day = max(plan.start, day - datetime.timedelta(days=1))
            seen.add((day, service, summary))
            advocate = rng.random() < (0.7 if from_child else 0.1)
            satisfied = rng.choices((True, False, None), (0.55, 0.25, 0.2))[0]
            rows.append((
                iso(day), yes_no(from_child), theme, service, yes_no(advocate),
                yes_no(satisfied), summary,
            ))  # fmt: skip
        return rows

    # -- closing the loop ----------------------------------------------------------------------

    def satisfaction(self) -> list[Row]:
        rng = self.rng
        rows: list[Row] = []
        for c in self.complaints:
            answered = c.stage1.outcome in SUBSTANTIVE and c.stage1.responded is not None
            if not c.is_cyp or not answered or c.stage1.year < CLOSING_THE_LOOP_SINCE:
                continue
            if rng.random() > 0.75:
                continue
            for question in QUESTIONS:
                if question == "on_time":
                    answer = "yes" if (c.stage1.days or 0) <= 20 else rng.choice(("no", "partly"))
                else:
                    answer = rng.choices(("yes", "partly", "no", ""), (0.6, 0.2, 0.15, 0.05))[0]
                rows.append((c.reference, question, answer))
        return rows

    # -- learning actions ----------------------------------------------------------------------

    def actions(self, plan: YearPlan) -> list[Row]:
        rng = self.rng
        if plan.label == PUBLISHED_YEAR:
            wanted = list(ACTIONS_2021_22)
        else:
            wanted = [
                (1, ("",), *rng.choice(ACTIONS), rng.choice(OWNERS))
                for _ in range(plan.figures.actions)
            ]
        rows: list[Row] = []
        for number, services, description, theme, owner in wanted:
            stage = self._stage_to_learn_from(plan, number, services)
            assert stage.complaint is not None
            assert stage.responded is not None
            raised = stage.responded
            due = min(self.wd.add(raised, rng.randint(20, 60)), AS_OF - datetime.timedelta(days=1))
            completed = None
            if rng.random() < 0.8:
                completed = min(self.wd.add(raised, rng.randint(5, 40)), AS_OF)
            you_said, we_did = you_said_we_did(theme, stage.complaint.reference)
            rows.append((
                stage.complaint.reference, description, theme,
                f"{owner}, {stage.complaint.service.name}", iso(raised), iso(max(due, raised)),
                iso(completed), str(stage.number), you_said, we_did,
            ))  # fmt: skip
        return rows

    def _stage_to_learn_from(self, plan: YearPlan, number: int, services: tuple[str, ...]) -> Stage:
        options = [
            s for c in self.complaints for s in c.stages
            if s.number == number and s.outcome in ("upheld", "partially_upheld")
            and plan.contains(s.responded) and id(c) not in self.acted_on
        ]  # fmt: skip
        fitting = [s for s in options if any(hint in _service(s) for hint in services)]
        chosen = fitting or options
        if not chosen:
            raise ShapeError(f"{plan.label}: no upheld stage {number} to learn from")
        stage = self.rng.choice(chosen)
        self.acted_on.add(id(stage.complaint))
        return stage

    # -- context -------------------------------------------------------------------------------

    def context(self, plans: list[YearPlan]) -> list[Row]:
        rows: list[Row] = []
        for plan in plans:
            for measure, value in plan.figures.context.items():
                rows.append((plan.label, measure, "", str(value)))
        for service in SERVICES:
            if service.open_cases is not None:
                rows.append((PUBLISHED_YEAR, "open_cases", service.name, str(service.open_cases)))
        return rows


def _service(stage: Stage) -> str:
    assert stage.complaint is not None
    return stage.complaint.service.name
