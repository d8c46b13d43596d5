"""The published report: small counts shown as "fewer than 5", quotes and examples only from
excerpts a complaints manager approved (with names removed unless the person agreed), and the
annex listing every figure withheld."""

import dataclasses
import datetime
import re

import pytest

from redress.complaints.models import Complaint, LearningAction
from redress.feedback.models import Compliment
from redress.people.tests.factories import PersonFactory
from redress.reporting.document.build import build_document
from redress.reporting.document.labels import TABLE_CAPTIONS, TABLE_SECTIONS
from redress.reporting.document.model import Value
from redress.reporting.document.parts.appendices import row_label
from redress.reporting.document.sections import SECTION_SPECS
from redress.reporting.excerpts.services import excerpt_save
from redress.reporting.figures import SCALARS, TABLES
from redress.reporting.presenters import figure_heading
from redress.reporting.publish import publish_figures

from .document_fixtures import (
    ACTION,
    AS_OF,
    CHILD_SUMMARY,
    SETTINGS,
    _complaint,
    make_small_year,
)
from .test_document_build import paragraphs, table, texts


@pytest.fixture
def year(db):
    return make_small_year()


def build_published(year):
    return build_document(
        figures=publish_figures(year.figures, threshold=5),
        authority="Testshire Council",
        service=None,
        narratives={},
        settings=SETTINGS,
        facts=year.facts,
    )


@pytest.fixture
def published(year):
    return build_published(year)


@pytest.fixture
def with_excerpts(year, manager):
    """The published report once a manager approved an excerpt of each record it quotes,
    each with the names the record has in it."""
    approved = {
        Compliment.objects.get(staff_member="Sam Taylor"): "Sam was brilliant with us.",
        Compliment.objects.get(staff_member="Joel Davison"): "Joel went above and beyond.",
        Complaint.objects.get(summary=CHILD_SUMMARY): "Jamie Smith says no one calls back.",
        LearningAction.objects.get(description=ACTION): "Remind Jamie Smith's social worker.",
    }
    for record, text in approved.items():
        excerpt_save(record=record, text=text, approve=True, by=manager)
    return build_published(year)


def test_small_counts_read_fewer_than_five(published):
    by_service = table(published, "received.by_service")
    # 0 is published; 1 to 4 are not.
    assert texts(by_service) == [
        ["South Safeguarding", "fewer than 5", "fewer than 5", "0"],
        ["Adoption", "fewer than 5", "0", "0"],
    ]
    withheld = by_service.rows[0][1]
    assert (withheld.suppressed, withheld.value, withheld.drill) == (True, None, None)
    assert published.suppression_threshold == 5


def test_sentences_never_show_a_withheld_count(published):
    services = paragraphs(published, "services")
    assert "No service received 5 or more stage 1 complaints." in services
    assert not any("(fewer than 5)" in p or "(2)" in p for p in services)


def test_the_annex_lists_every_withheld_figure(published):
    # Counts that identify no child or family are published however small.
    withheld_tables = {s.table_key for s in published.suppressions}
    assert not withheld_tables & {"actions.by_theme", "compliments.by_service"}
    compliments = texts(table(published, "compliments.by_service"))
    assert compliments
    assert not any("fewer than" in cell for row in compliments for cell in row)
    by_service = [s for s in published.suppressions if s.table_key == "received.by_service"]
    assert [(s.row_label, s.column_label) for s in by_service] == [
        ("South Safeguarding", "Stage 1"),
        ("South Safeguarding", "Stage 2"),
        ("Adoption", "Stage 1"),
    ]
    # The annex: one line per table, in words, under the section that shows it.
    annex = table(published, "suppressions")
    rows = list(zip(annex.row_kinds, texts(annex), strict=True))
    assert rows[0] == ("group", ["Services and areas", "", ""])
    assert (
        "row",
        [
            "Complaints received by service and stage",
            "Counts (Stage 1, Stage 2) for 2 services: South Safeguarding and Adoption",
            "3",
        ],
    ) in rows
    assert sum(kind == "row" for kind, _ in rows) == len(withheld_tables)
    assert [cell.text for cell in annex.total or ()] == [
        "All tables",
        "",
        str(len(published.suppressions)),
    ]
    assert not any("_" in cell for _, row in rows for cell in row)
    assert paragraphs(published, "annex_suppressions")[0] == (
        "In this published report, a count from 1 to 4 in a table cut by service, area or theme "
        "is shown as “fewer than 5”: withheld because it is fewer than 5 and could identify a "
        "child. A percentage that would reveal such a count is withheld with it. Totals are as "
        "counted, from every record."
    )


