"""Report profiles (ADR 0028): the document has the sections the authority chose, in its order,
its appendices lettered as it has them (and every "Appendix X" pointer with them), and reasons
by theme in sentences when `report_reasons_by` is "theme".

The world: stage 1 complaints of 2021-22 and 2020-21 under a theme taxonomy, built as facts.

2021-22 (theme: complaints, upheld or partially upheld): Actions / Conduct of Worker 3, 2;
Decision Making 2, 1; Poor Communication 2, 0; Family Time 1, 0; Financial Assistance 1, 1;
Lack of Support 1, 0. The five largest (the figure's order: count, then name) are the first
five. 2020-21: Actions / Conduct of Worker 3 upheld; Decision Making 1, not upheld; Poor
Communication 1 upheld; Financial Assistance 1 upheld. One complaint of 2021-22 is a child's.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from redress.reporting.document.build import build_document
from redress.reporting.document.model import (
    ChartBlock,
    ReportDocument,
    TableBlock,
)
from redress.reporting.document.sections import (
    SECTION_KEYS,
    profile_keys,
    profile_sections,
    reletter,
)
from redress.reporting.figures import ReportSettings
from redress.reporting.publish import publish_figures

from .builders.facts import FactsBuilder, compute
from .test_document_build import paragraphs as texts

pytestmark = pytest.mark.django_db
AUTHORITY = "Sandwell Children's Trust"
SETTINGS = ReportSettings(suppression_threshold=5)
THEMED = replace(SETTINGS, reasons_by="theme")

THIS_YEAR = [
    ("Actions / Conduct of Worker", ["upheld", "partially_upheld", "not_upheld"]),
    ("Decision Making", ["partially_upheld", "not_upheld"]),
    ("Poor Communication", ["not_upheld", "not_upheld"]),
    ("Family Time", ["not_upheld"]),
    ("Financial Assistance", ["upheld"]),
    ("Lack of Support", ["not_upheld"]),
]
LAST_YEAR = [
    ("Actions / Conduct of Worker", ["upheld", "upheld", "upheld"]),
    ("Decision Making", ["not_upheld"]),
    ("Poor Communication", ["upheld"]),
    ("Financial Assistance", ["partially_upheld"]),
]


def themed_world() -> FactsBuilder:
    b = FactsBuilder()
    for year, themes in (("2021", THIS_YEAR), ("2020", LAST_YEAR)):
        for theme, outcomes in themes:
            for n, outcome in enumerate(outcomes):
                received = f"{year}-{6 + n:02d}-07"
                b.stage1(received, responded=f"{year}-{6 + n:02d}-14", outcome=outcome, theme=theme)
    b.stage1("2021-09-06", responded="2021-09-10", outcome="not_upheld",
             theme="Lack of Support", complainant_type="child_young_person")  # fmt: skip
    return b


def build(figures, settings=THEMED, **kwargs) -> ReportDocument:
    options = {"service": None, "narratives": {}, "settings": settings} | kwargs
    return build_document(figures=figures, authority=AUTHORITY, **options)


def tables(document: ReportDocument, key: str) -> list[TableBlock]:
    return [
        block.table if isinstance(block, ChartBlock) else block
        for block in document.section(key).blocks
        if isinstance(block, TableBlock) or (isinstance(block, ChartBlock) and block.table)
    ]


def everything(document: ReportDocument) -> str:
    return "\n".join(
        [s.title for s in document.sections]
        + [t for s in document.sections for t in texts(document, s.key)]
    )


# -- which sections, in which order ---------------------------------------------------------


def test_the_report_has_the_chosen_sections_in_the_chosen_order(calendar):
    figures = compute(themed_world(), calendar)
    chosen = ("reasons", "summary", "children", "appendix_reasons", "volumes")
    document = build(figures, replace(THEMED, sections=chosen))
    assert [s.key for s in document.sections] == list(chosen)
    assert [s.title for s in document.sections] == [
        "What people complain about",
        "Executive summary",
        "Children and young people",
        "Appendix A: themes of complaints",
        "Volumes and trends",
    ]
    # The executive summary's headlines come with its section.
    assert document.summary


def test_without_the_summary_there_are_no_headlines(calendar):
    figures = compute(themed_world(), calendar)
    document = build(figures, replace(THEMED, sections=("volumes", "reasons")))
    assert [s.key for s in document.sections] == ["volumes", "reasons"]
    assert document.summary == []


def test_a_published_report_always_ends_with_the_annex_of_withheld_figures(calendar):
    figures = publish_figures(compute(themed_world(), calendar), threshold=5)
    document = build(figures, replace(THEMED, sections=("reasons", "appendix_reasons")))
    assert [s.key for s in document.sections] == [
        "reasons",
        "appendix_reasons",
        "annex_suppressions",
    ]
    assert document.sections[-1].title == "Annex: figures withheld to protect children"
    # Every theme count is below 5, so the theme tables are withheld: the annex names the
    # section as this report titles it.
    annex = tables(document, "annex_suppressions")[0]
    assert annex.rows[0][0].text == "What people complain about"
    # Placed elsewhere, it keeps its place.
    placed = build(figures, replace(THEMED, sections=("annex_suppressions", "reasons")))
    assert [s.key for s in placed.sections] == ["annex_suppressions", "reasons"]


def test_narratives_of_sections_outside_the_profile_are_kept_but_not_shown(calendar):
    figures = compute(themed_world(), calendar)
    document = build(
        figures,
        replace(THEMED, sections=("reasons",)),
        narratives={"mediation": "Mediation resolved most disputes.", "reasons": "Why."},
    )
    assert [s.key for s in document.sections] == ["reasons"]
    assert document.sections[0].narrative.text == "Why."
    assert "Mediation resolved" not in everything(document)
    assert "mediation" not in document.unwritten


def test_every_section_by_default_in_the_default_order(calendar):
    figures = compute(themed_world(), calendar)
    document = build(figures, SETTINGS)
    assert [s.key for s in document.sections] == [
        k for k in SECTION_KEYS if k != "annex_suppressions"
    ]
    assert [s.title for s in document.appendices] == [
        "Appendix A: responsiveness",
        "Appendix B: reasons for complaint",
        "Appendix C: the voice of the child",
        "Appendix D: learning and improvements",
        "Appendix E: the figures and their definitions",
    ]


# -- appendix letters and the pointers to them ----------------------------------------------


def test_appendices_are_lettered_in_the_reports_order_and_pointers_follow(calendar):
    figures = compute(themed_world(), calendar)
    chosen = ("summary", "reasons", "children", "appendix_voice", "appendix_reasons")
    document = build(figures, replace(THEMED, sections=chosen))
    assert [s.title for s in document.appendices] == [
        "Appendix A: the voice of the child",
        "Appendix B: themes of complaints",
    ]
    assert "Examples of the complaints children and young people made are in Appendix A." in texts(
        document, "children"
    )
    assert texts(document, "reasons")[-1] == "Appendix B gives every theme."
    # No pointer to a letter the report does not give.
    assert "Appendix C" not in everything(document)
    assert "Appendix D" not in everything(document)


def test_an_appendix_left_out_moves_the_letters_and_drops_the_pointers_to_it(calendar):
    figures = compute(themed_world(), calendar)
    chosen = ("summary", "reasons", "children", "appendix_voice", "appendix_reasons")
    document = build(figures, replace(THEMED, sections=chosen), left_out={"appendix_voice"})
    assert [s.title for s in document.appendices] == ["Appendix A: themes of complaints"]
    assert texts(document, "reasons")[-1] == "Appendix A gives every theme."
    assert not [t for t in texts(document, "children") if "Appendix" in t]
    # Without the reasons appendix, the section shows every theme itself and points nowhere.
    without = build(figures, replace(THEMED, sections=("reasons", "children")))
    assert [t.key for t in tables(without, "reasons")] == ["themes.stage1", "themes.stage1.top5"]
    assert "Appendix" not in everything(without)


def test_by_category_the_reasons_pointer_follows_the_letter_too(calendar):
    b = themed_world()
    first = b.stage1("2021-07-01", responded="2021-07-05", outcome="upheld")
    b.aspect(first, "Delay", "Take Action")
    figures = compute(b, calendar)
    chosen = ("reasons", "appendix_figures", "appendix_reasons")
    document = build(figures, replace(SETTINGS, sections=chosen))
    assert "Appendix B gives every reason by category and sub-category." in texts(
        document, "reasons"
    )
    assert [s.title for s in document.appendices] == [
        "Appendix A: the figures and their definitions",
        "Appendix B: reasons for complaint",
    ]


def test_reletter_swaps_letters_at_once_and_refuses_a_missing_appendix():
    letters = {"appendix_responsiveness": "B", "appendix_reasons": "A"}
    assert reletter("See Appendix A, then Appendix B.", letters) == (
        "See Appendix B, then Appendix A."
    )
    assert reletter("See Appendix D.", letters) is None
    assert reletter("No appendix here; Appendixes are elsewhere.", letters) == (
        "No appendix here; Appendixes are elsewhere."
    )


def test_profile_sections_letter_what_is_in_the_report():
    specs = profile_sections(
        ("appendix_learning", "volumes", "appendix_responsiveness"),
        left_out={"appendix_learning"},
    )
    assert [(s.key, s.title) for s in specs] == [
        ("appendix_learning", "Appendix: learning and improvements"),
        ("volumes", "Volumes and trends"),
        ("appendix_responsiveness", "Appendix A: responsiveness"),
        ("annex_suppressions", "Annex: figures withheld to protect children"),
    ]
    assert profile_keys(()) == SECTION_KEYS
    # A key no longer known (a section renamed since the setting was made) is passed over.
    assert profile_keys(("volumes", "gone")) == ("volumes", "annex_suppressions")


# -- reasons by theme -----------------------------------------------------------------------


def test_by_theme_the_reasons_are_sentences_and_the_five_largest_against_last_year(calendar):
    figures = compute(themed_world(), calendar)
    document = build(figures, replace(THEMED, sections=("reasons", "appendix_reasons")))
    said = texts(document, "reasons")
    assert said[0] == (
        "Each stage 1 complaint is given one theme. The themes raised most often in 2021-22 "
        "were actions or conduct of worker (3 complaints); decision making, lack of support "
        "and poor communication (2 each); and family time and financial assistance (1 each)."
    )
    assert said[1] == (
        "Of the five largest themes, fewer complaints were upheld or partially upheld than in "
        "2020-21 in two: actions or conduct of worker (2, against 3) and poor communication "
        "(none, against 1); more in one: decision making (1, against none); the same number "
        "in two: lack of support (none in both) and family time (none in both)."
    )
    (top,) = tables(document, "reasons")
    assert top.key == "themes.stage1.top5"
    assert [[c.text for c in row] for row in top.rows] == [
        ["Actions / Conduct of Worker", "3", "2", "3"],
        ["Decision Making", "2", "1", "0"],
        ["Lack of Support", "2", "0", "0"],
        ["Poor Communication", "2", "0", "1"],
        ["Family Time", "1", "0", "0"],
    ]
    assert [c.label for c in top.columns][2:] == [
        "Upheld or partially upheld, 2021-22",
        "Upheld or partially upheld, 2020-21",
    ]
    # No categories by theme.
    assert "aspects" not in " ".join(t.key for t in tables(document, "reasons"))


def test_by_theme_appendix_b_lists_every_theme(calendar):
    figures = compute(themed_world(), calendar)
    document = build(figures, replace(THEMED, sections=("reasons", "appendix_reasons")))
    assert texts(document, "appendix_reasons") == [
        "Each stage 1 complaint is given one theme. The themes of the complaints received in "
        "2021-22, largest first:"
    ]
    (table,) = tables(document, "appendix_reasons")
    assert table.key == "themes.stage1"
    assert [[c.text for c in row] for row in table.rows] == [
        ["Actions / Conduct of Worker", "3", "2"],
        ["Decision Making", "2", "1"],
        ["Lack of Support", "2", "0"],
        ["Poor Communication", "2", "0"],
        ["Family Time", "1", "0"],
        ["Financial Assistance", "1", "1"],
    ]
    # Each count tied to the complaints behind it.
    assert all(row[1].drill is not None for row in table.rows)


def test_a_tie_too_large_to_name_is_counted(calendar):
    b = FactsBuilder()
    for n, theme in enumerate(["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta"]):
        b.stage1(f"2021-06-{7 + n:02d}", responded="2021-06-30", outcome="upheld", theme=theme)
    b.stage1("2021-07-01", responded="2021-07-30", outcome="upheld", theme="Omega")
    b.stage1("2021-07-02", responded="2021-07-30", outcome="upheld", theme="Omega")
    document = build(compute(b, calendar), replace(THEMED, sections=("reasons",)))
    assert texts(document, "reasons")[0] == (
        "Each stage 1 complaint is given one theme. The theme raised most often in 2021-22 was "
        "omega (2 complaints). Six other themes were raised once each."
    )


def test_by_theme_without_themes_says_so(calendar):
    b = FactsBuilder()
    b.stage1("2021-06-07", responded="2021-06-14", outcome="upheld")
    document = build(
        compute(b, calendar), replace(THEMED, sections=("reasons", "appendix_reasons"))
    )
    assert texts(document, "reasons") == [
        "No stage 1 complaint received in 2021-22 was given a theme."
    ]
    assert texts(document, "appendix_reasons") == [
        "No stage 1 complaint received in 2021-22 was given a theme."
    ]


def test_a_published_report_by_theme_compares_no_withheld_count(calendar):
    figures = publish_figures(compute(themed_world(), calendar), threshold=2)
    document = build(figures, replace(THEMED, sections=("reasons",)))
    said = texts(document, "reasons")
    # Counts of 1 are withheld (fewer than 2): those themes are not named, nor compared.
    assert said[0] == (
        "Each stage 1 complaint is given one theme. The themes raised most often in 2021-22 "
        "were actions or conduct of worker (3 complaints); and decision making, lack of support "
        "and poor communication (2 each)."
    )
    assert "family time" in said[1]
    assert said[1].endswith("the numbers are too small to publish.")


def test_childrens_themes_and_informal_feedback_themes_are_in_the_childrens_section(calendar):
    b = themed_world()
    child = b.complaint("2021-10-04", complainant_type="child_young_person", theme="Family Time")
    b.stage(child, responded="2021-10-08", outcome="upheld")
    b.informal_feedback("2021-11-01", theme="Loneliness")
    document = build(compute(b, calendar), replace(THEMED, sections=("children",)))
    assert "cyp.themes" in [t.key for t in tables(document, "children")]
    assert "informal_feedback.themes" in [t.key for t in tables(document, "children")]


def test_by_theme_the_headline_names_the_largest_theme(calendar):
    figures = compute(themed_world(), calendar)
    headlines = [p.plain for p in build(figures, replace(THEMED, sections=("summary",))).summary]
    assert (
        "The theme raised most often in stage 1 complaints was actions or conduct of worker "
        "(3 complaints)." in headlines
    )
    b = themed_world()
    b.stage1("2021-08-02", responded="2021-08-09", outcome="upheld", theme="Decision Making")
    headlines = [
        p.plain for p in build(compute(b, calendar), replace(THEMED, sections=("summary",))).summary
    ]
    assert (
        "The themes raised most often in stage 1 complaints were actions or conduct of worker "
        "and decision making (3 complaints each)." in headlines
    )
    # By category, no theme headline.
    by_category = [p.plain for p in build(figures, SETTINGS).summary]
    assert not [h for h in by_category if "theme" in h]


def test_the_spreadsheet_lists_the_reports_tables_first_in_its_order(calendar):
    import io

    from openpyxl import load_workbook

    from redress.reporting.render import renderer

    figures = compute(themed_world(), calendar)
    document = build(figures, replace(THEMED, sections=("reasons", "children", "appendix_reasons")))
    workbook = load_workbook(io.BytesIO(renderer("xlsx")(document, figures)))
    ids = [row[2] for row in workbook["Contents"].iter_rows(values_only=True) if row[2]]
    shown = ids[ids.index("themes.stage1.top5") :]
    # The five largest (reasons), the children's themes, then every theme (Appendix A), then
    # the tables the report does not show.
    assert shown[:3] == ["themes.stage1.top5", "cyp.themes", "themes.stage1"]
    assert "received.by_year" in shown[3:]
