"""The report document built from a small year of factory records (document_fixtures, where
the figures are worked out by hand): the headline sentences, the sections in order, narratives,
and every number tied to the figure or table row it shows."""

import dataclasses
import re
from collections.abc import Iterator
from decimal import Decimal

import pytest

from redress.complaints.tests.factories import ComplaintFactory, MediationFactory
from redress.organisations.models import ServiceArea
from redress.procedures.calendar import WorkingCalendar
from redress.procedures.models import Procedure, StageRule
from redress.reporting.document.build import build_document
from redress.reporting.document.model import (
    BulletList,
    Cell,
    ChartBlock,
    Paragraph,
    ReportDocument,
    TableBlock,
    Value,
)
from redress.reporting.document.sections import SECTION_KEYS, SECTIONS
from redress.reporting.facts import extract_facts
from redress.reporting.figures import FigureSet, compute_figures
from redress.reporting.models import ContextFigure
from redress.reporting.publish import publish_figures
from redress.reporting.selectors import report_settings

from .document_fixtures import AS_OF, SETTINGS, YEAR, make_small_year

AUTHORITY = "Testshire Council"


@pytest.fixture
def year(db):
    return make_small_year()


def build(figures: FigureSet, facts=None, **kwargs) -> ReportDocument:
    options = {"service": None, "narratives": {}, "settings": SETTINGS} | kwargs
    return build_document(figures=figures, authority=AUTHORITY, facts=facts, **options)


def paragraphs(document: ReportDocument, key: str) -> list[str]:
    """The text of a section's paragraphs and bullets."""
    out = []
    for block in document.section(key).blocks:
        if isinstance(block, Paragraph):
            out.append(block.plain)
        elif isinstance(block, BulletList):
            out += [item.plain for item in block.items]
    return out


def table(document: ReportDocument, key: str) -> TableBlock:
    for section in document.sections:
        for block in section.blocks:
            if isinstance(block, TableBlock) and block.key == key:
                return block
            if isinstance(block, ChartBlock) and block.table and block.table.key == key:
                return block.table
    raise AssertionError(f"No table {key}")


def texts(block: TableBlock) -> list[list[str]]:
    return [[c.text for c in row] for row in block.rows]


def runs(document: ReportDocument) -> Iterator[Value | Cell]:
    """Every number in the document: the values in its text and the cells of its tables."""

    def of_paragraph(p: Paragraph):
        yield from (r for r in p.runs if isinstance(r, Value))

    def of_table(t: TableBlock):
        for row in (*t.rows, *([t.total] if t.total else [])):
            yield from row

    for section in document.sections:
        for block in section.blocks:
            if isinstance(block, Paragraph):
                yield from of_paragraph(block)
            elif isinstance(block, BulletList):
                for item in block.items:
                    yield from of_paragraph(item)
            elif isinstance(block, TableBlock):
                yield from of_table(block)
            elif isinstance(block, ChartBlock) and block.table:
                yield from of_table(block.table)


def test_headlines_are_written_from_the_figures(year):
    document = build(year.figures, year.facts)
    assert [p.plain for p in document.summary] == [
        "Stage 1 complaints rose by 100.0% to 4.",
        # No stage 2 or 3 the year before: a change from nothing is not given.
        "1 stage 2 complaint was received in 2021-22.",
        "No stage 3 complaints were received in 2021-22.",
        # Stage 3 has no complaints, so no percentage upheld.
        "50.0% of stage 1 complaints were upheld or partially upheld; the figure was 100.0% "
        "at stage 2.",
        # Against the year before, saying which is better.
        "66.7% of the 3 stage 1 responses issued in 2021-22 were within 20 working days, "
        "against 100.0% in 2020-21: fewer in time, which is worse. The average response took "
        "14.67 working days, against 5.00 in 2020-21: slower, which is worse.",
        "66.7% of the reasons given for stage 1 complaints were about Service Quality and "
        "33.3% about Delay.",
        "1 stage 1 complaint (25.0%) was made by children, young people or care leavers.",
        "Compensation paid fell by 50.0% to £100.00 while the cost of investigating complaints "
        "was £1,000.00.",
        "1 learning action was raised from complaints; 1 was completed by 31 May 2022.",
        "Compliments recorded rose by 100.0% to 2.",
    ]
    # The summary section shows the same sentences.
    bullets = next(b for b in document.section("summary").blocks if isinstance(b, BulletList))
    assert list(bullets.items) == document.summary


