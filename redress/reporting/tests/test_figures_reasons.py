"""Reasons for complaint (aspects of stage 1 complaints by category and sub-category) and
themes (where a theme taxonomy is used instead)."""

from .builders import FactsBuilder, compute, covers, expect, expect_table

DELAY, FAILURE, QUALITY, CONDUCT = (
    "Delay",
    "Service Failure / Refusal",
    "Service Quality",
    "Staff Conduct",
)


def reasons() -> FactsBuilder:
    b = FactsBuilder()
    first = b.stage1("2021-06-07")
    b.aspect(first, DELAY, "Take Action", finding="upheld")
    b.aspect(first, QUALITY, "Poor Communication")
    b.aspect(first, QUALITY, "Inappropriate Action Taken")
    second = b.stage1("2021-09-01")
    b.aspect(second, QUALITY, "Poor Communication")
    b.aspect(second, CONDUCT, "Bias")
    b.aspect(second, FAILURE)  # a category without a sub-category
    b.aspect(second, FAILURE, "Provide Advice / Information")
    b.aspect(second, FAILURE, "Provide a Service / Support")
    # Not counted: the reasons of a stage 2, and of a stage 1 received after the year.
    b.aspect(b.stage(first.complaint_id, number=2, received="2021-08-02"), DELAY, "Take Action")
    b.aspect(b.stage1("2022-04-04"), DELAY, "Take Action")
    # 2020-21: four, one of them in a category with none in 2021-22.
    last_year = b.stage1("2020-10-01")
    b.aspect(last_year, DELAY, "Take Action")
    b.aspect(last_year, DELAY, "Make a Decision")
    b.aspect(last_year, QUALITY, "Poor Communication")
    b.aspect(last_year, "Equalities", "Disability")
    return b


@covers("aspects.stage1.total", "aspects.stage1.total.previous", "aspects.stage1.total.change_pct")
def test_aspects_of_stage1_complaints_received_in_the_year(calendar):
    figures = compute(reasons(), calendar)
    expect(
        figures,
        {
            "aspects.stage1.total": 8,
            "aspects.stage1.total.previous": 4,
            "aspects.stage1.total.change_pct": 100.0,
        },
    )


@covers(tables=["aspects.stage1.by_category", "aspects.stage1.by_subcategory"])
def test_aspects_by_category_largest_first_and_by_subcategory_alphabetically(calendar):
    figures = compute(reasons(), calendar)
    expect_table(
        figures,
        "aspects.stage1.by_category",
        [
            # 3 each: alphabetical between them. Beside each, its count in 2020-21; Equalities,
            # with none in 2021-22, is not listed.
            {"category": FAILURE, "count": 3, "previous": 0},
            {"category": QUALITY, "count": 3, "previous": 1},
            {"category": DELAY, "count": 1, "previous": 2},
            {"category": CONDUCT, "count": 1, "previous": 0},
        ],
    )
    expect_table(
        figures,
        "aspects.stage1.by_subcategory",
        [
            {"category": DELAY, "subcategory": "Take Action", "count": 1},
            # Case does not decide the order ("a Service" before "Advice", as in Appendix B);
            # the aspect with no sub-category comes last in its category.
            {"category": FAILURE, "subcategory": "Provide a Service / Support", "count": 1},
            {"category": FAILURE, "subcategory": "Provide Advice / Information", "count": 1},
            {"category": FAILURE, "subcategory": None, "count": 1},
            {"category": QUALITY, "subcategory": "Inappropriate Action Taken", "count": 1},
            {"category": QUALITY, "subcategory": "Poor Communication", "count": 2},
            {"category": CONDUCT, "subcategory": "Bias", "count": 1},
        ],
    )
    # Drill-down: the sub-category row with no sub-category finds its one aspect.
    blank = figures.table_evidence["aspects.stage1.by_subcategory"][3]
    assert blank.select("category", "subcategory").to_dicts() == [
        {"category": FAILURE, "subcategory": None}
    ]


def themed() -> FactsBuilder:
    b = FactsBuilder()
    for theme, outcomes in {
        "Decision Making": ("upheld", "partially_upheld", "not_upheld"),
        "Communication": ("upheld", "upheld"),
        "Placement": ("not_upheld",),
        "Finance": ("withdrawn",),
        "Delay": (None,),
        "Contact": ("partially_upheld",),
    }.items():
        for outcome in outcomes:
            b.stage1("2021-06-07", theme=theme, outcome=outcome)
    b.stage1("2021-06-07")  # no theme: not in the themes tables
    for outcome in ("upheld", "not_upheld"):
        b.stage1("2020-06-01", theme="Decision Making", outcome=outcome)
    b.stage1("2020-06-01", theme="Placement", outcome="partially_upheld")
    return b


@covers(tables=["themes.stage1", "themes.stage1.top5"])
def test_themes_largest_first_and_the_top_five_with_last_years_upheld(calendar):
    figures = compute(themed(), calendar)
    expect_table(
        figures,
        "themes.stage1",
        [
            {"theme": "Decision Making", "count": 3, "upheld_or_partially": 2},
            {"theme": "Communication", "count": 2, "upheld_or_partially": 2},
            {"theme": "Contact", "count": 1, "upheld_or_partially": 1},
            {"theme": "Delay", "count": 1, "upheld_or_partially": 0},
            {"theme": "Finance", "count": 1, "upheld_or_partially": 0},
            {"theme": "Placement", "count": 1, "upheld_or_partially": 0},
        ],
    )
    expect_table(
        figures,
        "themes.stage1.top5",
        [
            {
                "theme": "Decision Making",
                "count": 3,
                "upheld_or_partially": 2,
                "previous_upheld_or_partially": 1,
            },
            {
                "theme": "Communication",
                "count": 2,
                "upheld_or_partially": 2,
                "previous_upheld_or_partially": 0,
            },
            {
                "theme": "Contact",
                "count": 1,
                "upheld_or_partially": 1,
                "previous_upheld_or_partially": 0,
            },
            {
                "theme": "Delay",
                "count": 1,
                "upheld_or_partially": 0,
                "previous_upheld_or_partially": 0,
            },
            {
                "theme": "Finance",
                "count": 1,
                "upheld_or_partially": 0,
                "previous_upheld_or_partially": 0,
            },
        ],
    )


def test_no_theme_taxonomy_means_empty_theme_tables(calendar):
    figures = compute(reasons(), calendar)
    assert figures.tables["themes.stage1"] == []
    assert figures.tables["themes.stage1.top5"] == []
