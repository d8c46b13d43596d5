"""The published numbers of the appendices of the Birmingham Children's Trust annual report
2021-22 (/work/shared/reference/annual-report-birmingham-2021-22.txt): Appendix A, how quickly
complaints were answered, and Appendix B, the reasons for complaint; and, beside Appendix A,
the FIGURES.md cohort measures of the same year. See test_published_birmingham for the rest of
the report and for how the demo workbook is made and imported.
"""

import dataclasses
import datetime
import io
from decimal import Decimal

import pypdf
import pytest
import weasyprint

from redress.reporting.document.model import TableBlock
from redress.reporting.figures.numbers import pct
from redress.reporting.publish import publish_figures
from redress.reporting.render import html
from redress.reporting.render import html as html_render
from redress.reporting.render.html import stylesheet

from .builders.published import birmingham_facts, kingsmoor_document, published_fixtures

# Marked so that it runs before any transactional test flushes the procedures away.
pytestmark = pytest.mark.django_db


facts, years, year, figures, tables = published_fixtures(
    birmingham_facts, years=("2020-21", "2021-22")
)


APPENDIX_A = {
    "Citywide": (21.4, 35.9, 42.7),
    "East": (23.1, 26.9, 50.0),
    "North, West & Central": (26.7, 21.6, 51.7),
    "South": (24.6, 31.1, 44.3),
    "TOTAL": (23.7, 29.7, 46.6),
}


def test_stage1_responsiveness_appendix_a(years, figures, tables):
    """Appendix A, stage 1 responsiveness by area, over the responses issued in the year (the
    report's population: withdrawn and outside-jurisdiction cases left out), and section 3:
    "142 of 265 (53.4%) stage 1 complaints responses were issued within deadline (the
    compliance rate was 63.7% in 2020/21). The average response time was 28.81 working days,
    which compares with 27.44 working days in 2020/21."

    "142 of 265" is a typo: 142 of 265 is 53.6%; the bands of Appendix A's TOTAL row (23.7%,
    29.7%, 46.6%) are 63, 79 and 124 of 266, and 142 of 266 is the 53.4% printed. The area rows
    cannot all hold together with the TOTAL row (the smallest areas matching each row exactly
    add up to 306 responses, not 266), so each area is within 0.1 of its printed percentages
    and TOTAL is exact."""
    rows = tables["responses.stage1.bands_by_area"]
    bands = {}
    for row in rows:
        bands.setdefault(row["area"], []).append(row)
    assert list(bands) == list(APPENDIX_A)
    assert [r["band"] for r in bands["TOTAL"]] == ["0-10", "11-20", "21+"]
    assert [r["count"] for r in bands["TOTAL"]] == [63, 79, 124]
    assert tuple(r["pct"] for r in bands["TOTAL"]) == APPENDIX_A["TOTAL"]
    for area, printed in APPENDIX_A.items():
        computed = [r["pct"] for r in bands[area]]
        for value, expected in zip(computed, printed, strict=True):
            assert abs(Decimal(repr(value)) - Decimal(repr(expected))) <= Decimal("0.1"), area
    assert figures["responses.stage1.count"] == 266
    assert figures["responses.stage1.within_maximum"] == 142
    assert figures["responses.stage1.within_maximum.pct"] == 53.4  # "approximately 54%"
    assert figures["responses.stage1.average_working_days"] == 28.81
    previous = years["2020-21"].figures
    assert previous["responses.stage1.within_maximum.pct"] == 63.7
    assert previous["responses.stage1.average_working_days"] == 27.44


def test_statutory_stage2_responsiveness(years, figures, tables):
    """Appendix A, statutory stage 2: 0 within 25 working days, 10 (30.3%) within 65, 23
    (69.7%) over; average 87.48. Section 3: none within 25 "(compared with six complaints in
    2020/21)", average "compared with 64.09 working days in 2020/21". (Appendix A labels the
    middle band "25-65"; a response on the 25th day is in the first band, so it is 26-65.)"""
    assert tables["responses.stage2.statutory.bands"] == [
        {"band": "0-25", "count": 0, "pct": 0.0},
        {"band": "26-65", "count": 10, "pct": 30.3},
        {"band": "66+", "count": 23, "pct": 69.7},
    ]
    assert figures["responses.stage2.statutory.within_initial"] == 0
    assert figures["responses.stage2.statutory.within_maximum"] == 10
    assert figures["responses.stage2.statutory.within_maximum.pct"] == 30.3
    assert figures["responses.stage2.statutory.average_working_days"] == 87.48
    previous = years["2020-21"].figures
    assert previous["responses.stage2.statutory.within_initial"] == 6
    assert previous["responses.stage2.statutory.average_working_days"] == 64.09


