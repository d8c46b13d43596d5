"""Drill-down pages: the records behind a figure or a table row, for each role."""

import re
from html import unescape

import pytest
from django.urls import reverse

from redress.reporting.periods import financial_year
from redress.reporting.presenters import figure_heading
from redress.reporting.selectors import report_figures
from redress.reporting.tests.casebook import AS_OF, build_casebook

pytestmark = pytest.mark.django_db
REPORT = {"from": "2021-04-01", "to": "2022-03-31", "as_of": "2022-05-31"}


@pytest.fixture
def casebook(db):
    return build_casebook()


def figure(client, figure_id, **query):
    return client.get(reverse("reporting:figure", args=[figure_id]), {**REPORT, **query})


def table_row(client, table_id, row, **query):
    return client.get(reverse("reporting:table", args=[table_id, row]), {**REPORT, **query})


def headings(response):
    """The page's <title> (without " – Redress") and <h1>."""
    page = unescape(response.content.decode())
    title = re.search(r"<title>(.*?) – Redress</title>", page, re.S)[1]
    return title.strip(), re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)[1].strip()


def listed(response):
    """The complaint references in the page's table of records, in order."""
    body = re.search(r"<tbody.*?</tbody>", response.content.decode(), re.S)
    return re.findall(r'href="/complaints/\d+/">(CSC-[\d-]+)</a>', body[0]) if body else []


def test_a_figure_lists_the_complaints_it_counted(casebook, officer_client):
    response = figure(officer_client, "outcome.stage1.upheld")
    page = response.content.decode()
    assert response.status_code == 200
    assert listed(response) == ["CSC-2021-0001", "CSC-2021-0005"]
    assert "2 stage records, exactly as the figure counted them." in page
    assert "stage 1 records received in the period with outcome upheld" in page
    assert f'href="/complaints/{casebook.complaints["0001"].pk}/"' in page


def test_the_received_figure_lists_all_six(casebook, manager_client):
    assert listed(figure(manager_client, "received.stage1")) == [
        f"CSC-2021-000{n}" for n in range(1, 7)
    ]


def test_a_timeliness_figure_shows_working_days(casebook, officer_client):
    response = figure(officer_client, "timeliness.stage1.cohort")
    page = response.content.decode()
    assert listed(response) == ["CSC-2021-0001", "CSC-2021-0002", "CSC-2021-0005", "CSC-2021-0006"]
    assert "Working days taken" in page
    assert re.search(r"CSC-2021-0002</a>.*?>30</td>", page, re.S)


def test_a_table_row_lists_what_it_counted(casebook, officer_client):
    response = table_row(officer_client, "received.by_service", 1)
    assert listed(response) == ["CSC-2021-0003", "CSC-2021-0004", "CSC-2021-0005"]
    heading = "Complaints received by service and stage: Fostering"
    assert headings(response) == (heading, heading)
    quarter = table_row(officer_client, "timeliness.stage1.by_quarter", 3)
    assert listed(quarter) == ["CSC-2021-0005", "CSC-2021-0006"]


def test_a_figure_is_headed_by_its_definition_in_words_and_its_id_stays_below(
    casebook, officer_client
):
    response = figure(officer_client, "outcome.stage1.partially_upheld")
    heading = "Stage 1 records received in the period with outcome partially upheld"
    assert headings(response) == (heading, heading)
    assert "<code>outcome.stage1.partially_upheld</code>" in response.content.decode()
    # as_of is the date the figures are as at.
    assert headings(figure(officer_client, "actions.completed"))[1] == (
        "Learning actions raised in the period and completed by 31 May 2022"
    )


def test_every_counted_figure_has_a_heading_in_words(casebook):
    figures = report_figures(period=financial_year("2021-22"), as_of=AS_OF)
    headings = {f: figure_heading(f, AS_OF) for f in figures.evidence}
    assert len(headings) > 80
    # lgo.investigated is a sum of two figures, so it keeps its id.
    assert [f for f, h in headings.items() if h.startswith("Records behind")] == [
        "lgo.investigated"
    ]
    for figure_id, heading in headings.items():
        if figure_id != "lgo.investigated":
            assert not re.search(r"_|`|stage\d|as_of|^Of those", heading), heading


def test_a_figure_worked_from_others_keeps_its_id_as_its_heading(casebook, officer_client):
    # lgo.investigated is lgo.decision.fault_found + lgo.decision.no_fault: not words.
    response = figure(officer_client, "lgo.investigated")
    assert headings(response) == ("Records behind lgo.investigated",) * 2


def test_a_table_row_is_headed_by_the_caption_and_the_row_s_labels(casebook, officer_client):
    response = table_row(officer_client, "outcomes", 0)
    heading = "Outcomes of complaints by stage: Stage 1, Upheld"
    assert headings(response) == (heading, heading)
    assert "<code>outcomes</code>" in response.content.decode()
    # A caption with a colon of its own takes a dash before the row.
    assert headings(table_row(officer_client, "timeliness.stage1.bands_by_area", 0))[1] == (
        "Stage 1 response times by area: complaints received – Citywide, 0-10 working days"
    )