def test_the_annex_names_withheld_rows_in_the_report_s_words_never_by_code(year):
    """A report for one locality or service withholds small counts from tables of codes too
    (who complained, how, outcomes, mediation, months, bands): the annex and the list of
    withheld cells name their rows as the report does."""
    tables = dict(year.figures.tables)
    # Mediation's outcomes are its own, not a complaint's; people who made 2 or 4+ complaints.
    tables["mediation.outcomes"] = [
        {"outcome": outcome, "count": count}
        for outcome, count in (("resolved", 0), ("escalated", 2), ("pending", 1))
    ]
    tables["repeat_complainants.distribution"] = [
        {"complaints": complaints, "people": people}
        for complaints, people in (("2", 3), ("3", 0), ("4+", 1))
    ]
    figures = publish_figures(
        dataclasses.replace(year.figures, tables=tables), threshold=5, scoped=True
    )
    document = build_document(
        figures=figures,
        authority="Testshire Council",
        service=None,
        narratives={},
        settings=SETTINGS,
        facts=year.facts,
    )
    suppressions = table(document, "suppressions")
    annex = {
        text[0]: text[1]
        for kind, text in zip(suppressions.row_kinds, texts(suppressions), strict=True)
        if kind == "row"
    }
    assert annex["Who made stage 1 complaints"] == (
        "Counts (Number, Percentage, Previous year, Percentage, previous year) for 2 kinds of "
        "complainant: Parent and Child or young person"
    )
    assert annex["Outcomes of mediation"] == (
        "Counts for 2 outcomes: Escalated to the next stage and Pending"
    )
    assert annex["Outcomes of complaints by stage"] == (
        "Counts (Number, Percentage) at stages 1 and 2, for 4 outcomes, among them Upheld, "
        "Partially upheld and Not upheld"
    )
    assert (
        annex["Repeat complainants"]
        == "Counts (People) for those who made 2 and 4+ stage 1 complaints"
    )
    assert annex["Stage 1 complaints received each month"] == (
        "Counts for 6 months, among them June 2020, September 2020 and June 2021"
    )
    assert annex["Stage 1 responsiveness by area"] == (
        "Counts (Number, Percentage) for 2 areas: Citywide and All areas, for 2 bands: "
        "0-10 working days and 21+ working days"
    )
    words = " ".join(annex.values())
    codes = ("parent", "child_young_person", "escalated", "pending", "TOTAL", "2021-06")
    assert [code for code in codes if re.search(rf"\b{code}\b", words)] == []
    # Each withheld cell by its row, in the same words.
    cells = {(s.table_key, s.row_label, s.column_label) for s in document.suppressions}
    assert {
        ("complainant.stage1", "Parent", "Number"),
        ("complainant.stage1", "Child or young person", "Number"),
        ("mediation.outcomes", "Escalated to the next stage", "Number"),
        ("mediation.outcomes", "Pending", "Number"),
        # As printed: the stages run across the page, a number of complaints stands bare.
        ("outcomes", "Partially upheld", "Stage 2"),
        ("repeat_complainants.distribution", "2", "People"),
        ("received.stage1.by_month", "June 2021", "Number"),
        ("responses.stage1.bands_by_area", "All areas: 0-10 working days", "Number"),
    } <= cells
    assert not any(re.search(r"\b(parent|escalated|TOTAL)\b", label) for _, label, _ in cells)


@pytest.mark.parametrize(
    ("table_id", "row", "words"),
    [
        (
            "received.by_service",
            {"service": "South Safeguarding", "stage1": None},
            "South Safeguarding",
        ),
        (
            "outcomes",
            {"stage": 1, "outcome": "partially_upheld", "count": None},
            "Partially upheld",
        ),
        ("mediation.outcomes", {"outcome": "resolved", "count": None}, "Resolved"),
        ("repeat_complainants.distribution", {"complaints": "4+", "people": None}, "4+"),
        ("complainant.stage1", {"complainant_type": "parent", "pct": None}, "Parent"),
        ("method.stage1", {"method": "advocate", "count": None}, "Through an advocate"),
        (
            "lgo.decisions",
            {"decision": "premature", "count": None},
            "Premature: referred back to the authority",
        ),
        (
            "timeliness.stage1.bands_by_area",
            {"area": "TOTAL", "band": "0-10", "count": None, "pct": None},
            "All areas: 0-10 working days",
        ),
        (
            "received.by_service.parts",
            {
                "part": 1,
                "from": datetime.date(2021, 4, 1),
                "to": datetime.date(2021, 12, 31),
                "service": "Fostering",
                "stage1": None,
            },
            "April to December 2021: Fostering",
        ),
        ("received.by_year", {"stage1": None}, "–"),
    ],
)
def test_a_withheld_cell_s_row_is_named_in_the_report_s_words(table_id, row, words):
    assert row_label(table_id, row) == words


