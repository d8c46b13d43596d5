# ruff: noqa: E501 (the letters' paragraphs are one line each: a line break in them would be one in the letter)
"""The letter templates Redress ships: the text an authority starts from and edits.

Written in plain English (the child-friendly ones in plainer words still), with the statutory
procedure's steps and the dates worked out by Redress. Every name in `{{ }}` is a merge field
(`fields.py`); `{% if %}` leaves a paragraph out when it does not apply.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Audience, LetterKind


@dataclass(frozen=True)
class Default:
    code: str
    name: str
    kind: str
    stage: int | None
    audience: str
    use: str
    subject: str
    body: str


SIGNED = """Yours sincerely,

{{ officer_name }}
{{ officer_role }}
{{ authority_name }}"""

SIGNED_CHILD = """Best wishes,

{{ officer_name }}
{{ officer_role }}
{{ authority_name }}"""

CONTACT = (
    "If you have any questions, please contact the complaints team on {{ complaints_phone }} "
    "or at {{ complaints_email }}, quoting your reference, {{ reference }}."
)

CONTACT_CHILD = (
    "If you want to ask anything, you can ring us on {{ complaints_phone }} or email "
    "{{ complaints_email }}. Tell us your reference, {{ reference }}, so we know it is you."
)

OMBUDSMAN_PARAGRAPH = (
    "If you are still not satisfied, you can ask the {{ ombudsman_name }} to look at your "
    "complaint. The Ombudsman is independent of the council and free to use. You can contact "
    "them on {{ ombudsman_phone }} or at {{ ombudsman_website }}. The Ombudsman usually expects "
    "you to complain to them within 12 months of when you first knew about the problem."
)


def _acknowledgement(stage: int, what_happens: str) -> str:
    return f"""Dear {{{{ recipient_name }}}},

Thank you for {"your complaint" if stage == 1 else f"asking for your complaint to go to stage {stage}"}, which we received on {{{{ received_date }}}}. I am writing to confirm that we have it, and to tell you what happens next.

{what_happens}

{{% if advocate_name %}}
We know that {{{{ advocate_name }}}} is supporting you as your advocate. Please tell us if you would like us to send them copies of our letters.
{{% else %}}
A child or young person making a complaint can have free help from an advocate to make their views known. Please tell us if you would like us to arrange one.
{{% endif %}}

{CONTACT}

{SIGNED}"""


DEFAULTS: tuple[Default, ...] = (
    Default(
        "acknowledgement-stage-1",
        "Acknowledgement: stage 1",
        LetterKind.ACKNOWLEDGEMENT,
        1,
        Audience.ADULT,
        "When a complaint is received: confirms it and says when the response is due.",
        "Your complaint: {{ reference }}",
        _acknowledgement(
            1,
            "Your complaint is at stage 1 of our complaints procedure ({{ stage_name|lower }}). "
            "A manager of the service you have complained about will look into what you have "
            "told us and send you their response by {{ response_due }}, which is "
            "{{ response_days }} from when we received it. If they need longer, we will write "
            "to you before then to explain why and to give you the new date.",
        ),
    ),
    Default(
        "acknowledgement-stage-2",
        "Acknowledgement: stage 2",
        LetterKind.ACKNOWLEDGEMENT,
        2,
        Audience.ADULT,
        "When a stage 2 investigation is asked for.",
        "Your request for a stage 2 investigation: {{ reference }}",
        _acknowledgement(
            2,
            "At stage 2 ({{ stage_name|lower }}) an investigating officer who has not been "
            "involved in your complaint looks into it, and an independent person, who does not "
            "work for us, makes sure the investigation is open and fair. The investigating "
            "officer will first contact you to agree a written statement of your complaint: "
            "exactly what is to be investigated and what you would like to happen.\n\n"
            "You should receive our response by {{ response_due }} ({{ response_days }} from "
            "when we received your request). Some investigations take longer; if yours does, "
            "we will write to tell you why and when you can expect the response.",
        ),
    ),
    Default(
        "acknowledgement-stage-3",
        "Acknowledgement: stage 3",
        LetterKind.ACKNOWLEDGEMENT,
        3,
        Audience.ADULT,
        "When a review panel is asked for.",
        "Your request for a review panel: {{ reference }}",
        _acknowledgement(
            3,
            "At stage 3 ({{ stage_name|lower }}) three people, all independent of us, meet to "
            "review how your complaint was handled at stage 2 and what was decided. The panel "
            "must meet by {{ panel_due }}. We will write to you with the date, the place and "
            "the names of the panel members, and you will be invited to attend and to bring "
            "someone with you.",
        ),
    ),
    Default(
        "extension",
        "Extension notice",
        LetterKind.EXTENSION,
        None,
        Audience.ADULT,
        "When a stage's deadline is extended: gives the new date and the reason.",
        "Your complaint: a new date for our response ({{ reference }})",
        f"""Dear {{{{ recipient_name }}}},

