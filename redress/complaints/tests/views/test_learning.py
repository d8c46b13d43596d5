"""The learning action pages: the list, an action's page, raising and completing, per role and
per rule. The caseload is seen on Monday 21 June 2021."""

import datetime

import pytest
from django.urls import reverse

from redress.complaints.models import Complaint, LearningAction
from redress.complaints.services import stage_acknowledge
from redress.complaints.tests.factories import LearningActionFactory
from redress.core.models import AuditEvent
from redress.taxonomies.models import Term

pytestmark = pytest.mark.django_db


def _date(name, day, month, year):
    return {f"{name}-day": str(day), f"{name}-month": str(month), f"{name}-year": str(year)}


def theme(name="Recording"):
    return Term.objects.get(taxonomy__code="learning-themes-2021", name=name)


def raise_data(**changes):
    data = {
        "description": "Share meeting minutes within five working days",
        "owner": "Head of Fostering",
        **_date("due_on", 30, 9, 2021),
        "theme": str(theme().pk),
        "stage_number": "1",
        "you_said": "Minutes of my meeting never arrived",
        "we_did": "",
        **_date("raised_on", 21, 6, 2021),
    }
    data.update(changes)
    return data


@pytest.fixture
def actions(caseload):
    """Four actions: one overdue (escalated complaint), one open on the closed complaint, one
    completed, and one raised from complaints in general."""
    d = datetime.date
    return {
        "overdue": LearningActionFactory(
            complaint=caseload.escalated,
            description="Overdue action",
            owner="Head of Safeguarding",
            due_date=d(2021, 6, 1),
            raised_date=d(2021, 5, 1),
            theme=theme("Timeliness"),
        ),
        "open": LearningActionFactory(
            complaint=caseload.closed,
            description="Open action",
            owner="Head of Fostering",
            due_date=d(2021, 9, 30),
            raised_date=d(2021, 6, 1),
            theme=theme("Recording"),
        ),
        "completed": LearningActionFactory(
            complaint=caseload.closed,
            description="Completed action",
            owner="Training team",
            due_date=d(2021, 6, 10),
            raised_date=d(2021, 6, 1),
            completed_date=d(2021, 6, 9),
            completion_evidence="Training record",
        ),
        "general": LearningActionFactory(
            complaint=None,
            description="General action",
            owner="Complaints manager",
            due_date=None,
            raised_date=d(2021, 6, 1),
        ),
    }


def heading(page):
    """The results heading's words."""
    text = page.split('id="results-heading">')[1].split("</h2>")[0]
    return " ".join(text.split())


def _descriptions(page, names=("Overdue", "Open", "Completed", "General")):
    return [n for n in names if f"{n} action" in page]


# -- the list ------------------------------------------------------------------------------------


def test_the_list_is_sorted_by_due_date_and_counts_what_it_lists(officer_client, actions):
    page = officer_client.get(reverse("learning:list")).content.decode()
    assert heading(page) == "4 learning actions"
    assert "3 open" in page
    assert "1 overdue" in page
    assert "1 completed" in page
    positions = [page.index(f"{n} action") for n in ("Overdue", "Completed", "Open", "General")]
    assert positions == sorted(positions)  # soonest due first, no due date last
    assert "Raise a learning action" in page


@pytest.mark.parametrize(
    ("query", "count", "listed"),
    [
        ("status=open", "3 learning actions", ["Overdue", "Open", "General"]),
        ("status=overdue", "1 learning action", ["Overdue"]),
        ("status=completed", "1 learning action", ["Completed"]),
        ("owner=fostering", "1 learning action", ["Open"]),
    ],
)
def test_the_list_filters(officer_client, actions, query, count, listed):
    page = officer_client.get(reverse("learning:list") + "?" + query).content.decode()
    assert heading(page) == count
    assert _descriptions(page) == listed
    assert "Selected filters" in page


def test_the_list_filters_by_theme(officer_client, actions):
    url = reverse("learning:list") + f"?theme={theme('Timeliness').pk}"
    page = officer_client.get(url).content.decode()
    assert _descriptions(page) == ["Overdue"]
    assert heading(page) == "1 learning action"


def test_an_unknown_theme_is_shown_as_a_filter_error(officer_client, actions):
    page = officer_client.get(reverse("learning:list") + "?theme=999999").content.decode()
    assert "There is a problem with the filters" in page
    assert heading(page) == "4 learning actions"


