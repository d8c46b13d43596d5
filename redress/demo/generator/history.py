"""Invented figures: the years before 2020-21, April and May 2022, and the shares that fill in
whatever a year does not give one by one.

The report's charts of earlier years are not in its text, so these are made up to be
plausible and to carry the trends it describes: stage 1 between 300 and 420 a year; stage 2 to
3 escalation falling in 2019-20 and then rising two years running; telephone complaints rising
two years running; letters falling four years running; compliments falling four years running.
Two 2019-20 figures are published: 377 stage 1 complaints (from its 2.72% and 3.03% ratios)
and its referrals and family assessments.
"""

from __future__ import annotations

from .figures import LOCAL2_BANDS, STAGE1_BANDS, STATUTORY2_BANDS, YearFigures, pence
from .shape import PREVIOUS, PUBLISHED


def _costs(io: str, ip: str, panel: str, comp1: str, comp2: str) -> dict[tuple[str, str], int]:
    costs = {
        ("investigating_officer", "2"): pence(io),
        ("independent_person", "2"): pence(ip),
        ("review_panel", "3"): pence(panel),
        ("compensation", "1"): pence(comp1),
        ("compensation", "2"): pence(comp2),
    }
    return {key: value for key, value in costs.items() if value}


HISTORY = (
    YearFigures(
        "2013-14", 305, 192, 20, 6, 4,
        lgo={"premature": 2, "not_investigated": 2},
        costs=_costs("31250.00", "9870.00", "2950.00", "1250.00", "2400.00"),
        compliments=118, compliments_published=20, repeats={2: 8, 3: 2},
    ),
    YearFigures(
        "2014-15", 334, 213, 24, 8, 5,
        lgo={"premature": 2, "not_investigated": 3},
        costs=_costs("36410.50", "11325.00", "3780.00", "1600.00", "2950.00"),
        compliments=126, compliments_published=22, repeats={2: 9, 3: 2},
    ),
    YearFigures(
        "2015-16", 371, 236, 28, 10, 6,
        lgo={"premature": 2, "not_investigated": 3},
        costs=_costs("41880.00", "13040.50", "4410.00", "2100.00", "3300.00"),
        compliments=139, compliments_published=25, repeats={2: 10, 3: 2, 4: 1},
    ),
    YearFigures(
        "2016-17", 408, 259, 31, 12, 7,
        lgo={"premature": 2, "not_investigated": 3, "closed_after_initial_enquiries": 1},
        costs=_costs("46215.75", "14600.00", "5320.00", "2450.00", "4100.00"),
        compliments=148, compliments_published=27, repeats={2: 11, 3: 2, 4: 1},
    ),
    YearFigures(
        "2017-18", 396, 252, 34, 13, 8,
        mediation={"resolved": 1, "escalated": 1},
        lgo={
            "premature": 2, "not_investigated": 4, "outside_jurisdiction": 1, "fault_found": 1,
        },
        lgo_payments=(pence("500.00"),),
        costs=_costs("52940.00", "16220.00", "6180.00", "2900.00", "5250.00"),
        compliments=160, compliments_published=30, feedback=18, actions=8,
        repeats={2: 10, 3: 3, 4: 1},
    ),
    YearFigures(
        "2018-19", 352, 224, 33, 11, 9,
        mediation={"resolved": 1, "escalated": 2},
        lgo={
            "premature": 3, "not_investigated": 4, "closed_after_initial_enquiries": 1,
            "fault_found": 1, "no_fault": 1,
        },
        lgo_payments=(pence("300.00"),),
        costs=_costs("51075.20", "16480.00", "6900.00", "3150.00", "4800.00"),
        compliments=131, compliments_published=24, feedback=22, actions=9,
        repeats={2: 9, 3: 2, 4: 1},
    ),
    YearFigures(
        "2019-20", 377, 242, 36, 13, 8,
        mediation={"resolved": 2, "escalated": 1, "ombudsman": 1, "declined": 1},
        lgo={
            "premature": 3, "not_investigated": 5, "closed_after_initial_enquiries": 1,
            "fault_found": 1, "no_fault": 1,
        },
        lgo_payments=(pence("1200.00"),),
        costs=_costs("55630.00", "17910.50", "5880.00", "3420.00", "5900.00"),
        compliments=105, compliments_published=19, feedback=27, actions=10,
        repeats={2: 10, 3: 3, 4: 1},
        context={"referrals": 13869, "family_assessments": 12451},
    ),
)  # fmt: skip

# 1 April to 31 May 2022: the year under way at AS_OF.
OPEN_YEAR = YearFigures(
    "2022-23", 61, 39, 6, 2, 2,
    mediation={"": 1},
    lgo={"": 3},
    costs=_costs("14210.00", "3860.00", "0", "300.00", "0"),
    compliments=9, compliments_published=2, feedback=6, actions=0,
    repeats={2: 1},
)  # fmt: skip

YEARS = (*HISTORY, PREVIOUS, PUBLISHED, OPEN_YEAR)

# Stages received in one year and answered in April or May 2022 (the only carry-over that the
# published responses do not fix).
OPEN_YEAR_CARRIED_IN = {1: 25, "statutory": 8, "local": 2}

# Share of a year's receipts that are answered in the following year, where no published
# response count decides it.
CARRIED_OVER_SHARE = {1: 0.08, "statutory": 0.40, "local": 0.10}

# (telephone, letter) stage 1 complaints; the other methods share out the rest.
PHONE_AND_LETTER = {
    "2013-14": (14, 41),
    "2014-15": (15, 38),
    "2015-16": (16, 34),
    "2016-17": (17, 28),
    "2017-18": (19, 30),
    "2018-19": (22, 24),
    "2019-20": (18, 19),
    "2022-23": (5, 1),
}
OTHER_METHOD_SHARES = {
    "email": 0.52,
    "online_form": 0.27,
    "in_person": 0.04,
    "advocate": 0.03,
    "via_worker": 0.03,
    "other": 0.01,
}
COMPLAINANT_SHARES = {
    "parent": 0.62,
    "other_family": 0.15,
    "child_young_person": 0.02,
    "care_leaver": 0.01,
    "foster_carer": 0.06,
    "special_guardian": 0.03,
    "professional": 0.03,
    "member_of_public": 0.05,
    "advocate": 0.01,
    "other": 0.02,
}
CYP_ADVOCATE_SHARE = 0.4

OUTCOME_SHARES = {
    1: {
        "upheld": 0.14,
        "partially_upheld": 0.23,
        "not_upheld": 0.37,
        "inconclusive": 0.02,
        "outside_jurisdiction": 0.09,
        "withdrawn": 0.15,
    },
    2: {
        "upheld": 0.08,
        "partially_upheld": 0.42,
        "not_upheld": 0.40,
        "inconclusive": 0.02,
        "outside_jurisdiction": 0.03,
        "withdrawn": 0.05,
    },
    3: {
        "upheld": 0.05,
        "partially_upheld": 0.30,
        "not_upheld": 0.50,
        "inconclusive": 0.05,
        "withdrawn": 0.10,
    },
}

# Shares of responses by band where no published count fixes them: stage 1 slower each year.
RESPONSE_SHARES = {
    1: (STAGE1_BANDS, (0.48, 0.28, 0.24), (0.36, 0.28, 0.36)),  # first year, last year
    "statutory": (STATUTORY2_BANDS, (0.30, 0.50, 0.20), (0.20, 0.50, 0.30)),
    "local": (LOCAL2_BANDS, (0.65, 0.35), (0.55, 0.45)),
}

ASPECTS_PER_COMPLAINT = 2.5
