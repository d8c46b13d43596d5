"""My work (the home page) for each role, and the team's work: every count links to a list
showing exactly that many complaints (or enquiries, or learning actions)."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from redress.complaints.state import refresh_complaints
from redress.complaints.tests.factories import (
    ComplaintFactory,
    LearningActionFactory,
    StageFactory,
)
from redress.ombudsman.tests.factories import EnquiryFactory, RemedyFactory
from redress.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

HOME = reverse("core:home")
TEAM = reverse("complaints:team")


@pytest.fixture
def open_stages(d, responding_manager, investigator):
    """Seen on Monday 21 June 2021."""
    ComplaintFactory(reference="CSC-DUE-TODAY", received_date=d("2021-06-07"))
    ComplaintFactory(reference="CSC-OVERDUE", received_date=d("2021-05-24"))  # due 8 June
    ComplaintFactory(reference="CSC-LATER", received_date=d("2021-06-18"))  # due 2 July
    ComplaintFactory(reference="CSC-THIS-WEEK", received_date=d("2021-06-11"))  # due 25 June
    mine = ComplaintFactory(reference="CSC-MINE", received_date=d("2021-06-16"))
    mine.stages.update(allocated_to=responding_manager)
    escalated = ComplaintFactory(reference="CSC-STAGE2", received_date=d("2021-04-12"))
    escalated.stages.update(responded_date=d("2021-04-23"), outcome="upheld")
    stage2 = StageFactory(complaint=escalated, number=2, received_date=d("2021-06-14"))
    stage2.appointments.create(role="investigating_officer", name="Ivan", user=investigator)
    closed = ComplaintFactory(reference="CSC-CLOSED", received_date=d("2021-05-04"))
    closed.stages.update(responded_date=d("2021-05-20"), outcome="upheld")
    refresh_complaints([mine.pk, escalated.pk, closed.pk])
    enquiry = EnquiryFactory(complaint=mine, response_due_date=d("2021-06-18"))
    RemedyFactory(enquiry=enquiry, due_date=d("2021-06-01"))
    EnquiryFactory(complaint=closed, response_sent_date=d("2021-06-01"))
    LearningActionFactory(owner="Rita Tester", due_date=d("2021-06-01"), complaint=mine)
    LearningActionFactory(owner="Someone Else", due_date=d("2021-06-01"), complaint=closed)


def _section(page, heading):
    start = page.index(f">{heading}</h2>")
    end = page.find("<h2", start + 1)
    return page[start : end if end > 0 else None]


def _figures(page):
    """{words: (count, link)} of the page's figures."""
    found = {}
    for link, count, words in re.findall(
        r'(?:<a [^>]*href="([^"]*)">)?<span class="redress-figure">([\d,]+)</span>\s*([^<]+?)\s*<',
        page,
    ):
        found[words] = (int(count.replace(",", "")), link.replace("&amp;", "&") or None)
    return found


def _listed(client, link):
    """How many rows the list behind a link says it shows."""
    page = client.get(link).content.decode()
    return int(re.search(r'id="results-heading">\s*([\d,]+)', page)[1].replace(",", ""))


def _assert_links_match(client, page):
    figures = _figures(page)
    assert figures
    for words, (count, link) in figures.items():
        assert link, words
        assert _listed(client, link) == count, (words, link)


def test_a_responding_manager_sees_their_work(responding_manager_client, open_stages):
    page = responding_manager_client.get(HOME).content.decode()
    figures = _figures(_section(page, "Complaints allocated to you"))
    assert figures["open"][0] == 1
    assert figures["awaiting acknowledgement"][0] == 1
    assert figures["due today"][0] == 0
    assert figures["overdue"][0] == 0
    assert "CSC-MINE" in page
    assert "Due in 7 working days" in page
    assert "CSC-OVERDUE" not in page
    other = _figures(_section(page, "Ombudsman and learning"))
    assert other["Ombudsman enquiries waiting for our response"][0] == 1
    assert other["of them past the date asked for"][0] == 1
    assert other["with remedies overdue"][0] == 1
    assert other["learning actions overdue"][0] == 1  # Rita Tester's, not Someone Else's
    assert "See the team's work" not in page


def test_every_count_links_to_a_list_of_that_many(responding_manager_client, open_stages):
    _assert_links_match(
        responding_manager_client, responding_manager_client.get(HOME).content.decode()
    )


