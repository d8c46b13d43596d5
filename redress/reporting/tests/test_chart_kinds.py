"""The kinds of chart written as Vega-Lite (`charts/kinds.py`) give the same specs Altair built
(`altair_kinds.py`, the code they replaced: ADR 0038), for any rows and options."""

from __future__ import annotations

import json

import altair as alt
from hypothesis import given, settings
from hypothesis import strategies as st

from redress.reporting.charts import definitions, kinds

from . import altair_kinds
from .test_charts import every_chart

words = st.text(alphabet="AbcΩ &'-/0", min_size=1, max_size=8)
values = st.one_of(st.none(), st.integers(0, 10_000), st.floats(0, 100, allow_nan=False))


# Altair's first chart in a process loads its schema (a few hundred ms): no deadline.
examples = settings(deadline=None)


def row(**fields: st.SearchStrategy) -> st.SearchStrategy:
    return st.fixed_dictionaries({**fields, "value": values, "label": words})


def same(name: str, data: list, **options) -> None:
    ours = kinds.titled(getattr(kinds, name)(data, **options), "Title", "Description")
    altairs = altair_kinds.titled(
        getattr(altair_kinds, name)(data, **options), "Title", "Description"
    )
    assert json.dumps(ours, sort_keys=True) == json.dumps(altairs, sort_keys=True)


@examples
@given(st.lists(row(category=words), max_size=6), words, words, st.integers(50, 600))
def test_horizontal_bars(data, category_title, value_title, width):
    same(
        "horizontal_bars", data, category_title=category_title, value_title=value_title,
        width=width,
    )  # fmt: skip


@examples
@given(
    st.lists(row(facet=words, category=words), max_size=8),
    st.one_of(st.none(), words),
    st.integers(1, 4),
    st.booleans(),
    st.booleans(),
)
def test_small_multiple_bars(data, facet_title, columns, horizontal, shared_scale):
    same(
        "small_multiple_bars",
        data,
        facet_title=facet_title,
        category_title="Category",
        value_title="Value",
        columns=columns,
        width=180,
        horizontal=horizontal,
        shared_scale=shared_scale,
    )


@examples
@given(st.lists(row(month=st.sampled_from(["2021-04", "2021-05", "2022-03"])), max_size=4))
def test_line_over_time(data):
    same("line_over_time", data, value_title="Stage 1 complaints")


@examples
@given(st.lists(row(category=words, series=st.sampled_from(["2020-21", "2021-22"])), max_size=6))
def test_paired_bars(data):
    same(
        "paired_bars", data, category_title="Quarter", value_title="Responses",
        series=("2020-21", "2021-22"),
    )  # fmt: skip


def test_the_schema_is_altairs():
    assert kinds.SCHEMA == alt.SCHEMA_URL


def test_every_chart_definition_gives_altairs_spec(monkeypatch):
    ours = [chart.spec for chart in every_chart()]
    # The same definitions built with Altair's kinds, as before ADR 0038.
    monkeypatch.setattr(definitions, "kinds", altair_kinds)
    assert [chart.spec for chart in every_chart()] == ours
