"""The question pages of recording a complaint (and of correcting one): one form a page.

Each form checks what was typed and then the rules the services will check again when the
complaint is written (`check`), so a broken rule shows on the page that asked, next to its
field, long before the check-your-answers page. Field names are the services' argument names.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any, cast

from django import forms
from django.db.models import QuerySet

from redress.complaints.choices import CYP_COMPLAINANT_TYPES, Advocacy, ComplainantType, Method
from redress.complaints.services.aspects import REASON_KINDS, check_reason
from redress.complaints.services.checks import not_in_future
from redress.complaints.services.records import check_details, check_people, check_reference
from redress.core.clock import today as clock_today
from redress.organisations.models import Locality, Organisation, ServiceArea
from redress.people.models import AgeBand, ContactMethod, Person
from redress.people.services import check_person
from redress.procedures import rules
from redress.procedures.models import Procedure
from redress.taxonomies.models import Taxonomy, Term

from .fields import DateInputField, GovukForm
from .filters import ServiceAreaChoiceField

NEW_PERSON = "new"
NOT_ON_BEHALF = "none"
YES_NO = [("yes", "Yes"), ("no", "No")]


def _text_area(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class QuestionForm(GovukForm):
    """A question page's form: after the fields' own checks, the services' rules (`check`)."""

    def check(self, data: dict[str, Any]) -> None:
        """Raise the `RuleViolation` the answers break, if any."""

    def all_radio_items(self, name: str) -> list[dict[str, Any]]:
        """Radios for every choice, the blank one ("No preference") included."""
        return [
            {"value": item["value"], "text": item["text"], "checked": item["selected"]}
            for item in self.select_items(name)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors:
            try:
                self.check(data)
            except rules.RuleViolation as violation:
                self.add_violation(violation)
        return data


class ReceivedForm(QuestionForm):
    """When and how the complaint came in (a correction changes only how: the date received
    has a service of its own)."""

    date_fields: tuple[str, ...] = ("received_on",)

    received_on = DateInputField(label="Date received", initial=clock_today)
    method = forms.ChoiceField(
        label="How was the complaint made?",
        choices=Method.choices,
        error_messages={"required": "Select how the complaint was made"},
    )
    reference = forms.CharField(
        label="Reference (optional)",
        required=False,
        max_length=64,
        help_text="Leave blank to give it the next reference.",
    )

    def __init__(self, *args: Any, correcting: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if correcting:
            del self.fields["received_on"], self.fields["reference"]
            self.date_fields = ()

    def check(self, data: dict[str, Any]) -> None:
        if data.get("received_on"):
            not_in_future(data["received_on"], what="received")
        if data.get("reference", "").strip():
            check_reference(data["reference"])


class FindComplainantForm(QuestionForm):
    """Choose the complainant from the people found, or say they are someone new."""

    search = forms.CharField(
        label="Search by name or email address", required=False, max_length=200
    )
    person = forms.ChoiceField(
        label="Who is making the complaint?",
        error_messages={
            "required": "Select the complainant, or choose to add someone new",
            "invalid_choice": "Select the complainant, or choose to add someone new",
        },
    )

    def __init__(self, *args: Any, people: Sequence[Person], **kwargs: Any) -> None:
        """`people`: those found by the search, and whoever was chosen before."""
        super().__init__(*args, **kwargs)
        self.people = list(people)
        cast(forms.ChoiceField, self.fields["person"]).choices = [
            *((str(p.pk), p.name or p.key) for p in self.people),
            (NEW_PERSON, "Someone not recorded yet"),
        ]

    def person_items(self) -> list[dict[str, Any]]:
        """The radios: each person found (with what tells them apart), then someone new."""
        chosen = self.text("person")
        items: list[dict[str, Any]] = []
        for person in self.people:
            told_apart = [person.email, person.phone, f"record {person.key}"]
            count = getattr(person, "complaint_count", None)
            if count is not None:
                told_apart.append(f"{count} complaint{'' if count == 1 else 's'} before")
            items.append(
                {
                    "value": str(person.pk),
                    "text": person.name or f"Name not recorded ({person.key})",
                    "hint": {"text": ", ".join(part for part in told_apart if part)},
                    "checked": chosen == str(person.pk),
                }
            )
        if items:
            items.append({"divider": "or"})
        items.append(
            {
                "value": NEW_PERSON,
                "text": "Someone not recorded yet",
                "hint": {"text": "You will be asked for their details next"},
                "checked": chosen == NEW_PERSON,
            }
        )
        return items


class ComplainantDetailsForm(QuestionForm):
    name = forms.CharField(
        label="Full name",
        max_length=200,
        error_messages={"required": "Enter the complainant's name"},
    )
    address = forms.CharField(label="Address", required=False, widget=_text_area(3))
    phone = forms.CharField(label="Phone number", required=False, max_length=40)
    email = forms.EmailField(
        label="Email address",
        required=False,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )
    preferred_contact = forms.ChoiceField(
        label="How would they like to be contacted?",
        required=False,
        choices=[("", "No preference"), *ContactMethod.choices],
    )

    def check(self, data: dict[str, Any]) -> None:
        check_person(data)


class ComplainantSupportForm(QuestionForm):
    accessibility_needs = forms.CharField(
        label="Do they have any accessibility needs? (optional)",
        required=False,
        widget=_text_area(3),
        help_text="For example, large print, a British Sign Language interpreter, or meetings "
        "in an accessible room.",
    )
    interpreter = forms.CharField(
        label="If they need an interpreter, in which language? (optional)",
        required=False,
        max_length=100,
    )


class ComplainantTypeForm(QuestionForm):
    complainant_type = forms.ChoiceField(
        label="Who is making the complaint?",
        choices=ComplainantType.choices,
        error_messages={"required": "Select who is making the complaint"},
    )

    def type_items(self) -> list[dict[str, Any]]:
        """The children and young people first (they decide the procedure), then the rest."""
        items = self.radio_items("complainant_type")
        first = [i for i in items if i["value"] in CYP_COMPLAINANT_TYPES]
        rest = [i for i in items if i["value"] not in CYP_COMPLAINANT_TYPES]
        return [*first, {"divider": "or"}, *rest]


class ChildForm(QuestionForm):
    """One child or young person the complaint is about: blank when none is being added."""

    date_fields = ("date_of_birth",)

    name = forms.CharField(label="Their name", required=False, max_length=200)
    date_of_birth = DateInputField(label="Date of birth", required=False, earliest_year=1900)
    age_band = forms.ChoiceField(
        label="Or, if the date of birth is not known, their age",
        required=False,
        choices=[("", "Not known"), *AgeBand.choices],
    )

    @property
    def blank(self) -> bool:
        return not any((self.data.get(key) or "").strip() for key in self.typed_keys)

    typed_keys = (
        "name",
        "date_of_birth-day",
        "date_of_birth-month",
        "date_of_birth-year",
        "age_band",
    )

    def check(self, data: dict[str, Any]) -> None:
        if self.blank:
            return
        if not (data.get("name") or "").strip():
            raise forms.ValidationError({"name": "Enter the child's name"})
        check_person(data)


class OnBehalfForm(QuestionForm):
    on_behalf_of = forms.ChoiceField(
        label="Is the complaint made on behalf of one of these children?",
        error_messages={
            "required": "Select the child the complaint is made for, or that it is not made "
            "for one of them",
            "invalid_choice": "Select the child the complaint is made for, or that it is not "
            "made for one of them",
        },
    )

    def __init__(self, *args: Any, children: Sequence[tuple[str, str]], **kwargs: Any) -> None:
        """`children`: each child's id in the journey, and their name."""
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["on_behalf_of"]).choices = [
            *children,
            (NOT_ON_BEHALF, "No, the complainant is complaining for themselves"),
        ]

    def behalf_items(self) -> list[dict[str, Any]]:
        items = self.radio_items("on_behalf_of")
        return [*items[:-1], {"divider": "or"}, items[-1]]


class AdvocacyForm(QuestionForm):
    advocacy_offered = forms.ChoiceField(
        label="Was the complainant offered an advocate?",
        choices=YES_NO,
        error_messages={"required": "Select whether the complainant was offered an advocate"},
    )
    advocate = forms.ChoiceField(
        label="Do they have an advocate?",
        choices=Advocacy.choices,
        error_messages={"required": "Select whether they have an advocate"},
    )
    advocate_name = forms.CharField(
        label="The advocate's name (optional)", required=False, max_length=200
    )
    advocate_organisation = forms.CharField(
        label="The advocate's organisation (optional)",
        required=False,
        max_length=200,
        help_text="For example, an advocacy service such as Coram Voice or NYAS.",
    )
    refer = forms.ChoiceField(
        label="Refer them to the authority's advocacy provider now?",
        choices=YES_NO,
        required=False,
        help_text="The provider is sent the reference and the child's first name and age, "
        "never what the complaint says.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("refer") == "yes" and data.get("advocacy_offered") == "no":
            self.add_error(
                "refer",
                "A child referred for advocacy has been offered an advocate: select yes "
                "for the offer, or do not refer them",
            )
        return data

    def check(self, data: dict[str, Any]) -> None:
        check_people(
            advocate=data["advocate"],
            advocate_person=data.get("advocate_name", "").strip(),
            advocate_organisation=data.get("advocate_organisation", ""),
        )


class DatedChoiceField(ServiceAreaChoiceField):
    """A service area or locality: any version is accepted (so the rule about the day it was
    in use can say why one is refused), but the list offers those in use on the day."""


class ServiceForm(QuestionForm):
    service_area = DatedChoiceField(
        label="Service area",
        queryset=ServiceArea.objects.order_by("name", "valid_from"),
        empty_label="Choose a service area",
        error_messages={"required": "Select the service area the complaint is about"},
    )
    locality = DatedChoiceField(
        label="Locality (optional)",
        required=False,
        queryset=Locality.objects.order_by("name", "valid_from"),
        empty_label="The service area's own, or citywide",
    )
    organisation = forms.ModelChoiceField(
        label="Organisation (optional)",
        required=False,
        queryset=Organisation.objects.order_by("name"),
        empty_label="The service area's own",
    )

    def __init__(self, *args: Any, day: datetime.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.day = day

    def select_items(self, name: str) -> list[dict[str, Any]]:
        items = super().select_items(name)
        if name not in ("service_area", "locality"):
            return items
        model = ServiceArea if name == "service_area" else Locality
        effective = model.objects.effective_on(self.day).values_list("pk", flat=True)
        in_use = {str(pk) for pk in effective}
        return [i for i in items if i["value"] == "" or i["value"] in in_use or i["selected"]]

    def check(self, data: dict[str, Any]) -> None:
        check_details(
            received_on=self.day,
            values={"service_area": data.get("service_area"), "locality": data.get("locality")},
        )


class TermChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Term) -> str:
        return f"{obj.parent.name}: {obj.name}" if obj.parent else obj.name


def reason_terms(day: datetime.date) -> QuerySet[Term]:
    """The terms of the reasons taxonomies in use on the day (every one, if none is)."""
    taxonomies = Taxonomy.objects.filter(kind__in=REASON_KINDS)
    effective = taxonomies.effective_on(day)
    return Term.objects.filter(
        taxonomy__in=effective if effective.exists() else taxonomies
    ).select_related("parent")


def offer_reasons(fields: Mapping[str, forms.Field], day: datetime.date) -> None:
    """Offer the reasons in use on `day` in a form's `category` and `subcategory` fields:
    categories in their order, and every sub-category after its own category."""
    terms = reason_terms(day)
    cast(TermChoiceField, fields["category"]).queryset = terms.filter(parent__isnull=True).order_by(
        "taxonomy__valid_from", "order", "name"
    )
    cast(TermChoiceField, fields["subcategory"]).queryset = terms.filter(
        parent__isnull=False
    ).order_by("taxonomy__valid_from", "parent__order", "parent__name", "order", "name")


class ReasonForm(QuestionForm):
    """One reason to add: a category and, where it has them, one of its sub-categories. The
    sub-category list holds every category's, so the rule that it must be the category's own
    is what refuses one from another branch. Blank when none is being added."""

    category = TermChoiceField(
        label="Category",
        required=False,
        queryset=Term.objects.none(),
        empty_label="Choose a category",
    )
    subcategory = TermChoiceField(
        label="Sub-category",
        required=False,
        queryset=Term.objects.none(),
        empty_label="None",
        help_text="Each sub-category is shown after its category.",
    )

    def __init__(
        self,
        *args: Any,
        day: datetime.date,
        chosen: Sequence[tuple[int, int | None]] = (),
        **kwargs: Any,
    ) -> None:
        """`chosen`: the reasons already added, as (category id, sub-category id)."""
        super().__init__(*args, **kwargs)
        self.chosen = list(chosen)
        offer_reasons(self.fields, day)

    @property
    def blank(self) -> bool:
        return not any(self.data.get(key) for key in ("category", "subcategory"))

    def check(self, data: dict[str, Any]) -> None:
        category, subcategory = data.get("category"), data.get("subcategory")
        if category is None:
            if subcategory is not None:
                raise forms.ValidationError({"category": "Select the category"})
            return
        check_reason(category=category, subcategory=subcategory)
        if (category.pk, subcategory.pk if subcategory else None) in self.chosen:
            label = f"{category.name}: {subcategory.name}" if subcategory else category.name
            raise forms.ValidationError({"category": f"You have already added '{label}'"})


class SummaryForm(QuestionForm):
    summary = forms.CharField(
        label="What is the complaint about?",
        widget=_text_area(6),
        error_messages={"required": "Enter what the complaint is about"},
    )
    desired_outcome = forms.CharField(
        label="What would put things right for them? (optional)",
        required=False,
        widget=_text_area(4),
        help_text="In their own words where you can, for example an apology, a meeting, or a "
        "change to a plan.",
    )


class ProcedureForm(QuestionForm):
    procedure = forms.ModelChoiceField(
        label="Procedure",
        queryset=Procedure.objects.all(),
        to_field_name="code",
        empty_label=None,
        error_messages={
            "required": "Select the procedure",
            "invalid_choice": "Select the procedure",
        },
    )


def yes_no_value(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")
