"""Timeliness: the FIGURES.md cohort (`timeliness.*`: received in the period, responded by
as_of) and the published reports' population (`responses.*`: responded in the period, whenever
received), both without withdrawn and outside-jurisdiction stages; bands from the procedures'
own timescales; quarters; the stage 3 panel; and the stage 2 workload of the year.

Every working-day count below was worked by hand from the calendar (weekends and England and
Wales bank holidays skipped) and is the count of working days after the effective start up to
and including the response date.
"""

from dataclasses import replace

import polars as pl
import pytest

from redress.reporting.figures import compute_figures
from redress.reporting.periods import financial_year

from .builders import FactsBuilder, Ref, compute, covers, expect, expect_table

GROUPS = ("stage1", "stage2.statutory", "stage2.local", "stage3")
CHECKS = ("applicable", "initial", "maximum")


def timeliness() -> FactsBuilder:
    b = FactsBuilder()
    # -- stage 1 (statutory: 10, extendable to 20; local: 20) ----------------------------------
    # a: Monday 7 June → Monday 14 June 2021: 5.
    b.stage1("2021-06-07", responded="2021-06-14", outcome="upheld", locality="North")
    # b: Saturday 5 June (clock from Monday 7) → 21 June: 10, exactly on time.
    b.stage1("2021-06-05", responded="2021-06-21", outcome="not_upheld", locality="North")
    # c: Good Friday 2 April (clock from Tuesday 6: Easter Monday is a bank holiday too)
    #    → 21 April: 11, late against 10, within the maximum of 20.
    b.stage1("2021-04-02", responded="2021-04-21", outcome="not_upheld", locality="South")
    # d: extended to 20; 5 → 30 July: 19.
    b.stage1(
        "2021-07-05", responded="2021-07-30", outcome="upheld", extended_to=20, locality="South"
    )
    # e: local, 4 October → 5 November: 24, late against its 20.
    b.stage1("2021-10-04", responded="2021-11-05", outcome="not_upheld", procedure="local")
    # f: local, 10 → 24 January 2022: 10.
    b.stage1("2022-01-10", responded="2022-01-24", outcome="partially_upheld", procedure="local")
    # g, h: withdrawn and outside jurisdiction: in neither population.
    b.stage1("2021-08-02", responded="2021-08-05", outcome="withdrawn", locality="North")
    b.stage1("2021-09-01", responded="2021-09-02", outcome="outside_jurisdiction")
    # i: still outstanding at as_of: not in the cohort.
    b.stage1("2022-03-01", locality="East")
    # j: received 15 March 2021, answered 12 April 2021: 18 (Easter skipped). A response of
    #    2021-22, not in its cohort.
    b.stage1("2021-03-15", responded="2021-04-12", outcome="upheld", locality="North")
    # k: received 21 March 2022, answered 4 April 2022 (after the year, before as_of): 10. In
    #    the 2021-22 cohort, not among its responses.
    b.stage1("2022-03-21", responded="2022-04-04", outcome="upheld", locality="East")

    # -- statutory stage 2 (25, extendable to 65) ---------------------------------------------
    def stage2(received: str, responded: str | None, procedure: str = "statutory", **kw) -> Ref:
        complaint = b.complaint("2021-01-04", procedure=procedure)
        return b.stage(complaint, number=2, received=received, responded=responded, **kw)

    stage2("2021-05-04", "2021-06-08", outcome="upheld")  # 24 (31 May skipped): 0-25
    stage2("2021-09-01", "2021-11-30", outcome="not_upheld", extended_to=65)  # 64: 26-65
    stage2("2021-10-01", "2022-01-14", outcome="not_upheld")  # 72 (Christmas skipped): 66+
    stage2("2021-11-01", "2021-12-01", outcome="withdrawn")  # 22, withdrawn
    stage2("2022-02-01", None)  # outstanding
    stage2("2021-02-01", "2021-04-30", outcome="upheld")  # 62: a 2021-22 response
    stage2("2020-06-01", "2021-03-31", outcome="upheld")  # answered before the year began
    stage2("2021-01-04", None)  # open across the whole year
    stage2("2022-04-05", None)  # received after the year
    # -- local stage 2 (25) --------------------------------------------------------------------
    stage2("2021-06-01", "2021-07-06", procedure="local", outcome="upheld")  # 25: 0-25
    stage2("2021-11-01", "2021-12-20", procedure="local", outcome="not_upheld")  # 35: 26+
    stage2("2021-03-01", "2021-04-06", procedure="local", outcome="upheld")  # 24: response only

    # -- stage 3 (50 from request to final response; panel within 30) --------------------------
    def stage3(received: str, responded: str | None, panel: str | None) -> None:
        complaint = b.complaint("2020-06-01")
        b.stage(
            complaint,
            number=3,
            received=received,
            responded=responded,
            panel=panel,
            outcome="partially_upheld" if responded else None,
        )

    stage3("2021-07-01", "2021-09-02", panel="2021-08-05")  # 44; panel after 25
    stage3("2021-11-01", "2022-02-28", panel="2021-12-20")  # 82; panel after 35
    stage3("2022-02-01", None, panel=None)  # outstanding, no panel yet
    stage3("2021-02-01", "2021-04-01", panel="2021-03-01")  # 43: a 2021-22 response
    return b


