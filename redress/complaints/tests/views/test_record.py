"""Recording a complaint through its question pages, check your answers and confirmation, and
correcting one that has started (seen on Monday 21 June 2021)."""

import re

import pytest
from django.urls import reverse

from redress.complaints.models import Complaint
from redress.complaints.tests.factories import AspectFactory, ComplaintFactory
from redress.core.models import AuditEvent
from redress.organisations.tests.factories import (
    LocalityFactory,
    OrganisationFactory,
    ServiceAreaFactory,
)
from redress.people.models import Person
from redress.people.tests.factories import PersonFactory
from redress.taxonomies.tests.factories import shipped_term

pytestmark = pytest.mark.django_db

PAGE = re.compile(r"/complaints/new/([0-9a-f]{12})/([a-z-]+)/$")


def _date(name, day, month, year):
    return {f"{name}-day": str(day), f"{name}-month": str(month), f"{name}-year": str(year)}


def _start(client):
    response = client.get(reverse("complaints:record"))
    assert response.status_code == 302
    key, page = PAGE.search(response.url).groups()
    assert page == "received"
    return key


def _page(key, slug):
    return reverse("complaints:record_page", args=[key, slug])


def _post(client, key, slug, data, *, to=None):
    """Answer a page; it moves on (to `to`, when given)."""
    response = client.post(_page(key, slug), data)
    assert response.status_code == 302, _errors(response)
    if to is not None:
        expected = _page(key, to) if to != "check" else _check(key)
        assert response.url == expected
    return response


def _check(key):
    return reverse("complaints:record_check", args=[key])


def _errors(response):
    return re.findall(r'<a href="#[^"]*">([^<]+)</a>', response.content.decode())


def _reason(category, subcategory=None):
    data = {"category": str(shipped_term(category).pk), "action": "add"}
    if subcategory:
        data["subcategory"] = str(shipped_term(category, subcategory).pk)
    return data


@pytest.fixture
def places():
    south = LocalityFactory(name="South")
    trust = OrganisationFactory(name="Kingsmoor Children's Trust")
    fostering = ServiceAreaFactory(name="Fostering Service", locality=south, organisation=trust)
    return fostering, south, trust


def _walk_to_check(client, places, *, complainant=None):
    """Answer every question of a complaint from a parent about two children."""
    fostering, _, _ = places
    key = _start(client)
    _post(
        client,
        key,
        "received",
        {**_date("received_on", 14, 6, 2021), "method": "email", "reference": ""},
        to="complainant",
    )
    if complainant is None:
        _post(client, key, "complainant", {"search": "", "person": "new"}, to="complainant-details")
        _post(
            client,
            key,
            "complainant-details",
            {
                "name": "Sam Parent",
                "address": "1 High Street\nKingsmoor",
                "phone": "0121 496 0000",
                "email": "sam@example.org",
                "preferred_contact": "email",
            },
            to="complainant-support",
        )
        _post(
            client,
            key,
            "complainant-support",
            {"accessibility_needs": "Large print letters", "interpreter": "Polish"},
            to="complainant-type",
        )
    else:
        _post(
            client,
            key,
            "complainant",
            {"search": complainant.name, "person": str(complainant.pk)},
            to="complainant-type",
        )
    _post(client, key, "complainant-type", {"complainant_type": "parent"}, to="children")
    _post(
        client,
        key,
        "children",
        {"name": "Jo Child", **_date("date_of_birth", 3, 5, 2012), "age_band": "", "action": "add"},
        to="children",
    )
    _post(
        client,
        key,
        "children",
        {"name": "Alex Child", **_date("date_of_birth", "", "", ""), "age_band": "5-9"},
        to="on-behalf",
    )
    jo = client.session["complaint_journeys"][key]["children"][0]["id"]
    _post(client, key, "on-behalf", {"on_behalf_of": jo}, to="advocacy")
    _post(
        client,
        key,
        "advocacy",
        {
            "advocacy_offered": "yes",
            "advocate": "external",
            "advocate_name": "Ari Advocate",
            "advocate_organisation": "Coram Voice",
        },
        to="service",
    )
    _post(client, key, "service", {"service_area": str(fostering.pk)}, to="reasons")
    _post(client, key, "reasons", _reason("Delay", "Make a Decision"), to="reasons")
    _post(client, key, "reasons", {**_reason("Staff Conduct", "Bias"), "action": "continue"})
    _post(
        client,
        key,
        "summary",
        {"summary": "No reply to three emails.", "desired_outcome": "An apology and a meeting."},
        to="procedure",
    )
    _post(client, key, "procedure", {"procedure": "statutory"}, to="check")
    return key