@pytest.fixture
def scoped(year):
    """The small year published as a report for one locality or service, itself a cut by area
    or service: small counts are withheld from its text and from its tables of years too."""
    return build_document(
        figures=publish_figures(year.figures, threshold=5, scoped=True),
        authority="Testshire Council",
        service=None,
        narratives={},
        settings=SETTINGS,
        facts=year.facts,
    )


def annex_lines(document) -> dict[tuple[str, str], str]:
    """The annex's lines by their section and table: what was withheld, in words."""
    annex = table(document, "suppressions")
    lines, section = {}, ""
    for kind, row in zip(annex.row_kinds, texts(annex), strict=True):
        if kind == "group":
            section = row[0]
        else:
            lines[(section, row[0])] = row[1]
    return lines


# A figure's code or id, or its definition's placeholders, where the report's words belong.
CODES = re.compile(r"_|`|÷|\bstage\d|\bas_of\b|\bnumber of\b|\bthe period\b|\b[a-z]+\.[a-z]")


def test_the_figures_withheld_from_the_text_are_named_in_the_report_s_words(scoped):
    """A report for one locality or service withholds small counts from its text: the annex
    names them as their drill-down pages are headed, the period as the report names it, never
    by a code ("with outcome partially_upheld", "number of stage1 records")."""
    annex = annex_lines(scoped)
    assert annex[("Outcomes", "Figures in the text")] == (
        "5 counts of complaints or people, among them “Stage 1 records received in 2021-22 with "
        "outcome not upheld”, “Stage 1 records received in 2021-22 with outcome partially "
        "upheld” and “Stage 1 records received in 2021-22 with outcome upheld”; and 21 figures "
        "worked from them (percentages, averages and changes)"
    )
    assert annex[("How quickly we respond", "Figures in the text")].startswith(
        "15 counts of complaints or people, among them “Stage 1 records in the responses issued "
        "in 2021-22”, “Stage 1 records in time against their applicable deadline, of the "
        "responses issued in 2021-22” and "
    )
    in_the_text = [words for (_, t), words in annex.items() if t == "Figures in the text"]
    assert len(in_the_text) == 5
    assert [words for words in in_the_text if CODES.search(words)] == []
    # The list of withheld cells names each figure the same way; a percentage by its count.
    scalars = {
        s.table_key: s.row_label
        for s in scoped.suppressions
        if s.table_caption == "Figures in the text"
    }
    assert {
        "outcome.stage1.partially_upheld": (
            "Stage 1 records received in 2021-22 with outcome partially upheld"
        ),
        "received.stage1.previous": "Stage 1 records received in 2020-21",
        "received.stage1.change_pct": (
            "The change from 2020-21 in stage 1 records received in 2021-22"
        ),
        "timeliness.stage1.cohort": "Stage 1 records in the timeliness cohort",
        "responses.stage1.average_working_days": (
            "Mean working days taken over the stage 1 responses issued in 2021-22"
        ),
        "outcome.stage1.upheld.pct": (
            "A percentage worked from stage 1 records received in 2021-22 with outcome upheld"
        ),
    }.items() <= scalars.items()
    assert [words for words in scalars.values() if CODES.search(words)] == []
    for figure_id, words in scalars.items():
        if figure_id in SCALARS and not words.startswith("A percentage"):
            assert words == figure_heading(figure_id, AS_OF).replace("the period", "2021-22")


def test_every_figure_table_has_a_caption_and_a_section_of_the_report():
    """The annex lists a withheld table by its caption under the section that shows it, and a
    drill-down page is headed by its caption: never by its id under "Other tables"."""
    assert [t for t in TABLES if t not in TABLE_CAPTIONS] == []
    assert [t for t in TABLES if TABLE_SECTIONS.get(t) not in SECTION_SPECS] == []