@pytest.fixture(scope="module")
def figures(calendar):
    return compute(timeliness(), calendar)


def ids(population: str, group: str) -> list[str]:
    size = "cohort" if population == "timeliness" else "count"
    within = [f"{population}.{group}.within_{check}" for check in CHECKS]
    return [
        f"{population}.{group}.{size}",
        *within,
        *(f"{w}.pct" for w in within),
        f"{population}.{group}.average_working_days",
    ]


def values(size, applicable, initial, maximum, pcts, average) -> list:
    return [size, applicable, initial, maximum, *pcts, average]


@covers(*ids("timeliness", "stage1"), *ids("responses", "stage1"))
def test_stage1_cohort_and_responses(figures):
    # Cohort a b c d e f k (received in the year, answered by as_of, not withdrawn or out of
    # jurisdiction); taken 5 10 11 19 24 10 10. Applicable: a b d f k in time (c late, no
    # extension; e late). Initial: a b f k (d needed its extension). Maximum: all but e.
    cohort = values(7, 5, 4, 6, (71.4, 57.1, 85.7), 12.71)  # 89 ÷ 7 = 12.714
    # Responses of the year a b c d e f j; j took 18 with no extension: late against 10,
    # within 20.
    responses = values(7, 4, 3, 6, (57.1, 42.9, 85.7), 13.86)  # 97 ÷ 7 = 13.857
    expect(figures, dict(zip(ids("timeliness", "stage1"), cohort, strict=True)))
    expect(figures, dict(zip(ids("responses", "stage1"), responses, strict=True)))


@covers(*ids("timeliness", "stage2.statutory"), *ids("responses", "stage2.statutory"))
def test_statutory_stage2_cohort_and_responses(figures):
    # Cohort: 24 (in time), 64 (extended to 65: in time against applicable and maximum, late
    # against 25), 72 (late). The withdrawn one and the outstanding one are left out.
    cohort = values(3, 2, 1, 2, (66.7, 33.3, 66.7), 53.33)  # 160 ÷ 3
    # Responses add the one received in February 2021 and answered on 30 April: 62, within 65
    # but without an extension, so late against its applicable 25.
    responses = values(4, 2, 1, 3, (50.0, 25.0, 75.0), 55.5)  # 222 ÷ 4
    expect(figures, dict(zip(ids("timeliness", "stage2.statutory"), cohort, strict=True)))
    expect(figures, dict(zip(ids("responses", "stage2.statutory"), responses, strict=True)))


@covers(*ids("timeliness", "stage2.local"), *ids("responses", "stage2.local"))
def test_local_stage2_has_one_timescale(figures):
    # 25 (in time) and 35 (late); the responses add one received in March 2021: 24.
    cohort = values(2, 1, 1, 1, (50.0, 50.0, 50.0), 30.0)
    responses = values(3, 2, 2, 2, (66.7, 66.7, 66.7), 28.0)  # 84 ÷ 3
    expect(figures, dict(zip(ids("timeliness", "stage2.local"), cohort, strict=True)))
    expect(figures, dict(zip(ids("responses", "stage2.local"), responses, strict=True)))


