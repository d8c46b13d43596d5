"""Quarterly, monthly and locality reports (issue 11, part 7): which service areas a locality's
report counts across a restructure, its figures against those computed over exactly those
records, the reports page and `redress report` choosing a locality, every format, the words
of a quarter's and a month's comparisons, and who may read them."""

import datetime
import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import load_workbook

from redress.complaints.models import Stage
from redress.organisations.models import Locality, ServiceArea
from redress.organisations.tests.factories import ServiceAreaFactory
from redress.procedures.selectors import working_calendar
from redress.reporting.document.model import BulletList, Paragraph, ReportDocument
from redress.reporting.facts import extract_facts
from redress.reporting.figures import compute_figures, to_json
from redress.reporting.forms import ReportForm
from redress.reporting.periods import financial_year, make_period
from redress.reporting.render import FORMATS
from redress.reporting.selectors import ReportError, report_settings
from redress.reporting.selectors.reports import UnknownLocalityError, report_scope
from redress.reporting.services import prepare_report

from .casebook import AS_OF, build_casebook
from .localities import build_restructure

pytestmark = pytest.mark.django_db
URL = reverse("reporting:reports")
d = datetime.date.fromisoformat
Q4 = make_period(d("2022-01-01"), d("2022-03-31"))
MARCH = make_period(d("2022-03-01"), d("2022-03-31"))
DATES = make_period(d("2022-03-01"), d("2022-03-20"))
YEAR = financial_year(2021)


@pytest.fixture
def world(db, settings):
    settings.REDRESS_TODAY = AS_OF
    return build_restructure(build_casebook())


def query(action="download", **extra):
    return {"action": action, "period": "quarter:2021-22-Q4", "fmt": "json", **extra}


def texts(document: ReportDocument) -> list[str]:
    """Every paragraph and bullet the report writes, in order."""
    out = []
    for section in document.sections:
        for block in section.blocks:
            if isinstance(block, Paragraph):
                out.append(block.plain)
            elif isinstance(block, BulletList):
                out += [item.plain for item in block.items]
    return out


# -- which service areas a locality's report counts ---------------------------------------------


def test_a_locality_counts_its_service_areas_of_the_period_and_the_year_before(world):
    west = report_scope(period=Q4, locality="west")
    assert (west.kind, west.locality, west.words) == ("locality", "West", "West locality")
    # Fostering's and Early Help's new versions, and Family Hub, which began on 1 February.
    assert set(west.area_ids or ()) == world.west_areas
    assert west.area_names == ("Early Help", "Family Hub", "Fostering")
    # South in Q4 2021-22 is South Safeguarding; a year before, Early Help's old version and
    # Youth Offending were in it too, and the comparison is with South as it was then.
    assert set(report_scope(period=Q4, locality="South").area_ids or ()) == world.south_areas
    # Over the whole year (restructured in January) South had Early Help until December.
    year = set(report_scope(period=YEAR, locality="South").area_ids or ())
    assert year == world.south_areas


def test_service_and_whole_authority_scopes_are_unchanged(world):
    assert report_scope(period=Q4) == report_scope(period=Q4, service="", locality=" ")
    assert report_scope(period=Q4).area_ids is None
    fostering = report_scope(period=Q4, service="fostering")
    assert fostering.service == "Fostering"
    assert set(fostering.area_ids or ()) == {
        world.casebook.fostering_old.pk,
        world.casebook.fostering_new.pk,
    }


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"locality": "Soth"}, UnknownLocalityError, "There is no locality called 'Soth'. Did "),
        ({"locality": "Nowhere at all"}, UnknownLocalityError, "Localities: East, North, South"),
        (
            {"locality": "North"},
            ReportError,
            "The locality 'North' was not in use between 1 January 2022 and 31 March 2022 (it "
            "was in use until 31 March 2020). Choose a period when it was, or another locality.",
        ),
        (
            {"locality": "East"},
            ReportError,
            "No service area is in the locality 'East', so a report for it would count nothing "
            "whatever the period. Complaints that record their locality are counted by area in "
            "the whole authority's report",
        ),
        ({"locality": "South", "service": "Fostering"}, ReportError, "not both"),
    ],
)
def test_a_bad_or_stale_locality_is_refused_saying_why(world, kwargs, error, message):
    with pytest.raises(error) as raised:
        report_scope(period=Q4, **kwargs)
    assert message in str(raised.value)


