"""The published figures the demo dataset reproduces, and which reading of them it follows.

Source: the Birmingham Children's Trust complaints and compliments annual report 2021-22
(`shared/reference/annual-report-birmingham-2021-22.txt`). The demo authority is the fictional
Kingsmoor Children's Trust: its service structure follows the report, every person in it is
invented, and its 2021-22 records reproduce the report's counts. Earlier years are invented
(see `history.py`).

Where the report contradicts itself, the generator follows these readings:

1. Stage 1 volumes: 362 in 2021-22 and 310 in 2020-21, a rise of 16.8%. Section 3's "18.4%"
   is wrong: 310 is confirmed by the 2020-21 children's figure "eight (2.58%)" and by the 2.03%
   ratio to 15,286 referrals. 2019-20 is 377 (from its 2.72% and 3.03% ratios).
2. Stage 2 escalation is received.stage3 / received.stage2.statutory. With 14 stage 3s the
   report's 42.6% is unreachable; 14 of 33 statutory stage 2s is 42.4%. 2020-21 had 35
   statutory stage 2s (10 / 35 = 28.6%, as published), so 12 local ones.
3. Stage 1 outcomes: 11.1% outside jurisdiction and 16.5% withdrawn cannot both hold for 362
   complaints. 40 and 60 (11.0% and 16.6%) keep their published sum of 27.6%.
4. Timeliness is measured over *responses issued in the year* (withdrawn and outside
   jurisdiction left out), not over the stages received in it: 266 stage 1 responses cannot
   come from 362 receipts with the published outcomes (they leave 259), nor 47 stage 2
   responses from 50 receipts with 8 withdrawn, outside jurisdiction or outstanding. So the
   responses of 2021-22 include stages received in 2020-21, and some 2021-22 receipts are
   answered in April and May 2022.
5. Appendix A's area rows cannot all hold together with its TOTAL row (the smallest cohorts
   that match each row exactly add up to 306, not 266). TOTAL is kept exact and every area is
   within 0.1 points of its published percentages. "142 of 265" is a typo for 142 of 266.
6. Local stage 2 average: 29.93 working days (Appendix A). The text's "32.80" repeats the
   previous year's figure.
7. The children's share of stage 1: 22 of 362 is 6.1%; the report's "5.99%" is a slip.
8. Compensation 2020-21 is £13,699.48: the report's "£13,699.49" is a penny out, and its total
   of £96,369.29 confirms .48. Compensation fell 48.3%, not the "51.7%" the report says.
9. The ratio of 2020-21 stage 1 complaints to family assessments is 310 / 12,830 = 2.42%; the
   report prints 2.41%.
10. Ombudsman: the "six investigations" are 3 fault found, 2 no fault and 1 still open at
   31 May 2022 (pending); 4 premature and 13 not investigated make up the 23 enquiries.
"""

from __future__ import annotations

import datetime

from .figures import (
    ALL,
    LOCAL2_BANDS,
    STAGE1_BANDS,
    STATUTORY2_BANDS,
    Responses,
    YearFigures,
    pence,
)
from .services import CITYWIDE, EAST, NWC, SOUTH

AUTHORITY = "Kingsmoor Children's Trust"
AS_OF = datetime.date(2022, 5, 31)
PUBLISHED_YEAR = "2021-22"

# Section 3: the five services with most stage 1s are published; the others are invented,
# each below 28, and the areas add up to the 362.
STAGE1_BY_SERVICE = {
    "North West Central Child in Care": 44,
    "Disabled Children's Social Care": 37,
    "South Safeguarding": 34,
    "East ASTI": 28,
    "South Child in Care": 28,
    "CASS / EDT / MASH": 24,
    "East Child in Care": 22,
    "South ASTI": 22,
    "East Safeguarding": 20,
    "North West Central ASTI": 20,
    "North West Central Safeguarding": 18,
    "Care Leavers, UASC & Homelessness": 16,
    "Mainstream Fostering": 12,
    "Families Together Service": 10,
    "Independent Review": 8,
    "Adoption": 6,
    "Complaints & Information": 6,
    "Youth Offending Service": 5,
    "Participation & Engagement": 2,
}