@covers(
    *ids("timeliness", "stage3"),
    *ids("responses", "stage3"),
    "timeliness.stage3.panel_within_30.pct",
)
def test_stage3_against_50_days_and_its_panel_against_30(figures):
    # 44 (in time) and 82 (late); the outstanding one is not in the cohort. Responses add the
    # one requested in February 2021 and answered on 1 April: 43.
    cohort = values(2, 1, 1, 1, (50.0, 50.0, 50.0), 63.0)
    responses = values(3, 2, 2, 2, (66.7, 66.7, 66.7), 56.33)  # 169 ÷ 3
    expect(figures, dict(zip(ids("timeliness", "stage3"), cohort, strict=True)))
    expect(figures, dict(zip(ids("responses", "stage3"), responses, strict=True)))
    # Panels of the year's requests: one after 25 working days, one after 35.
    expect(figures, {"timeliness.stage3.panel_within_30.pct": 50.0})


def two_years() -> FactsBuilder:
    """A few stages of each group in 2020-21 and in 2021-22, for the comparisons."""
    b = FactsBuilder()

    def stage(number: int, received: str, responded: str, procedure: str = "statutory", **kw):
        complaint = b.complaint(received, procedure=procedure)
        b.stage(
            complaint,
            number=number,
            received=received,
            responded=responded,
            outcome="not_upheld",
            **kw,
        )

    # Stage 1, 2020-21: Monday to Monday 5; 20 (late against 10, within 20); 30 (late). And one
    # received in March 2020 and answered on 6 April 2020: 25, among 2020-21's responses only.
    stage(1, "2020-06-01", "2020-06-08")
    stage(1, "2020-09-07", "2020-10-05")
    stage(1, "2020-11-02", "2020-12-14")
    stage(1, "2020-03-02", "2020-04-06")
    # Stage 1, 2021-22: 5; 10; 20 with an extension to 20.
    stage(1, "2021-06-07", "2021-06-14")
    stage(1, "2021-09-06", "2021-09-20")
    stage(1, "2021-11-01", "2021-11-29", extended_to=20)
    # Statutory stage 2: 25 in 2020-21 (in time); 40 in 2021-22 (late against 25, within 65).
    stage(2, "2020-06-01", "2020-07-06")
    stage(2, "2021-06-07", "2021-08-02")
    # Local stage 2: 30 in 2020-21 (late); 20 in 2021-22 (in time).
    stage(2, "2020-06-01", "2020-07-13", procedure="local")
    stage(2, "2021-06-07", "2021-07-05", procedure="local")
    # Stage 3: none in 2020-21; 50 in 2021-22 (in time).
    stage(3, "2021-06-07", "2021-08-16")
    return b


def compared_ids(group: str) -> list[str]:
    base = [f"within_{check}.pct" for check in CHECKS] + ["average_working_days"]
    return [
        f"{population}.{group}.{figure}.{suffix}"
        for population in ("timeliness", "responses")
        for figure in base
        for suffix in ("previous", "change_pct")
    ]


def comparisons(previous: list, changes: list) -> list:
    """Values in the order of `compared_ids`: applicable, initial, maximum, average."""
    return [v for pair in zip(previous, changes, strict=True) for v in pair]


@covers(*compared_ids("stage1"))
def test_stage1_timeliness_with_the_year_before(calendar):
    figures = compute(two_years(), calendar)
    # 2021-22, both populations: initial 2 of 3 (66.7%), applicable and maximum 3 of 3,
    # average 35 ÷ 3 = 11.67.
    expect(
        figures,
        {
            "timeliness.stage1.within_initial.pct": 66.7,
            "responses.stage1.within_maximum.pct": 100.0,
            "responses.stage1.average_working_days": 11.67,
        },
    )
    # 2020-21 cohort: 5, 20, 30: applicable and initial 1 of 3 (33.3%), maximum 2 of 3
    # (66.7%), average 18.33. The changes are worked from the exact shares: 3 of 3 against 1
    # of 3 is +200%, 2 of 3 against 1 of 3 +100%, 3 of 3 against 2 of 3 +50%.
    cohort = comparisons([33.3, 33.3, 66.7, 18.33], [200.0, 100.0, 50.0, -36.3])
    # 2020-21 responses add the one received in March 2020 (25): 1, 1 and 2 of 4, average
    # 80 ÷ 4 = 20.0; 11.67 against 20.0 is −41.65%, −41.7 (half away from zero).
    responses = comparisons([25.0, 25.0, 50.0, 20.0], [300.0, 166.7, 100.0, -41.7])
    expect(figures, dict(zip(compared_ids("stage1"), cohort + responses, strict=True)))