def test_a_responding_manager_sees_the_actions_on_the_complaints_they_see(
    responding_manager_client, actions
):
    page = responding_manager_client.get(reverse("learning:list")).content.decode()
    assert _descriptions(page) == ["Overdue"]
    assert heading(page) == "1 learning action"
    assert "Raise a learning action" not in page


def test_an_investigator_sees_only_the_actions_on_their_complaints(investigator_client, actions):
    page = investigator_client.get(reverse("learning:list")).content.decode()
    assert _descriptions(page) == ["Overdue"]


def test_an_executive_has_no_learning_pages(executive_client, actions):
    for url in (
        reverse("learning:list"),
        reverse("learning:action", args=[actions["general"].pk]),
        reverse("learning:raise"),
        reverse("learning:complete", args=[actions["open"].pk]),
    ):
        response = executive_client.get(url)
        assert response.status_code == 403, url
        assert "Open action" not in response.content.decode()


def test_a_visitor_is_sent_to_sign_in(client, actions):
    response = client.get(reverse("learning:list"))
    assert response.status_code == 302
    assert "/accounts/" in response["Location"]


# -- an action's page ----------------------------------------------------------------------------


def test_an_actions_page(officer_client, actions, caseload):
    action = actions["overdue"]
    action.stage_number, action.you_said = 2, "Nobody called back"
    action.save()
    page = officer_client.get(reverse("learning:action", args=[action.pk])).content.decode()
    assert "Overdue action" in page
    assert caseload.escalated.reference in page
    assert "Stage 2" in page
    assert "Timeliness" in page
    assert "Head of Safeguarding" in page
    assert "1 June 2021" in page
    assert "Nobody called back" in page
    assert "Overdue" in page
    assert reverse("learning:complete", args=[action.pk]) in page


def test_a_completed_actions_page_shows_the_evidence_and_no_button(officer_client, actions):
    page = officer_client.get(
        reverse("learning:action", args=[actions["completed"].pk])
    ).content.decode()
    assert "Training record" in page
    assert "Done 9 June 2021" in page
    assert "Record that it was done" not in page


def test_a_responding_manager_reads_an_action_they_may_see_and_no_other(
    responding_manager_client, actions
):
    response = responding_manager_client.get(
        reverse("learning:action", args=[actions["overdue"].pk])
    )
    assert response.status_code == 200
    assert "Record that it was done" not in response.content.decode()
    for hidden in ("open", "general"):
        url = reverse("learning:action", args=[actions[hidden].pk])
        assert responding_manager_client.get(url).status_code == 404
    assert responding_manager_client.get(reverse("learning:action", args=[999999])).status_code == (
        404
    )


# -- raising an action ---------------------------------------------------------------------------


def test_raise_from_a_complaint(officer_client, caseload, officer):
    complaint = caseload.escalated
    url = reverse("learning:raise_for_complaint", args=[complaint.pk])
    page = officer_client.get(url).content.decode()
    assert "Raise a learning action" in page
    assert f"Complaint {complaint.reference}" in page
    assert '<option value="2">Stage 2</option>' in page
    assert 'name="complaint_version"' in page
    assert 'name="complaint"' not in page  # the complaint is this one
    assert 'name="raised_on-day" type="text" value="21"' in page

    response = officer_client.post(url, raise_data(stage_number="2"), follow=True)
    assert response.redirect_chain == [(reverse("complaints:payments", args=[complaint.pk]), 302)]
    page = response.content.decode()
    assert "Learning action raised, due 30 September 2021" in page
    action = LearningAction.objects.get()
    assert (action.complaint, action.stage_number, action.theme, action.owner) == (
        complaint,
        2,
        theme(),
        "Head of Fostering",
    )
    assert action.you_said == "Minutes of my meeting never arrived"
    assert (action.raised_date, action.due_date) == (
        datetime.date(2021, 6, 21),
        datetime.date(2021, 9, 30),
    )
    assert AuditEvent.objects.get(action="action.raise").actor == officer
    assert reverse("learning:action", args=[action.pk]) in page  # listed on the tab
    assert "(stage 2)" in page


def test_raise_in_general_goes_to_the_new_action(officer_client, caseload):
    url = reverse("learning:raise")
    page = officer_client.get(url).content.decode()
    assert 'name="complaint"' in page
    response = officer_client.post(url, raise_data(stage_number=""))
    action = LearningAction.objects.get()
    assert response["Location"] == reverse("learning:action", args=[action.pk])
    assert action.complaint is None


