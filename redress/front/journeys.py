"""The public forms as journeys: their question pages in order, which pages apply given the
answers so far, and what every submission of the kind also says (`fixed`).

The answers live in the visitor's session, per journey, until the check page sends them
(`views.journey`); a page is filled back in from them, so "Change" on the check page and the
back link keep what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .forms import child, other, public
from .forms.public import PublicForm
from .models import SubmissionKind


@dataclass(frozen=True)
class Page:
    slug: str
    form: type[PublicForm]
    applies: Callable[[dict[str, Any]], bool] = lambda answers: True


@dataclass(frozen=True)
class Journey:
    kind: str
    name: str  # the URL names' prefix: front:<name>_start, _question, _check, _done
    title: str
    pages: tuple[Page, ...]
    start_intro: tuple[str, ...]
    done_next: tuple[str, ...]
    send_label: str = "Send"
    fixed: dict[str, Any] = field(default_factory=dict)
    # Answers that are the submission's own fields (who sent it), not kept among its answers.
    contact_fields: tuple[str, ...] = ("name", "email", "phone")
    # What the answers become once complete, where the contract shapes them (the closing-the-
    # loop answers together).
    finish: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    # Whether files may be sent with it (on the check page, with the answers: nothing is kept
    # until everything is sent, and a file refused refuses the sending).
    files: bool = False

    def page(self, slug: str) -> Page | None:
        return next((p for p in self.pages if p.slug == slug), None)

    def applicable(self, answers: dict[str, Any]) -> list[Page]:
        return [p for p in self.pages if p.applies(answers)]

    def next_after(self, slug: str, answers: dict[str, Any]) -> Page | None:
        pages = self.applicable(answers)
        slugs = [p.slug for p in pages]
        index = slugs.index(slug) if slug in slugs else -1
        return pages[index + 1] if index + 1 < len(pages) else None

    def previous_before(self, slug: str, answers: dict[str, Any]) -> Page | None:
        pages = self.applicable(answers)
        slugs = [p.slug for p in pages]
        index = slugs.index(slug) if slug in slugs else 0
        return pages[index - 1] if index > 0 else None

    def first_unanswered(self, answers: dict[str, Any]) -> Page | None:
        """The first page that applies and does not validate from the answers given."""
        for page in self.applicable(answers):
            bound = page.form(data=_as_data(page.form.initial_from(answers)))
            if not bound.is_valid():
                return page
        return None

    def complete(self, answers: dict[str, Any]) -> dict[str, Any]:
        """The answers of the pages that apply, with the kind's fixed answers; a page that no
        longer applies (the sender changed their mind) leaves nothing behind."""
        kept: dict[str, Any] = {}
        for page in self.applicable(answers):
            for name in page.form.base_fields:
                if name in answers:
                    kept[name] = answers[name]
        kept |= self.fixed
        return self.finish(kept) if self.finish else kept


def _as_data(initial: dict[str, Any]) -> dict[str, Any]:
    """A page's answers as the form posts them (a date as its three boxes)."""
    data: dict[str, Any] = {}
    for name, value in initial.items():
        if hasattr(value, "day") and hasattr(value, "month"):
            data[f"{name}-day"], data[f"{name}-month"], data[f"{name}-year"] = (
                value.day,
                value.month,
                value.year,
            )
        else:
            data[name] = value
    return data


def _on_behalf(answers: dict[str, Any]) -> bool:
    return answers.get("on_behalf") is True


COMPLAINT = Journey(
    kind=SubmissionKind.COMPLAINT,
    name="complaint",
    title="Make a complaint",
    pages=(
        Page("service", public.ServiceForm),
        Page("what-happened", public.WhatHappenedForm),
        Page("put-right", public.PutRightForm),
        Page("for-a-child", public.OnBehalfForm),
        Page("who-you-are", public.RelationshipForm, _on_behalf),
        Page("the-child", public.ChildForm, _on_behalf),
        Page("contact", public.ContactForm),
        Page("support", public.SupportForm),
    ),
    start_intro=(
        "Use this form to complain about children’s social care: a service, a team or a "
        "worker. You can complain for yourself or for a child or young person.",
        "It takes about 10 minutes. You can check your answers before you send them.",
        "If a child is in danger now, call 999.",
    ),
    done_next=(
        "We will contact you within 10 working days to tell you who is looking into your "
        "complaint and when you should hear from us.",
        "Keep your reference. You will need it to follow your complaint.",
    ),
    send_label="Send the complaint",
    files=True,
)

CHILD = Journey(
    kind=SubmissionKind.CHILD_COMPLAINT,
    name="child",
    title="Tell us you are not happy",
    pages=(
        Page("about", child.ChildAboutForm),
        Page("what-happened", child.ChildWhatForm),
        Page("better", child.ChildBetterForm),
        Page("you", child.ChildYouForm),
        Page("contact", child.ChildContactForm),
        Page("advocate", child.ChildHelperForm),
    ),
    start_intro=(
        "You can tell us if you are not happy with how we look after you or help you.",
        "It is OK to complain. You will not get in trouble.",
        "If you are in danger now, call 999.",
    ),
    done_next=(
        "Thank you for telling us.",
        "Someone from our team will get in touch with you soon. It will be in the next 10 "
        "school days or less.",
        "Keep this number safe. It is how we find your form.",
    ),
    send_label="Send",
    files=True,
    fixed={
        "on_behalf": False,
        "complainant_type": "child_young_person",
        "service_area": None,
        "child_dob": "",
        "child_views": "",
        "address": "",
        "advocate_organisation": "",
        "interpreter": "",
        "support": "",
    },
    contact_fields=("email", "phone"),
)

COMPLIMENT = Journey(
    kind=SubmissionKind.COMPLIMENT,
    name="compliment",
    title="Say thank you",
    pages=(
        Page("who", other.ComplimentServiceForm),
        Page("what", other.ComplimentWhatForm),
        Page("sharing", other.ComplimentShareForm),
        Page("you", other.ComplimentFromForm),
    ),
    start_intro=(
        "Tell us about a team or a worker in children’s social care who helped you or a "
        "child you know.",
        "It takes about 3 minutes.",
    ),
    done_next=("Thank you. We will pass your thanks on to the worker or team and their manager.",),
    send_label="Send your thanks",
)

FEEDBACK = Journey(
    kind=SubmissionKind.FEEDBACK,
    name="feedback",
    title="Tell us what you think",
    pages=(
        Page("about", other.FeedbackAboutForm),
        Page("what", other.FeedbackWhatForm),
        Page("better", other.FeedbackBetterForm),
        Page("questions", other.FeedbackLoopForm),
    ),
    start_intro=(
        "Tell us what is good, or what could be better. It is not a complaint.",
        "You do not have to give your name.",
        "If you are in danger now, call 999.",
    ),
    done_next=(
        "Thank you for telling us.",
        "Our team reads everything you send. We use it to make things better.",
    ),
    send_label="Send",
    fixed={"service_area": None},
    finish=other.loop_answers,
)

JOURNEYS = {journey.name: journey for journey in (COMPLAINT, CHILD, COMPLIMENT, FEEDBACK)}
