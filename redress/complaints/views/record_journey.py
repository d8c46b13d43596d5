"""The journey of recording a complaint, or correcting one, across its question pages.

The answers live in the session, as typed, under a journey id (so two tabs recording two
complaints never mix), until the check-your-answers page writes them through the services in
one transaction. Each page's form is rebuilt from its stored answers whenever they are needed,
so the check page re-checks every answer against the rules as they stand then.
"""

from __future__ import annotations

import copy
import datetime
import re
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.http import Http404, HttpRequest, QueryDict
from django.urls import reverse

from redress.complaints.choices import CYP_COMPLAINANT_TYPES
from redress.complaints.forms.fields import DATE_PARTS
from redress.complaints.forms.record import (
    NEW_PERSON,
    NOT_ON_BEHALF,
    AdvocacyForm,
    ChildForm,
    ComplainantDetailsForm,
    ComplainantSupportForm,
    ComplainantTypeForm,
    FindComplainantForm,
    OnBehalfForm,
    ProcedureForm,
    QuestionForm,
    ReasonForm,
    ReceivedForm,
    ServiceForm,
    SummaryForm,
)
from redress.complaints.models import Complaint
from redress.core.clock import today
from redress.people.models import Person
from redress.people.selectors import people_by_pk, people_matching

SESSION_KEY = "complaint_journeys"
KEEP = 10  # journeys kept per session: the oldest beyond these are forgotten
KEY = re.compile(r"^[0-9a-f]{12}$")
RECORD, CHANGE = "record", "change"


@dataclass(frozen=True)
class Page:
    slug: str
    template: str
    applies: Callable[[Journey], bool] = lambda journey: True


def _new_complainant(journey: Journey) -> bool:
    return (journey.answers("complainant") or {}).get("person") == NEW_PERSON


PAGES = (
    Page("received", "received"),
    Page("complainant", "complainant"),
    Page("complainant-details", "complainant_details", _new_complainant),
    Page("complainant-support", "complainant_support", _new_complainant),
    Page("complainant-type", "complainant_type"),
    Page("children", "children"),
    Page("on-behalf", "on_behalf", lambda journey: bool(journey.children)),
    Page("advocacy", "advocacy"),
    Page("service", "service"),
    Page("reasons", "reasons", lambda journey: journey.reasons_editable),
    Page("summary", "summary"),
    Page("procedure", "procedure", lambda journey: journey.kind == RECORD),
)
BY_SLUG = {page.slug: page for page in PAGES}
LIST_PAGES = ("children", "reasons")  # pages that keep a list, each item added in turn


def new_key() -> str:
    return secrets.token_hex(6)


def typed(form: QuestionForm, data: Mapping[str, Any]) -> dict[str, str]:
    """What was typed into the form's fields (a date as its three boxes), to keep."""
    out = {}
    for name in form.fields:
        keys = [f"{name}-{part}" for part in DATE_PARTS] if name in form.date_fields else [name]
        for key in keys:
            out[key] = str(data.get(key, "") or "")
    return out


def bind(data: Mapping[str, str] | None) -> QueryDict | None:
    if data is None:
        return None
    bound = QueryDict(mutable=True)
    bound.update(data)
    return bound