def test_the_whole_journey_writes_nothing_until_the_answers_are_sent(
    officer_client, officer, caseload, places
):
    complaints, people, events = Complaint.objects.count(), Person.objects.count(), 0
    events = AuditEvent.objects.count()
    key = _walk_to_check(officer_client, places)
    assert (Complaint.objects.count(), Person.objects.count()) == (complaints, people)
    assert AuditEvent.objects.count() == events

    page = officer_client.get(_check(key)).content.decode()
    assert "Check your answers before recording the complaint" in page
    for answer in (
        "14 June 2021",
        "Email",
        "Sam Parent",
        "1 High Street<br>Kingsmoor",
        "Large print letters",
        "Polish",
        "Parent",
        "Jo Child (born 3 May 2012)",
        "Alex Child (age 5 to 9)",
        "Coram Voice",
        "Fostering Service",
        "South (the service area&#39;s)",
        "Delay: Make a Decision",
        "Staff Conduct: Bias",
        "An apology and a meeting.",
        "Statutory children&#39;s procedure",
    ):
        assert answer in page, answer
    for slug in ("received", "complainant-details", "children", "reasons", "procedure"):
        assert f'href="{_page(key, slug)}"' in page
    assert 'Change<span class="govuk-visually-hidden"> reasons for complaint' in page

    response = officer_client.post(_check(key))
    assert response.url == reverse("complaints:record_done", args=[key])
    complaint = Complaint.objects.get(summary="No reply to three emails.")
    page = officer_client.get(response.url).content.decode()
    assert "govuk-panel--confirmation" in page
    assert f"Its reference is<br><strong>{complaint.reference}</strong>" in page
    assert "Acknowledge the complaint by 16 June 2021" in page
    assert "The response is due by 28 June 2021 (10 working days" in page

    assert (complaint.method, complaint.complainant_type) == ("email", "parent")
    assert str(complaint.received_date) == "2021-06-14"
    sam = complaint.complainant
    assert (sam.name, sam.email, sam.preferred_contact) == (
        "Sam Parent",
        "sam@example.org",
        "email",
    )
    assert (sam.accessibility_needs, sam.interpreter) == ("Large print letters", "Polish")
    children = {c.name: c for c in complaint.children.all()}
    assert set(children) == {"Jo Child", "Alex Child"}
    assert str(children["Jo Child"].date_of_birth) == "2012-05-03"
    assert children["Alex Child"].age_band == "5-9"
    assert complaint.on_behalf_of == children["Jo Child"]
    assert complaint.advocacy_offered is True
    assert (complaint.advocate, complaint.advocate_organisation) == ("external", "Coram Voice")
    assert complaint.advocate_person.name == "Ari Advocate"
    assert complaint.desired_outcome == "An apology and a meeting."
    assert (complaint.service_area.name, complaint.locality.name) == ("Fostering Service", "South")
    assert complaint.organisation.name == "Kingsmoor Children's Trust"
    reasons = [str(a) for a in complaint.stages.get().aspects.all()]
    assert reasons == ["Delay / Make a Decision", "Staff Conduct / Bias"]
    event = AuditEvent.objects.get(action="complaint.record")
    assert sorted(event.after["children"]) == sorted(c.pk for c in children.values())

    # The journey is over: sending it again records nothing more.
    again = officer_client.post(_check(key))
    assert again.url == reverse("complaints:record_done", args=[key])
    assert Complaint.objects.filter(summary="No reply to three emails.").count() == 1


