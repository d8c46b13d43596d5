"""A change of deadline rules in the admin (closure days, a procedure's stage timescales)
stores the open stages' due dates again, in the same request: the admin announces
`procedures.signals.deadline_rules_changed` and `complaints.state` works them out (ADR 0015).

Each test posts the admin's own change form back, as a browser would: every field the page
shows, the inline rows of the procedure's stages included, with only the change made."""

import datetime
from typing import Any

import pytest
import time_machine
from django.db.models import Model
from django.urls import reverse

from redress.accounts.models import User
from redress.complaints.models import Complaint, Stage
from redress.complaints.tests.factories import ComplaintFactory
from redress.procedures.models import ClosureDay, Procedure, StageRule

pytestmark = pytest.mark.django_db

d = datetime.date.fromisoformat


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2021, 8, 2, 11, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("sam_super", "sam@example.org", "x" * 12))
    return client


def _url(model: type[Model], view: str, *args: Any) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def _post_value(value: Any) -> Any:
    if value is None or value is False:
        return None
    if value is True:
        return "on"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return str(value)


def _form_data(form: Any) -> dict[str, Any]:
    data = {}
    for name in form.fields:
        value = _post_value(form[name].value())
        if value is not None:
            data[form.add_prefix(name)] = value
    return data


def _page_data(page: Any) -> dict[str, Any]:
    """What the change page would post unchanged: its form and each inline formset (with the
    management form) as rendered."""
    assert page.status_code == 200
    data = _form_data(page.context["adminform"].form)
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(_form_data(formset.management_form))
        for form in formset.initial_forms:
            data.update(_form_data(form))
        data[f"{formset.prefix}-TOTAL_FORMS"] = str(len(formset.initial_forms))
    return data


def _save(client: Any, url: str, changes: dict[str, Any], *, page_url: str | None = None) -> None:
    data = {**_page_data(client.get(page_url or url)), **changes, "_save": "Save"}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]


def _due(complaint: Any) -> tuple[datetime.date | None, datetime.date | None]:
    """The open stage 1's stored due date, and the complaint's."""
    stage = Stage.objects.get(complaint=complaint, number=1)
    return stage.due_date, Complaint.objects.get(pk=complaint.pk).due_date


@pytest.fixture
def open_complaint():
    """Statutory stage 1 received Monday 7 June 2021: 10 working days, due 21 June."""
    complaint = ComplaintFactory(received_date=d("2021-06-07"))
    assert _due(complaint) == (d("2021-06-21"), d("2021-06-21"))
    return complaint


@pytest.fixture
def answered_complaint():
    """Answered on 18 June: closed, and not due any more."""
    return ComplaintFactory(
        received_date=d("2021-06-07"),
        stage1__responded_date=d("2021-06-18"),
        stage1__outcome="upheld",
    )


def _statutory_stage1() -> StageRule:
    return StageRule.objects.get(procedure__code="statutory", stage=1)


def test_a_timescale_changed_in_the_procedures_inline_rows(
    admin_client, open_complaint, answered_complaint
):
    procedure = Procedure.objects.get(code="statutory")
    page = admin_client.get(_url(Procedure, "change", procedure.pk))
    data = _page_data(page)
    [inline] = page.context["inline_admin_formsets"]
    [row] = [
        form.prefix
        for form in inline.formset.initial_forms
        if form.instance.pk == _statutory_stage1().pk
    ]
    data[f"{row}-timescale_days"] = "15"
    response = admin_client.post(_url(Procedure, "change", procedure.pk), {**data, "_save": "Save"})
    assert response.status_code == 302, response.content.decode()[:3000]

    assert _statutory_stage1().timescale_days == 15
    # 15 working days from 7 June 2021.
    assert _due(open_complaint) == (d("2021-06-28"), d("2021-06-28"))
    answered = Complaint.objects.get(pk=answered_complaint.pk)
    assert (answered.status, answered.due_date) == ("closed", None)


def test_a_timescale_changed_on_the_stage_rules_own_page(admin_client, open_complaint):
    rule = _statutory_stage1()
    _save(admin_client, _url(StageRule, "change", rule.pk), {"timescale_days": "12"})
    assert _due(open_complaint) == (d("2021-06-23"), d("2021-06-23"))


def test_closure_days_added_moved_and_removed(admin_client, open_complaint):
    # Added: Thursday 10 June is no longer a working day, so the deadline is a day later.
    _save(
        admin_client,
        _url(ClosureDay, "add"),
        {"date": "2021-06-10", "reason": "Office move"},
    )
    assert _due(open_complaint) == (d("2021-06-22"), d("2021-06-22"))

    # Moved past the deadline: back to 21 June.
    day = ClosureDay.objects.get()
    _save(admin_client, _url(ClosureDay, "change", day.pk), {"date": "2021-06-30"})
    assert _due(open_complaint) == (d("2021-06-21"), d("2021-06-21"))

    # Moved into the stage's timescale again, then removed.
    _save(admin_client, _url(ClosureDay, "change", day.pk), {"date": "2021-06-15"})
    assert _due(open_complaint) == (d("2021-06-22"), d("2021-06-22"))
    response = admin_client.post(_url(ClosureDay, "delete", day.pk), {"post": "yes"})
    assert response.status_code == 302
    assert _due(open_complaint) == (d("2021-06-21"), d("2021-06-21"))
