"""Words for the demo records: summaries, compliments, learning actions, extension reasons.

Everything drawn from the report (Appendices C and D, the compliments, the Ombudsman cases) is
rephrased, and every name is invented: no one named in the report appears here.
"""

from __future__ import annotations

import zlib

FEMALE = (
    "Abigail", "Aisha", "Bethan", "Carys", "Chloe", "Deborah", "Eilidh", "Farah", "Gemma",
    "Harriet", "Imogen", "Jasmin", "Leanne", "Maryam", "Niamh", "Olivia", "Priya", "Rosalind",
    "Sadia", "Tamsin", "Una", "Vanessa", "Wendy", "Zara",
)  # fmt: skip
MALE = (
    "Aaron", "Bilal", "Callum", "Dominic", "Ewan", "Faisal", "Gareth", "Hamza", "Idris",
    "Jonah", "Kieran", "Liam", "Marcus", "Nathan", "Owen", "Patrick", "Rhys", "Samir",
    "Tobias", "Usman", "Vikram", "Warren", "Yusuf",
)  # fmt: skip
SURNAMES = (
    "Ashworth", "Bannerjee", "Blackwood", "Brennan", "Chaudhry", "Dunmore", "Ellery", "Fairclough",
    "Garside", "Hallam", "Iqbal", "Jessop", "Kaur", "Lindqvist", "Mahmood", "Merriman", "Nwosu",
    "Okafor", "Pemberton", "Quayle", "Rashid", "Sandhu", "Thackeray", "Underwood", "Varley",
    "Whitlock", "Yardley",
)  # fmt: skip

OWNERS = (
    "Team Manager",
    "Head of Service",
    "Principal Social Worker",
    "Complaints & Information Manager",
    "Assistant Director",
    "Learning & Development Manager",
)

EXTENSION_REASONS = {
    1: (
        "The complaint covers several teams and their responses are being brought together.",
        "An advocate is being arranged for the young person.",
        "The responding manager is on leave; the complainant agreed to the extension.",
        "Further information has been requested from the complainant.",
        "A meeting with the family has been arranged to discuss the concerns.",
        "Records held by a previous team are being reviewed.",
    ),
    2: (
        "The investigating officer needs to interview further members of staff.",
        "The complainant asked for more time to provide documents.",
        "Agreeing the statement of complaint took longer than planned.",
        "The investigation report is with the adjudicating officer.",
        "Staff absence affected the interview dates.",
    ),
}

# How each reason for complaint reads in a summary ("delay in ...", "not ...").
VERBS = {
    "Follow Guidance / Policy / Procedure": "following procedure",
    "Make a Decision": "making a decision",
    "Meet or Contact Customer": "meeting or contacting the family",
    "Provide a Service / Support": "providing support",
    "Provide Advice / Information": "providing information",
    "Respond to Emails / Letters / Text Message": "replying to emails and letters",
    "Respond to Telephone Call / Message": "returning calls",
    "Take Action": "acting on concerns raised",
    "Consult / Notify": "consulting or notifying the family",
    "Invite to Meeting": "inviting the family to meetings",
    "Listen": "listening to the family's views",
    "Provide Identification": "showing identification",
}
WHO = {
    "parent": "Parent",
    "other_family": "Family member",
    "foster_carer": "Foster carer",
    "special_guardian": "Special guardian",
    "professional": "Professional",
    "member_of_public": "Member of the public",
    "advocate": "Advocate for a parent",
    "other": "Complainant",
}
SUMMARY_FORMS = (
    "{who} unhappy about {first}.",
    "{who} unhappy about {first} and {second}.",
    "{who} complains of {first}; also raises {second}.",
    "{who} raises concerns about {first} and {second}.",
)