@covers(*compared_ids("stage2.statutory"), *compared_ids("stage2.local"), *compared_ids("stage3"))
def test_stage2_and_stage3_timeliness_with_the_year_before(calendar):
    figures = compute(two_years(), calendar)
    # Statutory stage 2: 40 against 25. In time on every count in 2020-21; in 2021-22 within
    # the 65 only.
    statutory = comparisons([100.0, 100.0, 100.0, 25.0], [-100.0, -100.0, 0.0, 60.0])
    # Local stage 2: 20 against 30. Late on every count in 2020-21, so no % change from 0%.
    local = comparisons([0.0, 0.0, 0.0, 30.0], [None, None, None, -33.3])
    # Stage 3: nothing in 2020-21, so nothing to compare with.
    stage3 = comparisons([None] * 4, [None] * 4)
    for group, values in (("stage2.statutory", statutory), ("stage2.local", local)):
        expect(figures, dict(zip(compared_ids(group), values + values, strict=True)))
    expect(figures, dict(zip(compared_ids("stage3"), stage3 + stage3, strict=True)))
    expect(figures, {"timeliness.stage3.within_maximum.pct": 100.0})


def test_an_empty_population_has_null_percentages_and_average(calendar):
    b = FactsBuilder()
    b.stage1("2021-06-07", responded="2021-06-08", outcome="withdrawn")
    figures = compute(b, calendar)
    assert figures.figures["timeliness.stage1.cohort"] == 0
    assert figures.figures["timeliness.stage1.within_applicable"] == 0
    assert figures.figures["timeliness.stage1.within_applicable.pct"] is None
    assert figures.figures["timeliness.stage1.average_working_days"] is None
    assert figures.figures["responses.stage3.within_maximum.pct"] is None
    assert figures.figures["timeliness.stage3.panel_within_30.pct"] is None


@covers(tables=["timeliness.stage1.bands_by_area", "responses.stage1.bands_by_area"])
def test_stage1_bands_by_area_whatever_the_procedure(figures):
    def rows(area, counts, pcts):
        bands = ("0-10", "11-20", "21+")
        return [
            {"area": area, "band": band, "count": n, "pct": p}
            for band, n, p in zip(bands, counts, pcts, strict=True)
        ]

    # Cohort: Citywide e (24, local) f (10, local); East k (10); North a (5) b (10);
    # South c (11) d (19).
    expect_table(
        figures,
        "timeliness.stage1.bands_by_area",
        rows("Citywide", (1, 0, 1), (50.0, 0.0, 50.0))
        + rows("East", (1, 0, 0), (100.0, 0.0, 0.0))
        + rows("North", (2, 0, 0), (100.0, 0.0, 0.0))
        + rows("South", (0, 2, 0), (0.0, 100.0, 0.0))
        + rows("TOTAL", (4, 2, 1), (57.1, 28.6, 14.3)),
    )
    # Responses: no East (k was answered after the year); North gains j (18).
    expect_table(
        figures,
        "responses.stage1.bands_by_area",
        rows("Citywide", (1, 0, 1), (50.0, 0.0, 50.0))
        + rows("North", (2, 1, 0), (66.7, 33.3, 0.0))
        + rows("South", (0, 2, 0), (0.0, 100.0, 0.0))
        + rows("TOTAL", (3, 3, 1), (42.9, 42.9, 14.3)),
    )