# (statutory, local). The top five are published (10, 7, 4, 3, 3); the rest and the procedure
# split are invented so that 33 are statutory and 17 local.
STAGE2_BY_SERVICE = {
    "Disabled Children's Social Care": (7, 3),
    "South Safeguarding": (5, 2),
    "South ASTI": (3, 1),
    "East Child in Care": (3, 0),
    "East Safeguarding": (2, 1),
    "North West Central Child in Care": (2, 0),
    "East ASTI": (1, 1),
    "South Child in Care": (2, 0),
    "North West Central ASTI": (1, 1),
    "North West Central Safeguarding": (2, 0),
    "CASS / EDT / MASH": (1, 1),
    "Care Leavers, UASC & Homelessness": (2, 0),
    "Mainstream Fostering": (0, 2),
    "Families Together Service": (0, 2),
    "Adoption": (1, 1),
    "Independent Review": (0, 1),
    "Youth Offending Service": (1, 0),
    "Complaints & Information": (0, 1),
}

# South Safeguarding 3, East Child in Care 3, Disabled Children's Social Care 2 are published;
# "six other services received one" each: which six is invented.
STAGE3_BY_SERVICE = {
    "South Safeguarding": 3,
    "East Child in Care": 3,
    "Disabled Children's Social Care": 2,
    "North West Central Child in Care": 1,
    "South ASTI": 1,
    "East ASTI": 1,
    "North West Central Safeguarding": 1,
    "CASS / EDT / MASH": 1,
    "South Child in Care": 1,
}

# Appendix B, in the order of the shipped taxonomy `birmingham-reasons-2021`.
REASONS_2021_22 = {
    "Delay": {
        "Follow Guidance / Policy / Procedure": 1,
        "Make a Decision": 1,
        "Meet or Contact Customer": 1,
        "Provide a Service / Support": 7,
        "Provide Advice / Information": 8,
        "Respond to Emails / Letters / Text Message": 2,
        "Respond to Telephone Call / Message": 2,
        "Take Action": 21,
    },
    "Service Failure / Refusal": {
        "Consult / Notify": 25,
        "Follow Guidance / Policy / Procedure": 4,
        "Invite to Meeting": 9,
        "Listen": 25,
        "Make a Decision": 1,
        "Meet or Contact Customer": 24,
        "Provide a Service / Support": 69,
        "Provide Advice / Information": 66,
        "Provide Identification": 4,
        "Respond to Emails / Letters / Text Message": 18,
        "Respond to Telephone Call / Message": 22,
        "Take Action": 86,
    },
    "Service Quality": {
        "Appropriateness of Venue": 1,
        "Availability of Staff": 1,
        "Breach of Confidentiality": 23,
        "Breach of Court Order": 2,
        "Change of Allocated Worker": 5,
        "Concerns about Care Provision": 11,
        "Disagreement with Assessment": 31,
        "Disagreement with Decision": 41,
        "Equalities / Diversity Issues": 2,
        "Inaccurate Information Recorded": 48,
        "Inadequate Service / Support": 63,
        "Inappropriate Action Taken": 80,
        "Inappropriate Service Offered": 16,
        "Incorrect Advice Given": 8,
        "Lateness / Non-Attendance": 10,
        "Loss or Damage to Property": 1,
        "Meeting Cancelled / Re-scheduled": 8,
        "Meeting Terminated": 1,
        "Organisational Discrimination": 5,
        "Other / Miscellaneous": 6,
        "Poor Communication": 21,
        "Service Cancelled / Reduced / Withdrawn": 6,
        "Unable to Reach Staff": 14,
        "Unreasonable Decision": 29,
        "Wrong Information Provided": 16,
    },
    "Staff Conduct": {
        "Accusatory Conduct": 6,
        "Bias": 13,
        "Bullying / Threatening": 17,
        "Conflict of Interest": 3,
        "Discriminatory Behaviour": 7,
        "Dishonest Conduct": 12,
        "Inappropriate Conduct": 46,
        "Lack of Customer Care": 11,
        "Lack of Knowledge/Training": 9,
        "Lack of Ownership": 1,
        "Lack of Professionalism": 19,
        "No Consent to Act": 4,
        "Other / Miscellaneous": 3,
        "Rude or Aggressive Behaviour": 18,
        "Unhelpful Attitude": 4,
    },
}


