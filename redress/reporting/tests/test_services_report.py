"""generate_report: the figures for a period, one service or the whole authority, internal or
published, in a format, with the file name that says which."""

import datetime
import json

import pytest

from redress.reporting import services
from redress.reporting.periods import financial_year, make_period
from redress.reporting.selectors import ReportError, UnknownServiceError
from redress.reporting.tests.casebook import AS_OF, build_casebook
from redress.reporting.tests.factories import ReportEditionFactory

pytestmark = pytest.mark.django_db
YEAR = financial_year("2021-22")


@pytest.fixture
def casebook(db):
    return build_casebook()


def figures_json(**kwargs):
    output = services.generate_report(period=YEAR, as_of=AS_OF, fmt="json", **kwargs)
    return output, json.loads(output.content)


def test_the_json_report_of_the_whole_authority(casebook):
    output, data = figures_json()
    assert output.content_type == "application/json"
    assert output.filename == "complaints-report-2021-22.json"
    assert data["schema"] == "redress.figures/1"
    assert data["period"] == {"label": "2021-22", "start": "2021-04-01", "end": "2022-03-31"}
    assert data["as_of"] == "2022-05-31"
    assert data["figures"]["received.stage1"] == 6
    assert data["figures"]["received.stage1.previous"] == 1
    assert data["figures"]["received.stage2"] == 1
    assert data["figures"]["compensation.stage1"] == 250.0
    assert data["tables"]["received.by_service"] == [
        {"service": "South Safeguarding", "stage1": 3, "stage2": 1, "stage3": 0},
        {"service": "Fostering", "stage1": 3, "stage2": 0, "stage3": 0},
    ]


def test_a_service_report_covers_every_version_of_the_service(casebook):
    # Fostering was restructured on 1 January 2022: 0003 is on the old service area, 0004 and
    # 0005 on the new one. The name is matched whatever its case.
    output, data = figures_json(service="fostering")
    assert output.filename == "complaints-report-2021-22-fostering.json"
    assert data["figures"]["received.stage1"] == 3
    assert data["figures"]["received.stage2"] == 0
    assert data["tables"]["received.by_service"] == [
        {"service": "Fostering", "stage1": 3, "stage2": 0, "stage3": 0}
    ]


def test_an_unknown_service_names_the_near_matches(casebook):
    with pytest.raises(UnknownServiceError) as refused:
        services.generate_report(period=YEAR, as_of=AS_OF, service="South Safeguard")
    assert str(refused.value) == (
        "There is no service area called 'South Safeguard'. Did you mean 'South Safeguarding'?"
    )


def test_an_unknown_service_with_nothing_near_lists_the_services(casebook):
    with pytest.raises(UnknownServiceError) as refused:
        services.generate_report(period=YEAR, as_of=AS_OF, service="Adoption")
    assert str(refused.value) == (
        "There is no service area called 'Adoption'. Service areas: Fostering, South Safeguarding."
    )


def test_an_unknown_format_is_refused():
    with pytest.raises(ReportError, match=r"There is no 'odt' format\. Formats: json, html, pdf"):
        services.generate_report(period=YEAR, as_of=AS_OF, fmt="odt")


def test_the_published_json_withholds_small_counts(casebook, settings):
    output, data = figures_json(publish=True)
    assert output.filename == "complaints-report-2021-22-published.json"
    south, fostering = data["tables"]["received.by_service"]
    # 3 and 1 are fewer than the default threshold of 5; the rows say they were withheld.
    assert south == {
        "service": "South Safeguarding",
        "stage1": None,
        "stage2": None,
        "stage3": 0,
        "suppressed": True,
    }
    assert fostering["stage1"] is None
    # Scalars are not cut by service, area or theme, so they stay.
    assert data["figures"]["received.stage1"] == 6


def test_the_suppression_threshold_is_the_configured_one(casebook, manager):
    from redress.core import config

    config.set_value("suppression_threshold", "3", by=manager)
    _, data = figures_json(publish=True)
    south, fostering = data["tables"]["received.by_service"]
    assert (south["stage1"], south["stage2"]) == (3, None)
    assert fostering["stage1"] == 3


