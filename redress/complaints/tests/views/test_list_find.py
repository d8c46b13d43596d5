"""Finding complaints: search by reference, names and the Ombudsman's reference; the filters on
the current stage (allocated person and team, outcome, what it waits for), due dates, on hold;
the heading counting what is listed; keyset pages; one counting query."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from redress.complaints.state import refresh_complaints
from redress.complaints.tests.factories import (
    AppointmentFactory,
    ComplaintFactory,
    HoldFactory,
)
from redress.ombudsman.services import enquiry_record
from redress.ombudsman.tests.factories import EnquiryFactory
from redress.organisations.tests.factories import OrganisationFactory
from redress.people.services import person_update
from redress.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

URL = reverse("complaints:list")


def _references(response):
    assert response.status_code == 200
    return re.findall(r">(CSC-\d{4}-\d{4,5})</a>", response.content.decode())


def _heading(response):
    return re.search(r'id="results-heading">\s*([^<]*?)\s*</h2>', response.content.decode())[1]


@pytest.fixture
def named(caseload):
    """Names behind the caseload: a child on whose behalf 0002 was made, two children of 0004,
    an Ombudsman enquiry on 0003."""
    caseload.overdue.on_behalf_of = PersonFactory(name="Jordan Child")
    caseload.overdue.save()
    caseload.escalated.children.add(PersonFactory(name="Sam Younger"), PersonFactory(name="Kit"))
    EnquiryFactory(complaint=caseload.closed, lgo_reference="21 004 512")
    # Written here without the services, which keep the search text with the stored state.
    refresh_complaints([caseload.overdue.pk, caseload.escalated.pk, caseload.closed.pk])
    return caseload


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("2021-000", ["CSC-2021-0001", "CSC-2021-0002", "CSC-2021-0003", "CSC-2021-0004"]),
        ("csc-2021-0003", ["CSC-2021-0003"]),
        ("alex par", ["CSC-2021-0001"]),  # the complainant, any part, any case
        ("jordan", ["CSC-2021-0002"]),  # on behalf of
        ("younger", ["CSC-2021-0004"]),  # one of the children
        ("004 512", ["CSC-2021-0003"]),  # the Ombudsman's reference
        ("nobody", []),
        ("%", []),  # a wildcard is only itself
        ("_", []),
    ],
)
def test_search(officer_client, named, q, expected):
    response = officer_client.get(URL, {"q": q})
    assert _references(response) == expected
    assert _heading(response).startswith(str(len(expected)))


def test_search_is_scoped_to_what_the_user_may_see(responding_manager_client, named):
    assert _references(responding_manager_client.get(URL, {"q": "jordan"})) == []
    assert _references(responding_manager_client.get(URL, {"q": "younger"})) == ["CSC-2021-0004"]


def test_the_heading_counts_the_rows_listed(officer_client, caseload):
    assert _heading(officer_client.get(URL)) == "4 complaints"
    assert _heading(officer_client.get(URL, {"status": "overdue"})) == "1 complaint"
    assert _heading(officer_client.get(URL, {"status": "open"})) == "3 complaints"
    page = officer_client.get(URL, {"status": "closed"}).content.decode()
    assert "4 in all" in page


def test_on_hold_is_open_but_not_overdue(officer_client, caseload, d):
    HoldFactory(stage=caseload.overdue.stages.get(), start_date=d("2021-06-01"))
    assert _references(officer_client.get(URL, {"status": "on_hold"})) == ["CSC-2021-0002"]
    assert "CSC-2021-0002" in _references(officer_client.get(URL, {"status": "open"}))
    assert _references(officer_client.get(URL, {"status": "overdue"})) == []
    page = officer_client.get(URL).content.decode()
    assert "1 on hold" in page
    assert "0 overdue" in page


def test_allocated_person_team_and_not_allocated(
    officer_client, caseload, responding_manager, investigator
):
    team = OrganisationFactory(name="South Safeguarding Team")
    responding_manager.organisation = team
    responding_manager.save()
    # The current stage counts: 0004's stage 2 is allocated, its stage 1 is not.
    assert _references(officer_client.get(URL, {"allocated_to": responding_manager.pk})) == [
        "CSC-2021-0004"
    ]
    # Appointed to the current stage counts as the investigator's.
    assert _references(officer_client.get(URL, {"allocated_to": investigator.pk})) == [
        "CSC-2021-0004"
    ]
    assert _references(officer_client.get(URL, {"team": team.pk})) == ["CSC-2021-0004"]
    # Not allocated: open complaints with nobody on the current stage.
    assert _references(officer_client.get(URL, {"allocated_to": "none"})) == [
        "CSC-2021-0001",
        "CSC-2021-0002",
    ]
    page = officer_client.get(URL, {"allocated_to": responding_manager.pk}).content.decode()
    assert "Rita Tester" in page  # the selected filter's tag, and the column


def test_outcome_of_the_current_stage(officer_client, caseload):
    # 0004's stage 1 was not upheld, but its current stage (2) is open.
    assert _references(officer_client.get(URL, {"outcome": "not_upheld"})) == []
    assert _references(officer_client.get(URL, {"outcome": "upheld"})) == ["CSC-2021-0003"]


def test_waiting_for_acknowledgement_appointments_and_statement(officer_client, caseload, d):
    stage = caseload.due_today.stages.get()
    stage.acknowledged_date = d("2021-06-08")
    stage.save()
    refresh_complaints([caseload.due_today.pk])
    assert _references(officer_client.get(URL, {"waiting": "acknowledgement"})) == [
        "CSC-2021-0002",
        "CSC-2021-0004",
    ]
    # 0004 has an investigating officer but no independent person, and no statement yet.
    assert _references(officer_client.get(URL, {"waiting": "appointments"})) == ["CSC-2021-0004"]
    assert _references(officer_client.get(URL, {"waiting": "statement"})) == ["CSC-2021-0004"]
    AppointmentFactory(stage=caseload.stage2, role="independent_person", name="Ida Independent")
    caseload.stage2.statement_agreed_date = d("2021-06-18")
    caseload.stage2.save()
    refresh_complaints([caseload.escalated.pk])
    assert _references(officer_client.get(URL, {"waiting": "appointments"})) == []
    assert _references(officer_client.get(URL, {"waiting": "statement"})) == []


def test_a_local_stage_2_never_waits_for_appointments(officer_client, caseload):
    # A local procedure's stage 2 is a manager's review: no investigating officer to appoint.
    from redress.procedures.models import Procedure

    caseload.escalated.procedure = Procedure.objects.get(code="local")
    caseload.escalated.save()
    refresh_complaints([caseload.escalated.pk])
    assert _references(officer_client.get(URL, {"waiting": "appointments"})) == []
    assert _references(officer_client.get(URL, {"waiting": "statement"})) == ["CSC-2021-0004"]


def test_due_today_this_week_and_sorting_by_due_date(officer_client, caseload, d):
    # Due: 0002 on 8 June (overdue), 0001 today (21 June), 0005 on Friday, 0004 on 19 July;
    # 0003 closed.
    ComplaintFactory(reference="CSC-2021-0005", received_date=d("2021-06-11"))
    assert _references(officer_client.get(URL, {"due": "today"})) == ["CSC-2021-0001"]
    assert _references(officer_client.get(URL, {"due": "this_week"})) == ["CSC-2021-0005"]
    expected = ["CSC-2021-0002", "CSC-2021-0001", "CSC-2021-0005", "CSC-2021-0004"]
    assert _references(officer_client.get(URL, {"sort": "due"})) == [*expected, "CSC-2021-0003"]
    # Soonest last, but no due date still last.
    assert _references(officer_client.get(URL, {"sort": "-due"})) == [
        *reversed(expected),
        "CSC-2021-0003",
    ]


def test_organisation(officer_client, caseload):
    trust = OrganisationFactory(name="The Trust")
    caseload.closed.organisation = trust
    caseload.closed.save()
    assert _references(officer_client.get(URL, {"organisation": trust.pk})) == ["CSC-2021-0003"]


def _make(n, start=0):
    for i in range(start, start + n):
        ComplaintFactory(reference=f"CSC-2020-{i:04d}")


def _links(page, rel):
    match = re.search(rf'<a [^>]*href="([^"]+)"[^>]*rel="{rel}"', page)
    return match[1].replace("&amp;", "&") if match else None


def test_next_and_previous_carry_a_cursor(officer_client):
    _make(60)
    first = officer_client.get(URL, {"sort": "reference"}).content.decode()
    assert "Page 1 of 3" in first
    following = _links(first, "next")
    assert "after=" in following
    assert "page=2" in following
    second = officer_client.get(following).content.decode()
    assert "Page 2 of 3" in second
    assert re.findall(r">(CSC-2020-\d{4})</a>", second)[0] == "CSC-2020-0025"
    third = officer_client.get(_links(second, "next")).content.decode()
    assert re.findall(r">(CSC-2020-\d{4})</a>", third) == [
        f"CSC-2020-{i:04d}" for i in range(50, 60)
    ]
    assert _links(third, "next") is None
    back = officer_client.get(_links(third, "prev")).content.decode()
    assert "before=" in _links(third, "prev")
    assert re.findall(r">(CSC-2020-\d{4})</a>", back)[0] == "CSC-2020-0025"
    # Back to page 1 is the plain list.
    assert _links(back, "prev") == f"{URL}?sort=reference"
    # The numbered links go by page number.
    assert f'href="{URL}?sort=reference&amp;page=3"' in first


def test_a_mangled_cursor_falls_back_on_the_page_number(officer_client):
    _make(30)
    page = officer_client.get(URL, {"sort": "reference", "after": "rubbish", "page": "2"})
    assert _references(page)[0] == "CSC-2020-0025"
    page = officer_client.get(URL, {"sort": "reference", "before": "rubbish"})
    assert _references(page)[0] == "CSC-2020-0000"


def test_the_counts_are_one_query_and_not_repeated(officer_client, caseload):
    with CaptureQueriesContext(connection) as captured:
        officer_client.get(URL, {"status": "open", "q": "csc", "sort": "due"})
    counting = [q["sql"] for q in captured if "COUNT(" in q["sql"].upper()]
    assert len(counting) == 1


def _queries(client, query):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL, query).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"status": "overdue", "sort": "due"},
        {"q": "csc-2020", "allocated_to": "none", "waiting": "acknowledgement"},
        {"stage": "1", "sort": "service", "page": "2"},
    ],
)
def test_the_same_number_of_queries_at_any_size(officer_client, query):
    _make(30)
    few = _queries(officer_client, query)
    _make(120, start=30)
    assert _queries(officer_client, query) == few
    following = _links(officer_client.get(URL, query).content.decode(), "next")
    if following:
        # A cursor page costs the same as a numbered one.
        assert (
            _queries(officer_client, dict(p.split("=") for p in following.split("?")[1].split("&")))
            == few
        )


def test_the_filters_are_kept_on_the_form_and_the_links(officer_client, caseload):
    page = officer_client.get(URL, {"q": "alex", "status": "open"}).content.decode()
    assert re.search(r'name="q" [^>]*value="alex"', page)
    assert re.search(r'href="[^"]*q=alex[^"]*status=overdue', page)


def test_an_unknown_person_is_an_error_at_the_person_filter(officer_client, caseload):
    page = officer_client.get(URL, {"allocated_to": "99999"}).content.decode()
    assert "There is a problem with the filters" in page
    assert 'class="govuk-select govuk-select--error" id="allocated_to"' in page
    assert 'aria-describedby="allocated_to-error"' in page
    assert _heading(officer_client.get(URL, {"allocated_to": "99999"})) == "4 complaints"


def test_the_search_follows_the_services(officer_client, named, d):
    """What the search looks in is kept by the services that change it: a renamed person, an
    Ombudsman enquiry recorded, an import."""
    person_update(person=named.overdue.on_behalf_of, by=None, name="Jordan  Okafor-Smith")
    assert _references(officer_client.get(URL, {"q": "okafor-smith"})) == ["CSC-2021-0002"]
    assert _references(officer_client.get(URL, {"q": "jordan okafor"})) == ["CSC-2021-0002"]
    assert _references(officer_client.get(URL, {"q": "jordan child"})) == []
    enquiry_record(
        complaint=named.due_today,
        lgo_reference="22 000 777",
        received_on=d("2021-06-10"),
        by=None,
    )
    assert _references(officer_client.get(URL, {"q": "000 777"})) == ["CSC-2021-0001"]


def test_a_search_cannot_match_across_two_names(officer_client, named):
    # 0004's children are "Sam Younger" and "Kit": nothing is called "younger kit".
    assert _references(officer_client.get(URL, {"q": "younger kit"})) == []
    assert _references(officer_client.get(URL, {"q": "  SAM   younger "})) == ["CSC-2021-0004"]