# Appendix C, rephrased, without names.
CYP_SUMMARIES = (
    "Young person in care feels their social worker does not care and does not share "
    "information with them.",
    "Young person in care says benefit, driving licence, passport and housing applications "
    "were not completed until after they turned 18.",
    "Young person known to the youth offending service feels their worker does not listen and "
    "gives instructions that are hard to follow.",
    "Young person upset by a worker's remarks about their parent and by a planned move to a "
    "children's home that was cancelled without a clear explanation.",
    "Young person in care raises several concerns: how their family is treated, family time, "
    "no financial help, no help moving home and school transport.",
    "Young person in care says a previous foster carer treated them differently from another "
    "child and did not pass on their savings.",
    "Young person in care feels they are not listened to and decisions go against their wishes.",
    "Young person in care unhappy that third-party information was removed from their subject "
    "access disclosure.",
    "Adult sibling of a child in care unhappy with an overcrowded placement and the delay "
    "allocating a new social worker.",
    "Child in need says their social worker does not keep in touch, respond to requests for "
    "help or give updates.",
    "Care leaver unhappy about a shortfall in savings from their time in care and the delay "
    "putting it right.",
    "Young person in care unhappy about the delay receiving their records after a subject "
    "access request.",
    "Young person in care says their social worker gave no support despite knowing their "
    "history, and could not be reached when needed.",
    "Care leaver unhappy that their personal adviser gave no help with a debt and made "
    "inappropriate remarks.",
)

# The report's quoted compliments, rephrased: (service, source, external, staff gender, text).
PUBLISHED_COMPLIMENTS = (
    ("North West Central ASTI", "parent", "f",
     "Things have turned around at home since your last visit: my husband now understands how "
     "abuse affects the whole family. Your visit made a real difference. Thank you."),
    ("South Child in Care", "child_young_person", "f",
     "You are the best social worker. You made sure I had everything I needed, you always "
     "replied quickly and everything was done on time. Thank you."),
    ("East Child in Care", "foster_carer", "f",
     "{first} has been so supportive of us as new foster carers this year. She knows the boys "
     "well, understands what we face, and they are always pleased to see her."),
    ("East Safeguarding", "parent", "m",
     "Thank you to {first} for everything he has done for the girls, their mum and me. He "
     "always went above and beyond. We feel lucky to have had him as our social worker."),
    ("Care Leavers, UASC & Homelessness", "parent", "f",
     "I cannot say how much I appreciate {first}'s help through a very difficult time for our "
     "family. I feel reassured that support is being put in place for my daughter."),
    ("Care Leavers, UASC & Homelessness", "child_young_person", "f",
     "{first} is the best worker I have had in all my years in care. She helped me with money "
     "and bursaries for university and was always there if I had a problem."),
    ("Mainstream Fostering", "carer", "f",
     "{first} helped me face things I had been afraid to think about. Her calm manner put me at "
     "ease during an emotional process. Thank you for your guidance and support."),
    ("South Safeguarding", "parent", "m",
     "Thank you for your kindness. You showed me how to care for my children and helped our "
     "family through a difficult time. Things have changed a lot for us."),
    ("Families Together Service", "parent", "f",
     "{first} has been brilliant with my son through a hard year for his mental health, making "
     "sure he was safe and supported while we waited for an assessment."),
    ("Complaints & Information", "other", "f",
     "Thank you for your help this week. Covid restrictions made an urgent task harder, but you "
     "kept me updated at every step. I really appreciated your time."),
    ("Adoption", "parent", "f",
     "Our social worker {full} has been supportive and caring throughout our adoption journey, "
     "always going the extra mile for our new family."),
    ("North West Central Safeguarding", "partner_agency", "f",
     "{first}'s practice at today's case consultation was exceptional: she understands domestic "
     "abuse and safeguarding, so the victim got the right support quickly."),
    ("Disabled Children's Social Care", "parent", "f",
     "Thank you for all you achieved in so short a time. Your proactive approach has changed "
     "things for our son, and your insight at his EHCP review was invaluable."),
    ("Independent Review", "foster_carer", "m",
     "{first} went above and beyond for our new placement, collecting our young person's "
     "passport and belongings from her previous carers. We wanted to say thank you."),
    ("Participation & Engagement", "child_young_person", "f",
     "{first} has been my advocate for the past couple of months and has done an excellent job "
     "for me. I really appreciate her help."),
)  # fmt: skip

