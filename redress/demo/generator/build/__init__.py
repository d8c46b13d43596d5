"""Building the Birmingham-shaped dataset: every record placed in memory (a few thousand
complaints), in an order fixed by the seed, then handed to a writer."""

from __future__ import annotations

import datetime
import random
from collections import Counter
from functools import cache

from redress.procedures.calendar import WorkingCalendar

from ..plan import make_plans
from ..records import Complaint, Dataset
from ..workdays import WorkingDays
from .around import Around
from .aspects import assign_aspects
from .details import add_details
from .escalation import Escalation
from .money import Payments
from .people import assign_people, assign_references, write_summaries
from .tracks import Pool, StageBuilder
from .voices import Voices

# Wide enough for every response of the dataset, and for the scale mode's.
FIRST_DAY = datetime.date(2012, 1, 1)
LAST_DAY = datetime.date(2024, 12, 31)


@cache
def working_days() -> WorkingDays:
    """Built once per process: it is only ever read."""
    return WorkingDays(WorkingCalendar(), FIRST_DAY, LAST_DAY)


def build_dataset(seed: int, wd: WorkingDays | None = None) -> Dataset:
    rng = random.Random(seed)
    wd = wd or working_days()
    plans = make_plans(rng)
    stage1_pools = {
        p.label: Pool(Counter[tuple[str | None, str]](p.stage1_slots), Counter(p.outcomes[1]))
        for p in plans
    }
    stage1s = StageBuilder(rng, wd, plans, stage1_pools, 1).build()
    stage2_pools = {
        p.label: Pool(
            Counter(
                {
                    (None, "statutory"): p.figures.stage2_statutory,
                    (None, "local"): p.figures.stage2_local,
                }
            ),
            Counter(p.outcomes[2]),
        )
        for p in plans
    }
    stage2s = StageBuilder(rng, wd, plans, stage2_pools, 2).build()
    complaints = [Complaint(stage1=s) for s in stage1s]
    for complaint in complaints:
        complaint.stage1.complaint = complaint
    Escalation(rng, wd, plans, stage1s, stage2s).run()
    assign_references(complaints)
    assign_people(rng, plans, complaints)
    assign_aspects(rng, plans, complaints)
    write_summaries(rng, complaints)
    add_details(rng, wd, complaints)

    data = Dataset(complaints=complaints)
    around = Around(rng, wd, complaints, random.Random(f"{seed}:ombudsman-responses"))
    payments = Payments(rng, wd, complaints)
    voices = Voices(rng, wd, complaints)
    for plan in plans:
        data.mediation.extend(around.mediation(plan))
    for plan in plans:
        enquiries, remedies = around.ombudsman(plan)
        data.ombudsman.extend(enquiries)
        data.payments.extend(payments.year(plan))
        data.payments.extend(remedies)
        data.actions.extend(voices.actions(plan))
        data.compliments.extend(voices.compliments(plan))
        data.feedback.extend(voices.feedback(plan))
    data.satisfaction.extend(voices.satisfaction())
    data.context.extend(voices.context(plans))
    data.payments.sort(key=lambda r: (r[1], r[0], r[2], r[3]))
    return data
