"""The satisfaction survey's figures (FIGURES.md: `survey.*`), from a hand-built year whose
counts are worked out by hand in the comments."""

import pytest

from redress.reporting.publish import publish_figures

from .builders import FactsBuilder, compute, covers, expect, expect_table

QUESTIONS = ("listened", "outcome_understood", "kept_informed", "complain_again")


def surveyed() -> FactsBuilder:
    b = FactsBuilder()  # the year 2021-22, as of 2022-05-31
    f1, f2, f3, f4 = (b.complaint("2021-05-04", service="Fostering") for _ in range(4))
    s1, s2, s3 = (b.complaint("2021-06-01", service="Safeguarding") for _ in range(3))
    # Sent in 2021-22 and answered by 31 May 2022: five surveys. The answers are to listened,
    # outcome_understood, kept_informed and complain_again, in that order.
    b.survey(f1, "2021-06-01", answered="2021-06-03", answers=("yes", "yes", "partly", "yes"))
    b.survey(f2, "2021-07-01", answered="2021-07-02", answers=("no", "yes", "no", "partly"))
    b.survey(f3, "2021-09-01", stage=2, answered="2021-09-09", answers=("partly", "no", "no", "no"))
    b.survey(s1, "2021-10-01", answered="2022-04-20", answers=("yes", "partly", "yes", "yes"))
    b.survey(s2, "2022-03-31", stage=3, answered="2022-05-31", answers=("yes", "yes", "yes", "no"))
    # Sent in 2021-22, not answered by 31 May 2022: two (one is answered the day after).
    b.survey(f4, "2021-12-01")
    b.survey(s3, "2022-02-01", answered="2022-06-01", answers=("no", "no", "no", "no"))
    # Sent outside the year: not counted.
    b.survey(f1, "2021-03-31", stage=2, answered="2021-04-02", answers=("no",) * 4)
    b.survey(s1, "2022-04-01", stage=2, answered="2022-04-05", answers=("no",) * 4)
    return b


@pytest.fixture(scope="module")
def figures(calendar):
    return compute(surveyed(), calendar)


def rows(key: dict, counts: list[tuple[int, int, int]]) -> list[dict]:
    return [
        {**key, "question": q, "yes": yes, "partly": partly, "no": no}
        for q, (yes, partly, no) in zip(QUESTIONS, counts, strict=True)
    ]


@covers("survey.sent", "survey.responses", "survey.responses.pct")
def test_sent_responses_and_the_response_rate(figures):
    expect(
        figures,
        {
            "survey.sent": 7,
            "survey.responses": 5,
            "survey.responses.pct": 71.4,  # 5 ÷ 7 = 71.43 %
        },
    )
    assert figures.evidence["survey.sent"]["reference"].to_list() == [
        f"CSC-{n:04d}" for n in (1, 2, 3, 5, 6, 4, 7)
    ]


@covers(tables=["survey.answers"])
def test_the_answers_by_question(figures):
    # listened: yes f1 s1 s2, partly f3, no f2; outcome_understood: yes f1 f2 s2, partly s1,
    # no f3; kept_informed: yes s1 s2, partly f1, no f2 f3; complain_again: yes f1 s1,
    # partly f2, no f3 s2.
    expect_table(figures, "survey.answers", rows({}, [(3, 1, 1), (3, 1, 1), (2, 1, 2), (2, 1, 2)]))


@covers(tables=["survey.answers.by_stage"])
def test_the_answers_by_the_stage_the_complaint_closed_at(figures):
    expect_table(
        figures,
        "survey.answers.by_stage",
        # Stage 1: f1, f2, s1. Stage 2: f3. Stage 3: s2.
        rows({"stage": 1}, [(2, 0, 1), (2, 1, 0), (1, 1, 1), (2, 1, 0)])
        + rows({"stage": 2}, [(0, 1, 0), (0, 0, 1), (0, 0, 1), (0, 0, 1)])
        + rows({"stage": 3}, [(1, 0, 0), (1, 0, 0), (1, 0, 0), (0, 0, 1)]),
    )
    # The records behind a row: the surveys answered at that stage, with their answer.
    behind = figures.table_evidence["survey.answers.by_stage"][0]
    assert behind.select("reference", "answer").rows() == [
        ("CSC-0001", "yes"),
        ("CSC-0002", "no"),
        ("CSC-0005", "yes"),
    ]
    assert "comment" not in behind.columns


@covers(tables=["survey.answers.by_service"])
def test_the_answers_by_service(figures):
    expect_table(
        figures,
        "survey.answers.by_service",
        # Fostering: f1, f2, f3. Safeguarding: s1, s2.
        rows({"service": "Fostering"}, [(1, 1, 1), (2, 0, 1), (0, 1, 2), (1, 1, 1)])
        + rows({"service": "Safeguarding"}, [(2, 0, 0), (1, 1, 0), (2, 0, 0), (1, 0, 1)]),
    )


def test_publication_withholds_small_counts_of_answers(figures):
    published = publish_figures(figures, threshold=5)
    fostering = published.tables["survey.answers.by_service"][0]
    assert fostering == {
        "service": "Fostering",
        "question": "listened",
        "yes": None,
        "partly": None,
        "no": None,
    }
    assert ("survey.answers", 0, "yes") in published.suppressed
    assert ("survey.answers.by_stage", 4, "partly") in published.suppressed
    assert published.figures["survey.responses"] == 5  # scalars are not cut


def test_a_year_without_surveys(calendar):
    b = FactsBuilder()
    b.stage1("2021-06-07", responded="2021-06-14", outcome="upheld")
    figures = compute(b, calendar)
    assert figures.figures["survey.sent"] == 0
    assert figures.figures["survey.responses.pct"] is None
    assert figures.tables["survey.answers"] == rows({}, [(0, 0, 0)] * 4)
    assert len(figures.tables["survey.answers.by_stage"]) == 12
    assert figures.tables["survey.answers.by_service"] == []