# (source, external, text) for every other compliment.
COMPLIMENTS = (
    ("parent", True, "Thank you for the support you have given our family. It has made a real "
     "difference."),
    ("parent", True, "The social worker listened to us and explained everything clearly."),
    ("carer", True, "Thank you for arranging family time so quickly; the children were "
     "delighted."),
    ("child_young_person", True, "Thank you for helping me move into my new flat."),
    ("child_young_person", True, "My worker always makes time for me and I feel listened to."),
    ("foster_carer", True, "The supervising social worker has been a constant support to our "
     "household."),
    ("school", True, "The school thanked the team for its quick response to a safeguarding "
     "concern."),
    ("court", True, "The court commended the quality and clarity of the social work evidence."),
    ("health", True, "The health visitor praised the worker's joint working with the family."),
    ("partner_agency", True, "The police thanked the team for its swift and thorough joint "
     "visit."),
    ("colleague", False, "A colleague praised a thorough and well-written assessment."),
    ("colleague", False, "The team was thanked for covering an extra duty week at short "
     "notice."),
    ("other", True, "A relative thanked the worker for keeping the family informed throughout."),
)  # fmt: skip

# Informal feedback by theme of the shipped `sandwell-themes-2021` taxonomy.
FEEDBACK = {
    "Communication": (
        "Would like my worker to reply to messages more quickly.",
        "Asked to be kept updated between visits.",
    ),
    "Contact / Family Time": (
        "Wants more time with their brother and sister.",
        "Family time keeps being moved at short notice.",
    ),
    "Placement": (
        "Unhappy about having to share a room at the placement.",
        "Would like to stay at the current placement.",
    ),
    "Financial Support": (
        "Unsure what help is available with college costs.",
        "Pocket money is paid late.",
    ),
    "Actions / Conduct of Worker": (
        "Felt the worker talked over them at the review.",
        "Thanked their worker for being patient and kind.",
    ),
    "Decision Making": ("Does not understand why the plan changed.",),
    "Delay": ("Waiting a long time for a new worker to be allocated.",),
    "Information Sharing / Data Protection": ("Worried about who can see their records.",),
}

LGO_2021_22 = {
    # Three fault found, two no fault, one still open (the report's six investigations).
    "fault_found": (
        ("Care Leavers, UASC & Homelessness",
         "Consider the allegations about former foster carers under the statutory complaints "
         "procedure, and pay £200 for the delay in responding to the earlier complaint."),
        ("South Child in Care",
         "Pay £400 for the distress of finding incorrect information on the care record and for "
         "the lost chance of support when the records were accessed."),
        ("North West Central ASTI",
         "Apologise in writing and pay £750 for the distress and inconvenience caused by delay in "
         "dealing with a complaint about a child protection enquiry."),
    ),
    "no_fault": (
        ("North West Central Child in Care", ""),
        ("Disabled Children's Social Care", ""),
    ),
    "": (("CASS / EDT / MASH", ""),),
}  # fmt: skip
LGO_REMEDY = "Apologise and pay £{amount} to recognise the time and trouble caused."

