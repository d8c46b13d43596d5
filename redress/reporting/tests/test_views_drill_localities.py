"""Drill-down from a locality's report (issue 11, part 7): its figures and table rows list
exactly the records the locality's report counted (the service area versions `report_scope`
chose for the report's period, also for the comparison with the year before), the page says
which locality and period, the access rules hold, and a bad or stale locality is refused
saying why. The restructure is in localities.py."""

import datetime
import re
from html import unescape

import pytest
from django.urls import reverse

from redress.reporting.periods import make_period
from redress.reporting.selectors import ReportError, figure_drill, report_access, table_drill
from redress.reporting.selectors.reports import report_facts, report_figures, report_scope
from redress.reporting.services import prepare_report
from redress.reporting.views.common import drill_urls

from .casebook import AS_OF, build_casebook
from .localities import build_restructure

pytestmark = pytest.mark.django_db
d = datetime.date.fromisoformat
Q4 = make_period(d("2022-01-01"), d("2022-03-31"))
Q4_QUERY = {"from": "2022-01-01", "to": "2022-03-31", "as_of": AS_OF.isoformat()}
# The same quarter a year before, as a comparison of Q4 2021-22's report.
BEFORE_QUERY = {
    "from": "2021-01-01",
    "to": "2021-03-31",
    "as_of": AS_OF.isoformat(),
    "report_from": "2022-01-01",
    "report_to": "2022-03-31",
}


@pytest.fixture
def world(db, settings):
    settings.REDRESS_TODAY = AS_OF
    return build_restructure(build_casebook())


def figure(client, figure_id, query=Q4_QUERY, **extra):
    return client.get(reverse("reporting:figure", args=[figure_id]), {**query, **extra})


def table_row(client, table_id, row, **extra):
    return client.get(reverse("reporting:table", args=[table_id, row]), {**Q4_QUERY, **extra})


def listed(response):
    """The complaint references in the page's table of records, in order."""
    body = re.search(r"<tbody.*?</tbody>", response.content.decode(), re.S)
    return re.findall(r'href="/complaints/\d+/">(CSC-[\w-]+)</a>', body[0]) if body else []


def report(locality):
    """The figures of the locality's Q4 2021-22 report, as the reports page makes it."""
    return prepare_report(period=Q4, as_of=AS_OF, locality=locality, document=False).figures


# -- exactly the records the report counted -----------------------------------------------------


@pytest.mark.parametrize("locality", ["West", "South"])
def test_every_counted_figure_of_a_locality_lists_as_many_records_as_its_report_says(
    world, officer, locality
):
    counted = report_figures(
        period=Q4,
        as_of=AS_OF,
        facts=report_facts(
            as_of=AS_OF, period=Q4, scope=report_scope(period=Q4, locality=locality)
        ),
        keep_evidence=True,
    ).evidence
    figures = report(locality).figures
    checked = 0
    for figure_id in sorted(counted):
        kwargs = {"as_of": AS_OF, "service": None, "user": officer, "locality": locality}
        drill = figure_drill(figure_id=figure_id, period=Q4, **kwargs)
        assert len(drill.records.rows) == figures[figure_id], figure_id
        if f"{figure_id}.previous" in figures:
            before = figure_drill(
                figure_id=figure_id, period=Q4.previous, report_period=Q4, **kwargs
            )
            assert len(before.records.rows) == figures[f"{figure_id}.previous"], figure_id
        checked += 1
    assert checked > 80
    # Not all nothing: the quarter's and the year before's stage 1 complaints are there.
    assert figures["received.stage1"] == (5 if locality == "West" else 1)
    assert figures["received.stage1.previous"] == (0 if locality == "West" else 3)


def test_a_locality_figure_lists_its_records_and_says_whose_they_are(world, officer_client):
    response = figure(officer_client, "received.stage1", locality="west")
    page = unescape(response.content.decode())
    assert response.status_code == 200
    expected = ["0004", "0005", "EH04", "FH01", "FH02"]
    assert sorted(listed(response)) == [f"CSC-2021-{ref}" for ref in expected]
    assert len(expected) == report("West").figures["received.stage1"]
    assert "5 stage records, exactly as the figure counted them." in page
    assert "Complaints report 2021-22 Q4: West locality" in page
    assert re.search(r"Locality\s*</dt>\s*<dd[^>]*>\s*West locality", page)
    assert "Early Help, Family Hub, Fostering: those in the locality" in page
    assert "1 January 2022 to 31 March 2022" in page
    assert "Service area</dt>" not in page
    # Back to the locality's report.
    back = re.search(r'href="(/reports/\?[^"]+)"[^>]*>Back to the report', page)
    assert back is not None
    assert "service=locality%3AWest" in back[1]
    assert "start-month=1&start-year=2022" in back[1]