def test_a_table_row_s_values_are_listed_in_the_report_s_words(casebook, officer_client):
    page = unescape(table_row(officer_client, "outcomes", 0).content.decode())
    summary = re.search(r'<dl class="govuk-summary-list">.*?</dl>', page, re.S)[0]
    pairs = re.findall(
        r'<dt class="govuk-summary-list__key">\s*(.*?)\s*</dt>\s*'
        r'<dd class="govuk-summary-list__value">\s*(.*?)\s*</dd>',
        summary,
        re.S,
    )
    assert ("Stage", "Stage 1") in pairs
    assert ("Outcome", "Upheld") in pairs
    assert ("Number", "2") in pairs


def test_a_trend_s_row_is_headed_by_its_caption_and_year(casebook, officer_client):
    response = table_row(officer_client, "trend.stage1.by_year", 0)
    assert response.status_code == 200
    heading = "Stage 1 complaints received, upheld and answered in time, by year: 2020-21"
    assert headings(response) == (heading, heading)


def test_a_service_report_drills_into_the_service(casebook, officer_client):
    response = figure(officer_client, "received.stage1", service="Fostering")
    assert listed(response) == ["CSC-2021-0003", "CSC-2021-0004", "CSC-2021-0005"]


def test_the_records_behind_compliments_are_the_compliments(casebook, officer_client):
    page = figure(officer_client, "compliments.received").content.decode()
    assert "2 compliments, exactly as the figure counted them." in page
    assert "Joel Davison" in page


def test_long_lists_come_in_pages(casebook, officer_client, monkeypatch):
    from redress.reporting.views import drill

    monkeypatch.setattr(drill, "PAGE_SIZE", 4)
    first = figure(officer_client, "received.stage1")
    assert listed(first) == [f"CSC-2021-000{n}" for n in range(1, 5)]
    assert "govuk-pagination" in first.content.decode()
    assert listed(figure(officer_client, "received.stage1", page="2")) == [
        "CSC-2021-0005",
        "CSC-2021-0006",
    ]


def test_executives_see_no_records(casebook, executive_client):
    response = figure(executive_client, "received.stage1")
    assert response.status_code == 403
    assert "shows figures, not the records behind them" in response.content.decode()
    assert table_row(executive_client, "received.by_service", 0).status_code == 403


def test_investigating_officers_see_no_records(casebook, investigator_client):
    assert figure(investigator_client, "received.stage1").status_code == 403


def test_a_responding_manager_sees_only_their_complaints(
    casebook, responding_manager, responding_manager_client
):
    stage = casebook.stage("0002")
    stage.allocated_to = responding_manager
    stage.save()
    response = figure(responding_manager_client, "received.stage1")
    page = response.content.decode()
    assert listed(response) == ["CSC-2021-0002"]
    assert "that you can see: 1." in page
    assert "Only complaints allocated to you" in page
    # How many there are in all is not said: for a small count that would be the figure
    # withheld from the publication version.
    assert "exactly as the figure counted them" not in page


def test_a_participation_worker_is_told_they_see_childrens_complaints(casebook):
    from django.test import Client

    from redress.accounts.models import Role, User

    client = Client()
    client.force_login(User.objects.create_user(username="pw", role=Role.PARTICIPATION_WORKER))
    response = figure(client, "received.stage1")
    page = response.content.decode()
    assert listed(response) == ["CSC-2021-0005"]  # the child's complaint, allocated to no one
    assert (
        "Only complaints made by children, young people or care leavers, and complaints "
        "allocated to you or that you are appointed to, are listed here." in page
    )


def test_records_not_tied_to_a_complaint_are_said_to_be_the_teams_alone(
    casebook, responding_manager_client
):
    # Compliments belong to no complaint, so nobody outside the team is shown one: the page
    # says so, rather than that the list holds the complaints allocated to them.
    page = figure(responding_manager_client, "compliments.received").content.decode()
    assert "The compliments behind this figure that you can see: 0." in page
    assert (
        "Compliments are not tied to a complaint, so only the complaints team can list them."
        in (page)
    )
    assert "Only complaints allocated to you" not in page


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ({"from": "2021-13-01"}, 400, "&#39;from=2021-13-01&#39; is not a date"),
        ({"to": ""}, 400, "&#39;to&#39; is missing from the address"),
        ({"from": "2022-04-01"}, 400, "is after &#39;to=2022-03-31&#39;"),
        ({"service": "Nowhere"}, 400, "There is no service area called &#39;Nowhere&#39;"),
    ],
)
def test_a_bad_address_is_explained(casebook, officer_client, query, status, message):
    response = figure(officer_client, "received.stage1", **query)
    assert response.status_code == status
    assert message in response.content.decode()


def test_unknown_and_uncounted_figures_are_not_found(casebook, officer_client):
    unknown = figure(officer_client, "received.stage9")
    assert unknown.status_code == 404
    assert "There is no figure called &#39;received.stage9&#39;" in unknown.content.decode()
    ratio = figure(officer_client, "escalation.stage1_to_stage2.pct")
    assert ratio.status_code == 404
    assert "is not a count of records" in ratio.content.decode()
    assert table_row(officer_client, "received.by_service", 7).status_code == 404