I am writing about your complaint, which is at stage {{{{ stage }}}} of our complaints procedure ({{{{ stage_name|lower }}}}).

We told you that you would receive our response by {{{{ response_due }}}}. I am sorry, but we need more time to respond properly. This is because {{{{ extension_reason|lower }}}}.

You will now receive our response by {{{{ extension_due }}}}, which is {{{{ extension_days }}}} from when we received your complaint. This is within the time the complaints procedure allows.

If you are unhappy about the delay, please tell us. {CONTACT}

{SIGNED}""",
    ),
    Default(
        "response",
        "Response covering letter",
        LetterKind.RESPONSE,
        None,
        Audience.ADULT,
        "With a stage's response: how to ask for the next stage, and by when.",
        "Our response to your complaint: {{ reference }}",
        f"""Dear {{{{ recipient_name }}}},

I enclose our response to your complaint at stage {{{{ stage }}}} of our complaints procedure ({{{{ stage_name|lower }}}}).{{% if outcome %}} Your complaint has been {{{{ outcome }}}}.{{% endif %}} The response explains what we found about each part of your complaint, and what we are going to do as a result.

{{% if next_stage %}}
If you are not satisfied with our response, you can ask for your complaint to go to stage {{{{ next_stage }}}} ({{{{ next_stage_name|lower }}}}). To do this, please contact the complaints team by {{{{ next_stage_request_by }}}}, which is {{{{ next_stage_request_days }}}} from the date of our response. Please tell us which parts of the response you are unhappy with, and why.

You can ask by phoning {{{{ complaints_phone }}}}, by emailing {{{{ complaints_email }}}} or by writing to us at {{{{ authority_address }}}}.
{{% else %}}
This is our final response under the complaints procedure.

{OMBUDSMAN_PARAGRAPH}
{{% endif %}}

Thank you for taking the time to tell us about your experience. {CONTACT}

{SIGNED}""",
    ),
    Default(
        "stage2-invitation",
        "Invitation to stage 2",
        LetterKind.STAGE2_INVITATION,
        1,
        Audience.ADULT,
        "After the stage 1 response, when the complainant remains unhappy: explains stage 2 "
        "and the date to ask by.",
        "Taking your complaint to stage 2: {{ reference }}",
        f"""Dear {{{{ recipient_name }}}},

You told us that you are still unhappy after our response of {{{{ responded_date }}}} to your complaint. I am writing to explain how you can ask for your complaint to be looked at again, at stage 2 of our complaints procedure.

At stage 2 an investigating officer who has not been involved in your complaint investigates it, and an independent person, who does not work for us, makes sure the investigation is open and fair. You will be asked to agree a written statement of what is to be investigated. When we confirm your request we will tell you the date by which you will receive the outcome.

If you would like your complaint to go to stage 2, please tell us by {{{{ next_stage_request_by }}}}. You can phone {{{{ complaints_phone }}}}, email {{{{ complaints_email }}}} or write to us at {{{{ authority_address }}}}. It helps us to know which parts of our response you are unhappy with, and what you would like to happen.

You can have help from an advocate to make your request; please ask us if you would like one.