class Journey:
    """One journey's answers and where it stands."""

    def __init__(
        self, request: HttpRequest, key: str, state: dict[str, Any], complaint: Complaint | None
    ) -> None:
        self.request, self.key, self.state, self.complaint = request, key, state, complaint
        self._people: dict[int, Person] = {}

    # -- where the journey is kept ---------------------------------------------------------

    @classmethod
    def load(
        cls, request: HttpRequest, key: str, complaint: Complaint | None = None
    ) -> Journey | None:
        """The journey with this id in the session, if it is one for this complaint (or for a
        new complaint when `complaint` is None)."""
        if not KEY.match(key):
            raise Http404("There is no such journey.")
        state = request.session.get(SESSION_KEY, {}).get(key)
        wanted = complaint.pk if complaint is not None else None
        if state is None or state.get("complaint") != wanted:
            return None
        return cls(request, key, state, complaint)

    @staticmethod
    def taken(request: HttpRequest, key: str) -> bool:
        """Whether the session holds a journey with this id (of whatever kind)."""
        return key in request.session.get(SESSION_KEY, {})

    @classmethod
    def start(
        cls,
        request: HttpRequest,
        *,
        complaint: Complaint | None = None,
        state: dict[str, Any] | None = None,
        key: str | None = None,
    ) -> Journey:
        state = {
            "kind": RECORD if complaint is None else CHANGE,
            "complaint": complaint.pk if complaint is not None else None,
            "pages": {},
            "children": [],
            "reasons": [],
            "checking": False,
            **(state or {}),
        }
        return cls(request, key or new_key(), state, complaint)

    def save(self) -> None:
        journeys = dict(self.request.session.get(SESSION_KEY, {}))
        journeys.pop(self.key, None)
        journeys[self.key] = self.state
        while len(journeys) > KEEP:
            journeys.pop(next(iter(journeys)))
        self.request.session[SESSION_KEY] = journeys

    def forget(self) -> None:
        journeys = dict(self.request.session.get(SESSION_KEY, {}))
        journeys.pop(self.key, None)
        self.request.session[SESSION_KEY] = journeys

    # -- the answers -------------------------------------------------------------------------

    @property
    def kind(self) -> str:
        return str(self.state["kind"])

    @property
    def correcting(self) -> bool:
        return self.kind == CHANGE

    def answers(self, slug: str) -> dict[str, str] | None:
        return self.state["pages"].get(slug)

    def keep(self, slug: str, answers: dict[str, str]) -> None:
        self.state["pages"][slug] = answers

    @property
    def children(self) -> list[dict[str, Any]]:
        return list(self.state["children"])

    @property
    def reasons(self) -> list[tuple[int, int | None]]:
        return [(int(c), int(s) if s else None) for c, s in self.state["reasons"]]

    @property
    def reasons_editable(self) -> bool:
        """Recording: always. Correcting: while stage 1 is open (then its reasons close)."""
        if self.complaint is None:
            return True
        first = next((s for s in self.complaint.stages.all() if s.number == 1), None)
        return first is not None and first.is_open

    @cached_property  # (a request reads it often; the answers it depends on change between)
    def day(self) -> datetime.date:
        """The day received: what the services check service areas and taxonomies against."""
        if self.complaint is not None:
            return self.complaint.received_date
        received = self.cleaned("received")
        return received.get("received_on") or today()

    @property
    def made_by_or_for_a_child(self) -> str:
        """`made by a child or young person`, or `made on behalf of Sam`, from the answers so
        far (the procedure page's prompt); blank when neither."""
        kind = (self.answers("complainant-type") or {}).get("complainant_type")
        if kind in CYP_COMPLAINANT_TYPES:
            return "made by a child or young person"
        chosen = (self.answers("on-behalf") or {}).get("on_behalf_of")
        child = next((c for c in self.children if c["id"] == chosen), None)
        return f"made on behalf of {child['name']}" if child else ""

    def person(self, pk: Any) -> Person | None:
        try:
            pk = int(pk)
        except (TypeError, ValueError):
            return None
        if not 0 < pk < 2**63:  # no record has it, and the database cannot be asked (make fuzz)
            return None
        if pk not in self._people:
            self._people.update(people_by_pk([pk]))
        return self._people.get(pk)

    def people_for(self, search: str, *also: Any) -> list[Person]:
        """Those found by the search, then anyone already chosen who is not among them."""
        found = list(people_matching(search))
        seen = {p.pk for p in found}
        for pk in also:
            person = self.person(pk)
            if person is not None and person.pk not in seen:
                found.append(person)
                seen.add(person.pk)
        return found

    def form(self, slug: str, data: Mapping[str, Any] | None) -> QuestionForm:
        """The page's form, bound to `data` (None: blank, or what it was answered with)."""
        values: dict[str, str] | None
        if data is None:
            values = self.answers(slug)
        else:  # a QueryDict's last value for each key, as the form reads it
            items = data.dict() if isinstance(data, QueryDict) else data
            values = {key: str(value) for key, value in items.items()}
        bound = bind(values)
        if slug == "received":
            return ReceivedForm(bound, correcting=self.correcting)
        if slug == "complainant":
            chosen = (self.answers("complainant") or {}).get("person")
            typed_in = values or {}
            return FindComplainantForm(
                bound,
                people=self.people_for(typed_in.get("search", ""), chosen, typed_in.get("person")),
            )
        if slug == "complainant-details":
            return ComplainantDetailsForm(bound)
        if slug == "complainant-support":
            return ComplainantSupportForm(bound)
        if slug == "complainant-type":
            return ComplainantTypeForm(bound)
        if slug == "children":
            return ChildForm(bound)
        if slug == "on-behalf":
            return OnBehalfForm(bound, children=[(c["id"], c["name"]) for c in self.children])
        if slug == "advocacy":
            return AdvocacyForm(bound)
        if slug == "service":
            return ServiceForm(bound, day=self.day)
        if slug == "reasons":
            return ReasonForm(bound, day=self.day, chosen=self.reasons)
        if slug == "summary":
            return SummaryForm(bound)
        if slug == "procedure":
            return ProcedureForm(bound)
        raise Http404("There is no such question.")

    def cleaned(self, slug: str) -> dict[str, Any]:
        """A page's answers as values, if it was answered and they still hold; else {}."""
        answers = self.answers(slug)
        if answers is None or slug in LIST_PAGES:
            return {}
        form = self.form(slug, answers)
        return dict(form.cleaned_data) if form.is_valid() else {}

    def reason_form(self, index: int) -> ReasonForm:
        category, subcategory = self.reasons[index]
        others = [r for i, r in enumerate(self.reasons) if i != index]
        data = {"category": str(category), "subcategory": str(subcategory or "")}
        return ReasonForm(bind(data), day=self.day, chosen=others)

    def child_form(self, child: Mapping[str, Any]) -> ChildForm:
        return ChildForm(bind({k: v for k, v in child.items() if k not in ("id", "person")}))

    # -- where to go ---------------------------------------------------------------------------

    def pages(self) -> list[Page]:
        return [page for page in PAGES if page.applies(self)]

    def done(self, slug: str) -> bool:
        return slug in self.state["pages"]

    def changed(self, slug: str) -> bool:
        """Whether a page's answers differ from those the journey started with (always, when
        recording)."""
        initial = self.state.get("initial")
        if initial is None:
            return True
        if slug == "children":
            return _child_ids(self.state["children"]) != _child_ids(initial["children"])
        if slug == "reasons":
            return self.state["reasons"] != initial["reasons"]
        return self.answers(slug) != initial["pages"].get(slug)

    def changed_fields(self, slug: str) -> set[str]:
        """The keys of a page's answers that differ from those it started with."""
        initial = (self.state.get("initial") or {"pages": {}})["pages"].get(slug) or {}
        answers = self.answers(slug) or {}
        return {
            key for key in answers.keys() | initial.keys() if answers.get(key) != initial.get(key)
        }

    def to_check(self) -> list[Page]:
        """The pages whose answers the check page checks: every one when recording; when
        correcting, those changed (so a detail recorded long ago is not questioned when only
        the summary is corrected)."""
        return [page for page in self.pages() if self.changed(page.slug)]

    def url(self, slug: str) -> str:
        if self.complaint is not None:
            return reverse(
                "complaints:change_details_page", args=[self.complaint.pk, self.key, slug]
            )
        return reverse("complaints:record_page", args=[self.key, slug])

    def check_url(self) -> str:
        if self.complaint is not None:
            return reverse("complaints:change_details_check", args=[self.complaint.pk, self.key])
        return reverse("complaints:record_check", args=[self.key])

    def first_unanswered(self) -> Page | None:
        return next((page for page in self.pages() if not self.done(page.slug)), None)

    def _around(self, slug: str) -> tuple[list[str], list[str]]:
        """The questions that apply before and after this one."""
        order = [page.slug for page in PAGES]
        here = order.index(slug)
        slugs = [page.slug for page in self.pages()]
        return (
            [s for s in slugs if order.index(s) < here],
            [s for s in slugs if order.index(s) > here],
        )

    def next_url(self, slug: str) -> str:
        """After a page: on to the next question, or, once the answers have been checked,
        back to the check page unless a question the change opened is still unanswered."""
        if self.state["checking"]:
            unanswered = self.first_unanswered()
            return self.url(unanswered.slug) if unanswered else self.check_url()
        after = self._around(slug)[1]
        return self.url(after[0]) if after else self.check_url()

    def back_url(self, slug: str) -> str:
        if self.state["checking"]:
            return self.check_url()
        before = self._around(slug)[0]
        if before:
            return self.url(before[-1])
        if self.complaint is not None:
            return reverse("complaints:summary", args=[self.complaint.pk])
        return reverse("complaints:list")


