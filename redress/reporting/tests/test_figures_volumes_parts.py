"""Volumes by part of a period that spans a restructure: received by service and stage 1 against
open cases, once for each part (Sandwell 2021-22, Tables 2 to 5)."""

import datetime

import pytest

from redress.reporting.figures import compute_figures
from redress.reporting.figures.structure import restructures
from redress.reporting.periods import financial_year

from .builders import FactsBuilder, compute, covers, expect_table

OLD, NORTH, FOSTERING = "Safeguarding", "North Safeguarding", "Fostering"
BEFORE = {"part": 1, "from": datetime.date(2021, 4, 1), "to": datetime.date(2021, 12, 31)}
AFTER = {"part": 2, "from": datetime.date(2022, 1, 1), "to": datetime.date(2022, 3, 31)}


def restructured() -> FactsBuilder:
    """The citywide Safeguarding service until 31 December 2021, North Safeguarding from
    1 January 2022; Fostering throughout. Open cases for 2021-22 for all three."""
    b = FactsBuilder()
    b.service_version(OLD, valid_to="2021-12-31")
    b.service_version(NORTH, valid_from="2022-01-01")
    b.service_version(FOSTERING)
    first = b.stage1("2021-05-04", service=OLD)
    b.stage(first.complaint_id, number=2, received="2022-01-20")  # after, but still the old one's
    b.stage1("2021-11-01", service=OLD)
    b.stage1("2021-06-01", service=FOSTERING)
    b.stage1("2022-02-14", service=NORTH, locality="North")
    b.stage1("2022-03-01", service=FOSTERING)
    b.stage1("2022-03-31", service=FOSTERING)
    b.stage1("2022-04-01", service=NORTH, locality="North")  # the next year
    b.context_figure("2021-22", "open_cases", 400, service=OLD)
    b.context_figure("2021-22", "open_cases", 50, service=NORTH)
    b.context_figure("2021-22", "open_cases", 200, service=FOSTERING)
    b.context_figure("2020-21", "open_cases", 999, service=OLD)
    return b


@pytest.fixture(scope="module")
def figures(calendar):
    return compute(restructured(), calendar)


@covers(tables=["received.by_service.parts"])
def test_received_by_service_for_each_part(figures):
    expect_table(
        figures,
        "received.by_service.parts",
        [
            {**BEFORE, "service": OLD, "stage1": 2, "stage2": 0, "stage3": 0},
            {**BEFORE, "service": FOSTERING, "stage1": 1, "stage2": 0, "stage3": 0},
            {**AFTER, "service": FOSTERING, "stage1": 2, "stage2": 0, "stage3": 0},
            {**AFTER, "service": NORTH, "stage1": 1, "stage2": 0, "stage3": 0},
            {**AFTER, "service": OLD, "stage1": 0, "stage2": 1, "stage3": 0},
        ],
    )
    # The parts add up to the year's table.
    assert sum(r["stage1"] for r in figures.tables["received.by_service.parts"]) == sum(
        r["stage1"] for r in figures.tables["received.by_service"]
    )


@covers(tables=["ratio.stage1_to_open_cases.by_service.parts"])
def test_stage1_against_open_cases_for_each_part(figures):
    """Each part reads the year's open cases of the versions in force in it: Safeguarding
    before, North Safeguarding after, Fostering in both."""
    expect_table(
        figures,
        "ratio.stage1_to_open_cases.by_service.parts",
        [
            {**BEFORE, "service": FOSTERING, "complaints": 1, "open_cases": 200, "pct": 0.5},
            {**BEFORE, "service": OLD, "complaints": 2, "open_cases": 400, "pct": 0.5},
            {**AFTER, "service": FOSTERING, "complaints": 2, "open_cases": 200, "pct": 1.0},
            {**AFTER, "service": NORTH, "complaints": 1, "open_cases": 50, "pct": 2.0},
        ],
    )


def test_no_parts_without_a_restructure(calendar):
    """A period the versions' dates do not cut (the year before, the next year), and facts
    without the versions at all, have no parts: the year's tables are the only ones."""
    b = restructured()
    for period in ("2020-21", "2022-23"):
        tables = compute(b, calendar, period).tables
        assert tables["received.by_service.parts"] == []
        assert tables["ratio.stage1_to_open_cases.by_service.parts"] == []
    b.versions.clear()
    tables = compute(b, calendar).tables
    assert tables["received.by_service.parts"] == []
    assert tables["ratio.stage1_to_open_cases.by_service.parts"] == []


def test_a_restructure_is_a_day_some_versions_began_and_others_ended_before():
    """A service that only began (a new team) or only ended does not cut the period; nor does
    a restructure on the period's first day."""
    b = FactsBuilder()
    b.service_version(OLD, valid_to="2021-12-31")
    b.service_version(NORTH, valid_from="2022-01-01")
    b.service_version("New team", valid_from="2021-07-01")
    b.service_version("Closed team", valid_to="2021-09-30")
    b.service_version("Renamed", valid_to="2021-03-31")
    b.service_version("Renamed again", valid_from="2021-04-01")
    areas = b.build_versions()
    assert restructures(areas, financial_year("2021-22")) == [datetime.date(2022, 1, 1)]
    assert restructures(areas, financial_year("2020-21")) == []


def test_each_row_of_a_part_drills_down_to_its_own_records(calendar):
    """A row's records are those received in its part: Fostering's before the restructure
    are not its records after it."""
    facts = restructured().build(calendar)
    figures = compute_figures(facts=facts, period=financial_year("2021-22"), keep_evidence=True)
    rows = figures.tables["received.by_service.parts"]
    evidence = figures.table_evidence["received.by_service.parts"]
    fostering = [i for i, r in enumerate(rows) if r["service"] == FOSTERING]
    received = [sorted(evidence[i]["received"].to_list()) for i in fostering]
    assert received == [
        [datetime.date(2021, 6, 1)],
        [datetime.date(2022, 3, 1), datetime.date(2022, 3, 31)],
    ]
    ratios = figures.table_evidence["ratio.stage1_to_open_cases.by_service.parts"]
    assert [ratios[i].height for i in range(4)] == [1, 2, 2, 1]


def test_a_service_given_a_new_version_under_its_own_name_restructures_nothing():
    """Fostering moved into a locality on 1 January: a new version of the same service, not a
    new service, so its year is one table. A new team beginning the same day changes nothing
    either: nothing ended in its place."""
    b = FactsBuilder()
    b.service_version("Fostering", valid_to="2021-12-31")
    b.service_version("Fostering", valid_from="2022-01-01")
    b.service_version("New team", valid_from="2022-01-01")
    assert restructures(b.build_versions(), financial_year("2021-22")) == []
