"""The report document for the demo year: the foundation's workbook (the Birmingham Children's
Trust report 2021-22, for the fictional Kingsmoor Children's Trust) imported and read at 31 May
2022. The headlines and tables say what the published report says, corrected where it
contradicts itself (see test_published_birmingham and redress/demo/generator/shape.py)."""

import io
import re

import pypdf
import pytest

from redress.reporting.document.build import build_document
from redress.reporting.figures import FigureSet, ReportSettings, compute_figures
from redress.reporting.periods import financial_year
from redress.reporting.publish import publish_figures
from redress.reporting.render import html, pdf

from .builders.published import birmingham_facts
from .test_document_build import paragraphs, table, texts

SETTINGS = ReportSettings()


_FIGURES: dict[str, FigureSet] = {}


@pytest.fixture
def facts(db):
    # Generated and imported once per test process (builders.published), on whichever test
    # asks first, inside its transaction: the shipped procedures are there whatever ran before.
    return birmingham_facts()


@pytest.fixture
def figures(facts):
    if "2021-22" not in _FIGURES:
        _FIGURES["2021-22"] = compute_figures(
            facts=facts, period=financial_year("2021-22"), settings=SETTINGS
        )
    return _FIGURES["2021-22"]


def build(figures, facts):
    return build_document(
        figures=figures,
        authority="Kingsmoor Children's Trust",
        service=None,
        narratives={},
        settings=SETTINGS,
        facts=facts,
    )


@pytest.fixture
def document(figures, facts):
    return build(figures, facts)


def test_the_headlines_of_the_published_report(document):
    assert [p.plain for p in document.summary] == [
        "Stage 1 complaints rose by 16.8% to 362.",
        "Stage 2 complaints rose by 6.4% to 50.",
        "Stage 3 complaints rose by 40.0% to 14.",
        # The report rounds 34.5% to "35%", and prints 56% and 71%.
        "34.5% of stage 1 complaints were upheld or partially upheld; the figure was 56.0% at "
        "stage 2 and 71.4% at stage 3.",
        # Over the responses issued in the year, as the report counts them: "142 of 265" is 142
        # of 266, 53.4%; against 2020-21's 63.7% and 27.44 working days (section 3).
        "53.4% of the 266 stage 1 responses issued in 2021-22 were within 20 working days, "
        "against 63.7% in 2020-21: fewer in time, which is worse. The average response took "
        "28.81 working days, against 27.44 in 2020-21: slower, which is worse.",
        "44.1% of the reasons given for stage 1 complaints were about Service Quality and 34.7% "
        "about Service Failure / Refusal.",
        # The report's "5.99%" is a slip: 22 of 362 is 6.1%.
        "22 stage 1 complaints (6.1%) were made by children, young people or care leavers.",
        "23 complainants contacted the Local Government and Social Care Ombudsman; 4 were "
        "referred back as premature, and the Ombudsman found fault in 3 of the 5 complaints it "
        "investigated and decided.",
        # The report says "51.7% lower": £13,699.48 to £7,089.00 is 48.3% lower.
        "Compensation paid fell by 48.3% to £7,089.00 while the cost of investigating complaints "
        "rose by 73.2% to £143,177.96.",
        "30 learning actions were raised from complaints; 22 were completed by 31 May 2022.",
        "Compliments recorded fell by 38.1% to 52.",
    ]


def test_the_procedure_describes_both_procedures_and_mediation(document):
    """Kingsmoor records complaints under the statutory and the local procedure, and mediation,
    so its procedure section describes all three (the second demo authority's does not:
    redress/demo/tests/test_sandwell_published.py)."""
    said = paragraphs(document, "procedure")
    names = [p.split(". ")[0] for p in said]
    assert names.index("Statutory children's procedure") < names.index("Local complaints procedure")
    assert "Stage 2 – Review: a response within 25 working days." in said
    assert any(p.startswith("Mediation: where a complainant is unhappy") for p in said)