def _child_ids(children: list[dict[str, Any]]) -> list[str]:
    return [str(child["id"]) for child in children]


# -- a complaint's answers, to correct it ------------------------------------------------------


def _date_parts(name: str, value: datetime.date | None) -> dict[str, str]:
    parts = (value.day, value.month, value.year) if value else ("", "", "")
    return {f"{name}-{part}": str(v) for part, v in zip(DATE_PARTS, parts, strict=True)}


def _yes_no(value: bool | None) -> str:
    return {True: "yes", False: "no"}.get(value, "") if value is not None else ""


def child_item(person: Person) -> dict[str, Any]:
    return {
        "id": f"p{person.pk}",
        "person": person.pk,
        "name": person.name,
        **_date_parts("date_of_birth", person.date_of_birth),
        "age_band": person.age_band,
    }


def answers_of(complaint: Complaint) -> dict[str, Any]:
    """A complaint's details as a correcting journey's answers, as if typed."""
    children = list(complaint.children.all())
    if complaint.on_behalf_of is not None and complaint.on_behalf_of not in children:
        children.append(complaint.on_behalf_of)
    pages: dict[str, dict[str, str]] = {
        "received": {"method": complaint.method},
        "complainant": {
            "search": "",
            "person": str(complaint.complainant_id or ""),
        },
        "complainant-type": {"complainant_type": complaint.complainant_type},
        "children": {},
        "advocacy": {
            "advocacy_offered": _yes_no(complaint.advocacy_offered),
            "advocate": complaint.advocate,
            "advocate_name": complaint.advocate_person.name if complaint.advocate_person else "",
            "advocate_organisation": complaint.advocate_organisation,
            "refer": "yes" if complaint.advocacy_referred_on else "",
        },
        "service": {
            "service_area": str(complaint.service_area_id),
            "locality": str(complaint.locality_id or ""),
            "organisation": str(complaint.organisation_id or ""),
        },
        "summary": {"summary": complaint.summary, "desired_outcome": complaint.desired_outcome},
    }
    if children:
        pages["on-behalf"] = {
            "on_behalf_of": f"p{complaint.on_behalf_of_id}"
            if complaint.on_behalf_of_id
            else NOT_ON_BEHALF
        }
    first = next((s for s in complaint.stages.all() if s.number == 1), None)
    reasons = [[a.category_id, a.subcategory_id] for a in first.aspects.all()] if first else []
    if first is not None and first.is_open:
        pages["reasons"] = {}
    return {
        "pages": pages,
        "children": [child_item(child) for child in children],
        "reasons": reasons,
        "checking": True,
        "initial": copy.deepcopy(
            {"pages": pages, "children": [child_item(c) for c in children], "reasons": reasons}
        ),
    }