def test_the_numbers_in_a_headline_name_their_figures(year):
    first = build(year.figures, year.facts).summary[0]
    assert first.runs == (
        "Stage 1 complaints rose by ",
        Value("100.0%", "received.stage1.change_pct"),
        " to ",
        Value("4", "received.stage1"),
        ".",
    )


def test_sections_follow_the_report_s_order(year):
    internal = build(year.figures, year.facts)
    assert [s.key for s in internal.sections] == [
        k for k in SECTION_KEYS if k != "annex_suppressions"
    ]
    published = build(publish_figures(year.figures, threshold=5), year.facts)
    # A section with nothing in it is left out of a published document, never a placeholder.
    assert published.unwritten == internal.unwritten
    assert [s.key for s in published.sections] == [
        k for k in SECTION_KEYS if k not in published.unwritten
    ]
    assert [s.key for s in published.appendices] == [s.key for s in SECTIONS if s.appendix]
    assert internal.title == "Complaints and compliments annual report 2021-22"
    assert (internal.period_label, internal.as_of, internal.published) == ("2021-22", AS_OF, False)


def test_narratives_open_their_sections(year):
    document = build(
        year.figures, year.facts, narratives={"next_steps": "- Listen more\n", "volumes": "  "}
    )
    assert document.section("next_steps").narrative.text == "- Listen more"
    # Blank narratives are no narrative.
    assert document.section("volumes").narrative is None
    assert document.section("next_steps").blocks == []


def test_a_narrative_for_an_unknown_section_is_refused(year):
    with pytest.raises(ValueError, match="Narratives for unknown sections: nextsteps"):
        build(year.figures, year.facts, narratives={"nextsteps": "Typo"})


def test_every_number_names_its_figure_or_table_row(year):
    figures = year.figures
    document = build(figures, year.facts)
    named = 0
    for item in runs(document):
        if item.figure_id is not None:
            base = item.figure_id.removesuffix(".previous").removesuffix(".change_pct")
            assert item.figure_id in figures.figures or base in figures.figures, item
            named += 1
        if item.drill is not None:
            assert 0 <= item.drill.row < len(figures.tables[item.drill.table_id]), item
    assert named > 100


def test_counting_cells_drill_to_their_row(year):
    document = build(year.figures, year.facts)
    by_service = table(document, "received.by_service")
    assert texts(by_service) == [
        ["South Safeguarding", "2", "1", "0"],
        ["Adoption", "2", "0", "0"],
    ]
    drills = [[c.drill for c in row[1:]] for row in by_service.rows]
    assert {d.table_id for row in drills for d in row} == {"received.by_service"}
    assert [[d.row for d in row] for row in drills] == [[0, 0, 0], [1, 1, 1]]
    # The row's records are the ones counted.
    kept = compute_figures(facts=year.facts, period=YEAR, settings=SETTINGS, keep_evidence=True)
    assert kept.table_evidence["received.by_service"][1]["service"].to_list() == [
        "Adoption",
        "Adoption",
    ]


def test_the_procedure_is_described_from_its_rules(year):
    before = paragraphs(build(year.figures, year.facts), "procedure")
    assert (
        "Stage 1 – Local resolution: a response within 10 working days, which can be extended "
        "to 20 working days." in before
    )
    assert (
        "Stage 3 – Review panel: the review panel meets within 30 working days of the request; "
        "the chair's report follows within 5 working days of the panel; and we respond within "
        "15 working days of the report." in before
    )
    StageRule.objects.filter(procedure__code="local", stage=1).update(
        timescale_days=15, max_days=25
    )
    # The local procedure is described once a complaint is recorded under it.
    ComplaintFactory(procedure=Procedure.objects.get(code="local"), received_date=YEAR.start)
    facts = extract_facts(as_of=AS_OF, calendar=WorkingCalendar())
    after = paragraphs(build(year.figures, facts), "procedure")
    assert (
        "Stage 1 – Local resolution: a response within 15 working days, which can be extended "
        "to 25 working days." in after
    )


