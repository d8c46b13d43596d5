"""The registry: every figure id (each scalar with its `.previous` and `.change_pct`, each table)
has a unit test on hand-built data, every id has its definition, and the test helpers check
what they claim to check."""

import importlib
import pkgutil
from decimal import Decimal

import pytest

from redress.reporting import tests as reporting_tests
from redress.reporting.figures import SCALARS, TABLES, compute_figures
from redress.reporting.periods import financial_year

from . import builders
from .builders import CLAIMS, FactsBuilder, covers, expect, expect_table


def registered() -> tuple[set[str], set[str]]:
    """The scalar ids (with `.previous` and `.change_pct` where the figure has them) and the
    table ids."""
    scalars = set(SCALARS)
    for figure_id, spec in SCALARS.items():
        if spec.previous:
            scalars |= {f"{figure_id}.previous", f"{figure_id}.change_pct"}
    return scalars, set(TABLES)


def claimed() -> tuple[set[str], set[str]]:
    """The ids claimed by the unit tests of the figures (`test_figures_*`)."""
    modules = [
        f"{reporting_tests.__name__}.{m.name}"
        for m in pkgutil.iter_modules(reporting_tests.__path__)
        if m.name.startswith("test_figures_")
    ]
    for module in modules:
        importlib.import_module(module)
    claims = [claim for key, claim in CLAIMS.items() if key.split("::")[0] in modules]
    return (
        {figure_id for claim in claims for figure_id in claim.scalars},
        {table_id for claim in claims for table_id in claim.tables},
    )


def test_every_registered_figure_id_has_a_unit_test():
    (scalars, tables), (tested_scalars, tested_tables) = registered(), claimed()
    assert not scalars - tested_scalars, f"No unit test asserts: {sorted(scalars - tested_scalars)}"
    assert not tables - tested_tables, f"No unit test asserts: {sorted(tables - tested_tables)}"


def test_the_unit_tests_claim_only_registered_ids():
    (scalars, tables), (tested_scalars, tested_tables) = registered(), claimed()
    assert not tested_scalars - scalars, sorted(tested_scalars - scalars)
    assert not tested_tables - tables, sorted(tested_tables - tables)


def test_the_registry_holds_every_family():
    # 188 scalars (61 with a previous period: 122 companions) and 37 tables. The 61: 26 (stage
    # 2's average working days among them), and the in-time percentages and averages of both
    # timeliness populations (2 × 4 groups × 4) and stage 1's upheld, partially upheld and not
    # upheld percentages.
    assert (len(SCALARS), sum(s.previous for s in SCALARS.values()), len(TABLES)) == (188, 61, 37)
    scalars, tables = registered()
    assert (len(scalars), len(tables)) == (310, 37)  # 188 + 2 × 61


def test_every_figure_has_its_definition_written_out():
    for spec in (*SCALARS.values(), *TABLES.values()):
        assert len(spec.definition) > 15, spec.id
        assert "{" not in spec.definition, spec.id
        assert "}" not in spec.definition, spec.id
    assert SCALARS["outcome.stage2.withdrawn"].definition == (
        "stage 2 records received in the period with outcome withdrawn"
    )
    assert SCALARS["received.stage1"].group == "volumes"
    assert TABLES["costs"].kind == "table"


def test_only_computes_the_ids_asked_for_with_their_companions(calendar):
    b = FactsBuilder()
    b.stage1("2021-06-07")
    figures = compute_figures(
        facts=b.build(calendar),
        period=financial_year("2021-22"),
        only={"received.stage1", "context.referrals", "costs"},
        keep_evidence=True,
    )
    assert figures.figures == {
        "received.stage1": 1,
        "received.stage1.previous": 0,
        "received.stage1.change_pct": None,
        "context.referrals": None,
    }
    assert list(figures.tables) == ["costs"]
    assert figures.evidence["received.stage1"]["received"].to_list() == [builders.day("2021-06-07")]


def test_without_keep_evidence_the_figures_still_say_what_can_link(calendar):
    b = FactsBuilder()
    b.stage1("2021-06-07")
    figures = compute_figures(facts=b.build(calendar), period=financial_year("2021-22"))
    assert "received.stage1" in figures.evidence
    assert figures.evidence["received.stage1"] is None
    assert "escalation.stage1_to_stage2.pct" not in figures.evidence  # a ratio, not a count
    assert list(figures.table_evidence["received.by_service"]) == [0]


# -- the helpers the tests rely on ------------------------------------------------------------


class Figures:
    def __init__(self, figures, tables=None):
        self.figures, self.tables = figures, tables or {}


def test_expect_compares_type_and_value():
    expect(
        Figures({"a": 3, "b": 3.0, "c": None, "d": Decimal("7.50")}),
        {"a": 3, "b": 3.0, "c": None, "d": Decimal("7.50")},
    )
    with pytest.raises(AssertionError, match=r"a: expected 3.0, got 3$"):
        expect(Figures({"a": 3, "b": 1}), {"a": 3.0, "b": 1})
    with pytest.raises(AssertionError, match=r"d: expected Decimal\('7.5'\), got Decimal"):
        expect(Figures({"d": Decimal("7.50")}), {"d": Decimal("7.5")})
    with pytest.raises(AssertionError, match="e: not computed"):
        expect(Figures({}), {"e": 0})


def test_expect_table_compares_rows_in_order():
    expect_table(Figures({}, {"t": [{"x": 1}, {"x": 2}]}), "t", [{"x": 1}, {"x": 2}])
    with pytest.raises(AssertionError, match="t differs"):
        expect_table(Figures({}, {"t": [{"x": 1}, {"x": 2}]}), "t", [{"x": 2}, {"x": 1}])
    with pytest.raises(AssertionError, match="t differs"):
        expect_table(Figures({}, {"t": [{"x": 1}]}), "t", [{"x": 1, "y": None}])


def test_a_covering_test_fails_unless_it_checks_every_id_it_claims():
    @covers("a", "b", tables=["t"])
    def checks_only_a():
        expect(Figures({"a": 1}), {"a": 1})

    with pytest.raises(AssertionError, match=r"never checked: \['b', 't \(table\)'\]"):
        checks_only_a()

    @covers("a")
    def checks_a():
        expect(Figures({"a": 1}), {"a": 1})

    checks_a()
    del CLAIMS[f"{__name__}::{checks_only_a.__qualname__}"]
    del CLAIMS[f"{__name__}::{checks_a.__qualname__}"]