{SIGNED}""",
    ),
    Default(
        "stage3-invitation",
        "Invitation to stage 3",
        LetterKind.STAGE3_INVITATION,
        2,
        Audience.ADULT,
        "After the stage 2 response, when the complainant remains unhappy: explains the review "
        "panel and the date to ask by.",
        "Asking for a review panel: {{ reference }}",
        f"""Dear {{{{ recipient_name }}}},

You told us that you are still unhappy after our stage 2 response of {{{{ responded_date }}}}. I am writing to explain how you can ask for a review panel, which is stage 3 and the last stage of our complaints procedure.

A review panel is three people who are independent of us. They meet to consider your complaint, the stage 2 investigation and what we decided, and they make recommendations to us. You will be invited to the panel to speak to it, and you can bring someone with you. The complaints procedure sets the time within which the panel must meet, and we will tell you the date once it is arranged.

If you would like a review panel, please tell us by {{{{ next_stage_request_by }}}}, which is {{{{ next_stage_request_days }}}} from our stage 2 response. You can phone {{{{ complaints_phone }}}}, email {{{{ complaints_email }}}} or write to us at {{{{ authority_address }}}}. Please tell us what you are still unhappy about.

{SIGNED}""",
    ),
    Default(
        "panel-invitation",
        "Review panel invitation",
        LetterKind.PANEL_INVITATION,
        3,
        Audience.ADULT,
        "When the review panel's date is set: invites the complainant to attend.",
        "Invitation to your review panel: {{ reference }}",
        f"""Dear {{{{ recipient_name }}}},

The review panel for your complaint will meet on {{{{ panel_date }}}}. I am writing to invite you to attend.

The panel is three people who are independent of us{{% if panel_chair %}}; its chair is {{{{ panel_chair }}}}{{% endif %}}. They will have read the papers from the stage 2 investigation and our response. At the meeting you can tell the panel, in your own words, why you are still unhappy, and the panel may ask you questions. Someone from the council will explain our response too. You may bring a friend, a relative or an advocate with you.

We will send you the papers the panel will read at least five working days before the meeting. Within five working days of the meeting the panel will send its report, with its recommendations, to you and to us, and we will then write to you within 15 working days with what we will do.

Please let us know by phone on {{{{ complaints_phone }}}} or by email to {{{{ complaints_email }}}} whether you will come, and whether you need anything to help you take part, such as an interpreter, a step-free room or a break during the meeting.

{SIGNED}""",
    ),
    Default(
        "ombudsman",
        "Ombudsman signposting",
        LetterKind.OMBUDSMAN,
        None,
        Audience.ADULT,
        "After the final stage: tells the complainant they may go to the Ombudsman.",
        "Your complaint and the Ombudsman: {{ reference }}",
        f"""Dear {{{{ recipient_name }}}},

Your complaint has now been through every stage of our complaints procedure, and our response of {{{{ responded_date }}}} was our final response.

{OMBUDSMAN_PARAGRAPH}

When you contact the Ombudsman, it will help to have our letters and your reference, {{{{ reference }}}}, to hand. The Ombudsman may ask us for our records of your complaint, and we will give them.

{SIGNED}""",
    ),
    Default(
        "acknowledgement-child",
        "Acknowledgement: for a child or young person",
        LetterKind.ACKNOWLEDGEMENT,
        None,
        Audience.CHILD,
        "When a child or young person complains, at any stage: plain words.",
        "We have got your complaint",
        f"""Dear {{{{ recipient_name }}}},

Thank you for telling us you are unhappy. We got your complaint on {{{{ received_date }}}}. You were right to tell us, and you will not get into trouble for complaining.

{{% if stage == "1" %}}
Someone who manages the people working with you will look into it. They will write back to you by {{{{ response_due }}}} to tell you what they found out.
{{% elif stage == "2" %}}
Someone who has not worked with you before will look into your complaint carefully. Another person, who does not work for us, will check that it is done fairly. They will want to talk to you first about exactly what you are unhappy about. We will write to you by {{{{ response_due }}}}.
{{% else %}}
Three people who do not work for us will meet to look at your complaint again. We will tell you when they are meeting, and you can go and talk to them if you want to.
{{% endif %}}