PUBLISHED = YearFigures(
    label="2021-22",
    stage1=362,  # reading 1: up 16.8% on 310
    stage1_statutory=234,
    # Reading 2: 14 stage 3s are 42.4% of the 33 statutory stage 2s.
    stage2_statutory=33,
    stage2_local=17,
    stage3=14,
    # Reading 3: 40 outside jurisdiction and 60 withdrawn (11.0% and 16.6%, 27.6% together).
    # Upheld or partly upheld: 125 of 362 = 34.5%, the report's "35%". Outstanding at AS_OF: 3.
    outcomes1={
        "upheld": 48,
        "partially_upheld": 77,
        "not_upheld": 127,
        "inconclusive": 7,
        "outside_jurisdiction": 40,
        "withdrawn": 60,
        "outstanding": 3,
    },
    # 56% upheld or partly upheld (28 of 50); 5 outstanding at AS_OF.
    outcomes2={
        "upheld": 1,
        "partially_upheld": 27,
        "not_upheld": 14,
        "outside_jurisdiction": 2,
        "withdrawn": 1,
        "outstanding": 5,
    },
    outcomes3={"partially_upheld": 10, "not_upheld": 2, "inconclusive": 1, "withdrawn": 1},  # 71.4%
    stage1_services=STAGE1_BY_SERVICE,
    stage2_services=STAGE2_BY_SERVICE,
    stage3_services=STAGE3_BY_SERVICE,
    # Readings 4 and 5. Appendix A: 266 responses issued in the year, 63 / 79 / 124 by band
    # (142 within 20 working days, 53.4%), average 28.81 (7,663 / 266 = 28.808). Each area row
    # is within 0.1 points of the published one; TOTAL is exact.
    stage1_responses=Responses(
        STAGE1_BANDS,
        {CITYWIDE: (19, 32, 38), EAST: (13, 15, 28), NWC: (16, 13, 31), SOUTH: (15, 19, 27)},
        total_days=7663,
    ),
    # 0 within 25, 10 within 65, 23 over; average 87.48 (2,887 / 33).
    stage2_statutory_responses=Responses(STATUTORY2_BANDS, {ALL: (0, 10, 23)}, total_days=2887),
    # Reading 6: 9 within 25, 5 over; average 29.93 (419 / 14).
    stage2_local_responses=Responses(LOCAL2_BANDS, {ALL: (9, 5)}, total_days=419),
    reasons=REASONS_2021_22,
    # About 80% by email or online form (290 of 362); telephone and letter continue the trends
    # in history.py.
    methods={
        "email": 188,
        "online_form": 102,
        "telephone": 31,
        "letter": 9,
        "in_person": 7,
        "advocate": 11,
        "via_worker": 10,
        "other": 4,
    },
    # Parents and other family 272 of 362 (75%). Reading 7: children and care leavers 22, 6.1%.
    complainants={
        "parent": 222,
        "other_family": 50,
        "child_young_person": 15,
        "care_leaver": 7,
        "foster_carer": 20,
        "special_guardian": 11,
        "professional": 9,
        "member_of_public": 17,
        "advocate": 3,
        "other": 8,
    },
    cyp_advocates=(6, 4),
    repeats={2: 14, 3: 4, 4: 1, 5: 1},
    # Seven held: three resolved, four escalated to stage 2; two more offered and declined.
    mediation={"resolved": 3, "escalated": 4, "declined": 2},
    # Reading 10: 23 enquiries, decided in the year except one still open at AS_OF ("").
    lgo={"premature": 4, "not_investigated": 13, "fault_found": 3, "no_fault": 2, "": 1},
    lgo_payments=(pence("200.00"), pence("400.00"), pence("750.00")),
    # Investigation £143,177.96; compensation £7,089.00; all payments £150,266.96.
    costs={
        ("investigating_officer", "2"): pence("90399.00"),
        ("independent_person", "2"): pence("24783.50"),
        ("review_panel", "3"): pence("27995.46"),
        ("compensation", "1"): pence("1400.00"),
        ("compensation", "2"): pence("3739.00"),
        ("compensation", "3"): pence("600.00"),
        # Ombudsman remedies: the three lgo_payments above, £1,350.00 in all.
    },
    compliments=52,
    compliments_published=15,
    feedback=41,
    actions=30,
    context={"referrals": 15636, "family_assessments": 11588},  # ratios 2.32% and 3.12%
)