def test_rates_cover_three_years(year):
    for period, referrals, assessments in (
        ("2019-20", 100, 50),
        ("2020-21", 200, 80),
        ("2021-22", 400, 100),
    ):
        ContextFigure.objects.create(period=period, measure="referrals", value=referrals)
        ContextFigure.objects.create(period=period, measure="family_assessments", value=assessments)
    facts = extract_facts(as_of=AS_OF, calendar=WorkingCalendar())
    figures = compute_figures(facts=facts, period=YEAR, settings=SETTINGS)
    rates = table(build(figures, facts), "rates.three_years")
    # Stage 1: none in 2019-20, 2 in 2020-21, 4 in 2021-22.
    assert [c.label for c in rates.columns] == ["Measure", "2019-20", "2020-21", "2021-22"]
    assert texts(rates) == [
        ["Referrals received", "100", "200", "400"],
        ["Stage 1 complaints as a % of referrals", "0.00%", "1.00%", "1.00%"],
        ["Family assessments completed", "50", "80", "100"],
        ["Stage 1 complaints as a % of family assessments", "0.00%", "2.50%", "4.00%"],
    ]
    # Without the facts the builder reads them again, with the same result.
    assert texts(table(build(figures), "rates.three_years")) == texts(rates)
    assert paragraphs(build(figures, facts), "rates")[0] == (
        "Complaint numbers are best read against the work of the service. In 2021-22 stage 1 "
        "complaints were 1.00% of the 400 referrals received and 4.00% of the 100 family "
        "assessments completed."
    )


def test_services_and_timeliness_sentences(year):
    document = build(year.figures, year.facts)
    services = paragraphs(document, "services")
    # A tie stated as one; one service is "the service".
    assert (
        "The services receiving most stage 1 complaints were: Adoption and South Safeguarding "
        "(2 each)." in services
    )
    assert "The service receiving most stage 2 complaints was South Safeguarding (1)." in services
    timeliness = paragraphs(document, "timeliness")
    assert timeliness[0].startswith("This section counts the responses issued in 2021-22")
    assert (
        "2 (66.7%) of 3 stage 1 responses were issued within 20 working days, the longest the "
        "procedure allows, against 100.0% in 2020-21: fewer in time, which is worse. 2 (66.7%) "
        "met their applicable deadline (the initial timescale, or the extended one where an "
        "extension was agreed), and 2 (66.7%) the initial timescale. The average response time "
        "was 14.67 working days, against 5.00 in 2020-21: slower, which is worse." in timeliness
    )
    # None is "none", and one response is one; no statutory stage 2 the year before.
    assert (
        "Of the 1 statutory stage 2 response, none were issued within the initial 25 working "
        "days. 1 (100.0%) was issued within 65 working days. The average response time was "
        "36.00 working days." in timeliness
    )


def test_mediation_and_its_estimated_saving(year):
    MediationFactory(offered_date="2021-07-01", held_date="2021-07-20", outcome="resolved")
    facts = extract_facts(as_of=AS_OF, calendar=WorkingCalendar())
    figures = compute_figures(facts=facts, period=YEAR, settings=SETTINGS)
    assert paragraphs(build(figures, facts), "mediation")[:2] == [
        "1 mediation was offered and 1 held in 2021-22. Of those offered, 1 resolved the "
        "complaint.",
        "With a stage 2 investigation costing £3,500.00 on average, the mediations that "
        "resolved complaints saved an estimated £3,500.00.",
    ]


def test_costs_table_with_both_years_and_totals(year):
    costs = table(build(year.figures, year.facts), "costs")
    assert [c.label for c in costs.columns] == ["Cost", "2020-21", "2021-22"]
    assert texts(costs) == [
        ["Stage 2: investigating officer", "£0.00", "£1,000.00"],
        ["Stage 2: independent person", "£0.00", "£0.00"],
        ["Stage 3: review panel", "£0.00", "£0.00"],
        ["Investigation costs: total", "£0.00", "£1,000.00"],
        ["Compensation: stage 1", "£200.00", "£100.00"],
        ["Compensation: stage 2", "£0.00", "£0.00"],
        ["Compensation: stage 3", "£0.00", "£0.00"],
        ["Compensation: ombudsman", "£0.00", "£0.00"],
        ["Compensation: total", "£200.00", "£100.00"],
    ]
    assert [c.text for c in costs.total] == ["Total payments", "£200.00", "£1,100.00"]
    assert costs.total[2].figure_id == "payments.total"


