"""Charts drawn ahead in a process of their own (`charts/drawing.py`, ADR 0037): the same SVG
as drawn here, and drawn here whenever the chart process cannot."""

import json
import os
import signal

import pytest

from redress.reporting.charts import definitions, drawing, spec_json
from redress.reporting.charts.drawing import Drawings, chart_process, draw
from redress.reporting.render.printed_charts import printed

from .test_charts import BY_YEAR


def specs(n: int = 3) -> list[str]:
    return [
        spec_json(
            {
                "data": {"values": [{"year": f"20{20 + i}", "n": i * 10 + k} for k in range(3)]},
                "mark": "bar",
                "encoding": {
                    "x": {"field": "year", "type": "nominal"},
                    "y": {"field": "n", "type": "quantitative"},
                },
            }
        )
        for i in range(n)
    ]


@pytest.fixture
def drawings(settings):
    settings.REDRESS_CHART_PROCESS = True
    return Drawings()


def test_charts_drawn_ahead_are_the_charts_drawn_here(drawings):
    charts = specs()
    assert drawings.ahead(charts) == 3
    assert drawings.ahead(charts) == 0  # already on their way
    assert [drawings(chart) for chart in charts] == [draw(chart) for chart in charts]
    assert drawings.ahead(charts) == 0  # kept
    assert drawings(charts[0]) is drawings(charts[0])


def test_a_report_chart_drawn_ahead_is_the_same_svg(drawings):
    spec = spec_json(printed(definitions.by_year(BY_YEAR).spec))
    drawings.ahead([spec])
    assert drawings(spec) == draw(spec)


def test_charts_are_drawn_here_when_the_chart_process_is_switched_off(drawings, settings):
    settings.REDRESS_CHART_PROCESS = False
    charts = specs(2)
    assert drawings.ahead(charts) == 0
    assert drawings(charts[1]) == draw(charts[1])


def test_a_chart_the_chart_process_cannot_draw_raises_here(drawings, caplog):
    """vl-convert's own error, from drawing it here, not a lost chart or a hang."""
    broken = json.dumps({"mark": 12})
    assert drawings.ahead([broken]) == 1
    with pytest.raises(ValueError, match="conversion failed"):
        drawings(broken)
    assert "drawing it here" in caplog.text
    # The chart process goes on drawing.
    [chart] = specs(1)
    assert drawings.ahead([chart]) == 1
    assert drawings(chart) == draw(chart)


def test_charts_are_drawn_here_if_the_chart_process_dies_and_the_next_start_another(drawings):
    charts = specs(3)
    drawings.ahead(charts[:1])
    assert drawings(charts[0]) == draw(charts[0])
    worker = chart_process._worker
    assert worker is not None
    worker.process.kill()
    worker.process.wait()
    drawings.ahead(charts[1:2])  # sent to the dead process, or to a new one
    assert drawings(charts[1]) == draw(charts[1])
    drawings.ahead(charts[2:])
    assert chart_process._worker is not None
    assert chart_process._worker is not worker
    assert chart_process._worker.process.poll() is None
    assert drawings(charts[2]) == draw(charts[2])


def test_charts_forgotten_before_they_are_asked_for_leave_the_next_ones_right(drawings):
    charts = specs(3)
    drawings.ahead(charts)
    drawings.cache_clear()
    assert drawings(charts[2]) == draw(charts[2])
    drawings.ahead(charts[:2])
    assert [drawings(chart) for chart in charts[:2]] == [draw(chart) for chart in charts[:2]]


def test_the_chart_process_imports_nothing_but_vl_convert():
    source = drawing.WORKER.read_text()
    imports = {line.split()[1] for line in source.splitlines() if line.strip().startswith("import")}
    froms = {line.split()[1] for line in source.splitlines() if line.startswith("from ")}
    assert imports == {"struct", "sys", "vl_convert"}
    assert froms == {"__future__"}


def test_a_chart_process_that_hangs_is_ended_and_the_charts_after_it_drawn_here(
    drawings, monkeypatch, caplog
):
    """Waited for once (WAIT_SECONDS), not once per chart: the second chart is failed by the
    first's ending, not by a wait of its own."""
    charts = specs(4)
    drawings.ahead(charts[:1])
    assert drawings(charts[0]) == draw(charts[0])
    hung = chart_process._worker
    assert hung is not None
    monkeypatch.setattr(drawing, "WAIT_SECONDS", 0.5)
    os.kill(hung.process.pid, signal.SIGSTOP)
    drawings.ahead(charts[1:3])
    assert drawings(charts[1]) == draw(charts[1])
    assert drawings(charts[2]) == draw(charts[2])
    warnings = [r.getMessage() for r in caplog.records if r.name == drawing.__name__]
    assert warnings == [
        "The chart process took over 0.5 s; drawing here",
        "A chart drawn ahead failed; drawing it here: no answer in 0.5 s",
    ]
    assert hung.process.poll() is not None  # ended
    drawings.ahead(charts[3:])
    assert chart_process._worker is not hung
    assert drawings(charts[3]) == draw(charts[3])


def test_a_forked_child_starts_its_own_chart_process(drawings):
    """A server forking its workers: the parent's process, threads and charts on their way
    are the parent's."""
    charts = specs(2)
    drawings.ahead(charts)
    parents = chart_process.lock, chart_process._worker
    try:
        drawing._after_fork()
        assert chart_process._worker is None
        assert chart_process.lock is not parents[0]
        assert drawings._ahead == {}
    finally:
        chart_process.lock, chart_process._worker = parents
    assert drawings(charts[0]) == draw(charts[0])
