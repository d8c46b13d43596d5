"""A report for a locality or service that began after the same period a year before: the
document is told when it began (`build_document(began=...)`, from `ReportScope.began`) and
compares nothing with a period it did not exist in. Here the five largest themes (Sandwell's
shape), on the themed world of `test_document_profiles`."""

from __future__ import annotations

import datetime
from dataclasses import replace

import pytest

from .builders.facts import compute
from .test_document_profiles import THEMED, build, tables, texts, themed_world

pytestmark = pytest.mark.django_db
BEGAN = datetime.date(2021, 4, 1)
SETTINGS = replace(THEMED, sections=("reasons", "appendix_reasons"))


def test_the_five_largest_themes_are_not_set_against_a_year_before_the_scope(calendar):
    figures = compute(themed_world(), calendar)
    document = build(figures, SETTINGS, locality="West", areas=(), began=BEGAN)
    said = texts(document, "reasons")
    assert not any("than in 2020-21" in t for t in said)
    assert not any("against none" in t for t in said)
    (top,) = tables(document, "reasons")
    assert top.key == "themes.stage1.top5"
    assert [c.label for c in top.columns][2:] == ["Upheld or partially upheld, 2021-22"]
    assert [[c.text for c in row] for row in top.rows] == [
        ["Actions / Conduct of Worker", "3", "2"],
        ["Decision Making", "2", "1"],
        ["Lack of Support", "2", "0"],
        ["Poor Communication", "2", "0"],
        ["Family Time", "1", "0"],
    ]
    assert top.footnote == (
        "The West locality began on 1 April 2021, so there is nothing in 2020-21 to compare with."
    )


def test_a_scope_in_use_a_year_before_keeps_the_comparison(calendar):
    figures = compute(themed_world(), calendar)
    document = build(figures, SETTINGS, locality="West", areas=(), began=datetime.date(2020, 4, 1))
    said = texts(document, "reasons")
    assert any("than in 2020-21" in t for t in said)
    (top,) = tables(document, "reasons")
    assert [c.label for c in top.columns][2:] == [
        "Upheld or partially upheld, 2021-22",
        "Upheld or partially upheld, 2020-21",
    ]
    assert top.footnote is None


def test_appendix_e_has_no_previous_year_column_for_a_scope_that_began_after_it(calendar):
    figures = compute(themed_world(), calendar)
    settings = replace(THEMED, sections=("appendix_figures",))
    document = build(figures, settings, locality="West", areas=(), began=BEGAN)
    table = tables(document, "appendix_figures")[0]
    assert [c.key for c in table.columns] == ["id", "value", "definition"]
    assert all(len(row) == 3 for row in table.rows)
    assert (
        "They are not compared with 2020-21: the West locality began on 1 April 2021, so there "
        "is nothing in 2020-21 to compare with." in " ".join(texts(document, "appendix_figures"))
    )
    # In use a year before: the comparison columns stay.
    document = build(figures, settings, locality="West", areas=(), began=datetime.date(2020, 4, 1))
    table = tables(document, "appendix_figures")[0]
    assert [c.key for c in table.columns] == ["id", "value", "previous", "change_pct", "definition"]