def test_the_internal_report_quotes_compliments_with_names(year):
    compliments = paragraphs(build(year.figures, year.facts), "compliments")
    assert "“Sam was brilliant with our family.” — Sam Taylor (South Safeguarding)" in compliments
    assert (
        "“Joel went above and beyond for us. Thank you, Joel Davison!” — Joel Davison (Adoption)"
        in compliments
    )


def test_a_service_s_report(year):
    from redress.organisations.models import ServiceArea

    ids = list(ServiceArea.objects.filter(name="Adoption").values_list("id", flat=True))
    facts = extract_facts(as_of=AS_OF, calendar=WorkingCalendar(), service_area_ids=ids)
    figures = compute_figures(facts=facts, period=YEAR, settings=SETTINGS)
    document = build(figures, facts, service="Adoption")
    assert document.title == "Complaints and compliments annual report 2021-22: Adoption"
    assert document.summary[0].plain == "2 stage 1 complaints were received in 2021-22."
    quotes = [p for p in paragraphs(document, "compliments") if p.startswith("“")]
    assert quotes == [
        "“Joel went above and beyond for us. Thank you, Joel Davison!” — Joel Davison (Adoption)"
    ]
    assert paragraphs(document, "appendix_voice") == [
        "No stage 1 complaints from children, young people or care leavers were received in "
        "2021-22."
    ]


def test_an_empty_figure_set_still_makes_a_report(db):
    empty = FigureSet(period=YEAR, as_of=AS_OF)
    document = build(empty, facts=extract_facts(as_of=AS_OF, calendar=WorkingCalendar()))
    assert document.summary == []
    assert all(section.blocks or section.narrative for section in document.sections)
    assert paragraphs(document, "next_steps") == ["Nothing has been written for this section yet."]
    assert "next_steps" in document.unwritten
    left_out = build(
        empty,
        facts=extract_facts(as_of=AS_OF, calendar=WorkingCalendar()),
        left_out={"next_steps", "volumes"},
    )
    assert not {"next_steps", "volumes"} & {s.key for s in left_out.sections}
    assert "next_steps" not in left_out.unwritten


CHILDREN = {
    "cyp.stage1.received": 22,
    "cyp.stage1.pct": 6.1,
    "cyp.stage1.advocacy_offered": 22,
    "cyp.stage1.advocacy_referred": 10,
    "cyp.stage1.advocacy_referred.previous": 3,
    "cyp.stage1.with_advocate": 10,
    "cyp.stage1.outcome.upheld": 3,
    "cyp.stage1.outcome.partially_upheld": 2,
    "cyp.stage1.outcome.not_upheld": 14,
    "cyp.stage1.outcome.inconclusive": 0,
    "cyp.stage1.outcome.withdrawn": 0,
    "cyp.stage1.outcome.outside_jurisdiction": 0,
    "cyp.stage1.outcome.outstanding": 3,
}


def test_childrens_advocacy_and_outcomes_read_as_sentences(db):
    facts = extract_facts(as_of=AS_OF, calendar=WorkingCalendar())
    document = build(FigureSet(period=YEAR, as_of=AS_OF, figures=dict(CHILDREN)), facts=facts)
    said = paragraphs(document, "children")
    assert (
        "We offered an advocate on 22 of these complaints and referred 10 children to our "
        "advocacy provider, compared with 3 in 2020-21. An advocate supported 10 of them."
    ) in said
    assert (
        "Of these complaints, 3 were upheld, 2 partly upheld and 14 not upheld; 3 still await a "
        "response."
    ) in said

    few = CHILDREN | {
        "cyp.stage1.received": 2,
        "cyp.stage1.advocacy_offered": 2,
        "cyp.stage1.advocacy_referred": 0,
        "cyp.stage1.advocacy_referred.previous": None,
        "cyp.stage1.with_advocate": 0,
        "cyp.stage1.outcome.upheld": 1,
        "cyp.stage1.outcome.partially_upheld": 0,
        "cyp.stage1.outcome.not_upheld": 0,
        "cyp.stage1.outcome.outstanding": 1,
    }
    said = paragraphs(build(FigureSet(period=YEAR, as_of=AS_OF, figures=few), facts=facts),
                      "children")  # fmt: skip
    assert (
        "We offered an advocate on 2 of these complaints, and referred no child to our advocacy "
        "provider. None of them was supported by an advocate."
    ) in said
    assert "Of these complaints, 1 was upheld; 1 still awaits a response." in said
    assert not any(" 0 " in p or "0 awaiting" in p for p in said)