def test_the_services_receiving_most_complaints(document):
    services = paragraphs(document, "services")
    # Ties are stated as ties, and the list of five never cuts through one.
    assert (
        "The services receiving most stage 1 complaints were: North West Central Child in Care "
        "(44); Disabled Children's Social Care (37); South Safeguarding (34); and East ASTI and "
        "South Child in Care (28 each)." in services
    )
    assert (
        "The services receiving most stage 2 complaints were: Disabled Children's Social Care "
        "(10); South Safeguarding (7); South ASTI (4); and East Child in Care and East "
        "Safeguarding (3 each)." in services
    )
    # Six services had one stage 3 request each: counted, not two of them picked.
    assert (
        "The services receiving most stage 3 requests were: East Child in Care and South "
        "Safeguarding (3 each); and Disabled Children's Social Care (2). Six other services "
        "received one each." in services
    )


def test_the_reasons_given_most_often_read_as_words(document):
    """The published report writes "There were 86 complaints regarding the failure to take
    action. A further 80 complaints concerned the appropriateness of action taken." """
    reasons = paragraphs(document, "reasons")
    start = reasons.index("The reasons given most often were:") + 1
    assert reasons[start : start + 8] == [
        "86 about a service failure or refusal to take action",
        "80 about inappropriate action taken",
        "69 about a service failure or refusal to provide a service or support",
        "66 about a service failure or refusal to provide advice or information",
        "63 about inadequate service or support",
        "48 about inaccurate information recorded",
        "46 about inappropriate conduct",
        "41 about disagreement with decision",
    ]
    assert reasons[start + 8] == "Appendix B gives every reason by category and sub-category."


def test_rates_and_appendix_a(document):
    # Section 3's ratios, three years (2020-21 to assessments is 2.42%, not the printed 2.41%).
    assert texts(table(document, "rates.three_years"))[1:4:2] == [
        ["Stage 1 complaints as a % of referrals", "2.72%", "2.03%", "2.32%"],
        ["Stage 1 complaints as a % of family assessments", "3.03%", "2.42%", "3.12%"],
    ]
    bands = table(document, "responses.stage1.bands_by_area")
    assert [c.text for c in bands.total] == [
        "All areas",
        "63",
        "23.7%",
        "79",
        "29.7%",
        "124",
        "46.6%",
    ]
    # Appendix A prints Citywide 21.4%, 35.9%, 42.7%: within 0.1 point (shape.py, reading 5).
    assert texts(bands)[0] == ["Citywide", "19", "21.3%", "32", "36.0%", "38", "42.7%"]


def test_the_outcomes_table(document):
    outcomes = texts(table(document, "outcomes"))
    assert outcomes[0] == ["Upheld", "48", "13.3%", "1", "2.0%", "0", "0.0%"]
    assert outcomes[1] == ["Partially upheld", "77", "21.3%", "27", "54.0%", "10", "71.4%"]
    assert outcomes[-1] == ["Response outstanding", "3", "0.8%", "5", "10.0%", "0", "0.0%"]


def test_the_published_version(figures, facts):
    document = build(publish_figures(figures, threshold=5), facts)
    assert "No service received 5 or more stage 3 requests." in paragraphs(document, "services")
    withheld = {(s.table_key, s.row_label, s.column_label) for s in document.suppressions}
    assert ("received.by_service", "Participation & Engagement", "Stage 1") in withheld
    assert ("received.by_service", "North West Central Child in Care", "Stage 1") not in withheld
    # The annex: one line per table withheld from, under its section's heading.
    annex = table(document, "suppressions")
    assert annex.row_kinds.count("row") == len({s.table_key for s in document.suppressions})


def test_the_full_report_renders_as_html_and_pdf(document, figures):
    page = html.render(document, figures).decode()
    assert page.count("<table") > 30
    assert page.count('role="img"') == 11  # every chart
    # The list of every figure is on screen; print says where it is instead.
    assert 'data-table="figures"' in page
    assert "is in the web version of this report" not in page
    reader = pypdf.PdfReader(io.BytesIO(pdf.render(document, figures)))
    # 25 pages: printed tables are sized to what their columns hold (ADR 0033).
    assert len(reader.pages) > 20
    contents = reader.pages[1].extract_text()
    assert re.search(r"Appendix E: the figures and their definitions \.+ ?\d+", contents)
    last = reader.pages[-1].extract_text() + reader.pages[-2].extract_text()
    assert "is in the web version of this report" in " ".join(last.split())
    assert "received.stage1" not in last