def test_the_year_before_counts_the_service_areas_of_the_report_s_period(world, officer_client):
    """South a year before, as South's Q4 2021-22 report compares it: Early Help's old version
    and Youth Offending, which have since left it."""
    response = figure(officer_client, "received.stage1", BEFORE_QUERY, locality="South")
    page = unescape(response.content.decode())
    assert response.status_code == 200
    assert listed(response) == ["CSC-2021-EH01", "CSC-2021-EH02", "CSC-2021-YO01"]
    assert report("South").figures["received.stage1.previous"] == 3
    assert "1 January 2021 to 31 March 2021" in page
    assert "1 January 2022 to 31 March 2022 (this figure is its comparison" in page
    assert "Complaints report 2021-22 Q4: South locality" in page
    # West did not exist a year before: its report's comparison is with its service areas
    # then, none of which had complaints, not a report of West for that quarter.
    west = figure(officer_client, "received.stage1", BEFORE_QUERY, locality="West")
    assert west.status_code == 200
    assert "There are no records to list." in west.content.decode()


def test_a_locality_table_row_lists_what_it_counted(world, officer_client):
    rows = report("West").tables["received.by_service"]
    row = next(i for i, r in enumerate(rows) if r["service"] == "Family Hub")
    response = table_row(officer_client, "received.by_service", row, locality="West")
    page = unescape(response.content.decode())
    assert response.status_code == 200
    assert listed(response) == ["CSC-2021-FH01", "CSC-2021-FH02"]
    assert rows[row]["stage1"] + rows[row]["stage2"] + rows[row]["stage3"] == 2
    heading = "Complaints received by service and stage: Family Hub"
    assert f'<h1 class="govuk-heading-l">{heading}</h1>' in page
    assert "West locality" in page


def test_the_selector_refuses_a_table_of_another_period(world, officer):
    with pytest.raises(ReportError, match="A table's rows are of its report's own period"):
        table_drill(
            table_id="received.by_service",
            row=0,
            period=Q4.previous,
            report_period=Q4,
            as_of=AS_OF,
            service=None,
            locality="South",
            user=officer,
        )


# -- the preview links its figures --------------------------------------------------------------


def drill_links(page):
    return [
        unescape(link) for link in re.findall(r'href="(/reports/(?:figures|tables)/[^"]+)"', page)
    ]


def test_a_locality_preview_links_its_figures_to_their_records(world, officer_client):
    response = officer_client.get(
        reverse("reporting:reports"),
        {
            "action": "preview",
            "period": "quarter:2021-22-Q4",
            "fmt": "pdf",
            "service": "locality:South",
        },
    )
    page = response.content.decode()
    assert "Select a number to see the records behind it." in page
    links = drill_links(page)
    query = "?from=2022-01-01&to=2022-03-31&as_of=2022-05-31&locality=South"
    assert f"/reports/figures/received.stage1/{query}" in links
    assert f"/reports/tables/received.by_service/0/{query}" in links
    assert not any("service=" in link for link in links)
    # Each leads to as many records as the figure it is on counts.
    first = officer_client.get(f"/reports/figures/received.stage1/{query}")
    assert listed(first) == ["CSC-2021-0006"]
    row = officer_client.get(f"/reports/tables/received.by_service/0/{query}")
    assert listed(row) == ["CSC-2021-0006"]


def test_a_locality_s_comparison_links_to_the_year_before_in_the_report_s_service_areas(
    world, officer, officer_client
):
    prepared = prepare_report(period=Q4, as_of=AS_OF, locality="South", document=False)
    url = drill_urls(
        figures=prepared.figures,
        period=Q4,
        as_of=AS_OF,
        service=None,
        locality=prepared.locality,
        access=report_access(officer),
    )
    assert url is not None
    before = url("received.stage1.previous", None)
    assert before == (
        "/reports/figures/received.stage1/?from=2021-01-01&to=2021-03-31&as_of=2022-05-31"
        "&locality=South&report_from=2022-01-01&report_to=2022-03-31"
    )
    assert (
        len(listed(officer_client.get(before)))
        == prepared.figures.figures["received.stage1.previous"]
    )


