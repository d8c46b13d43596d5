"""The contract with FIGURES.md (the copy in docs/, so the test runs on a clean checkout): every
scalar and table it defines is registered, tables have exactly the columns it lists, and the
`redress.figures/1` JSON has the shape and number formats it specifies."""

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from redress.reporting.figures import SCALARS, TABLES, to_json

from .builders import FactsBuilder, compute

FIGURES_MD = Path(__file__).resolve().parents[3] / "docs" / "FIGURES.md"
STAGES = ("1", "2", "3")
ID = r"[a-z_0-9]+(?:\.[A-Za-z_0-9]+)+"


def section(text: str, title: str) -> str:
    start = text.index(f"## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end >= 0 else None]


def table_rows(markdown: str) -> list[tuple[str, str]]:
    """(first column, second column) of each body row of the section's Markdown table."""
    rows = []
    for line in markdown.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| `") and len(cells) == 2:
            rows.append((cells[0], cells[1]))
    return rows


def placeholder_values(definition: str) -> dict[str, list[str]]:
    """The values a definition gives a one-letter placeholder: "for S in `a`, `b`" or
    "by outcome R: `a`, `b`"."""
    return {
        letter: re.findall(r"`([^`]+)`", listed)
        for letter, listed in re.findall(r"\b([A-Z])(?: in|:) ((?:`[^`]+`(?:, )?)+)", definition)
    }


def expand(figure_id: str, values: dict[str, list[str]]) -> list[str]:
    ids = (
        [figure_id.replace("stageN", f"stage{n}") for n in STAGES]
        if "stageN" in figure_id
        else [figure_id]
    )
    for letter, options in values.items():
        if f".{letter}." in f".{figure_id}.":
            ids = [
                ".".join(option if part == letter else part for part in i.split("."))
                for i in ids
                for option in options
            ]
    return ids


def resolve(relative: str, previous: str) -> str:
    """`.stage2` after `compensation.stage1` is `compensation.stage2`; `.within_initial.pct` after
    `timeliness.S.within_initial` is `timeliness.S.within_initial.pct`."""
    parts, first = previous.split("."), relative.lstrip(".").split(".")
    cut = len(parts) - 1 - parts[::-1].index(first[0]) if first[0] in parts else len(parts) - 1
    return ".".join(parts[:cut] + first)


class Contract:
    def __init__(self, text: str) -> None:
        self.text = text
        # "- **Outcomes**: `upheld`, … and `outstanding` (no outcome recorded by `as_of`)."
        conventions = section(text, "Conventions")
        bullet = conventions[conventions.index("- **Outcomes**") :].split("\n- ")[0]
        self.outcomes = re.findall(r"`([a-z_]+)`", bullet.split("(")[0])
        rows = table_rows(section(text, "Scalar figures"))
        # A placeholder's values are given once, in one definition, for the whole table.
        self.values = {"O": self.outcomes}
        for _, definition in rows:
            self.values.update(placeholder_values(definition))
        listed = {v for options in self.values.values() for v in options}
        self.scalars: dict[str, bool] = {}  # id → marked P (has .previous and .change_pct)
        self.referenced: set[str] = set()
        for ids_cell, definition in rows:
            previous = ""
            for written, p in re.findall(r"`([^`]+)`(\s+P\b)?", ids_cell):
                full = resolve(written, previous) if written.startswith(".") else written
                previous = full
                for figure_id in expand(full, self.values):
                    self.scalars[figure_id] = bool(p)
            for mention in re.findall(rf"`({ID})`", definition):
                if mention not in listed:
                    self.referenced.update(expand(mention, self.values))
        self.tables: dict[str, list[str] | None] = {}
        for ids_cell, shape_cell in table_rows(section(text, "Tables")):
            ids = re.findall(r"`([^`]+)`", ids_cell)
            shapes = [self.keys(group) for group in re.findall(r"\{([^}]*)\}", shape_cell)]
            for i, table_id in enumerate(ids):
                if not shapes:
                    self.tables[table_id] = None
                    continue
                shape = shapes[i] if len(shapes) == len(ids) else shapes[0]
                self.tables[table_id] = [k.split(" or ")[i] if " or " in k else k for k in shape]

    @staticmethod
    def keys(group: str) -> list[str]:
        return [part.split(":")[0].strip() for part in group.split(",")]


@pytest.fixture(scope="module")
def contract() -> Contract:
    return Contract(FIGURES_MD.read_text())


def test_the_contract_is_read_as_written(contract):
    assert "N is 1, 2 or 3." in contract.text
    assert contract.outcomes == [
        "upheld",
        "partially_upheld",
        "not_upheld",
        "inconclusive",
        "outside_jurisdiction",
        "withdrawn",
        "outstanding",
    ]
    assert resolve(".within_applicable.pct", "timeliness.S.within_applicable") == (
        "timeliness.S.within_applicable.pct"
    )
    assert resolve(".lgo", "compensation.stage1") == "compensation.lgo"
    assert {
        "timeliness.stage2.local.average_working_days",
        "lgo.decision.no_fault",
        "mediation.outcome.declined",
        "outcome.stage3.outstanding.pct",
        "cyp.stage1.outcome.withdrawn",
        "compensation.lgo",
    } <= set(contract.scalars)
    assert contract.scalars["costs.stage3.review_panel"] is True
    assert contract.scalars["cyp.stage1.pct"] is False
    assert {"lgo.decision.pending", "received.stage2.statutory"} <= contract.referenced
    assert contract.values["S"] == ["stage1", "stage2.statutory", "stage2.local", "stage3"]
    assert contract.values["R"] == ["resolved", "escalated", "ombudsman", "paused", "declined"]
    assert contract.values["D"] == [
        "premature",
        "closed_after_initial_enquiries",
        "not_investigated",
        "outside_jurisdiction",
        "fault_found",
        "no_fault",
    ]
    previous = ["previous", "previous_pct"]
    assert contract.tables["method.stage1"] == ["method", "count", "pct", *previous]
    assert contract.tables["complainant.stage1"] == ["complainant_type", "count", "pct", *previous]
    assert contract.tables["aspects.stage1.by_category"] == ["category", "count", "previous"]
    assert contract.scalars["timeliness.stage2.local.within_initial.pct"] is True
    assert contract.scalars["timeliness.stage2.local.within_initial"] is False
    assert contract.scalars["outcome.stage1.not_upheld.pct"] is True
    assert contract.scalars["outcome.stage1.withdrawn.pct"] is False


def test_every_scalar_figures_md_defines_is_registered(contract):
    missing = sorted(set(contract.scalars) - set(SCALARS))
    assert not missing, f"In FIGURES.md but not registered: {missing}"
    # With lgo.decision.pending, which the definition of lgo.decision.D names.
    assert len(set(contract.scalars) | contract.referenced) == 156


def test_every_id_a_definition_refers_to_is_registered(contract):
    assert not contract.referenced - set(SCALARS), sorted(contract.referenced - set(SCALARS))


def test_every_figure_marked_p_has_a_previous_value_and_a_change(contract):
    without = [i for i, p in contract.scalars.items() if p and not SCALARS[i].previous]
    assert not without, f"Marked P but no .previous/.change_pct: {without}"


def test_only_the_responses_family_is_registered_beyond_figures_md(contract):
    # `responses.*`: the timeliness measures over responses issued in the period, the
    # population the published reports use (see figures/timeliness.py).
    extra_scalars = set(SCALARS) - set(contract.scalars) - contract.referenced
    extra_tables = set(TABLES) - set(contract.tables)
    assert {i.split(".")[0] for i in extra_scalars | extra_tables} == {"responses"}
    assert len(extra_scalars) == 32
    assert extra_tables == {
        "responses.stage1.bands_by_area",
        "responses.stage2.statutory.bands",
        "responses.stage2.local.bands",
    }


def everything() -> FactsBuilder:
    """At least one record of every kind, so that every table has rows."""
    b = FactsBuilder()
    first = b.stage1(
        "2021-06-07",
        responded="2021-06-14",
        outcome="upheld",
        locality="North",
        complainant_type="child_young_person",
        complainant="P1",
        theme="Placement",
    )
    b.aspect(first, "Delay", "Take Action")
    b.stage1("2021-09-01", responded="2021-10-01", outcome="not_upheld", complainant="P1")
    b.stage(
        first.complaint_id,
        number=2,
        received="2021-07-01",
        responded="2021-09-01",
        outcome="partially_upheld",
    )
    b.stage(first.complaint_id, number=3, received="2021-10-01")
    b.stage1("2020-06-01", theme="Placement", outcome="upheld")
    b.answer(first.complaint_id, "on_time", "yes")
    b.survey(first.complaint_id, "2021-06-15", answered="2021-06-20", answers=("yes",) * 4)
    b.mediation(first.complaint_id, offered="2021-08-02", held="2021-08-20", outcome="resolved")
    b.enquiry(
        "2021-11-01", decided="2022-01-10", decision="no_fault", complaint_id=first.complaint_id
    )
    b.payment("2021-08-02", "1500.15", kind="investigating_officer", stage="2")
    b.payment("2021-05-04", "250.00", kind="compensation", stage="1")
    b.compliment("2021-05-04", staff_member="A Worker", text="Thank you, A Worker.")
    b.informal_feedback("2021-05-04", theme="Contact", satisfied=True)
    b.action("2021-07-01", due="2021-09-30", theme="Communication")
    b.context_figure("2021-22", "referrals", 300)
    b.context_figure("2021-22", "open_cases", 120, service="Fostering")
    # A restructure on 1 January 2022, so that the tables by part have rows.
    b.service_version("Fostering")
    b.service_version("Safeguarding", valid_to="2021-12-31")
    b.service_version("North Safeguarding", valid_from="2022-01-01")
    return b


@pytest.fixture(scope="module")
def figures(calendar):
    return compute(everything(), calendar)


def test_every_table_figures_md_defines_is_registered_with_its_columns(contract, figures):
    assert set(contract.tables) <= set(TABLES)
    for table_id, columns in contract.tables.items():
        rows = figures.tables[table_id]
        assert rows, f"{table_id}: the test data should give it rows"
        if table_id == "themes.stage1.top5":
            # "the five largest themes, with previous_upheld_or_partially"
            columns = [*contract.tables["themes.stage1"], "previous_upheld_or_partially"]
        assert columns is not None, table_id
        for row in rows:
            assert list(row) == columns, f"{table_id}: {list(row)} is not {columns}"


@pytest.fixture(scope="module")
def report(figures):
    return to_json(figures)


def test_the_json_has_the_schema_period_and_as_of(report):
    assert list(report) == ["schema", "period", "as_of", "figures", "tables"]
    assert report["schema"] == "redress.figures/1"
    assert report["period"] == {"label": "2021-22", "start": "2021-04-01", "end": "2022-03-31"}
    assert report["as_of"] == "2022-05-31"


def test_the_json_holds_every_figure_and_table(report):
    companions = {
        f"{i}.{suffix}"
        for i, spec in SCALARS.items()
        if spec.previous
        for suffix in ("previous", "change_pct")
    }
    assert set(report["figures"]) == set(SCALARS) | companions
    assert set(report["tables"]) == set(TABLES)
    # Plain JSON: no Decimal, no date objects left for an encoder to guess at.
    text = json.dumps(report)
    assert json.loads(text) == report


def test_money_is_a_number_of_pounds_with_pennies(report):
    figures, costs = report["figures"], report["tables"]["costs"]
    assert figures["costs.stage2.investigating_officer"] == 1500.15
    assert figures["compensation.stage1"] == 250.0
    assert figures["payments.total"] == 1750.15
    assert costs[0] == {
        "kind": "investigating_officer",
        "stage": "2",
        "amount": 1500.15,
        "previous": 0.0,
    }
    money = [
        v
        for k, v in figures.items()
        if k.startswith(("costs.", "compensation.", "payments.", "lgo.remedy"))
        and not k.endswith("change_pct")
    ]
    assert money
    for value in money:
        assert isinstance(value, float)
        assert Decimal(repr(value)) == Decimal(repr(value)).quantize(Decimal("0.01"))
    assert '"payments.total": 1750.15' in json.dumps(report)


def test_percentages_to_one_place_and_ratios_to_two(report):
    places = {}
    for figure_id, value in report["figures"].items():
        if figure_id.endswith(("pct", ".pct.previous")) and value is not None:
            assert isinstance(value, float), figure_id
            places[figure_id] = -Decimal(repr(value)).normalize().as_tuple().exponent
    assert places
    for figure_id, n in places.items():
        assert n <= (2 if figure_id.startswith("ratio.") else 1), (figure_id, n)
    assert report["figures"]["ratio.stage1_to_referrals.pct"] == 0.67  # 2 of 300 = 0.666…
    assert report["figures"]["cyp.stage1.pct"] == 50.0


def test_a_change_from_zero_is_null(report):
    assert report["figures"]["costs.stage2.investigating_officer.previous"] == 0.0
    assert report["figures"]["costs.stage2.investigating_officer.change_pct"] is None
    assert '"received.stage3.change_pct": null' in json.dumps(report)


def test_dates_in_tables_are_iso_text(report):
    assert report["tables"]["lgo.enquiries"] == [
        {"enquiry": "Enquiry 1", "received_date": "2021-11-01", "decision": "no_fault"}
    ]


def test_a_withheld_cell_is_null_and_its_row_says_so(figures):
    figures.tables["received.by_service"][0]["stage3"] = None
    figures.suppressed.add(("received.by_service", 0, "stage3"))
    try:
        rows = to_json(figures)["tables"]["received.by_service"]
    finally:
        figures.suppressed.clear()
        figures.tables["received.by_service"][0]["stage3"] = 1
    assert rows == [
        {"service": "Fostering", "stage1": 2, "stage2": 1, "stage3": None, "suppressed": True}
    ]