def test_west_did_not_exist_a_year_before_west_began(world):
    with pytest.raises(ReportError, match=r"'West' was not in use .* \(it was in use from 1 Jan"):
        report_scope(period=financial_year(2020), locality="West")


# -- its figures --------------------------------------------------------------------------------


def test_a_quarterly_locality_report_is_the_figures_of_exactly_its_records(world, officer_client):
    response = officer_client.get(URL, query(service="locality:West"))
    data = json.loads(response.content)
    assert data["scope"] == {
        "kind": "locality",
        "name": "West",
        "service_areas": ["Early Help", "Family Hub", "Fostering"],
    }
    # The same figures, computed over the facts of exactly West's service area versions.
    facts = extract_facts(
        as_of=AS_OF, calendar=working_calendar(), service_area_ids=world.west_areas
    )
    expected = to_json(compute_figures(facts=facts, period=Q4, settings=report_settings()))
    assert data["figures"] == expected["figures"]
    assert data["tables"] == expected["tables"]
    # And those are the records: stage 1s received in the quarter at those versions.
    received = Stage.objects.filter(
        number=1,
        received_date__range=(Q4.start, Q4.end),
        complaint__service_area_id__in=world.west_areas,
    )
    assert data["figures"]["received.stage1"] == received.count() == 5
    assert data["figures"]["received.stage1.previous"] == 0


def test_south_is_compared_with_south_as_it_was_a_year_before(world):
    prepared = prepare_report(period=Q4, as_of=AS_OF, locality="South", document=False)
    figures = prepared.figures.figures
    assert figures["received.stage1"] == 1  # 0006
    assert figures["received.stage1.previous"] == 3  # EH01, EH02 and YO01, in Q4 2020-21
    whole = prepare_report(period=Q4, as_of=AS_OF, document=False).figures.figures
    assert whole["received.stage1"] == 6


# -- the words: a quarter, a month and other dates ----------------------------------------------


def test_a_quarter_is_compared_with_the_same_quarter_last_year(world):
    document = prepare_report(period=Q4, as_of=AS_OF, locality="South").document
    assert document is not None
    assert (
        document.title == "Complaints and compliments quarterly report Q4 2021-22: South locality"
    )
    assert document.period_label == "Q4 2021-22"
    assert document.service == "South locality"
    written = texts(document)
    assert "Stage 1 complaints fell by 66.7% to 1 from 3 in the same quarter last year." in written
    intro = next(t for t in written if t.startswith("This report gives"))
    assert (
        "in the South locality (its service areas Early Help, South Safeguarding and Youth "
        in intro
    )
    assert (
        "Each comparison is with the same quarter last year (1 January 2021 to 31 March " in intro
    )
    assert any("received in Q4 2021-22" in t for t in written)
    # No financial-year wording or machine labels for the period in any sentence.
    assert "1 stage 1 complaint was received in Q4 2021-22, a decrease of 66.7% on the same " in (
        " ".join(written)
    )
    for text in written:
        assert "2020-21" not in text, text
        assert "2021-22 Q4" not in text, text
    # A quarter's report has no chart of whole years side by side.
    keys = {getattr(b, "key", None) for s in document.sections for b in s.blocks}
    assert "volumes.by_year" not in keys
    assert "received.by_year" not in keys