# Appendix D, rephrased: (stage, services it fits, description, learning theme, owner).
ACTIONS_2021_22 = (
    (1, ("CASS / EDT / MASH",), "Remind social workers and referral officers to contact a "
     "referring parent directly to share the outcome.", "Communication", "Head of Service"),
    (1, ("Disabled Children's Social Care",), "Share child in need minutes and updated plans "
     "promptly with parents and other attendees.", "Information sharing", "Team Manager"),
    (1, ("ASTI",), "Remind social workers to show identification on home visits and explain "
     "the Trust's role to families.", "Practice guidance", "Team Manager"),
    (1, ("Child in Care",), "Put cover in place so that contact with families continues during "
     "long staff absence.", "Communication", "Head of Service"),
    (1, ("Safeguarding",), "Training for the allocated social worker on working with families "
     "affected by domestic abuse.", "Training and development", "Team Manager"),
    (1, ("Safeguarding",), "Webinar on the professional use of self and trauma-informed "
     "practice.", "Training and development", "Principal Social Worker"),
    (1, ("Complaints & Information",), "Check junk mail folders daily so that redirected "
     "subject access requests are dealt with promptly.", "Timeliness",
     "Complaints & Information Manager"),
    (1, ("Disabled Children's Social Care",), "Progress assessments promptly to avoid drift and "
     "delay for disabled children.", "Timeliness", "Head of Service"),
    (1, ("Disabled Children's Social Care",), "Hold child in need reviews in line with statutory "
     "guidance.", "Assessment and planning", "Team Manager"),
    (1, ("Disabled Children's Social Care",), "Explain clearly to parents how support packages "
     "are obtained.", "Communication", "Team Manager"),
    (1, ("Disabled Children's Social Care",), "Record why a meeting was not held or an "
     "assessment not completed, for the next allocated worker.", "Recording", "Team Manager"),
    (1, ("Disabled Children's Social Care",), "Give parents written details of the time and "
     "frequency of support in the care package offered.", "Information sharing",
     "Head of Service"),
    (1, ("Safeguarding",), "Remind conference chairs to take care with language about mental "
     "health and emotional wellbeing.", "Practice guidance", "Head of Service"),
    (1, ("ASTI",), "Remind social workers to explain the family assessment process at the first "
     "visit.", "Communication", "Team Manager"),
    (1, ("Disabled Children's Social Care",), "Tell parents promptly, in writing, the hourly rate "
     "for contracted providers and how a shortfall can be met.", "Information sharing",
     "Head of Service"),
    (1, ("",), "Cover effective communication with families in supervision and team meetings.",
     "Communication", "Team Manager"),
    (1, ("Disabled Children's Social Care",), "Reflective discussion on communicating with "
     "autistic children and their families in language they understand.",
     "Training and development", "Team Manager"),
    (1, ("Child in Care",), "Seek the child's views regularly during a placement and share "
     "house rules at its start.", "Practice guidance", "Team Manager"),
    (2, ("",), "Review the complaints policy to cover complaints about more than one service.",
     "Policy review", "Complaints & Information Manager"),
    (2, ("Disabled Children's Social Care",), "Make sure historical assessments cannot be "
     "overwritten in the case recording system.", "Recording", "Head of Service"),
    (2, ("Disabled Children's Social Care",), "Guidance to social workers on timely, thorough "
     "case notes.", "Recording", "Principal Social Worker"),
    (2, ("Child in Care",), "Remind staff of the policy on unreasonably persistent contact and "
     "when it applies.", "Policy review", "Head of Service"),
    (2, ("ASTI",), "Practice guidance so that identified needs are not missed when a case moves "
     "to the no recourse to public funds team.", "Practice guidance", "Head of Service"),
    (2, ("Adoption", "Child in Care"), "Review the wording of the financial support policy for "
     "permanent care arrangements.", "Policy review", "Assistant Director"),
    (2, ("Child in Care", "Care Leavers"), "Remind social workers of the authorisation needed to "
     "accommodate a young person and the law on 16 and 17 year olds.", "Practice guidance",
     "Principal Social Worker"),
    (2, ("Child in Care",), "Remind social workers to seek and consider young people's wishes "
     "and feelings.", "Practice guidance", "Principal Social Worker"),
    (2, ("ASTI", "Safeguarding"), "Record on each assessment its completion date and who "
     "completed and authorised it.", "Recording", "Team Manager"),
    (2, ("Safeguarding",), "Reflective discussion on dating family assessments, legal "
     "terminology and keeping full records.", "Assessment and planning", "Head of Service"),
    (2, ("CASS / EDT / MASH",), "Make test calls to the front door and review how referrals are "
     "handled.", "Practice guidance", "Head of Service"),
    (2, ("Child in Care",), "Team discussion on working with household members without parental "
     "responsibility.", "Information sharing", "Team Manager"),
)  # fmt: skip

