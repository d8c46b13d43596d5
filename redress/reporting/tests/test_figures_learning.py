"""Learning actions raised from complaints: completed by as_of, and overdue at as_of."""

import pytest

from .builders import FactsBuilder, compute, covers, expect, expect_table


@pytest.fixture(scope="module")
def figures(calendar):
    b = FactsBuilder()  # as_of 31 May 2022
    b.action("2021-04-01", due="2021-09-30", completed="2021-09-01", theme="Communication")
    b.action("2021-06-01", due="2022-05-30", theme="Communication")  # past due, not done
    b.action("2021-07-01", due="2022-05-31", theme="Recording")  # due on as_of: not overdue
    b.action("2021-08-02")  # no due date: never overdue
    b.action("2021-09-01", due="2021-12-01", completed="2022-05-31", theme="Recording")
    b.action("2021-03-31", due="2021-06-30", theme="Recording")  # raised the year before
    b.action("2022-04-01", due="2022-04-30", theme="Recording")  # raised after the year
    return compute(b, calendar)


@covers("actions.total", "actions.completed", "actions.overdue")
def test_actions_raised_completed_and_overdue(figures):
    expect(figures, {"actions.total": 5, "actions.completed": 2, "actions.overdue": 1})


@covers(tables=["actions.by_theme"])
def test_actions_by_theme(figures):
    expect_table(
        figures,
        "actions.by_theme",
        [
            {"theme": "Communication", "total": 2, "completed": 1, "overdue": 1},
            {"theme": "Recording", "total": 2, "completed": 1, "overdue": 0},
            {"theme": "No theme", "total": 1, "completed": 0, "overdue": 0},
        ],
    )
