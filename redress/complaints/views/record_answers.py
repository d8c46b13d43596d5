"""The check-your-answers page of a recording or correcting journey: its answers in words, by
section, each with a link back to the question that asked it; and what stops them being
written (a question not answered, or an answer a rule now refuses)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from redress.complaints.choices import Advocacy, ComplainantType, Method
from redress.complaints.forms.record import NEW_PERSON, NOT_ON_BEHALF, ReasonForm, yes_no_value
from redress.core.presenters import govuk_date, yes_no
from redress.people.models import AgeBand, ContactMethod, Person

from .record_journey import Journey

# What an unanswered question asks for, in the error summary.
UNANSWERED = {
    "received": "Say when and how the complaint was received",
    "complainant": "Say who is making the complaint",
    "complainant-details": "Enter the complainant's details",
    "complainant-support": "Say whether the complainant needs support to take part",
    "complainant-type": "Say who is making the complaint: a parent, a child or young person…",
    "children": "Say which children or young people the complaint is about",
    "on-behalf": "Say whether the complaint is made on behalf of one of the children",
    "advocacy": "Say whether an advocate was offered and whether they have one",
    "service": "Choose the service area the complaint is about",
    "reasons": "Add at least one reason for complaint",
    "summary": "Say what the complaint is about",
    "procedure": "Choose the procedure",
}
NOT_GIVEN = "Not given"


@dataclass
class Row:
    key: str
    lines: list[str]
    href: str


@dataclass
class Section:
    title: str
    rows: list[Row] = field(default_factory=list)


def _label(choices: Any, value: str | None) -> str:
    return str(dict(choices.choices).get(value or "", NOT_GIVEN))


def _person_lines(person: Person) -> list[str]:
    return [person.name or "Name not recorded", f"Record {person.key}"] + [
        part for part in (person.email, person.phone) if part
    ]


def child_line(journey: Journey, child: dict[str, Any]) -> str:
    """`Sam Child (born 3 May 2012)`, or with their age band when the date is not known."""
    form = journey.child_form(child)
    data = form.cleaned_data if form.is_valid() else {}
    born = data.get("date_of_birth")
    if born:
        about = f"born {govuk_date(born)}"
    elif data.get("age_band"):
        about = f"age {_label(AgeBand, data['age_band']).lower()}"
    else:
        about = "age not known"
    return f"{child.get('name') or 'Name not given'} ({about})"


def _child_lines(journey: Journey) -> list[str]:
    return [child_line(journey, child) for child in journey.children] or ["None"]


def _reason_lines(journey: Journey) -> list[str]:
    lines = [reason_label(journey.reason_form(i)) for i in range(len(journey.reasons))]
    return lines or ["None"]


def _complainant_rows(journey: Journey) -> list[Row]:
    chosen = (journey.answers("complainant") or {}).get("person")
    find = journey.url("complainant")
    if chosen != NEW_PERSON:
        person = journey.person(chosen)
        lines = _person_lines(person) if person else ["Not recorded"]
        return [Row("Complainant", lines, find)]
    details = journey.answers("complainant-details") or {}
    support = journey.answers("complainant-support") or {}
    edit, needs = journey.url("complainant-details"), journey.url("complainant-support")
    return [
        Row("Complainant", ["Someone not recorded yet"], find),
        Row("Name", [details.get("name") or NOT_GIVEN], edit),
        Row("Address", (details.get("address") or NOT_GIVEN).splitlines(), edit),
        Row("Phone number", [details.get("phone") or NOT_GIVEN], edit),
        Row("Email address", [details.get("email") or NOT_GIVEN], edit),
        Row(
            "How they would like to be contacted",
            [
                _label(ContactMethod, details.get("preferred_contact")).replace(
                    NOT_GIVEN, "No preference"
                )
            ],
            edit,
        ),
        Row("Accessibility needs", [support.get("accessibility_needs") or "None given"], needs),
        Row("Interpreter", [support.get("interpreter") or "Not needed"], needs),
    ]


def _on_behalf(journey: Journey) -> str:
    chosen = (journey.answers("on-behalf") or {}).get("on_behalf_of")
    if chosen == NOT_ON_BEHALF:
        return "No, the complainant is complaining for themselves"
    child = next((c for c in journey.children if c["id"] == chosen), None)
    return child["name"] if child else NOT_GIVEN


def sections(journey: Journey) -> list[Section]:
    """The answers, section by section, in the order they were asked."""
    url = journey.url
    received = journey.answers("received") or {}
    when = journey.cleaned("received").get("received_on")
    how = Section("How and when it was received")
    if not journey.correcting:
        how.rows.append(Row("Date received", [govuk_date(when, NOT_GIVEN)], url("received")))
    how.rows.append(
        Row("How it was made", [_label(Method, received.get("method"))], url("received"))
    )
    if not journey.correcting:
        reference = received.get("reference", "").strip() or "The next reference"
        how.rows.append(Row("Reference", [reference], url("received")))

    who = Section("Complainant", _complainant_rows(journey))
    kind = (journey.answers("complainant-type") or {}).get("complainant_type")
    who.rows.append(
        Row("Who is complaining", [_label(ComplainantType, kind)], url("complainant-type"))
    )

    about = Section(
        "Who it is about",
        [Row("Children and young people", _child_lines(journey), url("children"))],
    )
    if journey.children:
        about.rows.append(Row("Made on behalf of", [_on_behalf(journey)], url("on-behalf")))

    advocacy = journey.answers("advocacy") or {}
    offered = yes_no_value(advocacy.get("advocacy_offered"))
    advocate = Section(
        "Advocacy",
        [
            Row("Advocate offered", [yes_no(offered, NOT_GIVEN)], url("advocacy")),
            Row("Advocate", [_label(Advocacy, advocacy.get("advocate"))], url("advocacy")),
        ],
    )
    referred = journey.complaint.advocacy_referred_on if journey.complaint else None
    if referred is not None:
        advocate.rows.append(
            Row(
                "Referred to the advocacy provider", [f"On {govuk_date(referred)}"], url("advocacy")
            )
        )
    else:
        refer = "Yes" if advocacy.get("refer") == "yes" else "No"
        advocate.rows.append(Row("Refer to the advocacy provider now", [refer], url("advocacy")))
    if advocacy.get("advocate") and advocacy.get("advocate") != Advocacy.NONE:
        advocate.rows += [
            Row("Advocate's name", [advocacy.get("advocate_name") or NOT_GIVEN], url("advocacy")),
            Row(
                "Advocate's organisation",
                [advocacy.get("advocate_organisation") or NOT_GIVEN],
                url("advocacy"),
            ),
        ]

    service = journey.cleaned("service")
    area = service.get("service_area")
    where = Section(
        "Service",
        [
            Row("Service area", [area.name if area else NOT_GIVEN], url("service")),
            Row(
                "Locality",
                [_place(service.get("locality"), area, "locality", "Citywide")],
                url("service"),
            ),
            Row(
                "Organisation",
                [_place(service.get("organisation"), area, "organisation", NOT_GIVEN)],
                url("service"),
            ),
        ],
    )

    summary = journey.answers("summary") or {}
    complaint = Section("The complaint")
    reasons_href = url("reasons") if journey.reasons_editable else ""
    complaint.rows.append(Row("Reasons for complaint", _reason_lines(journey), reasons_href))
    complaint.rows.append(
        Row("What it is about", (summary.get("summary") or NOT_GIVEN).splitlines(), url("summary"))
    )
    complaint.rows.append(
        Row(
            "What would put things right",
            (summary.get("desired_outcome") or NOT_GIVEN).splitlines(),
            url("summary"),
        )
    )
    result = [how, who, about, advocate, where, complaint]
    if not journey.correcting:
        procedure = journey.cleaned("procedure").get("procedure")
        result.append(
            Section(
                "Procedure",
                [Row("Procedure", [procedure.name if procedure else NOT_GIVEN], url("procedure"))],
            )
        )
    return result


def _place(chosen: Any, area: Any, attribute: str, otherwise: str) -> str:
    """A locality or organisation: the one chosen, else the service area's own."""
    if chosen is not None:
        return str(chosen.name)
    own = getattr(area, attribute, None) if area is not None else None
    return f"{own.name} (the service area's)" if own is not None else otherwise