def test_local_stage2_responsiveness(years, figures, tables):
    """Appendix A, local stage 2: 9 (64.3%) within 25 working days, 5 (35.7%) over; average
    29.93. Section 3 says "Nine local stage 2 responses (64%) … the average response time was
    32.80 working days (compared with 50% and 32.80 working days in 2020/21)": 32.80 is the
    2020-21 average repeated; Appendix A's 29.93 is this year's."""
    assert tables["responses.stage2.local.bands"] == [
        {"band": "0-25", "count": 9, "pct": 64.3},
        {"band": "26+", "count": 5, "pct": 35.7},
    ]
    assert figures["responses.stage2.local.within_applicable.pct"] == 64.3
    assert figures["responses.stage2.local.average_working_days"] == 29.93  # the text: 32.80
    previous = years["2020-21"].figures
    assert previous["responses.stage2.local.within_applicable.pct"] == 50.0
    assert previous["responses.stage2.local.average_working_days"] == 32.8


def test_the_figures_md_cohort_measures_the_years_own_complaints(figures, year):
    """FIGURES.md's `timeliness.*` measures the complaints received in the year and answered by
    as_of (not withdrawn or outside jurisdiction): 362 − 40 outside jurisdiction − 60 withdrawn
    − 3 still outstanding = 259 stage 1s. The published population is the 266 responses issued
    during the year: it adds 32 stages received in 2020-21 and answered in 2021-22, and leaves
    out 25 of the year's complaints answered in April and May 2022 (259 + 32 − 25 = 266). The
    two populations give different, equally exact, figures."""
    excluded = sum(
        figures[f"outcome.stage1.{o}"] for o in ("outside_jurisdiction", "withdrawn", "outstanding")
    )
    assert figures["timeliness.stage1.cohort"] == 362 - excluded == 259
    cohort = year.evidence["timeliness.stage1.cohort"]
    responses = year.evidence["responses.stage1.count"]
    assert (responses["received"] < datetime.date(2021, 4, 1)).sum() == 32
    assert (cohort["responded"] > datetime.date(2022, 3, 31)).sum() == 25
    companions = (".previous", ".change_pct")
    assert {
        k: figures[k]
        for k in figures
        if k.startswith("timeliness.stage1.") and not k.endswith(companions)
    } == {
        "timeliness.stage1.cohort": 259,
        "timeliness.stage1.within_applicable": 133,
        "timeliness.stage1.within_applicable.pct": 51.4,
        "timeliness.stage1.within_initial": 94,
        "timeliness.stage1.within_initial.pct": 36.3,
        "timeliness.stage1.within_maximum": 152,
        "timeliness.stage1.within_maximum.pct": 58.7,
        "timeliness.stage1.average_working_days": 24.95,
    }
    # Stage 2: the 33 statutory less one each outside jurisdiction, withdrawn and outstanding;
    # the 17 local less four outstanding and one outside jurisdiction. Stage 3: the 14 less the
    # withdrawn one.
    assert figures["timeliness.stage2.statutory.cohort"] == 30
    assert figures["timeliness.stage2.statutory.within_maximum.pct"] == 43.3
    assert figures["timeliness.stage2.statutory.average_working_days"] == 69.7
    assert figures["timeliness.stage2.local.cohort"] == 12
    assert figures["timeliness.stage2.local.within_applicable.pct"] == 66.7
    assert figures["timeliness.stage2.local.average_working_days"] == 26.25
    assert figures["timeliness.stage3.cohort"] == 13
    assert figures["timeliness.stage3.within_applicable.pct"] == 92.3
    assert year.tables["timeliness.stage1.bands_by_area"][-3:] == [
        {"area": "TOTAL", "band": "0-10", "count": 69, "pct": 26.6},
        {"area": "TOTAL", "band": "11-20", "count": 83, "pct": 32.0},
        {"area": "TOTAL", "band": "21+", "count": 107, "pct": 41.3},
    ]