ZEROS = {
    "received.stage1": 12,
    "received.stage1.statutory": 0,
    "received.stage1.local": 12,
    "received.stage2": 0,
    "received.stage2.previous": 3,
    "received.stage3": 0,
    "actions.total": 4,
    "actions.completed": 0,
    "actions.overdue": 0,
    "compliments.received": 6,
    "compliments.external": 0,
}


def test_none_for_zero_and_ties_with_many_members(db):
    facts = extract_facts(as_of=AS_OF, calendar=WorkingCalendar())
    services = [
        {"service": "Adoption", "stage1": 4, "stage2": 0, "stage3": 0},
        *({"service": f"Team {x}", "stage1": 1, "stage2": 0, "stage3": 0} for x in "ABCDEFGH"),
    ]
    figures = FigureSet(
        period=YEAR, as_of=AS_OF, figures=dict(ZEROS), tables={"received.by_service": services}
    )
    document = build(figures, facts=facts)
    assert paragraphs(document, "volumes")[1:3] == [
        "All 12 were considered through the local complaints procedure.",
        "Stage 2 complaints went from 3 in 2020-21 to none, while there were no stage 3 review "
        "panels requested.",
    ]
    assert (
        "4 learning actions were raised in 2021-22; none had been completed by 31 May 2022 and "
        "none were overdue." in paragraphs(document, "learning")[0]
    )
    assert paragraphs(document, "compliments")[0] == (
        "6 compliments were recorded in 2021-22; none came from outside the organisation."
    )
    assert paragraphs(document, "services")[1] == (
        "The services receiving most stage 1 complaints were: Adoption (4). Eight other "
        "services received one each."
    )
    everyone = [{**r, "stage1": 1} for r in services]
    tied = FigureSet(period=YEAR, as_of=AS_OF, tables={"received.by_service": everyone})
    assert paragraphs(build(tied, facts=facts), "services")[1] == (
        "Nine services received one stage 1 complaint each."
    )
    said = " ".join(
        p
        for key in ("volumes", "learning", "compliments", "services")
        for p in paragraphs(document, key)
    )
    assert " 0 " not in said
    assert "0.0%" not in said


def test_ombudsman_and_mediation_sentences_leave_out_what_did_not_happen(db):
    facts = extract_facts(as_of=AS_OF, calendar=WorkingCalendar())
    lgo = {
        "lgo.enquiries": 20,
        "lgo.decision.premature": 4,
        "lgo.decision.not_investigated": 13,
        "lgo.investigated": 5,
        "lgo.decision.fault_found": 3,
        "lgo.decision.pending": 1,
    }
    said = paragraphs(build(FigureSet(period=YEAR, as_of=AS_OF, figures=lgo), facts), "ombudsman")
    assert said[1] == (
        "The Ombudsman referred 4 back to us as premature and decided not to investigate 13. "
        "It investigated and decided 5, finding fault in 3. 1 enquiry received in the year is "
        "still awaiting a decision."
    )
    quiet = lgo | {
        "lgo.decision.premature": 0,
        "lgo.decision.not_investigated": 2,
        "lgo.investigated": 0,
        "lgo.decision.fault_found": 0,
        "lgo.decision.pending": 0,
    }
    said = paragraphs(build(FigureSet(period=YEAR, as_of=AS_OF, figures=quiet), facts), "ombudsman")
    assert said[1] == (
        "The Ombudsman decided not to investigate 2. It made no decision after an "
        "investigation. No enquiry received in the year is still awaiting a decision."
    )
    mediation = {
        "mediation.offered": 2,
        "mediation.held": 0,
        "mediation.outcome.resolved": 0,
        "mediation.outcome.escalated": 0,
    }
    said = paragraphs(
        build(FigureSet(period=YEAR, as_of=AS_OF, figures=mediation), facts), "mediation"
    )
    assert said[0] == "2 mediations were offered and none held in 2021-22."