def test_a_new_locality_s_quarter_says_what_it_is_compared_with(world):
    """West began in January: a year before it had nothing, which the headlines say rather than
    a % change from zero; the children's sentence says who did what."""
    document = prepare_report(period=Q4, as_of=AS_OF, locality="West").document
    assert document is not None
    written = texts(document)
    # West did not exist a year before: nothing to compare with, not "none".
    assert (
        "5 stage 1 complaints were received in Q4 2021-22, and the West locality began on 1 "
        "January 2022, so there is nothing in the same quarter last year to compare with."
    ) in written
    assert "No stage 3 complaints were received in Q4 2021-22." in written
    assert not any("compared with none in the same quarter last year." in t for t in written[:4])
    began = (
        "the West locality began on 1 January 2022, so there is nothing in the same quarter last "
        "year to compare with"
    )
    assert (
        "No offer of an advocate was recorded on these complaints, and no child was referred to "
        f"our advocacy provider; {began}. An advocate supported 1 of them."
    ) in written
    # The opening says what every comparison is with: here, nothing.
    assert (
        "The West locality began on 1 January 2022, so there is nothing in the same quarter last "
        "year (1 January 2021 to 31 March 2021) to compare with. Complaint numbers alone"
    ) in written[0]
    assert "Each comparison is with" not in written[0]
    # Children, reasons, the Ombudsman, costs and compliments: never "none" (nor £0) for it.
    assert (
        "Stage 1 complaints made by children, young people or care leavers in Q4 2021-22: 1 "
        f"(20.0% of all stage 1 complaints); {began}."
    ) in written
    assert (
        f"The cost of investigating complaints at stages 2 and 3 was £0.00; {began}."
    ) in written
    assert f"Compensation and financial remedies paid was £0.00; {began}." in written
    assert (
        f"1 compliment was recorded in Q4 2021-22; 1 came from outside the organisation; {began}."
    ) in written
    assert not any(
        f"compared with {what} in the same quarter last year" in t
        for t in written
        for what in ("none", "£0.00", "0")
    )
    # Its tables have no column of the quarter before it began, and say why.
    costs = _table(document, "costs")
    assert [c.label for c in costs.columns] == ["Cost", "Q4 2021-22"]
    assert all(len(row) == 2 for row in costs.rows)
    assert costs.footnote == (
        "The West locality began on 1 January 2022, so there is nothing in the same quarter last "
        "year (1 January 2021 to 31 March 2021) to compare with."
    )
    escalation = _table(document, "escalation.rates")
    assert [c.label for c in escalation.columns] == ["Escalation", "Q4 2021-22"]
    assert escalation.footnote == (
        "Stage 2 to stage 3 is measured against statutory stage 2 complaints. "
        f"{began[0].upper()}{began[1:]}."
    )
    # Volumes compares nothing with a quarter West did not exist in.
    assert not any("in either Q4 2021-22 or the same quarter last year" in t for t in written)
    assert any("there were no stage 3 review panels requested." in t for t in written)
    # Years side by side belong to an annual report, not a quarter's.
    keys = {getattr(b, "key", None) for s in document.sections for b in s.blocks}
    assert "volumes.by_year" not in keys
    assert "received.by_year" not in keys
    assert not any("from 2021-22 to 2021-22" in t for t in written)


def _table(document: ReportDocument, key: str):
    """The table with this key (a chart's data table too)."""
    for section in document.sections:
        for block in section.blocks:
            table = getattr(block, "table", None) or block
            if getattr(table, "key", None) == key and hasattr(table, "columns"):
                return table
    raise AssertionError(f"no table {key}")


def test_a_locality_that_existed_a_year_before_is_compared_with_it(world):
    """South was in use throughout: its quarter is compared with the same quarter last year in
    the opening, the headline and the costs and escalation tables, as before."""
    document = prepare_report(period=Q4, as_of=AS_OF, locality="South").document
    assert document is not None
    written = texts(document)
    assert (
        "Each comparison is with the same quarter last year (1 January 2021 to 31 March 2021)."
    ) in written[0]
    assert not any("so there is nothing in" in t for t in written)
    assert (
        "No stage 2 complaints were received in Q4 2021-22 or in the same quarter last year."
    ) in written
    costs = _table(document, "costs")
    assert [c.label for c in costs.columns] == ["Cost", "Q4 2020-21", "Q4 2021-22"]
    assert costs.footnote is None
    escalation = _table(document, "escalation.rates")
    assert [c.label for c in escalation.columns] == [
        "Escalation",
        "the same quarter last year",
        "Q4 2021-22",
    ]
    assert escalation.footnote == (
        "Stage 2 to stage 3 is measured against statutory stage 2 complaints."
    )


def test_the_scope_knows_when_it_began(world):
    """The day a report's locality or service area came into use is read with its scope, not
    by the document's parts: West's first day, and None for a scope in use throughout."""
    assert report_scope(period=Q4, locality="West").began == d("2022-01-01")
    assert report_scope(period=Q4, locality="South").began is None
    assert report_scope(period=Q4).began is None


def test_the_document_reads_the_start_from_its_context(world, django_assert_num_queries):
    """The parts say when the scope began from what the caller gave, without asking the
    database for it."""
    from redress.reporting.document.context import BuildContext
    from redress.reporting.document.parts.common import new_since
    from redress.reporting.document.values import FigureView

    prepared = prepare_report(period=Q4, as_of=AS_OF, locality="West", document=False)
    settings = report_settings()
    ctx = BuildContext(
        view=FigureView(prepared.figures, settings.suppression_threshold),
        authority="Anytown",
        service=None,
        settings=settings,
        locality="West",
        given_areas=prepared.scope.area_ids,
        began=prepared.scope.began,
    )
    with django_assert_num_queries(0):
        assert new_since(ctx) == d("2022-01-01")