{{% if advocate_name %}}
{{{{ advocate_name }}}} is your advocate. They are there to help you say what you want to say.
{{% else %}}
You can have an advocate. An advocate is someone who does not work for us and who can help you say what you want to say. It is free. Tell us if you would like one.
{{% endif %}}

{CONTACT_CHILD}

{SIGNED_CHILD}""",
    ),
    Default(
        "extension-child",
        "Extension notice: for a child or young person",
        LetterKind.EXTENSION,
        None,
        Audience.CHILD,
        "When a child's complaint needs longer: plain words.",
        "We need a bit longer to answer your complaint",
        f"""Dear {{{{ recipient_name }}}},

We said we would answer your complaint by {{{{ response_due }}}}. I am sorry, but we need a bit longer. This is because {{{{ extension_reason|lower }}}}.

We will now answer you by {{{{ extension_due }}}}.

If you are unhappy that it is taking longer, please tell us. {CONTACT_CHILD}

{SIGNED_CHILD}""",
    ),
    Default(
        "response-child",
        "Response covering letter: for a child or young person",
        LetterKind.RESPONSE,
        None,
        Audience.CHILD,
        "With a stage's response to a child: what to do if they are still unhappy, and by when.",
        "Our answer to your complaint",
        f"""Dear {{{{ recipient_name }}}},

With this letter is our answer to your complaint. It tells you what we found out and what we are going to do about it.

{{% if next_stage %}}
If you are still unhappy, you can ask us to look at your complaint again. Just tell us by {{{{ next_stage_request_by }}}}. You can ring us on {{{{ complaints_phone }}}}, email {{{{ complaints_email }}}}, or ask your advocate or another adult you trust to tell us for you.
{{% else %}}
This is the last step of our complaints process. If you are still unhappy, you can ask the Ombudsman to look at it. The Ombudsman does not work for us, and it is free. You can ring them on {{{{ ombudsman_phone }}}} or look at {{{{ ombudsman_website }}}}. An adult you trust can help you do this.
{{% endif %}}

Thank you for telling us. It helps us to do things better.

{CONTACT_CHILD}

{SIGNED_CHILD}""",
    ),
    Default(
        "panel-invitation-child",
        "Review panel invitation: for a child or young person",
        LetterKind.PANEL_INVITATION,
        3,
        Audience.CHILD,
        "When the review panel's date is set, for a child: plain words.",
        "You are invited to your review panel",
        f"""Dear {{{{ recipient_name }}}},

Three people who do not work for us are going to meet on {{{{ panel_date }}}} to look at your complaint again. This meeting is called a review panel. We would like you to come, but you do not have to.

At the meeting you can tell them what you are unhappy about, in your own words. You can bring someone with you, like your advocate, a friend or a family member. If you would rather not speak at the meeting, you can write down what you want to say, or someone can say it for you.

After the meeting they will write down what they think we should do. We will then write to you to tell you what we are going to do.

Please let us know if you are coming, and if there is anything that would make it easier for you. {CONTACT_CHILD}

{SIGNED_CHILD}""",
    ),
    Default(
        "ombudsman-child",
        "Ombudsman signposting: for a child or young person",
        LetterKind.OMBUDSMAN,
        None,
        Audience.CHILD,
        "After the final stage, for a child: plain words about the Ombudsman.",
        "If you are still unhappy about your complaint",
        f"""Dear {{{{ recipient_name }}}},

We have now finished looking at your complaint. We are sorry that you are still unhappy.

You can ask the Ombudsman to look at your complaint. The Ombudsman does not work for us. Their job is to check that we have been fair. It is free. You can ring them on {{{{ ombudsman_phone }}}} or look at {{{{ ombudsman_website }}}}. An adult you trust, like your advocate, can help you.

{CONTACT_CHILD}

{SIGNED_CHILD}""",
    ),
)