def test_the_report_speaks_in_one_voice(year):
    """As "we" by default; with report_voice "authority", as the authority by name: no "we",
    "our" or "us" anywhere in the text the report writes."""
    words = re.compile(r"\b(we|We|our|Our|us)\b")

    def written(document: ReportDocument) -> list[str]:
        texts = [s.title for s in document.sections]
        for section in document.sections:
            texts += paragraphs(document, section.key)
            for block in section.blocks:
                if isinstance(block, TableBlock):
                    texts.append(block.caption)
                elif isinstance(block, ChartBlock):
                    texts += [block.title, *([block.table.caption] if block.table else [])]
        return texts + [s.table_caption for s in document.suppressions]

    ours = build(year.figures, year.facts)
    assert any(words.search(t) for t in written(ours))
    assert ours.section("timeliness").title == "How quickly we respond"
    theirs = build(
        year.figures, year.facts, settings=dataclasses.replace(SETTINGS, voice="authority")
    )
    # Quotations are people's own words, and keep them.
    assert [t for t in written(theirs) if words.search(t) and not t.startswith("“")] == []
    assert theirs.section("timeliness").title == f"How quickly {AUTHORITY} responds"
    procedure = " ".join(paragraphs(theirs, "procedure"))
    assert f"and {AUTHORITY} responds within" in procedure


def test_the_voice_is_a_setting_with_its_choices(db):
    from redress.core import config

    assert config.get("report_voice") == "we"
    config.set_value("report_voice", " Authority ", by=None)
    assert report_settings().voice == "authority"
    with pytest.raises(config.SettingError, match="'we'"):
        config.set_value("report_voice", "they", by=None)


def test_the_headlines_say_both_all_and_none_for_the_ombudsman_and_costs(db):
    facts = extract_facts(as_of=AS_OF, calendar=WorkingCalendar())

    def headline(figures: dict, starts: str) -> str:
        document = build(FigureSet(period=YEAR, as_of=AS_OF, figures=figures), facts)
        return next(p.plain for p in document.summary if p.plain.startswith(starts))

    lgo = {
        "lgo.enquiries": 5,
        "lgo.decision.premature": 1,
        "lgo.investigated": 2,
        "lgo.decision.fault_found": 2,
    }
    assert headline(lgo, "5 complainants") == (
        "5 complainants contacted the Local Government and Social Care Ombudsman; 1 was referred "
        "back as premature, and the Ombudsman found fault in both complaints it investigated "
        "and decided."
    )
    quiet = lgo | {
        "lgo.decision.premature": 0,
        "lgo.investigated": 3,
        "lgo.decision.fault_found": 0,
    }
    assert headline(quiet, "5 complainants") == (
        "5 complainants contacted the Local Government and Social Care Ombudsman; none was "
        "referred back as premature, and the Ombudsman found no fault in the 3 complaints it "
        "investigated and decided."
    )
    money = {
        "compensation.total": Decimal("180.00"),
        "compensation.total.previous": Decimal("0.00"),
        "costs.investigation.total": Decimal("0.00"),
        "costs.investigation.total.previous": Decimal("0.00"),
    }
    assert headline(money, "Compensation") == (
        "Compensation paid was £180.00; no cost of investigating complaints was recorded."
    )
    nothing = money | {"compensation.total": Decimal("0.00")}
    document = build(FigureSet(period=YEAR, as_of=AS_OF, figures=nothing), facts)
    assert not [p for p in document.summary if "ompensation" in p.plain]


def test_the_year_s_open_cases_name_the_highest_proportion(year):
    for cases, area in zip((10, 40, 1000), ServiceArea.objects.order_by("name"), strict=False):
        ContextFigure.objects.create(
            period="2021-22", measure="open_cases", service_area=area, value=cases
        )
    for measure in ("referrals", "family_assessments"):
        ContextFigure.objects.create(period="2021-22", measure=measure, value=100)
    facts = extract_facts(as_of=AS_OF, calendar=WorkingCalendar())
    figures = compute_figures(facts=facts, period=YEAR, settings=SETTINGS)
    document = build(figures, facts)
    assert texts(table(document, "ratio.stage1_to_open_cases.by_service")) == [
        ["Adoption", "2", "10", "20.00%"],
        ["South Safeguarding", "2", "40", "5.00%"],
    ]
    assert (
        "Adoption had the highest proportion of stage 1 complaints to open cases in 2021-22 "
        "(20.00%), followed by South Safeguarding (5.00%)." in paragraphs(document, "rates")
    )