def test_raise_naming_a_complaint_by_reference(officer_client, caseload):
    data = raise_data(complaint=" csc-2021-0004 ", stage_number="2")
    officer_client.post(reverse("learning:raise"), data)
    action = LearningAction.objects.get()
    assert (action.complaint, action.stage_number) == (caseload.escalated, 2)


def _errors(response):
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert not LearningAction.objects.exists()
    return page


@pytest.mark.parametrize(
    ("changes", "message", "anchor"),
    [
        (
            _date("due_on", 1, 6, 2021),
            "The due date, 1 June 2021, is before the date the action was raised (21 June 2021).",
            "due_on-day",
        ),
        (
            _date("raised_on", 22, 6, 2021),
            "The raised date, 22 June 2021, is in the future.",
            "raised_on-day",
        ),
        (
            _date("raised_on", 1, 6, 2021),
            "The raised date, 1 June 2021, is before the date stage 2 was received (14 June 2021).",
            "raised_on-day",
        ),
        (
            {**_date("raised_on", 1, 4, 2021), "stage_number": ""},
            "The raised date, 1 April 2021, is before the date the complaint was received "
            "(12 April 2021).",
            "raised_on-day",
        ),
        ({"description": " "}, "Enter what will be done", "description"),
        ({"owner": ""}, "Enter who owns the action", "owner"),
        (_date("due_on", "", "", ""), "Enter the due date", "due_on-day"),
        (_date("due_on", 31, 9, 2021), "Due date must be a real date", "due_on-day"),
        ({"theme": "999999"}, "Select a learning theme from the list", "theme"),
    ],
)
def test_each_rule_is_shown_at_its_field(officer_client, caseload, changes, message, anchor):
    url = reverse("learning:raise_for_complaint", args=[caseload.escalated.pk])
    data = raise_data(**{"stage_number": "2", **changes})
    page = _errors(officer_client.post(url, data))
    assert message in page
    assert f'href="#{anchor}"' in page
    # What was typed is kept.
    assert "Head of Fostering" in page or changes.get("owner") == ""
    assert "Minutes of my meeting never arrived" in page


def test_a_stage_the_complaint_has_not_reached(officer_client, caseload):
    data = raise_data(complaint="CSC-2021-0001", stage_number="3")
    page = _errors(officer_client.post(reverse("learning:raise"), data))
    assert (
        "Complaint CSC-2021-0001 has no stage 3: choose a stage it has reached, or leave the "
        "stage blank." in page
    )
    assert 'href="#stage_number"' in page
    assert 'value="CSC-2021-0001"' in page


def test_a_stage_needs_a_complaint(officer_client, caseload):
    page = _errors(officer_client.post(reverse("learning:raise"), raise_data(stage_number="1")))
    assert "Give the complaint whose stage 1 prompted the action" in page
    assert 'href="#stage_number"' in page


def test_an_unknown_reference(officer_client, caseload):
    data = raise_data(complaint="CSC-1999-0001", stage_number="")
    page = _errors(officer_client.post(reverse("learning:raise"), data))
    assert "There is no complaint with the reference CSC-1999-0001" in page
    assert 'href="#complaint"' in page


def test_a_complaint_changed_meanwhile_is_not_overwritten(officer_client, caseload, manager):
    complaint = caseload.due_today
    url = reverse("learning:raise_for_complaint", args=[complaint.pk])
    page = officer_client.get(url).content.decode()
    version = page.split('name="complaint_version" value="')[1].split('"')[0]
    stage_acknowledge(
        stage=complaint.stages.get(), acknowledged_on=datetime.date(2021, 6, 8), by=manager
    )
    data = raise_data(complaint_version=version)
    page = _errors(officer_client.post(url, data))
    assert "Someone else changed this complaint" in page
    assert "Share meeting minutes within five working days" in page
    # Saved again, knowing, it goes through.
    fresh = page.split('name="complaint_version" value="')[1].split('"')[0]
    officer_client.post(url, raise_data(complaint_version=fresh))
    assert LearningAction.objects.get().complaint == complaint
    assert Complaint.objects.get(pk=complaint.pk).version > int(version.split(".")[0])


@pytest.mark.parametrize("role", ["responding_manager", "investigator"])
def test_only_the_team_raises_actions(request, caseload, role):
    client = request.getfixturevalue(f"{role}_client")
    assert client.get(reverse("learning:raise")).status_code == 403
    url = reverse("learning:raise_for_complaint", args=[caseload.escalated.pk])
    response = client.post(url, raise_data(stage_number="2"))
    assert response.status_code == 403
    assert not LearningAction.objects.exists()