PREVIOUS = YearFigures(
    label="2020-21",
    stage1=310,  # reading 1: confirmed by "eight (2.58%)" children's complaints
    stage1_statutory=201,
    stage2_statutory=35,  # reading 2: 10 stage 3s are 28.6% of 35
    stage2_local=12,
    stage3=10,
    # 38% upheld or partially upheld (118 of 310); the rest of the split is invented.
    outcomes1={
        "upheld": 45,
        "partially_upheld": 73,
        "not_upheld": 102,
        "inconclusive": 5,
        "outside_jurisdiction": 35,
        "withdrawn": 50,
    },
    # 55.3% upheld or partially upheld (26 of 47).
    outcomes2={
        "upheld": 4,
        "partially_upheld": 22,
        "not_upheld": 16,
        "outside_jurisdiction": 2,
        "withdrawn": 3,
    },
    # 20% (2 of 10).
    outcomes3={"partially_upheld": 2, "not_upheld": 6, "inconclusive": 1, "withdrawn": 1},
    # Invented service split of the 47 (statutory, local), covering the services whose stage 3
    # requests of 2021-22 follow on from 2020-21 stage 2s.
    stage2_services={
        "Disabled Children's Social Care": (5, 2),
        "South Safeguarding": (4, 1),
        "East Child in Care": (4, 0),
        "North West Central Child in Care": (3, 1),
        "South ASTI": (2, 1),
        "East Safeguarding": (2, 1),
        "East ASTI": (2, 1),
        "North West Central ASTI": (2, 1),
        "North West Central Safeguarding": (2, 0),
        "South Child in Care": (2, 1),
        "CASS / EDT / MASH": (2, 1),
        "Care Leavers, UASC & Homelessness": (2, 0),
        "Mainstream Fostering": (0, 1),
        "Adoption": (1, 0),
        "Families Together Service": (1, 1),
        "Youth Offending Service": (1, 0),
    },
    # 63.7% within 20 working days (144 of 226), average 27.44 (6,201 / 226).
    stage1_responses=Responses(STAGE1_BANDS, {ALL: (64, 80, 82)}, total_days=6201),
    # Six within 25, average 64.09 (2,051 / 32).
    stage2_statutory_responses=Responses(STATUTORY2_BANDS, {ALL: (6, 14, 12)}, total_days=2051),
    # 50% within 25, average 32.80 (328 / 10).
    stage2_local_responses=Responses(LOCAL2_BANDS, {ALL: (5, 5)}, total_days=328),
    aspects=839,
    methods={
        "email": 160,
        "online_form": 84,
        "telephone": 24,
        "letter": 13,
        "in_person": 6,
        "advocate": 8,
        "via_worker": 11,
        "other": 4,
    },
    # Parents and other family about 77% (239 of 310); children and care leavers eight.
    complainants={
        "parent": 197,
        "other_family": 42,
        "child_young_person": 5,
        "care_leaver": 3,
        "foster_carer": 19,
        "special_guardian": 10,
        "professional": 10,
        "member_of_public": 16,
        "advocate": 2,
        "other": 6,
    },
    cyp_advocates=(2, 1),
    repeats={2: 11, 3: 3, 4: 1},
    mediation={"resolved": 2, "escalated": 2, "paused": 1, "declined": 1},
    lgo={"premature": 3, "not_investigated": 6, "fault_found": 3, "no_fault": 1},
    lgo_payments=(pence("1000.00"), pence("1725.00"), pence("750.00")),
    # Reading 8: investigation £82,669.81; compensation £13,699.48 (not .49); total £96,369.29.
    costs={
        ("investigating_officer", "2"): pence("57818.31"),
        ("independent_person", "2"): pence("18600.50"),
        ("review_panel", "3"): pence("6251.00"),
        ("compensation", "1"): pence("3674.48"),
        ("compensation", "2"): pence("6550.00"),
        # No stage 3 compensation; Ombudsman remedies are the lgo_payments above (£3,475.00).
    },
    # 84, so 52 is a fall of 38.1%.
    compliments=84,
    compliments_published=12,
    feedback=34,
    actions=14,
    # Reading 9: 310 / 12,830 = 2.42% (the report prints 2.41%); 310 / 15,286 = 2.03%.
    context={"referrals": 15286, "family_assessments": 12830},
)