# Learning actions of other years: (description, theme).
ACTIONS = (
    ("Remind staff to return calls within two working days.", "Communication"),
    ("Update case records with the reasons for decisions.", "Recording"),
    ("Share assessments with parents before the meeting that discusses them.",
     "Information sharing"),
    ("Refresher training on recording for newly qualified social workers.",
     "Training and development"),
    ("Review the guidance on changing a child's allocated worker.", "Practice guidance"),
    ("Agree timescales for reviewing child in need plans.", "Assessment and planning"),
    ("Acknowledge every complaint within two working days.", "Timeliness"),
    ("Review the leaflet explaining how to complain.", "Policy review"),
)  # fmt: skip

# "You said, we did" for a learning action, by its theme: what the complaint told the service
# and what changed. Which pair an action gets follows from its complaint's reference (see
# `you_said_we_did`), so drawing one takes nothing from the generator's random numbers.
YOU_SAID_WE_DID: dict[str, tuple[tuple[str, str], ...]] = {
    "Communication": (
        ("Nobody called you back when you asked to speak to your social worker.",
         "Reminded every team that calls are returned within two working days, and team "
         "managers now check this in supervision."),
        ("You were not told the outcome of the referral you made.",
         "Referral officers now contact the person who referred to share the outcome."),
    ),
    "Recording": (
        ("Your records held mistakes and did not say why decisions were made.",
         "Corrected the records and added a check that each decision is written down with its "
         "reasons."),
        ("An assessment about your family was changed after it was finished.",
         "Finished assessments are now locked in the case recording system."),
    ),
    "Information sharing": (
        ("You saw reports for the first time in the meeting that discussed them.",
         "Reports and minutes are now shared with parents in time to read them before the "
         "meeting."),
        ("You were not sent the updated plan for your child.",
         "Plans and minutes are now sent to families within ten working days of a meeting."),
    ),
    "Training and development": (
        ("Your worker did not seem to know the procedure that applied to you.",
         "Ran refresher training for the team and added the procedure to new starters' "
         "induction."),
        ("You felt your worker did not listen to what your child wanted.",
         "Held training on hearing children's wishes and feelings and recording them."),
    ),
    "Practice guidance": (
        ("Your social worker changed without notice.",
         "Revised the case transfer protocol so that families are told the new worker's name "
         "and a handover visit is offered."),
        ("Your child's needs were missed when the case moved to another team.",
         "Wrote practice guidance on what a receiving team checks when a case moves."),
    ),
    "Assessment and planning": (
        ("The plan for your child was not reviewed when it should have been.",
         "Agreed timescales for reviewing plans, and managers track reviews that fall due."),
        ("The assessment did not take account of what you told us.",
         "Assessments now record the family's views alongside the worker's."),
    ),
    "Timeliness": (
        ("You waited too long for a response to your complaint.",
         "Complaints are now acknowledged within two working days and tracked weekly until "
         "answered."),
        ("Nobody told you the response would be late.",
         "Complainants are now told in writing, with a new date, when a response will be late."),
    ),
    "Policy review": (
        ("The policy was hard to understand and did not answer your question.",
         "Rewrote the policy in plain English and published it with examples."),
        ("You did not know how to complain.",
         "Revised the leaflet explaining how to complain and a children's version."),
    ),
}  # fmt: skip


def you_said_we_did(theme: str, key: str) -> tuple[str, str]:
    """The pair for an action on `theme`, chosen by `key` (its complaint's reference), so the same
    workbook always gets the same words; blank for a theme with none."""
    pairs = YOU_SAID_WE_DID.get(theme)
    if not pairs:
        return "", ""
    return pairs[zlib.crc32(key.encode()) % len(pairs)]