def test_an_existing_person_is_found_and_chosen(officer_client, caseload, places):
    sam = PersonFactory(name="Sam Example", email="sam.example@example.org")
    PersonFactory(name="Someone Else")
    key = _start(officer_client)
    _post(
        officer_client,
        key,
        "received",
        {**_date("received_on", 14, 6, 2021), "method": "letter"},
    )
    page = officer_client.post(
        _page(key, "complainant"), {"search": "sam.example@", "action": "search"}
    ).content.decode()
    assert "1 person found for ‘sam.example@’" in page
    assert f'value="{sam.pk}"' in page
    assert "Someone Else" not in page
    page = officer_client.post(
        _page(key, "complainant"), {"search": "example sam", "action": "search"}
    ).content.decode()
    assert "Sam Example" in page

    people = Person.objects.count()
    _walk_to_check(officer_client, places, complainant=sam)
    assert Person.objects.count() == people


def test_errors_keep_what_was_typed(officer_client, caseload):
    key = _start(officer_client)
    response = officer_client.post(
        _page(key, "received"),
        {**_date("received_on", 31, 2, 2021), "reference": "MY-REF-1"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert "Date received must be a real date" in page
    assert "Select how the complaint was made" in page
    assert 'value="MY-REF-1"' in page
    assert 'name="received_on-day" type="text" value="31"' in page

    page = officer_client.post(
        _page(key, "received"), {**_date("received_on", 22, 6, 2021), "method": "email"}
    ).content.decode()
    assert "22 June 2021, is in the future" in page
    assert 'href="#received_on-day"' in page

    page = officer_client.post(
        _page(key, "received"),
        {**_date("received_on", 14, 6, 2021), "method": "email", "reference": "CSC-2021-0001"},
    ).content.decode()
    assert "already a complaint with the reference CSC-2021-0001" in page

    _post(officer_client, key, "received", {**_date("received_on", 14, 6, 2021), "method": "email"})
    _post(officer_client, key, "complainant", {"person": "new"})
    page = officer_client.post(
        _page(key, "complainant-details"),
        {"name": "Sam Parent", "phone": "0121 496 0000", "preferred_contact": "letter"},
    ).content.decode()
    assert "Letter is their preferred way to be contacted, so enter their address" in page
    assert 'value="0121 496 0000"' in page
    assert 'href="#preferred_contact"' in page
    page = officer_client.post(
        _page(key, "complainant-details"), {"name": "", "email": "not an email"}
    ).content.decode()
    assert "Enter the complainant&#39;s name" in page
    assert "Enter an email address in the correct format" in page
    assert 'value="not an email"' in page


def test_a_subcategory_of_another_branch_is_refused_on_the_reasons_page(officer_client, caseload):
    key = _start(officer_client)
    wrong = {
        "category": str(shipped_term("Staff Conduct").pk),
        "subcategory": str(shipped_term("Delay", "Make a Decision").pk),
        "action": "add",
    }
    response = officer_client.post(_page(key, "reasons"), wrong)
    # A journey begins at its first page: its later pages wait for it.
    assert response.url == reverse("complaints:record")

    _post(officer_client, key, "received", {**_date("received_on", 14, 6, 2021), "method": "email"})
    officer_client.post(_page(key, "complainant"), {"person": "new"})
    response = officer_client.post(_page(key, "reasons"), wrong)
    page = response.content.decode()
    assert response.status_code == 200
    assert "&#39;Make a Decision&#39; is not a sub-category of &#39;Staff Conduct&#39;." in page
    assert 'href="#subcategory"' in page
    assert 'id="subcategory-error"' in page
    assert f'<option value="{wrong["subcategory"]}" selected>' in page  # what was chosen stays
    assert officer_client.session["complaint_journeys"][key]["reasons"] == []

    page = officer_client.post(_page(key, "reasons"), {"action": "continue"}).content.decode()
    assert "Add at least one reason for complaint" in page
    _post(officer_client, key, "reasons", _reason("Delay", "Make a Decision"))
    page = officer_client.post(
        _page(key, "reasons"), _reason("Delay", "Make a Decision")
    ).content.decode()
    assert "You have already added &#39;Delay: Make a Decision&#39;" in page
    _post(officer_client, key, "reasons", _reason("Service Quality"))
    page = officer_client.get(_page(key, "reasons")).content.decode()
    assert "Delay: Make a Decision" in page
    assert "Service Quality" in page
    _post(officer_client, key, "reasons", {"action": "remove:0"}, to="reasons")
    assert officer_client.session["complaint_journeys"][key]["reasons"] == [
        [shipped_term("Service Quality").pk, None]
    ]


def test_children_are_added_and_removed_one_at_a_time(officer_client, caseload):
    key = _start(officer_client)
    _post(officer_client, key, "received", {**_date("received_on", 14, 6, 2021), "method": "email"})
    page = officer_client.post(_page(key, "children"), {"action": "add"}).content.decode()
    assert "Enter the child&#39;s name" in page
    page = officer_client.post(
        _page(key, "children"),
        {"name": "Jo", **_date("date_of_birth", 3, 5, 2012), "age_band": "5-9", "action": "add"},
    ).content.decode()
    assert "Give the date of birth or the age band, not both" in page
    assert 'value="Jo"' in page
    _post(officer_client, key, "children", {"name": "Jo", "action": "add"})
    _post(officer_client, key, "children", {"name": "Alex", "action": "add"})
    journey = officer_client.session["complaint_journeys"][key]
    assert [c["name"] for c in journey["children"]] == ["Jo", "Alex"]
    page = officer_client.get(_page(key, "children")).content.decode()
    assert "Jo (age not known)" in page
    assert 'Remove<span class="govuk-visually-hidden"> Jo</span>' in page
    jo = journey["children"][0]["id"]
    _post(officer_client, key, "children", {"action": f"remove:{jo}"}, to="children")
    journey = officer_client.session["complaint_journeys"][key]
    assert [c["name"] for c in journey["children"]] == ["Alex"]


def test_two_journeys_in_two_tabs_keep_their_own_answers(officer_client, caseload):
    first, second = _start(officer_client), _start(officer_client)
    assert first != second
    _post(
        officer_client, first, "received", {**_date("received_on", 1, 6, 2021), "method": "email"}
    )
    _post(
        officer_client, second, "received", {**_date("received_on", 2, 6, 2021), "method": "letter"}
    )
    assert 'value="1"' in officer_client.get(_page(first, "received")).content.decode()
    page = officer_client.get(_page(second, "received")).content.decode()
    assert 'name="received_on-day" type="text" value="2"' in page


def test_the_check_page_sends_back_to_a_question_not_answered(officer_client, caseload):
    key = _start(officer_client)
    _post(officer_client, key, "received", {**_date("received_on", 14, 6, 2021), "method": "email"})
    assert officer_client.get(_check(key)).url == _page(key, "complainant")


def test_a_rule_broken_when_sending_leaves_nothing_behind(officer_client, caseload, places):
    key = _walk_to_check(officer_client, places)
    officer_client.get(_check(key))  # then a change from the check page returns to it
    # Someone takes the reference this journey chose, after its page accepted it.
    _post(
        officer_client,
        key,
        "received",
        {**_date("received_on", 14, 6, 2021), "method": "email", "reference": "MINE-1"},
        to="check",
    )
    ComplaintFactory(reference="MINE-1")
    people = Person.objects.count()
    page = officer_client.post(_check(key)).content.decode()
    assert "There is already a complaint with the reference MINE-1" in page
    assert f'href="{_page(key, "received")}"' in page
    assert Person.objects.count() == people
    assert not Complaint.objects.filter(summary="No reply to three emails.").exists()


def test_a_service_area_not_in_use_on_the_day_received_is_refused(officer_client, caseload, d):
    old = ServiceAreaFactory(name="Old Fostering", valid_to=d("2021-03-31"))
    key = _start(officer_client)
    _post(officer_client, key, "received", {**_date("received_on", 14, 6, 2021), "method": "email"})
    page = officer_client.get(_page(key, "service")).content.decode()
    assert "Old Fostering" not in page
    page = officer_client.post(
        _page(key, "service"), {"service_area": str(old.pk)}
    ).content.decode()
    assert "Old Fostering was not in use on 14 June 2021" in page


def test_only_the_complaints_team_records(investigator_client, responding_manager_client, caseload):
    for client in (investigator_client, responding_manager_client):
        assert client.get(reverse("complaints:record")).status_code == 403
        assert client.get(_page("0123456789ab", "received")).status_code == 403
        assert client.get(_check("0123456789ab")).status_code == 403
    assert (
        responding_manager_client.get(
            reverse("complaints:change_details", args=[caseload.escalated.pk])
        ).status_code
        == 403
    )
    # A complaint they may not see is not found.
    assert (
        responding_manager_client.get(
            reverse("complaints:change_details", args=[caseload.overdue.pk])
        ).status_code
        == 404
    )


# -- correcting a complaint that has started ------------------------------------------------------


def _change(client, complaint):
    response = client.get(reverse("complaints:change_details", args=[complaint.pk]))
    match = re.search(r"/details/([0-9a-f]{12})/check/$", response.url)
    assert match, response.url
    return match.group(1)


def _change_page(complaint, key, slug):
    return reverse("complaints:change_details_page", args=[complaint.pk, key, slug])


def _token(page):
    return re.search(r'name="complaint_version" value="([0-9.]+)"', page).group(1)


def _change_check(complaint, key):
    return reverse("complaints:change_details_check", args=[complaint.pk, key])


def test_change_details_corrects_with_the_same_checks_and_an_audit_entry(
    officer_client, officer, caseload
):
    complaint = caseload.due_today
    AspectFactory(stage=complaint.stages.get())  # Service Quality / Poor Communication
    summary = officer_client.get(reverse("complaints:summary", args=[complaint.pk]))
    assert reverse("complaints:change_details", args=[complaint.pk]) in summary.content.decode()

    key = _change(officer_client, complaint)
    page = officer_client.get(_change_check(complaint, key)).content.decode()
    assert "Check the complaint’s details" in page
    assert "Alex Parent" in page
    assert "Service Quality: Poor Communication" in page
    assert "Date received" not in page  # the date and procedure have services of their own

    url = _change_page(complaint, key, "summary")
    page = officer_client.get(url).content.decode()
    assert f'href="{_change_check(complaint, key)}"' in page  # back to the check page
    response = officer_client.post(
        url, {"summary": "Corrected summary.", "desired_outcome": "A new plan."}
    )
    assert response.url == _change_check(complaint, key)

    url = _change_page(complaint, key, "reasons")
    page = officer_client.post(
        url,
        {
            "category": str(shipped_term("Staff Conduct").pk),
            "subcategory": str(shipped_term("Delay", "Take Action").pk),
            "action": "add",
        },
    ).content.decode()
    assert "&#39;Take Action&#39; is not a sub-category of &#39;Staff Conduct&#39;." in page
    officer_client.post(url, _reason("Staff Conduct", "Bias"))
    officer_client.post(url, {"action": "remove:0"})
    officer_client.post(url, {"action": "continue"})

    url = _change_page(complaint, key, "children")
    response = officer_client.post(url, {"name": "Jo Child", "age_band": "10-15"})
    assert response.url == _change_page(complaint, key, "on-behalf")  # a question it opened
    jo = officer_client.session["complaint_journeys"][key]["children"][0]["id"]
    response = officer_client.post(_change_page(complaint, key, "on-behalf"), {"on_behalf_of": jo})
    assert response.url == _change_check(complaint, key)

    assert Complaint.objects.get(pk=complaint.pk).summary == ""  # nothing written yet
    response = officer_client.post(_change_check(complaint, key), follow=True)
    assert response.redirect_chain == [(reverse("complaints:summary", args=[complaint.pk]), 302)]
    assert f"Complaint {complaint.reference}: details changed" in response.content.decode()

    complaint.refresh_from_db()
    assert (complaint.summary, complaint.desired_outcome) == ("Corrected summary.", "A new plan.")
    jo = complaint.children.get()
    assert (jo.name, jo.age_band, complaint.on_behalf_of) == ("Jo Child", "10-15", jo)
    assert [str(a) for a in complaint.stages.get().aspects.all()] == ["Staff Conduct / Bias"]
    event = AuditEvent.objects.get(action="complaint.update_details")
    assert event.actor == officer
    assert event.before == {
        "summary": "",
        "desired_outcome": "",
        "on_behalf_of": None,
        "children": [],
    }
    assert event.after == {
        "summary": "Corrected summary.",
        "desired_outcome": "A new plan.",
        "on_behalf_of": jo.pk,
        "children": [jo.pk],
    }
    assert AuditEvent.objects.filter(action="aspect.add", complaint=complaint).count() == 1
    assert AuditEvent.objects.filter(action="aspect.remove", complaint=complaint).count() == 1
    timeline = officer_client.get(reverse("complaints:timeline", args=[complaint.pk]))
    assert "Jo Child" in timeline.content.decode()

    people = officer_client.get(reverse("complaints:people", args=[complaint.pk])).content.decode()
    assert "Jo Child" in people
    assert "10 to 15" in people


def test_change_details_is_refused_when_someone_else_changed_the_complaint_meanwhile(
    officer_client, manager_client, caseload
):
    complaint = caseload.due_today
    key = _change(officer_client, complaint)
    officer_client.post(
        _change_page(complaint, key, "summary"), {"summary": "Mine.", "desired_outcome": ""}
    )
    # Meanwhile the manager changes how it was made.
    other = _change(manager_client, complaint)
    manager_client.post(_change_page(complaint, other, "received"), {"method": "letter"})
    assert manager_client.post(_change_check(complaint, other)).status_code == 302

    # The officer's check page carries the complaint's version from when their change began.
    page = officer_client.get(_change_check(complaint, key)).content.decode()
    response = officer_client.post(
        _change_check(complaint, key), {"complaint_version": _token(page)}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this complaint while you had this page open" in page
    assert "Morgan Tester" in page
    complaint.refresh_from_db()
    assert (complaint.summary, complaint.method) == ("", "letter")

    # Saving again, knowing, keeps the manager's change and adds this one.
    response = officer_client.post(
        _change_check(complaint, key), {"complaint_version": _token(page)}
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert (complaint.summary, complaint.method) == ("Mine.", "letter")


def test_changing_nothing_writes_nothing(officer_client, caseload):
    complaint = caseload.due_today
    events = AuditEvent.objects.count()
    key = _change(officer_client, complaint)
    response = officer_client.post(_change_check(complaint, key), follow=True)
    assert "Nothing was changed" in response.content.decode()
    assert AuditEvent.objects.count() == events


def test_the_summary_shows_the_new_details(officer_client, caseload):
    complaint = caseload.due_today
    complaint.desired_outcome = "An apology."
    complaint.advocacy_offered = False
    complaint.advocate_organisation = "NYAS"
    complaint.save()
    page = officer_client.get(reverse("complaints:summary", args=[complaint.pk])).content.decode()
    assert "What would put it right" in page
    assert "An apology." in page
    assert "NYAS" in page


def test_a_journey_id_belongs_to_its_own_journey(officer_client, caseload):
    key = _change(officer_client, caseload.due_today)
    response = officer_client.get(_page(key, "received"))
    assert response.url == reverse("complaints:record")
    assert officer_client.session["complaint_journeys"][key]["complaint"] == caseload.due_today.pk
    other = ComplaintFactory()
    response = officer_client.get(_change_page(other, key, "summary"))
    assert response.url == reverse("complaints:change_details", args=[other.pk])
    assert officer_client.get(_page("not-a-journey", "received")).status_code == 404