APPENDIX_B = {
    "Delay": {
        "Follow Guidance / Policy / Procedure": 1, "Make a Decision": 1,
        "Meet or Contact Customer": 1, "Provide a Service / Support": 7,
        "Provide Advice / Information": 8, "Respond to Emails / Letters / Text Message": 2,
        "Respond to Telephone Call / Message": 2, "Take Action": 21,
    },
    "Service Failure / Refusal": {
        "Consult / Notify": 25, "Follow Guidance / Policy / Procedure": 4,
        "Invite to Meeting": 9, "Listen": 25, "Make a Decision": 1,
        "Meet or Contact Customer": 24, "Provide a Service / Support": 69,
        "Provide Advice / Information": 66, "Provide Identification": 4,
        "Respond to Emails / Letters / Text Message": 18,
        "Respond to Telephone Call / Message": 22, "Take Action": 86,
    },
    "Service Quality": {
        "Appropriateness of Venue": 1, "Availability of Staff": 1,
        "Breach of Confidentiality": 23, "Breach of Court Order": 2,
        "Change of Allocated Worker": 5, "Concerns about Care Provision": 11,
        "Disagreement with Assessment": 31, "Disagreement with Decision": 41,
        "Equalities / Diversity Issues": 2, "Inaccurate Information Recorded": 48,
        "Inadequate Service / Support": 63, "Inappropriate Action Taken": 80,
        "Inappropriate Service Offered": 16, "Incorrect Advice Given": 8,
        "Lateness / Non-Attendance": 10, "Loss or Damage to Property": 1,
        "Meeting Cancelled / Re-scheduled": 8, "Meeting Terminated": 1,
        "Organisational Discrimination": 5, "Other / Miscellaneous": 6,
        "Poor Communication": 21, "Service Cancelled / Reduced / Withdrawn": 6,
        "Unable to Reach Staff": 14, "Unreasonable Decision": 29,
        "Wrong Information Provided": 16,
    },
    "Staff Conduct": {
        "Accusatory Conduct": 6, "Bias": 13, "Bullying / Threatening": 17,
        "Conflict of Interest": 3, "Discriminatory Behaviour": 7, "Dishonest Conduct": 12,
        "Inappropriate Conduct": 46, "Lack of Customer Care": 11,
        "Lack of Knowledge/Training": 9, "Lack of Ownership": 1,
        "Lack of Professionalism": 19, "No Consent to Act": 4, "Other / Miscellaneous": 3,
        "Rude or Aggressive Behaviour": 18, "Unhelpful Attitude": 4,
    },
}  # fmt: skip


def test_reasons_for_complaint_appendix_b(figures, tables):
    """ "There were 1,018 stage 1 complaint aspects recorded in 2021/22, compared with 839 in
    2020/21"; Appendix B by category and sub-category, in its order, with its TOTALs (43, 353,
    449, 173); the themes listed in section 3; and "44% of stage 1 complaints received were
    about service quality, while 35% … related to service failure or refusal" (of the
    aspects)."""
    assert figures["aspects.stage1.total"] == 1018
    assert figures["aspects.stage1.total.previous"] == 839
    assert figures["aspects.stage1.total.change_pct"] == 21.3
    assert tables["aspects.stage1.by_subcategory"] == [
        {"category": category, "subcategory": subcategory, "count": count}
        for category, rows in APPENDIX_B.items()
        for subcategory, count in rows.items()
    ]
    assert tables["aspects.stage1.by_category"] == [
        # With the demo's 2020-21 counts beside them (839 in all, as published).
        {"category": "Service Quality", "count": 449, "previous": 367},
        {"category": "Service Failure / Refusal", "count": 353, "previous": 294},
        {"category": "Staff Conduct", "count": 173, "previous": 142},
        {"category": "Delay", "count": 43, "previous": 36},
    ]
    assert pct(449, 1018) == 44.1
    assert pct(353, 1018) == 34.7  # "35%"
    counts = {
        (r["category"], r["subcategory"]): r["count"]
        for r in tables["aspects.stage1.by_subcategory"]
    }
    assert [
        counts[("Service Failure / Refusal", "Take Action")],
        counts[("Service Quality", "Inappropriate Action Taken")],
        counts[("Service Failure / Refusal", "Provide a Service / Support")],
        counts[("Service Failure / Refusal", "Provide Advice / Information")],
        counts[("Service Quality", "Inadequate Service / Support")],
        counts[("Service Quality", "Inaccurate Information Recorded")],
        counts[("Staff Conduct", "Inappropriate Conduct")],
        counts[("Service Quality", "Disagreement with Decision")],
    ] == [86, 80, 69, 66, 63, 48, 46, 41]


# -- the appendices as the report prints them (issue 11) ----------------------------------------


def _document(figures_set, *, published=False):
    return kingsmoor_document(
        publish_figures(figures_set, threshold=5) if published else figures_set,
        facts=birmingham_facts(),
    )


def _table(document, section, key):
    (block,) = [
        b for b in document.section(section).blocks if isinstance(b, TableBlock) and b.key == key
    ]
    return block


def _texts(block):
    return [[cell.text for cell in row] for row in block.rows]