def problems(journey: Journey) -> list[dict[str, str]]:
    """What stops the answers being written, as error summary links to the question: an
    unanswered question, or an answer that no longer passes (say, a service area not in use on
    a received date changed since)."""
    items = []
    for page in journey.to_check():
        href = journey.url(page.slug)
        if not journey.done(page.slug):
            items.append({"text": UNANSWERED[page.slug], "href": href})
            continue
        forms: list[Any]
        if page.slug == "children":
            forms = [journey.child_form(c) for c in journey.children if not c.get("person")]
        elif page.slug == "reasons":
            forms = [journey.reason_form(i) for i in range(len(journey.reasons))]
            if not forms:
                items.append({"text": UNANSWERED["reasons"], "href": href})
        else:
            forms = [journey.form(page.slug, None)]
        for form in forms:
            if not form.is_valid():
                items.append({"text": form.error_list()[0]["text"], "href": href})
                break
    return items


def reason_label(form: ReasonForm) -> str:
    """`Delay: Make a Decision`, for a reason's form (checked)."""
    form.is_valid()
    category = form.cleaned_data.get("category")
    subcategory = form.cleaned_data.get("subcategory")
    if category is None:
        return "A reason that is no longer offered"
    return f"{category.name}: {subcategory.name}" if subcategory else category.name