def _by_month(document: ReportDocument):
    """The by-month chart (None when drawn as its table only) and its table."""
    for section in document.sections:
        for block in section.blocks:
            if getattr(block, "key", None) == "volumes.by_month":
                return block, block.table
            if getattr(block, "key", None) == "received.stage1.by_month":
                return None, block
    raise AssertionError("no by-month table")


def _grid(table) -> list[list[str]]:
    return [[c.label for c in table.columns]] + [[c.text for c in row] for row in table.rows]


def test_a_quarter_shows_its_own_months_beside_the_same_months_a_year_before(world):
    """South existed throughout: Q4's three months beside Q4 a year before, not twelve rows of
    three financial years (nine of them blank); the chart pairs the months, with no line across
    the months between."""
    document = prepare_report(period=Q4, as_of=AS_OF, locality="South").document
    assert document is not None
    chart, table = _by_month(document)
    assert _grid(table) == [
        ["Month", "Q4 2020-21", "Q4 2021-22"],
        ["January", "0", "0"],
        ["February", "1", "0"],
        ["March", "2", "1"],
    ]
    assert table.footnote is None
    assert chart is not None
    assert chart.spec["layer"][0]["mark"]["type"] == "bar"
    assert chart.description.startswith(
        "Bar chart of stage 1 complaints received each month of Q4 2021-22 (solid) beside the "
        "same month of Q4 2020-21 (outline). The most were received in March 2021 (2)"
    )
    assert "January 2020" not in chart.description  # not two years before


def test_a_new_locality_s_quarter_shows_no_month_before_it_began(world):
    """West began on 1 January 2022: its quarter's months alone, no column of the year before
    (nor "none" in it), and the chart's fewest is a month West existed in."""
    document = prepare_report(period=Q4, as_of=AS_OF, locality="West").document
    assert document is not None
    chart, table = _by_month(document)
    assert _grid(table) == [
        ["Month", "Q4 2021-22"],
        ["January", "1"],
        ["February", "2"],
        ["March", "2"],
    ]
    assert table.footnote == (
        "The West locality began on 1 January 2022: a month before then is not counted, nor "
        "shown as none."
    )
    assert chart is not None
    assert chart.description == (
        "Line chart of stage 1 complaints received each month from January 2022 to March 2022. "
        "The most were received in February 2022 (2) and the fewest in January 2022 (1)."
    )


def test_a_new_locality_s_year_leaves_the_months_before_it_blank(world):
    document = prepare_report(period=YEAR, as_of=AS_OF, locality="West").document
    assert document is not None
    chart, table = _by_month(document)
    grid = _grid(table)
    assert grid[0] == ["Month", "2021-22"]  # no column of years before West began
    assert grid[1] == ["April", "–"]
    assert grid[10:] == [["January", "1"], ["February", "2"], ["March", "2"]]
    assert chart is not None
    assert "from January 2022 to March 2022" in chart.description


def test_a_locality_with_many_service_areas_counts_them_in_the_summary(world):
    east = Locality.objects.get(name="East")
    for n in range(9):
        ServiceAreaFactory(name=f"East team {n}", locality=east)
    document = prepare_report(period=Q4, as_of=AS_OF, locality="East").document
    assert document is not None
    intro = next(t for t in texts(document) if t.startswith("This report gives"))
    assert " in the East locality (its 9 service areas) from 1 January 2022 " in intro


def test_a_month_is_compared_with_the_same_month_a_year_before(world):
    document = prepare_report(period=MARCH, as_of=AS_OF, locality="South").document
    assert document is not None
    assert document.title == "Complaints and compliments monthly report March 2022: South locality"
    written = texts(document)
    assert "Stage 1 complaints fell by 50.0% to 1 from 2 in March 2021." in written
    assert any("received in March 2022" in t for t in written)
    for text in written:
        for label in ("2022-03", "2021-03", "2020-21", "2021-22"):
            assert label not in text, text