def test_the_trend_tables_are_withheld_under_the_sections_that_show_them(scoped):
    annex = annex_lines(scoped)
    assert annex[
        ("Volumes and trends", "Stage 1 complaints received, upheld and answered in time, by year")
    ] == (
        "Counts (Received, Upheld or partially upheld, Percentage upheld or partially upheld, "
        "Answered, In time, Percentage in time, Average working days) for 2 years: 2020-21 and "
        "2021-22"
    )
    assert annex[("How quickly we respond", "Stage 1 responses issued and in time, by year")] == (
        "Counts (Responses, In time, Percentage in time, Average working days) for 2 years: "
        "2020-21 and 2021-22"
    )
    assert not any(section == "Other tables" for section, _ in annex)
    assert not [t for _, t in annex if CODES.search(t)]
    cells = {(s.table_caption, s.row_label, s.column_label) for s in scoped.suppressions}
    assert (
        "Stage 1 responses issued and in time, by year",
        "2021-22",
        "Percentage in time",
    ) in cells


def test_without_approved_excerpts_no_record_is_quoted(published):
    assert not any(p.startswith("“") for p in paragraphs(published, "compliments"))
    assert paragraphs(published, "appendix_voice") == [
        "The complaints made by children, young people or care leavers in 2021-22 are "
        "described only in the complaints team's version of this report: no excerpt of them "
        "has been approved for publication."
    ]
    assert paragraphs(published, "appendix_learning") == [
        "The learning actions raised from complaints in 2021-22 are described only in the "
        "complaints team's version of this report: no excerpt of them has been approved for "
        "publication."
    ]
    assert paragraphs(published, "annex_suppressions")[-1] == (
        "No names needed to be removed from quotations or examples."
    )


def test_compliments_name_only_staff_who_agreed(with_excerpts):
    compliments = paragraphs(with_excerpts, "compliments")
    assert "“Sam was brilliant with us.” — Sam Taylor (South Safeguarding)" in compliments
    assert "“[name] went above and beyond.” — Adoption" in compliments
    assert not any("Joel" in p or "Davison" in p for p in compliments)
    assert not any("our family" in p for p in compliments)  # the words recorded


def test_case_examples_and_learning_lose_the_names_in_them(with_excerpts):
    assert paragraphs(with_excerpts, "appendix_voice") == [
        "From the complaints made by children, young people or care leavers in 2021-22, in "
        "excerpts approved for publication:",
        "[name] says no one calls back.",
    ]
    # Appendix D's "you said, we did": the description's excerpt stands for "we did".
    [said_did] = [row for row in texts(table(with_excerpts, "learning.you_said_we_did")) if row[1]]
    assert said_did[0] == "Remind [name]'s social worker."  # no "you said" column: none
    assert paragraphs(with_excerpts, "annex_suppressions")[-1] == (
        "Names were removed from 1 compliment, 1 case example and 1 learning example: the "
        "people named had not agreed to be named."
    )


def test_the_internal_report_keeps_every_name(year):
    internal = build_document(
        figures=year.figures,
        authority="Testshire Council",
        service=None,
        narratives={},
        settings=SETTINGS,
        facts=year.facts,
    )
    assert paragraphs(internal, "appendix_voice")[1] == (
        "Jamie Smith says his social worker never calls back; Priya Patel helped him write."
    )
    assert internal.suppressions == []
    assert texts(table(internal, "received.by_service"))[0] == ["South Safeguarding", "2", "1", "0"]


def test_headlines_are_unchanged_by_publication(published, year):
    # Headlines are authority-wide scalars: publication withholds table cells only.
    assert published.summary[0].runs[-2] == Value("4", "received.stage1")


@pytest.fixture
def twin(year):
    """A second child's complaint summed up in the same words as the first (children in one
    home raising the same concerns)."""
    child = Complaint.objects.get(summary=CHILD_SUMMARY)
    return _complaint(
        child.service_area,
        datetime.date(2021, 8, 2),
        datetime.date(2021, 8, 9),
        "upheld",
        complainant=PersonFactory(name="Alex Smith"),
        complainant_type="child_young_person",
        summary=CHILD_SUMMARY,
    )


def test_appendix_c_quotes_a_summary_once_however_many_complaints_share_it(year, twin):
    internal = build_document(
        figures=year.figures,
        authority="Testshire Council",
        service=None,
        narratives={},
        settings=SETTINGS,
        facts=year.facts,
    )
    assert paragraphs(internal, "appendix_voice") == [
        "The complaints made by children, young people or care leavers in 2021-22:",
        CHILD_SUMMARY,
    ]


def test_appendix_c_quotes_an_approved_excerpt_once(year, twin, manager):
    for complaint in Complaint.objects.filter(summary=CHILD_SUMMARY):
        excerpt_save(record=complaint, text="No one calls back.", approve=True, by=manager)
    assert paragraphs(build_published(year), "appendix_voice") == [
        "From the complaints made by children, young people or care leavers in 2021-22, in "
        "excerpts approved for publication:",
        "No one calls back.",
    ]
