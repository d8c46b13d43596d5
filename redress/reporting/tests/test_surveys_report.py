"""The satisfaction survey from the database to the report: extraction reads the surveys as
recorded by `as_of` without their comments, and the annual report's "What complainants told
us" shows the figures by stage and by service in every format, withholding small counts in the
publication version. (The figures themselves: test_figures_surveys.)"""

import datetime
import json

import pytest
from django.urls import reverse

from redress.complaints.tests.factories import ComplaintFactory
from redress.organisations.tests.factories import ServiceAreaFactory
from redress.reporting.facts import extract_facts, schema
from redress.reporting.periods import financial_year
from redress.reporting.selectors import report_facts
from redress.reporting.services import generate_report, prepare_report
from redress.surveys.tests.factories import SurveyFactory

pytestmark = pytest.mark.django_db

AS_OF = datetime.date(2022, 5, 31)
YEAR = financial_year("2021-22")
COMMENT = "Lily's social worker never rang back"


def at(day: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(f"{day}T12:00:00+00:00")


@pytest.fixture
def surveys():
    fostering = ServiceAreaFactory(name="Fostering")
    answers = {"listened": "yes", "outcome_understood": "partly"} | {
        "kept_informed": "no",
        "complain_again": "yes",
    }
    for n, stage in enumerate((1, 1, 2), start=1):
        SurveyFactory(
            complaint=ComplaintFactory(reference=f"KCT-2021-000{n}", service_area=fostering),
            stage_number=stage,
            sent_on=datetime.date(2021, 6, n),
            answered_at=at(f"2021-06-1{n}"),
            comment=COMMENT,
            **answers,
        )
    # Answered after as_of: not yet answered in this report.
    SurveyFactory(
        complaint=ComplaintFactory(reference="KCT-2021-0004", service_area=fostering),
        sent_on=datetime.date(2022, 3, 1),
        answered_at=at("2022-06-02"),
        **answers,
    )
    # Sent after as_of: not there at all.
    SurveyFactory(
        complaint=ComplaintFactory(reference="KCT-2022-0005", service_area=fostering),
        sent_on=datetime.date(2022, 6, 1),
    )


def test_extraction_reads_surveys_as_recorded_by_as_of_and_never_their_comment(surveys, calendar):
    frame = extract_facts(as_of=AS_OF, calendar=calendar).surveys
    assert frame.schema == schema.SURVEY
    assert "comment" not in frame.columns
    # A report's facts leave out the references (the drill-down reads those it lists).
    narrowed = report_facts(as_of=AS_OF).surveys
    assert narrowed.equals(frame.drop("reference"))
    rows = {r["reference"]: r for r in frame.iter_rows(named=True)}
    assert sorted(rows) == ["KCT-2021-0001", "KCT-2021-0002", "KCT-2021-0003", "KCT-2021-0004"]
    assert rows["KCT-2021-0003"]["stage"] == 2
    assert rows["KCT-2021-0003"]["service"] == "Fostering"
    assert rows["KCT-2021-0001"]["answered"] == datetime.date(2021, 6, 11)
    assert rows["KCT-2021-0001"]["kept_informed"] == "no"
    assert rows["KCT-2021-0004"]["answered"] is None
    assert rows["KCT-2021-0004"]["listened"] is None


def _section(document):
    return document.section("what_complainants_told_us")


def test_the_annual_report_says_what_complainants_told_us(surveys):
    prepared = prepare_report(period=YEAR, as_of=AS_OF)
    section = _section(prepared.document)
    assert section.title == "What complainants told us"
    text = " ".join(getattr(b, "plain", "") for b in section.blocks)
    assert "we sent 4 surveys, and 3 (75.0%) were answered." in text
    tables = {b.key: b for b in section.blocks if hasattr(b, "rows")}
    assert list(tables) == [
        "survey.answers",
        "survey.answers.by_stage",
        "survey.answers.by_service",
    ]
    first = [c.text for c in tables["survey.answers"].rows[0]]
    assert first == ["Did we listen to you?", "3", "0", "0"]
    by_stage = [[c.text for c in row] for row in tables["survey.answers.by_stage"].rows]
    assert by_stage[2] == [
        "Stage 1",
        "Were you kept informed while we looked into it?",
        "0",
        "0",
        "2",
    ]
    assert by_stage[4] == ["Stage 2", "Did we listen to you?", "1", "0", "0"]
    by_service = [[c.text for c in row] for row in tables["survey.answers.by_service"].rows]
    assert by_service[1] == [
        "Fostering",
        "Did you understand the outcome of your complaint?",
        "0",
        "3",
        "0",
    ]


def test_the_publication_version_withholds_small_counts(surveys):
    prepared = prepare_report(period=YEAR, as_of=AS_OF, publish=True)
    tables = {b.key: b for b in _section(prepared.document).blocks if hasattr(b, "rows")}
    assert [c.text for c in tables["survey.answers.by_stage"].rows[4]][2:] == [
        "fewer than 5",
        "0",
        "0",
    ]


@pytest.mark.parametrize("fmt", ["json", "html", "xlsx"])
def test_no_comment_reaches_any_format(surveys, fmt):
    for publish in (False, True):
        output = generate_report(period=YEAR, as_of=AS_OF, fmt=fmt, publish=publish)
        content = output.content if isinstance(output.content, bytes) else output.content.encode()
        assert b"never rang back" not in content
        assert b"Lily" not in content
    if fmt == "json":
        report = json.loads(generate_report(period=YEAR, as_of=AS_OF, fmt="json").content)
        assert report["figures"]["survey.sent"] == 4
        assert report["figures"]["survey.responses.pct"] == 75.0
        assert report["tables"]["survey.answers"][0] == {
            "question": "listened",
            "yes": 3,
            "partly": 0,
            "no": 0,
        }


def test_the_records_behind_a_row_are_the_surveys_with_their_answers(surveys, officer_client):
    query = "from=2021-04-01&to=2022-03-31&as_of=2022-05-31"
    url = reverse("reporting:table", args=["survey.answers.by_stage", 2])
    page = officer_client.get(f"{url}?{query}")
    assert page.status_code == 200
    html = page.content.decode()
    assert "KCT-2021-0001" in html
    assert "KCT-2021-0002" in html
    assert "KCT-2021-0003" not in html  # stage 2
    assert "never rang back" not in html
    figure = officer_client.get(f"{reverse('reporting:figure', args=['survey.sent'])}?{query}")
    assert figure.status_code == 200
    assert "KCT-2021-0004" in figure.content.decode()
