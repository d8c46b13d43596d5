"""Who complained, how, and who came back: complainant types, methods, advocates, repeat
complainants (sharing a `complainant_id`), follow-on links, references and summaries."""

from __future__ import annotations

import datetime
import random
from collections import Counter, defaultdict
from itertools import pairwise

from ..alloc import ShapeError, sample_weighted, take
from ..plan import YearPlan
from ..records import Complaint
from ..services import Service
from ..texts import CYP_SUMMARIES, SUMMARY_FORMS, VERBS, WHO

ADULT_TYPES_THAT_REPEAT = ("parent", "other_family", "foster_carer", "special_guardian")
CROSS_YEAR_REPEATS = 4  # people per year whose complaint follows one from the year before


def _adult_affinity(service: Service) -> dict[str, float]:
    name = service.name
    return {
        "foster_carer": 8.0 if name == "Mainstream Fostering" else 2.0 if "Care" in name else 0.3,
        "special_guardian": 4.0 if name == "Adoption" else 1.5 if "Child in Care" in name else 0.5,
        "professional": 3.0 if name.startswith("CASS") else 1.0,
        "member_of_public": 3.0 if name.startswith(("CASS", "Complaints")) else 0.7,
    }


CYP_METHOD_AFFINITY = {"telephone": 2.0, "in_person": 3.0, "via_worker": 2.0, "online_form": 1.5}


def assign_references(complaints: list[Complaint]) -> None:
    """KCT-2021-0001 and on, numbered by date of receipt within each financial year."""
    complaints.sort(key=lambda c: c.received)
    numbers: Counter[str] = Counter()
    for complaint in complaints:
        year = complaint.stage1.year[:4]
        numbers[year] += 1
        complaint.reference = f"KCT-{year}-{numbers[year]:04d}"


def assign_people(rng: random.Random, plans: list[YearPlan], complaints: list[Complaint]) -> None:
    by_year: dict[str, list[Complaint]] = defaultdict(list)
    for complaint in complaints:
        by_year[complaint.stage1.year].append(complaint)
    for plan in plans:
        year = by_year[plan.label]
        if len(year) != plan.figures.stage1:
            raise ShapeError(
                f"{plan.label}: {len(year)} stage 1s placed, {plan.figures.stage1} planned"
            )
        _types(rng, plan, year)
        _methods_and_advocates(rng, plan, year)
        _repeats(rng, plan, year)
    for earlier, later in pairwise(plans):
        _follow_ons(rng, by_year[earlier.label], by_year[later.label])
    _number_people(complaints)


def _types(rng: random.Random, plan: YearPlan, year: list[Complaint]) -> None:
    types = Counter(plan.complainants)
    leavers = sample_weighted(
        rng, year, [4.0 if c.service.name.startswith("Care Leavers") else 0.1 for c in year],
        types.pop("care_leaver", 0),
    )  # fmt: skip
    for complaint in leavers:
        complaint.complainant_type = "care_leaver"
    rest = [c for c in year if not c.complainant_type]
    children = sample_weighted(
        rng, rest, [c.service.cyp_weight for c in rest], types.pop("child_young_person", 0)
    )
    for complaint in children:
        complaint.complainant_type = "child_young_person"
    for complaint in year:
        if not complaint.complainant_type:
            complaint.complainant_type = take(rng, types, _adult_affinity(complaint.service))


def referral_day(received: datetime.date) -> datetime.date:
    """A supported child was referred to the advocacy provider the day the complaint came in
    (never after the data's last day; no draw from the generator's random numbers, so nothing
    else it places moves)."""
    return received


def _methods_and_advocates(rng: random.Random, plan: YearPlan, year: list[Complaint]) -> None:
    methods = Counter(plan.methods)
    children = [c for c in year if c.is_cyp]
    internal, external = plan.cyp_advocates
    supported = rng.sample(children, min(len(children), internal + external))
    for complaint in children:  # every child who complains is offered an advocate
        complaint.advocacy_offered = "yes"
    for i, complaint in enumerate(supported):
        complaint.advocate = "internal" if i < internal else "external"
        complaint.advocacy_referred = referral_day(complaint.received)
        if methods["advocate"]:
            complaint.method = "advocate"
            methods["advocate"] -= 1
    for complaint in year:
        if not complaint.advocate:
            complaint.advocate = "none"
        if not complaint.method:
            affinity = CYP_METHOD_AFFINITY if complaint.is_cyp else {"advocate": 0.2}
            complaint.method = take(rng, methods, affinity)


def _repeats(rng: random.Random, plan: YearPlan, year: list[Complaint]) -> None:
    """People with 2, 3, 4 or more complaints in the year: same area and complainant type."""
    for times in sorted(plan.figures.repeats, reverse=True):
        for _ in range(plan.figures.repeats[times]):
            buckets: dict[tuple[str, str], list[Complaint]] = defaultdict(list)
            for c in year:
                if c.person is None and c.complainant_type in ADULT_TYPES_THAT_REPEAT:
                    buckets[c.service.area, c.complainant_type].append(c)
            keys = [k for k in sorted(buckets) if len(buckets[k]) >= times]
            if not keys:
                raise ShapeError(f"{plan.label}: no {times} complaints left for one person")
            key = rng.choices(keys, [len(buckets[k]) for k in keys])[0]
            chosen = sorted(rng.sample(buckets[key], times), key=lambda c: c.received)
            person = object()
            for complaint in chosen:
                complaint.person = person
            if rng.random() < 0.5:
                for complaint in chosen[1:]:
                    complaint.related_to = chosen[0]


def _follow_ons(rng: random.Random, earlier: list[Complaint], later: list[Complaint]) -> None:
    """A few people complain again the next year about the same matter."""
    singles = [c for c in later if c.person is None and c.complainant_type == "parent"]
    for complaint in rng.sample(singles, min(CROSS_YEAR_REPEATS, len(singles))):
        matches = [
            c for c in earlier
            if c.person is None and c.complainant_type == "parent"
            and c.service.area == complaint.service.area
        ]  # fmt: skip
        if matches:
            first = rng.choice(matches)
            first.person = complaint.person = object()
            complaint.related_to = first


def _number_people(complaints: list[Complaint]) -> None:
    ids: dict[int, str] = {}
    for complaint in complaints:  # already in order of receipt
        key = id(complaint.person) if complaint.person is not None else id(complaint)
        if key not in ids:
            ids[key] = f"KP-{len(ids) + 1:05d}"
        complaint.complainant_id = ids[key]


def write_summaries(rng: random.Random, complaints: list[Complaint]) -> None:
    for complaint in complaints:
        if complaint.is_cyp:
            complaint.summary = rng.choice(CYP_SUMMARIES)
            continue
        phrases = [_phrase(cat, sub) for cat, sub, _finding in complaint.stage1.aspects[:2]]
        form = SUMMARY_FORMS[0] if len(phrases) < 2 else rng.choice(SUMMARY_FORMS[1:])
        complaint.summary = form.format(
            who=WHO[complaint.complainant_type],
            first=phrases[0] if phrases else "the service",
            second=phrases[1] if len(phrases) > 1 else "",
        )


def _phrase(category: str, subcategory: str) -> str:
    if category == "Delay":
        return f"delay in {VERBS[subcategory]}"
    if category == "Service Failure / Refusal":
        return f"not {VERBS[subcategory]}"
    return subcategory.lower().replace(" / ", " or ")
