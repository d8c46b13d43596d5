"""The stage 3 review panels of the year's requests: how many met by as_of, and how many within
the procedure's panel timescale (30 working days from the request, later by days on hold), the
counts behind `timeliness.stage3.panel_within_30.pct`."""

from redress.reporting.figures.numbers import pct

from .builders import FactsBuilder, compute, covers, expect


def panels() -> FactsBuilder:
    b = FactsBuilder()

    def request(received: str, panel: str | None, **kw) -> None:
        complaint = b.complaint("2021-01-04")
        b.stage(complaint, number=3, received=received, panel=panel, **kw)

    request("2021-07-01", "2021-08-05")  # 25 working days: in time
    request("2021-11-01", "2021-12-20")  # 35: late
    request("2021-11-01", "2021-12-20", held_days=5)  # 35 less 5 on hold: 30, in time
    request("2022-02-01", None)  # no panel by as_of
    request("2021-02-01", "2021-03-01")  # requested the year before: not counted
    # A stage 2 with a panel date recorded by mistake is no stage 3.
    b.stage(b.complaint("2021-06-01"), number=2, received="2021-06-01", panel="2021-06-10")
    return b


@covers("timeliness.stage3.panels_held", "timeliness.stage3.panels_in_time")
def test_panels_held_and_in_time_for_the_year_s_requests(calendar):
    figures = compute(panels(), calendar)
    expect(
        figures,
        {
            "received.stage3": 4,
            "timeliness.stage3.panels_held": 3,
            "timeliness.stage3.panels_in_time": 2,
            "timeliness.stage3.panel_within_30.pct": 66.7,
        },
    )
    assert pct(2, 3) == 66.7
    # The records behind each count, for drill-down.
    held = figures.evidence["timeliness.stage3.panels_held"]
    assert sorted(held["panel_taken"].to_list()) == [25, 30, 35]
    assert figures.evidence["timeliness.stage3.panels_in_time"]["panel_taken"].to_list() == [
        25,
        30,
    ]


def test_no_panels_is_none_held_and_none_in_time(calendar):
    b = FactsBuilder()
    b.stage(b.complaint("2021-01-04"), number=3, received="2022-02-01")
    figures = compute(b, calendar)
    assert figures.figures["timeliness.stage3.panels_held"] == 0
    assert figures.figures["timeliness.stage3.panels_in_time"] == 0
    assert figures.figures["timeliness.stage3.panel_within_30.pct"] is None