def test_other_dates_are_compared_with_the_same_dates_a_year_earlier(world):
    document = prepare_report(period=DATES, as_of=AS_OF, locality="South").document
    assert document is not None
    assert document.title == (
        "Complaints and compliments report 1 March to 20 March 2022: South locality"
    )
    written = texts(document)
    assert (
        "Stage 1 complaints fell by 50.0% to 1 from 2 in the same period a year earlier." in written
    )
    assert any("received in the period 1 March to 20 March 2022" in t for t in written)
    for text in written:
        for label in ("2022-03-01", "2021-03-01"):
            assert label not in text, text


def test_an_annual_report_still_reads_as_one(world):
    document = prepare_report(period=YEAR, as_of=AS_OF).document
    assert document is not None
    assert document.title == "Complaints and compliments annual report 2021-22"
    assert document.period_label == "2021-22"
    assert document.service is None
    written = texts(document)
    assert any(t.startswith("Stage 1 complaints rose by") and t.endswith(".") for t in written)
    assert not any("same quarter" in t or "Each comparison is with" in t for t in written)


# -- the reports page ---------------------------------------------------------------------------


def test_the_page_offers_the_localities_between_the_authority_and_the_services(
    world, officer_client
):
    page = officer_client.get(URL).content.decode()
    assert '<label class="govuk-label govuk-label--m" for="service">' in page
    assert "Whole authority, locality or service area" in page
    whole = page.index('<option value="" selected>The whole authority</option>')
    localities = page.index('<optgroup label="Localities">')
    services = page.index('<optgroup label="Service areas">')
    assert whole < localities < services
    assert '<option value="locality:West">West (from 1 January 2022)</option>' in page
    assert '<option value="locality:South">South</option>' in page
    assert '<option value="Fostering">Fostering</option>' in page
    # No service area was ever in East or North: a report for either is refused whatever the
    # period, so neither is offered, and the hint says why.
    assert 'value="locality:East"' not in page
    assert 'value="locality:North"' not in page
    assert (
        "&#39;East&#39; and &#39;North&#39; are not listed: no service area is in those "
        "localities, so a report for one would count nothing. Complaints that record their "
        "locality are counted by area in the whole authority&#39;s report."
    ) in page


def test_localities_recorded_on_complaints_alone_are_not_offered(world, officer_client):
    """Kingsmoor's shape: its complaints record their locality and no service area is in one.
    The page offers no locality (there is no empty "Localities" group), says why, and an
    address naming one is answered with the reason, as is the command."""
    ServiceArea.objects.update(locality=None)
    page = officer_client.get(URL).content.decode()
    assert "Localities" not in page.split('id="service"')[1].split("</select>")[0]
    assert (
        "&#39;East&#39;, &#39;North&#39;, &#39;South&#39; and &#39;West&#39; are not listed" in page
    )
    response = officer_client.get(URL, query(service="locality:South"))
    error = response.content.decode().split('id="service-error"')[1].split("</p>")[0]
    assert "No service area is in the locality &#39;South&#39;" in error
    with pytest.raises(CommandError, match="No service area is in the locality 'South'"):
        run("--period", "2021-22-Q4", "--locality", "South")
    # Nor does a new edition offer one.
    edition = officer_client.get(reverse("reporting:edition_new")).content.decode()
    assert 'value="locality:' not in edition
    assert (
        "&#39;East&#39;, &#39;North&#39;, &#39;South&#39; and &#39;West&#39; are not listed"
        in edition
    )


def test_the_form_reads_a_locality_a_service_or_the_whole_authority(world):
    def form(choice):
        data = {"period": "quarter:2021-22-Q4", "fmt": "json", "service": choice}
        bound = ReportForm(data, today=AS_OF, internal=True)
        assert bound.is_valid(), bound.errors
        return bound.chosen_locality, bound.chosen_service

    assert form("locality:West") == ("West", None)
    assert form("Fostering") == (None, "Fostering")
    assert form("") == (None, None)


@pytest.mark.parametrize(
    ("choice", "message"),
    [
        ("locality:Nowhere", "Select the whole authority, a locality or a service area from the"),
        (
            "locality:North",
            "The locality &#39;North&#39; was not in use between 1 January 2022 and 31 March 2022",
        ),
        ("locality:East", "No service area is in the locality &#39;East&#39;, so a report for it"),
    ],
)
def test_a_bad_or_stale_locality_is_an_error_on_its_field(world, officer_client, choice, message):
    response = officer_client.get(URL, query(service=choice))
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert '<p id="service-error" class="govuk-error-message">' in page
    assert message in page.split('id="service-error"')[1].split("</p>")[0]
    assert 'href="#service"' in page  # the error summary links to the field


