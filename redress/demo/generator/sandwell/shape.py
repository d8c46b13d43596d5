"""The published figures the second demo authority reproduces, and which reading it follows.

Source: the Sandwell Children's Trust annual report 2021-22
(`shared/reference/annual-report-sandwell-2021-22.txt`). The demo authority is the fictional
Brackenford Children's Trust, which shares the complaints procedure with Brackenford
Metropolitan Borough Council: the trust handles stage 1, the council stages 2 and 3 and the
Ombudsman. Its structure follows the report (service areas from April to December 2021,
localities from January 2022); every person and place in it is invented. Its 2021-22 records
reproduce the report's counts; the years before are the report's published totals with the
rest invented, as the Birmingham generator's `history.py` does.

The report's Tables 2 to 7, 9 and 10 are pictures, absent from its text: the complaints by
service area (April–December) and by locality (January–March), their proportions of open cases,
the months and the repeat complainants' spread are invented, within what the text says.

Where the report contradicts itself, the generator follows these readings:

1. "There were 28 complaints received from Young People … There were also 205 Stage 1
   complaints": the 28 are among the 205, not besides them (section 4 and Table 1 count 205 in
   all; Table 8's quarters add up to 205).
2. "In 14 out of the 18 formal complaints … the remaining 10 … are being supported by an
   advocate": 18 is the 28 less the 10 supported by an advocate. The Participation Team's
   closing-the-loop answers are recorded for those 18: 14 answered, 4 did not ("too young or
   chose not to engage").
3. "This is a decrease of 2% (8 complaints)": 205 against 213 is 3.8% fewer; the count of 8 is
   kept, the 2% is a slip.
4. "a 3% increase in the number of Stage 1 complaints that were either upheld or party upheld":
   135 against 134 is 0.7% more complaints; the 3 is percentage points (65.9% against 62.9%,
   printed 66% and 63%).
5. Table 17's upheld or partly upheld counts for the top five themes of 2021-22 (30, 16, 12, 7
   and 8, 73 in all) cannot stand beside Table 1's 135 and Table 16's theme counts: the other
   twelve themes hold only 59 complaints, so at most 132 could be upheld or partly upheld. Table
   1 and Table 16 are kept; every complaint of the other twelve themes is upheld or partly
   upheld and "Actions / Conduct of Worker" has 33, not 30 (the other four as published).
6. Table 12 says "Placement Change" and "Change of Social Worker" where Table 16 says
   "Placement Changes" and "Change in Social Worker", "Quality of Service" where Table 16 says
   "Quality of service", and section 5.6 says "Issues with Carer" for Table 12's "Issue with
   Carer": one theme each, named as Tables 12 and 13 name them.
7. Section 5.3: "Two complaints … in relation to not feeling listened to" heads the Missing
   Savings paragraph; the table's theme (Missing Savings, 2) is kept.
8. "a 52% decrease in Children and Young People who contacted us to provide informal feedback":
   12 is 52% fewer than 25, so 2020-21 had 25.
9. Mediation: "we offered 18 complainants … the opportunity for mediation", then 1 went to the
   Ombudsman, 1 to stage 2, 1 was paused and 15 were resolved: all 18 accepted; 17 were held
   (the paused one was not). £52,500 saved is the 15 resolved at the £3,500 a stage 2 costs.
10. Stage 2: "five Stage 2 complaint investigations were progressed … two of which were
   concluded outside of the reporting period", then "Of the five Stage 2 complaints completed
   three were completed outside of timescales. The average number of days … was 74 days." Five
   were active in the year (one received in 2020-21, four in 2021-22); three were completed in
   it, all three late, taking 74 working days on average; two of them took more than the 65
   working days an extension allows ("Two of the complaints were particularly complex"); the
   two concluded after 31 March 2022 were in time. 2020-21's stage 2s completed in that year
   took 93 working days on average.
11. Stage 3: the two requests of 2021-22 follow complex stage 2s. One is the review the
   Ombudsman found the authority at fault for not holding (its complaint 1): its stage 2 was
   answered in 2020-21.
12. Ombudsman: the text says one complaint was "outside of their jurisdiction" and one was not
   investigated after the findings of stages 2 and 3 were upheld, while its table says Person 4
   "No Fault" and Person 5 "Not Investigated", and the summary table puts three under "Closed
   after initial enquiries - no further actions". Complaint 4 (the Ombudsman saw no fault and
   did not investigate) is `closed_after_initial_enquiries`; complaint 5 (too little injustice
   to investigate) is `not_investigated`; complaint 2 is `premature`. Nothing was outside
   jurisdiction. Complaints 1 and 3 are `fault_found`, with their remedies in the
   `ombudsman_remedies` sheet (complaint 1: an apology and the stage 3 review; complaint 3: an
   apology, the £180 time and trouble payment, paid on the enquiry, and a stage 2
   investigation), each done within the 20 working days allowed.
13. "During 2021/22 we received 203 compliments" and "the 58 compliments received from outside
   of SCT": 203 in all, 58 of them external.
14. Table 8's percentages: 156 of 205 is 76.1% in time (printed 76%); 49 is 23.9% (24%).
15. Timeliness of earlier years: 84% of 213 is 179 (84.0%); 71% of 270 is 192 (71.1%); "just
   50%" of 263 is 132 (50.2%).
16. Who handles stages 2 and 3: section 3 says the council (SMBC) manages "all Stage 2, Stage 3
   and Ombudsman complaints", while sections 2.3 and 2.4 have a trust senior manager adjudicate
   stage 2 and the trust's Chief Executive respond at stage 3 "on behalf of SCT". Each stage
   records the organisation that manages it: the trust at stage 1, the council at stages 2 and
   3, and the council each Ombudsman enquiry (the ombudsman sheet's `organisation`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

AUTHORITY = "Brackenford Children's Trust"
COUNCIL = "Brackenford Metropolitan Borough Council"
AS_OF = datetime.date(2022, 5, 31)
PUBLISHED_YEAR = "2021-22"
PREFIX = "BCT"
# The whole service redesign: localities from 1 January 2022.
RESTRUCTURE = datetime.date(2022, 1, 1)

# Service areas until 31 December 2021 (no locality), with their open cases in 2021-22.
OLD_SERVICES = {
    "Front Door and Assessment": 980,
    "Child Protection and Court": 1140,
    "Children Looked After": 1020,
    "Leaving Care": 610,
    "Disabled Children's Service": 300,
    "Fostering Service": 420,
    "Adoption Service": 150,
    "Early Help": 690,
}

# Localities from 1 January 2022.
LOCALITIES = ("Kelsall and Oakditch", "Brackenford Central", "Tolbury and Wedmore", "Rowan Heath")

# Services from 1 January 2022: (locality, blank for trust-wide; open cases, January–March).
NEW_SERVICES = {
    "Kelsall and Oakditch Locality": ("Kelsall and Oakditch", 500),
    "Brackenford Central Locality": ("Brackenford Central", 520),
    "Tolbury and Wedmore Locality": ("Tolbury and Wedmore", 410),
    "Rowan Heath Locality": ("Rowan Heath", 380),
    "Children in Care Service": ("", 414),
    "Care Leavers Service": ("", 350),
    "Children with Disabilities Service": ("", 240),
}

# Stage 1 complaints of 2021-22 by service: invented (Tables 2 and 4 are pictures), adding up
# to Table 8's quarters (150 received April–December, 55 January–March). The text's two
# proportions of open cases hold: Children in Care Service 12 / 414 = 2.90%, Kelsall and
# Oakditch 14 / 500 = 2.80%, the two highest of January–March.
STAGE1_BY_OLD_SERVICE = {
    "Front Door and Assessment": 34,
    "Child Protection and Court": 38,
    "Children Looked After": 30,
    "Leaving Care": 16,
    "Disabled Children's Service": 10,
    "Fostering Service": 12,
    "Adoption Service": 4,
    "Early Help": 6,
}
STAGE1_BY_NEW_SERVICE = {
    "Kelsall and Oakditch Locality": 14,
    "Brackenford Central Locality": 11,
    "Tolbury and Wedmore Locality": 9,
    "Rowan Heath Locality": 6,
    "Children in Care Service": 12,
    "Care Leavers Service": 2,
    "Children with Disabilities Service": 1,
}

# Table 16 (reading 6 for the names), in its order.
THEMES_2021_22 = {
    "Actions / Conduct of Worker": 56,
    "Decision Making": 35,
    "Poor Communication": 17,
    "Financial Assistance": 19,
    "Missing Savings": 3,
    "Lack of Support": 14,
    "Family Time": 7,
    "Accuracy of Assessment/Reports": 6,
    "Quality of Service": 19,
    "Placement Change": 2,
    "Not Feeling Listened To": 7,
    "Inappropriate Disclosure of Information": 1,
    "Delay in Receiving Services": 7,
    "Delays in Sharing Minutes/Reports": 2,
    "Issue with Carer": 2,
    "Change of Social Worker": 5,
    "Access to Service": 3,
}

# Table 17, 2021-22 (reading 5: Actions / Conduct 33, not 30); every other theme's complaints
# are all upheld or partly upheld.
UPHELD_2021_22 = {
    "Actions / Conduct of Worker": 33,
    "Decision Making": 16,
    "Poor Communication": 12,
    "Financial Assistance": 7,
    "Quality of Service": 8,
}

# Table 16's counts for 2020-21 are not published: invented so that its top five are Table
# 17's (four of them the same as 2021-22's, "Lack of Support" the fifth).
THEMES_2020_21 = {
    "Actions / Conduct of Worker": 60,
    "Decision Making": 38,
    "Poor Communication": 22,
    "Financial Assistance": 18,
    "Lack of Support": 15,
    "Quality of Service": 12,
    "Family Time": 8,
    "Not Feeling Listened To": 7,
    "Delay in Receiving Services": 7,
    "Accuracy of Assessment/Reports": 6,
    "Change of Social Worker": 6,
    "Missing Savings": 4,
    "Access to Service": 4,
    "Issue with Carer": 3,
    "Placement Change": 3,
}
# Table 17, 2020-21.
UPHELD_2020_21 = {
    "Actions / Conduct of Worker": 36,
    "Decision Making": 17,
    "Poor Communication": 13,
    "Financial Assistance": 11,
    "Lack of Support": 9,
}

# Table 12.
CYP_THEMES_2021_22 = {
    "Actions / Conduct of Worker": 5,
    "Decision Making": 6,
    "Financial Assistance": 3,
    "Missing Savings": 2,
    "Not Feeling Listened To": 3,
    "Placement Change": 1,
    "Family Time": 2,
    "Poor Communication": 1,
    "Change of Social Worker": 2,
    "Issue with Carer": 1,
    "Quality of Service": 2,
}
# The six children's complaints not upheld, in themes that have complaints not upheld.
CYP_NOT_UPHELD_2021_22 = {
    "Actions / Conduct of Worker": 2,
    "Decision Making": 2,
    "Financial Assistance": 1,
    "Quality of Service": 1,
}

# Table 13.
FEEDBACK_THEMES_2021_22 = {
    "Loneliness/Anxiety": 2,
    "Placement Change": 2,
    "Change of Social Worker": 2,
    "Not Feeling Listened To": 3,
    "Family Time": 1,
    "Bullying": 1,
    "Violence & Aggression": 1,
}
# Reading 8: 25 in 2020-21 (invented themes).
FEEDBACK_THEMES_2020_21 = {
    "Loneliness/Anxiety": 6,
    "Placement Change": 4,
    "Change of Social Worker": 5,
    "Not Feeling Listened To": 5,
    "Family Time": 3,
    "Bullying": 2,
}


@dataclass(frozen=True)
class SandwellYear:
    """One financial year of stage 1 complaints and what surrounds them."""

    label: str
    stage1: int
    upheld: int  # fully upheld
    partly: int  # partially upheld
    by_quarter: tuple[tuple[int, int], ...]  # (met, missed) by quarter of receipt
    themes: dict[str, int]
    upheld_by_theme: dict[str, int]  # upheld or partly, where fixed
    cyp: int
    cyp_with_advocate: int
    cyp_outcomes: dict[str, int] = field(default_factory=dict)  # fixed where published
    cyp_themes: dict[str, int] = field(default_factory=dict)
    cyp_not_upheld_by_theme: dict[str, int] = field(default_factory=dict)
    repeats: dict[int, int] = field(default_factory=dict)  # complaints each -> people
    feedback_themes: dict[str, int] = field(default_factory=dict)
    feedback_satisfied: int = 0
    compliments: int = 0
    compliments_external: int = 0
    methods: dict[str, int] = field(default_factory=dict)
    complainants: dict[str, int] = field(default_factory=dict)  # adults; children are `cyp`

    @property
    def start(self) -> datetime.date:
        return datetime.date(int(self.label[:4]), 4, 1)

    @property
    def upheld_or_partly(self) -> int:
        return self.upheld + self.partly


PUBLISHED = SandwellYear(
    label="2021-22",
    stage1=205,
    # Table 1: 135 upheld or partly upheld (65.9%, "66%"); the split is invented.
    upheld=52,
    partly=83,
    # Table 8: 156 met (76.1%, "76%"), 49 missed.
    by_quarter=((36, 14), (46, 15), (30, 9), (44, 11)),
    themes=THEMES_2021_22,
    upheld_by_theme=UPHELD_2021_22,
    # Section 5.2: 28 complaints, 11 upheld, 11 partly upheld, 6 not upheld, 10 with an advocate.
    cyp=28,
    cyp_with_advocate=10,
    cyp_outcomes={"upheld": 11, "partially_upheld": 11, "not_upheld": 6},
    cyp_themes=CYP_THEMES_2021_22,
    cyp_not_upheld_by_theme=CYP_NOT_UPHELD_2021_22,
    # Section 4.3: 25 people made two or more (their spread, Table 7, is invented).
    repeats={2: 20, 3: 4, 4: 1},
    # Section 5.4: 12 contacts, 10 satisfied, 2 supported by an advocate or solicitor.
    feedback_themes=FEEDBACK_THEMES_2021_22,
    feedback_satisfied=10,
    # Section 12: 203 compliments, 58 from outside the trust (reading 13).
    compliments=203,
    compliments_external=58,
    # Invented: most through the council's "Contact Us" portal and email (section 3.2); the
    # ten complaints an advocate brought for a child came through the advocate.
    methods={
        "online_form": 88,
        "email": 62,
        "telephone": 27,
        "via_worker": 14,
        "advocate": 10,
        "letter": 4,
    },
    # Invented: "a large majority … made by adults" (section 3.3).
    complainants={
        "parent": 120,
        "other_family": 22,
        "foster_carer": 17,
        "special_guardian": 6,
        "professional": 4,
        "member_of_public": 5,
        "other": 3,
    },
)

PREVIOUS = SandwellYear(
    label="2020-21",
    stage1=213,
    upheld=50,
    partly=84,  # 134 (62.9%, "63%")
    by_quarter=((40, 7), (47, 9), (44, 8), (48, 10)),  # 179 met (84.0%)
    themes=THEMES_2020_21,
    upheld_by_theme=UPHELD_2020_21,
    cyp=40,  # "12 less complaints than the previous year"
    cyp_with_advocate=12,
    repeats={2: 19, 3: 3, 4: 1},
    feedback_themes=FEEDBACK_THEMES_2020_21,
    feedback_satisfied=21,
    compliments=188,
    compliments_external=51,
    methods={
        "online_form": 86,
        "email": 70,
        "telephone": 30,
        "via_worker": 10,
        "advocate": 12,
        "letter": 5,
    },
    complainants={
        "parent": 118,
        "other_family": 21,
        "foster_carer": 16,
        "special_guardian": 7,
        "professional": 4,
        "member_of_public": 5,
        "other": 2,
    },
)

# Earlier years: the published totals, upheld or partly upheld and timeliness (reading 15); the
# rest invented in the 2020-21 mix.
EARLIER = (
    SandwellYear(
        label="2018-19",
        stage1=263,
        upheld=50,
        partly=94,  # 144 (54.8%, "55%")
        by_quarter=((35, 33), (31, 35), (30, 34), (36, 29)),  # 132 met (50.2%)
        themes={},
        upheld_by_theme={},
        cyp=33,
        cyp_with_advocate=9,
        repeats={2: 22, 3: 4},
        compliments=142,
        compliments_external=40,
    ),
    SandwellYear(
        label="2019-20",
        stage1=270,
        upheld=71,
        partly=127,  # 198 (73.3%, "73%")
        by_quarter=((50, 20), (47, 21), (45, 19), (50, 18)),  # 192 met (71.1%)
        themes={},
        upheld_by_theme={},
        cyp=36,
        cyp_with_advocate=11,
        repeats={2: 24, 3: 5, 4: 1},
        compliments=171,
        compliments_external=47,
    ),
)

YEARS = (*EARLIER, PREVIOUS, PUBLISHED)

# Ombudsman enquiries of 2021-22 (section 9, reading 12): received, decision, decided.
OMBUDSMAN = (
    ("Person 1", datetime.date(2021, 5, 10), "fault_found", datetime.date(2021, 6, 21)),
    ("Person 2", datetime.date(2021, 6, 11), "premature", datetime.date(2021, 6, 30)),
    ("Person 3", datetime.date(2021, 8, 2), "fault_found", datetime.date(2021, 10, 11)),
    ("Person 4", datetime.date(2021, 12, 1), "closed_after_initial_enquiries",
     datetime.date(2022, 1, 24)),
    ("Person 5", datetime.date(2021, 12, 6), "not_investigated", datetime.date(2022, 1, 31)),
)  # fmt: skip
LGO_REMEDY_PENCE = 18000  # complaint 3's time and trouble payment

# Mediation of 2021-22 (reading 9): outcome -> count.
MEDIATION = {"resolved": 15, "ombudsman": 1, "escalated": 1, "paused": 1}
STAGE2_AVERAGE_COST = "3500"