def test_the_tab_offers_raising_to_the_team_only(
    officer_client, responding_manager_client, caseload
):
    url = reverse("complaints:payments", args=[caseload.escalated.pk])
    raise_url = reverse("learning:raise_for_complaint", args=[caseload.escalated.pk])
    assert raise_url in officer_client.get(url).content.decode()
    assert raise_url not in responding_manager_client.get(url).content.decode()


def test_the_manager_raises_too(manager_client, caseload):
    url = reverse("learning:raise_for_complaint", args=[caseload.closed.pk])
    response = manager_client.post(url, raise_data())
    assert response.status_code == 302
    assert LearningAction.objects.get().complaint == caseload.closed


# -- completing an action ------------------------------------------------------------------------


def test_complete_an_action(officer_client, actions, officer):
    action = actions["open"]
    action.we_did = "Planned"
    action.save()
    url = reverse("learning:complete", args=[action.pk])
    page = officer_client.get(url).content.decode()
    assert "Record that the learning action was done" in page
    assert "Open action" in page
    assert ">Planned</textarea>" in page
    assert 'name="complaint_version"' in page
    data = {
        **_date("completed_on", 18, 6, 2021),
        "evidence": "Minutes of the team meeting",
        "we_did": "Minutes now go out within five days",
    }
    response = officer_client.post(url, data, follow=True)
    assert response.redirect_chain == [(reverse("learning:action", args=[action.pk]), 302)]
    page = response.content.decode()
    assert "Learning action completed on 18 June 2021" in page
    assert "Minutes of the team meeting" in page
    action.refresh_from_db()
    assert (action.completed_date, action.we_did) == (
        datetime.date(2021, 6, 18),
        "Minutes now go out within five days",
    )
    assert AuditEvent.objects.get(action="action.complete").actor == officer


def test_complete_a_general_action(officer_client, actions):
    action = actions["general"]
    url = reverse("learning:complete", args=[action.pk])
    data = {**_date("completed_on", 18, 6, 2021), "evidence": "Leaflet reprinted"}
    assert officer_client.post(url, data).status_code == 302
    action.refresh_from_db()
    assert action.completion_evidence == "Leaflet reprinted"


@pytest.mark.parametrize(
    ("data", "message", "anchor"),
    [
        ({"evidence": " "}, "Describe the evidence that the action was completed", "evidence"),
        (
            {**_date("completed_on", 31, 5, 2021), "evidence": "Minutes"},
            "The completed date, 31 May 2021, is before the date the action was raised "
            "(1 June 2021).",
            "completed_on-day",
        ),
        (
            {**_date("completed_on", 22, 6, 2021), "evidence": "Minutes"},
            "The completed date, 22 June 2021, is in the future.",
            "completed_on-day",
        ),
    ],
)
def test_completion_rules_are_shown_at_their_fields(officer_client, actions, data, message, anchor):
    action = actions["open"]
    url = reverse("learning:complete", args=[action.pk])
    response = officer_client.post(url, {**_date("completed_on", 18, 6, 2021), **data})
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert f'href="#{anchor}"' in page
    action.refresh_from_db()
    assert action.completed_date is None


def test_an_action_is_completed_once(officer_client, actions):
    url = reverse("learning:complete", args=[actions["completed"].pk])
    data = {**_date("completed_on", 18, 6, 2021), "evidence": "Again"}
    page = officer_client.post(url, data).content.decode()
    assert "The completion of this action was already recorded on 9 June 2021." in page
    assert 'href="#main-form"' in page


def test_a_responding_manager_cannot_complete(responding_manager_client, actions):
    url = reverse("learning:complete", args=[actions["overdue"].pk])
    data = {**_date("completed_on", 18, 6, 2021), "evidence": "Done"}
    assert responding_manager_client.post(url, data).status_code == 403
    hidden = reverse("learning:complete", args=[actions["open"].pk])
    assert responding_manager_client.get(hidden).status_code == 404
    actions["overdue"].refresh_from_db()
    assert actions["overdue"].completed_date is None


# -- navigation ------------------------------------------------------------------------------------


def test_the_navigation_offers_learning_to_those_who_see_complaints(
    officer_client, responding_manager_client, executive_client
):
    link = f'href="{reverse("learning:list")}"'
    assert link in officer_client.get(reverse("core:home")).content.decode()
    assert link in responding_manager_client.get(reverse("core:home")).content.decode()
    assert link not in executive_client.get(reverse("core:home")).content.decode()