def test_appendix_b_names_each_category_once_above_its_rows_and_marks_its_total(year):
    document = _document(year)
    block = _table(document, "appendix_reasons", "aspects.stage1.by_subcategory")
    rows = list(zip(block.row_kinds, _texts(block), strict=True))
    groups = [text[0] for kind, text in rows if kind == "group"]
    assert groups == list(APPENDIX_B)  # each category once, in the appendix's order
    assert [text for kind, text in rows if kind == "subtotal"] == [
        ["Total: Delay", "43"],
        ["Total: Service Failure / Refusal", "353"],
        ["Total: Service Quality", "449"],
        ["Total: Staff Conduct", "173"],
    ]
    body = [text for kind, text in rows if kind == "row"]
    assert len(body) == sum(len(subs) for subs in APPENDIX_B.values())
    assert not any(cell in APPENDIX_B for text in body for cell in text)
    assert body[:2] == [["Follow Guidance / Policy / Procedure", "1"], ["Make a Decision", "1"]]
    assert [cell.text for cell in block.total] == ["All categories", "1,018"]
    # Drawn as such: a heading over each group, each group's total styled as a total.
    page = html.render(document, year).decode()
    start = page.index('data-table="aspects.stage1.by_subcategory"')
    appendix = page[start : page.index("</table>", start)]
    assert appendix.count('<tr class="rd-table__group"><th scope="rowgroup" colspan="2"') == 4
    assert appendix.count('<tr class="rd-table__subtotal">') == 4
    # Each group its own row group, which its heading names.
    assert appendix.count("<tbody>") == 4
    assert all(
        group.lstrip().startswith('<tr class="rd-table__group">')
        for group in appendix.split("<tbody>")[1:]
    )
    assert appendix.count("Service Quality") == 2  # its heading and its total


@pytest.fixture(scope="module")
def published(django_db_setup, django_db_blocker, year):
    with django_db_blocker.unblock():
        return _document(year, published=True)


def test_the_annex_lists_each_table_once_in_words_by_section(published):
    annex = _table(published, "annex_suppressions", "suppressions")
    rows = list(zip(annex.row_kinds, _texts(annex), strict=True))
    tables = {s.table_key for s in published.suppressions}
    assert sum(kind == "row" for kind, _ in rows) == len(tables) == 5
    assert [text[0] for kind, text in rows if kind == "group"] == [
        "Services and areas",
        "Children and young people",
    ]
    assert [text[0] for kind, text in rows if kind == "row"][2:] == [
        "What children and young people complained about",
        "Closing the loop: what children and young people told us",
        "Informal feedback by theme",
    ]
    assert next(text for kind, text in rows if kind != "group") == [
        "Complaints received by area and stage",
        "Counts (Stage 3) for 3 areas: Citywide, East and North, West & Central",
        "3",
    ]
    children = next(text for _, text in rows if text[0].startswith("Closing the loop"))
    assert children[1].startswith(
        "Answers (No, Partly, No answer) to 7 questions: “Did you understand your rights?”, "
    )
    assert children[2] == "12"
    # Every withheld cell counted once; no code or field name anywhere.
    assert sum(int(text[2]) for kind, text in rows if kind == "row") == len(published.suppressions)
    assert annex.total[2].text == str(len(published.suppressions))
    words = " ".join(cell for _, text in rows for cell in text)
    assert "_" not in words
    assert not any(code in words for code in ("rights_understood", "listened", "stage3"))
    # The full list stays on the document for the JSON.
    assert len(published.suppressions) == 47


def _printed(document, figures_set, *keys):
    """The PDF pages of the document's sections `keys` alone, after the cover and contents."""
    only = dataclasses.replace(document, sections=[document.section(k) for k in keys])
    page = html_render.render_page(only, figures_set, print_css=stylesheet("report-print.css"))
    rendered = weasyprint.HTML(string=page).render()
    pdf = pypdf.PdfReader(io.BytesIO(rendered.write_pdf()))
    return [" ".join(p.extract_text().split()) for p in pdf.pages[2:]]


def test_the_printed_annex_fits_on_one_page(published, year):
    (page,) = _printed(published, year, "annex_suppressions")
    assert page.startswith("Annex: figures withheld to protect children")
    assert "All tables 47" in page


def test_printed_appendix_e_follows_appendix_d_on_its_page(published, year):
    pages = _printed(published, year, "appendix_learning", "appendix_figures")
    assert len(pages) == 1
    assert "Appendix D: learning and improvements" in pages[0]
    assert "Appendix E: the figures and their definitions" in pages[0]


def test_printed_appendix_b_totals_all_categories_once(published, year):
    pages = _printed(published, year, "appendix_reasons")
    assert len(pages) == 3
    assert sum(p.count("All categories 1,018") for p in pages) == 1
    assert "All categories 1,018" in pages[-1]