def test_the_as_of_date_leaves_out_what_came_later(casebook):
    output = services.generate_report(period=YEAR, as_of=datetime.date(2022, 3, 5), fmt="json")
    data = json.loads(output.content)
    # 0006 was received on 14 March 2022; 0005 was answered on 10 March, so is outstanding.
    assert data["figures"]["received.stage1"] == 5
    assert data["figures"]["outcome.stage1.outstanding"] == 2


def test_quarter_and_month_reports_are_named_after_their_period(casebook):
    quarter = make_period(datetime.date(2021, 7, 1), datetime.date(2021, 9, 30))
    output = services.generate_report(period=quarter, as_of=AS_OF, service="South Safeguarding")
    assert output.filename == "complaints-report-2021-22-q2-south-safeguarding.json"
    assert json.loads(output.content)["figures"]["received.stage1"] == 1
    month = make_period(datetime.date(2022, 3, 1), datetime.date(2022, 3, 31))
    assert services.report_filename(period=month, service=None, published=True, fmt="pdf") == (
        "complaints-report-2022-03-published.pdf"
    )
    days = make_period(datetime.date(2021, 4, 6), datetime.date(2021, 5, 9))
    assert services.report_filename(
        period=days, service="Fostering", published=False, fmt="docx"
    ) == ("complaints-report-2021-04-06-to-2021-05-09-fostering.docx")


def test_an_edition_must_be_for_the_report_asked_for(casebook):
    edition = ReportEditionFactory(service_area_name="Fostering")
    other_year = financial_year("2020-21")
    with pytest.raises(ReportError, match="covers 2021-22, not 2020-21"):
        services.generate_report(
            period=other_year, as_of=AS_OF, service="Fostering", edition=edition
        )
    with pytest.raises(ReportError, match="is for Fostering, not the whole authority"):
        services.generate_report(period=YEAR, as_of=AS_OF, edition=edition)


def test_a_report_without_names_must_be_the_publication_version(casebook):
    with pytest.raises(ReportError, match="publish it"):
        services.prepare_report(period=YEAR, as_of=AS_OF, names=False, document=False)


def test_every_document_format_is_rendered_with_the_editions_narrative(casebook, officer):
    edition = services.edition_create(period=YEAR, service=None, by=officer)
    services.narrative_save(
        edition=edition, section="compliments", text="Families thanked us often.", by=officer
    )
    html = services.generate_report(period=YEAR, as_of=AS_OF, fmt="html", edition=edition)
    assert html.filename == "complaints-report-2021-22.html"
    assert "<p>Families thanked us often.</p>" in html.content.decode()
    xlsx = services.generate_report(period=YEAR, as_of=AS_OF, fmt="xlsx", publish=True)
    assert xlsx.filename == "complaints-report-2021-22-published.xlsx"
    assert xlsx.content.startswith(b"PK")


def walk_text(document):
    """Every piece of text in a report document."""
    from dataclasses import fields, is_dataclass

    def walk(value):
        if isinstance(value, str):
            yield value
        elif is_dataclass(value):
            for f in fields(value):
                yield from walk(getattr(value, f.name))
        elif isinstance(value, (list, tuple)):
            for item in value:
                yield from walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                yield from walk(item)

    return "\n".join(walk(document))


def test_a_report_without_names_has_none_even_with_consent(casebook, officer):
    edition = services.edition_create(period=YEAR, service=None, by=officer)
    services.narrative_save(
        edition=edition, section="compliments", text="Joel Davison was thanked.", by=officer
    )
    published = services.prepare_report(period=YEAR, as_of=AS_OF, publish=True, edition=edition)
    text = walk_text(published.document)
    assert "Joel Davison" in text  # he agreed to be named
    assert "Ellen" not in text  # she did not
    nameless = services.prepare_report(
        period=YEAR, as_of=AS_OF, publish=True, edition=edition, names=False
    )
    text = walk_text(nameless.document)
    assert "Joel" not in text
    assert "Davison" not in text
    assert "[name] was thanked." in text