def test_a_locality_preview_says_what_it_covers_and_links_to_its_own_records(world, officer_client):
    page = officer_client.get(URL, query(action="preview", service="locality:West")).content
    html = page.decode()
    assert "Complaints and compliments quarterly report Q4 2021-22: West locality" in html
    assert '<option value="locality:West" selected>' in html
    assert "Select a number to see the records behind it." in html
    assert "A locality's figures do not link to their records" not in html
    # Its numbers link to the locality's records (test_views_drill_localities.py), never to
    # another report's: the whole authority's or a service area's.
    figure = reverse("reporting:figure", args=["received.stage1"])
    assert (
        f"{figure}?from=2022-01-01&amp;to=2022-03-31&amp;as_of=2022-05-31&amp;locality=West" in html
    )
    assert "&amp;service=" not in html


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_downloads_for_a_locality(world, officer_client, fmt):
    response = officer_client.get(URL, query(service="locality:West", fmt=fmt))
    assert response.status_code == 200
    assert response["Content-Type"] == FORMATS[fmt].content_type
    name = f"complaints-report-2021-22-q4-west-locality.{FORMATS[fmt].extension}"
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    title = "Complaints and compliments quarterly report Q4 2021-22: West locality"
    content = response.content
    if fmt == "json":
        assert json.loads(content)["scope"]["name"] == "West"
    elif fmt == "html":
        assert title in content.decode()
    elif fmt == "pdf":
        assert content.startswith(b"%PDF")
        assert len(content) > 10_000
    elif fmt == "docx":
        with zipfile.ZipFile(io.BytesIO(content)) as word:
            assert title in word.read("word/document.xml").decode()
    elif fmt == "xlsx":
        sheet = load_workbook(io.BytesIO(content)).worksheets[0]
        cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
        assert title in cells
        assert "West locality" in cells
        assert "Q4 2021-22: 1 January 2022 to 31 March 2022" in cells


# -- who may read them --------------------------------------------------------------------------


@pytest.mark.parametrize("client_name", ["executive_client", "responding_manager_client"])
def test_readers_outside_the_team_get_a_locality_s_publication_version(request, world, client_name):
    """No role is limited to some areas: whoever may read reports may choose any locality, as
    any service area, and those outside the team still only ever get the publication version."""
    client = request.getfixturevalue(client_name)
    response = client.get(URL, query(service="locality:West", version="internal"))
    assert response["Content-Disposition"].endswith('-west-locality-published.json"')
    data = json.loads(response.content)
    assert data["figures"]["received.stage1"] == 5
    assert data["tables"]["received.by_service"][0]["suppressed"] is True


def test_investigating_officers_still_have_no_reports(world, investigator_client):
    response = investigator_client.get(URL, query(service="locality:West"))
    assert response.status_code == 403


# -- redress report -----------------------------------------------------------------------------


def run(*args):
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


def test_the_command_makes_a_locality_s_quarter_and_month(world):
    quarter = json.loads(run("--period", "2021-22-Q4", "--locality", "west"))
    assert quarter["period"]["label"] == "2021-22 Q4"
    assert quarter["scope"]["kind"] == "locality"
    assert quarter["figures"]["received.stage1"] == 5
    month = json.loads(run("--period", "2022-03", "--locality", "South"))
    assert month["figures"]["received.stage1"] == 1
    assert month["figures"]["received.stage1.previous"] == 2


def test_the_command_writes_a_locality_s_file(world, tmp_path):
    printed = run(
        "--period", "2021-22-Q4", "--locality", "West", "--format", "html", "-o", str(tmp_path)
    )
    path = tmp_path / "complaints-report-2021-22-q4-west-locality.html"
    assert printed.strip() == str(path)
    assert "quarterly report Q4 2021-22: West locality" in path.read_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--locality", "Soth"],
            "There is no locality called 'Soth'. Did you mean 'South' or 'North'?",
        ),
        (["--locality", "North"], "The locality 'North' was not in use between"),
        (["--locality", "South", "--service", "Fostering"], "Give --locality or --service, not"),
        (["--locality", " "], "--locality is empty"),
    ],
)
def test_the_command_explains_a_locality_it_cannot_use(world, args, message):
    with pytest.raises(CommandError) as raised:
        run("--period", "2021-22-Q4", *args)
    assert message in str(raised.value)