# -- who may see them ---------------------------------------------------------------------------


def test_executives_and_investigators_see_no_locality_records(
    world, executive_client, investigator_client
):
    for client in (executive_client, investigator_client):
        assert figure(client, "received.stage1", locality="West").status_code == 403
        assert table_row(client, "received.by_service", 0, locality="West").status_code == 403


def test_a_responding_manager_sees_only_their_complaints_of_the_locality(
    world, responding_manager, responding_manager_client
):
    world.complaints["FH01"].stages.update(allocated_to=responding_manager)
    south = world.casebook.stage("0006")
    south.allocated_to = responding_manager
    south.save()
    response = figure(responding_manager_client, "received.stage1", locality="West")
    page = response.content.decode()
    # 0006 is South's: not in West's report, so not listed though it is theirs.
    assert listed(response) == ["CSC-2021-FH01"]
    assert "that you can see: 1." in page
    assert "exactly as the figure counted them" not in page


def test_a_publication_reader_is_refused_a_locality_row_withheld_from_them(
    world, responding_manager_client, officer_client
):
    rows = report("West").tables["received.by_service"]
    row = next(i for i, r in enumerate(rows) if r["service"] == "Family Hub")
    refused = table_row(responding_manager_client, "received.by_service", row, locality="West")
    page = refused.content.decode()
    assert refused.status_code == 403
    assert "These records are withheld from you" in page
    assert "fewer than 5" in page
    assert not re.search(r'href="/complaints/\d+/"', page)
    # The complaints team reads the internal version, and sees it.
    assert table_row(officer_client, "received.by_service", row, locality="West").status_code == 200


# -- bad addresses ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"locality": "Soth"}, "There is no locality called 'Soth'. Did you mean 'South'"),
        (
            {"locality": "North"},
            "The locality 'North' was not in use between 1 January 2022 and 31 March 2022 (it "
            "was in use until 31 March 2020).",
        ),
        (
            {"locality": "East"},
            "No service area is in the locality 'East', so a report for it would count nothing "
            "whatever the period.",
        ),
        ({"locality": "South", "service": "Fostering"}, "give a locality or a service area, not"),
        (
            {"report_from": "2023-01-01", "report_to": "2023-03-31"},
            "'report_from' and 'report_to' name the period of a locality's report, and this "
            "address names no locality",
        ),
        (
            {"locality": "South", "report_from": "2022-01-01"},
            "'report_to' is missing from the address",
        ),
        (
            {"locality": "South", "report_from": "2022-01-01", "report_to": "2022-02-30"},
            "'report_to=2022-02-30' is not a date in the form YYYY-MM-DD",
        ),
        (
            {"locality": "South", "report_from": "2024-01-01", "report_to": "2024-03-31"},
            "'from=2022-01-01&to=2022-03-31' is neither the report's period "
            "('report_from=2024-01-01&report_to=2024-03-31') nor the same period a year before",
        ),
    ],
)
def test_a_bad_or_stale_locality_is_explained(world, officer_client, query, message):
    response = figure(officer_client, "received.stage1", **query)
    assert response.status_code == 400
    page = unescape(response.content.decode())
    assert "There is a problem with this address" in page
    assert message in page


def test_a_comparison_without_the_report_s_period_is_a_report_of_west_that_cannot_be(
    world, officer_client
):
    query = {k: v for k, v in BEFORE_QUERY.items() if not k.startswith("report_")}
    response = figure(officer_client, "received.stage1", query, locality="West")
    assert response.status_code == 400
    assert "The locality 'West' was not in use between 1 January 2021 and 31 March 2021" in (
        unescape(response.content.decode())
    )


def test_a_table_row_of_the_year_before_is_refused(world, officer_client):
    response = officer_client.get(
        reverse("reporting:table", args=["received.by_service", 0]),
        {**BEFORE_QUERY, "locality": "South"},
    )
    assert response.status_code == 400
    assert "A table&#39;s rows are of its report&#39;s own period" in response.content.decode()