def test_an_officer_with_work_allocated(officer_client, officer, open_stages):
    from redress.complaints.models import Stage

    Stage.objects.filter(
        complaint__reference__in=["CSC-DUE-TODAY", "CSC-OVERDUE", "CSC-THIS-WEEK"]
    ).update(allocated_to=officer)
    page = officer_client.get(HOME).content.decode()
    figures = _figures(_section(page, "Complaints allocated to you"))
    assert figures["open"][0] == 3
    assert figures["due today"][0] == 1
    assert figures["due later this week"][0] == 1
    assert figures["overdue"][0] == 1
    # Most overdue first.
    assert page.index("CSC-OVERDUE") < page.index("CSC-DUE-TODAY") < page.index("CSC-THIS-WEEK")
    assert "9 working days overdue" in page
    assert "See the team&#39;s work" in page or "See the team's work" in page
    # The Ombudsman's work is the complaints team's: every enquiry.
    other = _figures(_section(page, "Ombudsman and learning"))
    assert other["Ombudsman enquiries waiting for our response"][0] == 1
    _assert_links_match(officer_client, page)


def test_an_investigator_sees_stage_2_waiting(investigator_client, open_stages):
    page = investigator_client.get(HOME).content.decode()
    figures = _figures(_section(page, "Complaints allocated to you"))
    assert figures["open"][0] == 1
    assert figures["stage 2 waiting for appointments"][0] == 1  # no independent person yet
    assert figures["stage 2 waiting for the statement of complaint"][0] == 1
    assert "CSC-STAGE2" in page
    assert "CSC-MINE" not in page
    _assert_links_match(investigator_client, page)


def test_an_executive_sees_counts_and_no_complaint(executive_client, open_stages):
    page = executive_client.get(HOME).content.decode()
    assert "Open complaints" in page
    figures = _figures(page)
    assert figures["open"] == (6, None)  # counts, no links
    assert figures["overdue"] == (1, None)
    assert "CSC-" not in page
    assert ">Complaints</a>" not in page  # no link to the list in the navigation
    assert "counts and reports, not individual complaints" in page


def test_the_team_page(officer_client, open_stages, responding_manager, investigator):
    north = OrganisationFactory(name="Safeguarding North")
    responding_manager.organisation = north
    responding_manager.save()
    page = officer_client.get(TEAM).content.decode()
    assert "The team&#39;s work" in page or "The team's work" in page
    figures = _figures(page)
    assert figures["open"][0] == 6
    assert figures["overdue"][0] == 1
    assert figures["due today"][0] == 1
    assert figures["due later this week"][0] == 1
    assert figures["learning actions overdue"][0] == 2
    teams = page[page.index("By team") :]
    assert "Not allocated" in teams
    assert "Safeguarding North" in teams
    assert "Rita Tester" not in page  # the people are a team's page
    _assert_links_match(officer_client, page)
    _assert_table_links_match(officer_client, page)
    # A team's people.
    page = officer_client.get(TEAM, {"team": north.pk}).content.decode()
    people = page[page.index("The people of Safeguarding North") :]
    assert "Rita Tester" in people
    _assert_table_links_match(officer_client, page)


def _assert_table_links_match(client, page):
    """The tables' counts link to lists of that many too."""
    links = re.findall(r'<a [^>]*href="([^"]*)" aria-label="[^"]*">([\d,]+)</a>', page)
    assert links
    for link, count in links:
        assert _listed(client, link.replace("&amp;", "&")) == int(count), link


def test_the_team_page_for_other_roles(responding_manager_client, executive_client, open_stages):
    assert responding_manager_client.get(TEAM).status_code == 403
    page = executive_client.get(TEAM).content.decode()
    assert _figures(page)["open"] == (6, None)
    assert "Rita Tester" not in page
    assert reverse("complaints:list") not in page


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_same_number_of_queries_at_any_size(officer_client, officer, d):
    def more(n):
        for _ in range(n):
            complaint = ComplaintFactory(received_date=d("2021-06-01"))
            complaint.stages.update(allocated_to=officer)

    more(3)
    home, team = _queries(officer_client, HOME), _queries(officer_client, TEAM)
    more(40)
    assert _queries(officer_client, HOME) == home
    assert _queries(officer_client, TEAM) == team


def test_the_navigation_links_to_complaints_and_to_the_admin_for_staff(officer_client, manager):
    page = officer_client.get(HOME).content.decode()
    assert f'href="{reverse("complaints:list")}"' in page
    assert "Admin" not in page
    manager.is_staff = True
    manager.save()
    client = Client()
    client.force_login(manager)
    assert f'href="{reverse("admin:index")}"' in client.get(HOME).content.decode()


def test_signed_out_users_are_sent_to_sign_in(client):
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