@covers(tables=["timeliness.stage1.by_quarter"])
def test_stage1_met_and_missed_by_quarter_of_receipt(figures):
    expect_table(
        figures,
        "timeliness.stage1.by_quarter",
        [
            {"quarter": "Q1", "met": 2, "missed": 1},  # a b met; c missed
            {"quarter": "Q2", "met": 1, "missed": 0},  # d met with its extension
            {"quarter": "Q3", "met": 0, "missed": 1},  # e
            {"quarter": "Q4", "met": 2, "missed": 0},  # f k
        ],
    )


@covers(
    tables=[
        "timeliness.stage2.statutory.bands",
        "timeliness.stage2.local.bands",
        "responses.stage2.statutory.bands",
        "responses.stage2.local.bands",
    ]
)
def test_stage2_bands_come_from_each_procedures_timescales(figures):
    third = 33.3
    expect_table(
        figures,
        "timeliness.stage2.statutory.bands",
        [
            {"band": "0-25", "count": 1, "pct": third},
            {"band": "26-65", "count": 1, "pct": third},
            {"band": "66+", "count": 1, "pct": third},
        ],
    )
    expect_table(
        figures,
        "responses.stage2.statutory.bands",
        [
            {"band": "0-25", "count": 1, "pct": 25.0},
            {"band": "26-65", "count": 2, "pct": 50.0},
            {"band": "66+", "count": 1, "pct": 25.0},
        ],
    )
    expect_table(
        figures,
        "timeliness.stage2.local.bands",
        [{"band": "0-25", "count": 1, "pct": 50.0}, {"band": "26+", "count": 1, "pct": 50.0}],
    )
    expect_table(
        figures,
        "responses.stage2.local.bands",
        [{"band": "0-25", "count": 2, "pct": 66.7}, {"band": "26+", "count": 1, "pct": 33.3}],
    )


def test_bands_follow_the_procedures_own_timescales(calendar):
    # An authority whose statutory stage 1 is 15 working days, extendable to 30: its bands are
    # 0-15, 16-30 and 31+, with no number written in the figures code.
    b = FactsBuilder()
    b.stage1("2021-06-07", responded="2021-06-28", outcome="upheld")  # 15 working days
    facts = b.build(calendar)
    statutory1 = (pl.col("procedure") == "statutory") & (pl.col("stage") == 1)
    rules = facts.stage_rules.with_columns(
        pl.when(statutory1).then(15).otherwise(pl.col("initial_days")).alias("initial_days"),
        pl.when(statutory1).then(30).otherwise(pl.col("max_days")).alias("max_days"),
    )
    figures = compute_figures(
        facts=replace(facts, stage_rules=rules),
        period=financial_year("2021-22"),
        only={"timeliness.stage1.bands_by_area"},
    )
    assert figures.tables["timeliness.stage1.bands_by_area"][-3:] == [
        {"area": "TOTAL", "band": "0-15", "count": 1, "pct": 100.0},
        {"area": "TOTAL", "band": "16-30", "count": 0, "pct": 0.0},
        {"area": "TOTAL", "band": "31+", "count": 0, "pct": 0.0},
    ]


@covers(
    "stage2.active",
    "stage2.completed",
    "stage2.completed_out_of_time",
    "stage2.completed.average_working_days",
    "stage2.completed.average_working_days.previous",
    "stage2.completed.average_working_days.change_pct",
)
def test_stage2_workload_over_the_year_across_its_boundaries(figures):
    expect(
        figures,
        {
            # Open at some time in the year: the nine statutory stage 2s less the one answered
            # on 31 March 2021 and the one received after the year, plus the three local ones:
            # including one open since January 2021 and the one answered in April 2021.
            "stage2.active": 10,
            # Answered in the year: 24, 64, 72, 62 and locally 25, 35, 24. The one withdrawn
            # (after 22 working days) closed in the year but was not answered: a withdrawal is
            # not a response (FIGURES.md).
            "stage2.completed": 7,
            # Later than their applicable deadline: 72 and 62 (25 each) and 35 (local 25).
            "stage2.completed_out_of_time": 3,
            "stage2.completed.average_working_days": 43.71,  # 306 ÷ 7
            # The year before: the one answered on 31 March 2021, received on 1 June 2020.
            "stage2.completed.average_working_days.previous": 213.0,
            "stage2.completed.average_working_days.change_pct": -79.5,  # (43.71 - 213) ÷ 213
        },
    )
