"""The second demo authority's report for 2021-22, with its structure set (demo_setup): the
whole-service redesign of 1 January 2022 makes its stage 1 complaints by service two data sets,
April to December 2021 and January to March 2022, each with its proportion against open cases
(Sandwell 2021-22, section 4.1, Tables 2 to 5)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from redress.core import config
from redress.demo.generator.sandwell import generate, shape
from redress.demo.management.commands.demo_setup import SANDWELL_SETTINGS
from redress.demo.structure import apply_sandwell_structure
from redress.imports.services import import_dataset
from redress.reporting.document.model import ChartBlock, Paragraph, TableBlock
from redress.reporting.periods import financial_year
from redress.reporting.services import prepare_report

pytestmark = pytest.mark.django_db

APRIL, DECEMBER = datetime.date(2021, 4, 1), datetime.date(2021, 12, 31)
JANUARY, MARCH = datetime.date(2022, 1, 1), datetime.date(2022, 3, 31)


def test_stage1_by_service_is_two_data_sets(tmp_path: Path, settings):
    settings.REDRESS_TODAY = shape.AS_OF
    folder = tmp_path / "sandwell"
    generate(folder)
    assert import_dataset(path=folder, create_missing=True).imported
    apply_sandwell_structure()
    for key, value in SANDWELL_SETTINGS.items():
        config.set_value(key, value, by=None)

    prepared = prepare_report(period=financial_year("2021-22"), as_of=shape.AS_OF)

    tables = prepared.figures.tables
    parts = tables["received.by_service.parts"]
    before = {r["service"]: r["stage1"] for r in parts if r["part"] == 1}
    after = {r["service"]: r["stage1"] for r in parts if r["part"] == 2}
    assert {(r["from"], r["to"]) for r in parts} == {(APRIL, DECEMBER), (JANUARY, MARCH)}
    # 150 received April to December, 55 January to March (Table 8's quarters).
    assert {k: v for k, v in before.items() if v} == shape.STAGE1_BY_OLD_SERVICE
    assert {k: v for k, v in after.items() if v} == shape.STAGE1_BY_NEW_SERVICE
    assert (sum(before.values()), sum(after.values())) == (150, 55)
    ratios = tables["ratio.stage1_to_open_cases.by_service.parts"]
    assert {r["service"] for r in ratios if r["part"] == 1} == set(shape.OLD_SERVICES)
    spring = {r["service"]: r["pct"] for r in ratios if r["part"] == 2}
    assert set(spring) == set(shape.NEW_SERVICES)
    # "The Children in Care Service during January – March 2022 received a higher proportion
    # of complaints, 2.9% … closely followed by Smethwick and Oldbury at 2.8%."
    assert sorted(spring.values(), reverse=True)[:2] == [2.9, 2.8]
    assert spring["Children in Care Service"] == 2.9
    assert spring["Kelsall and Oakditch Locality"] == 2.8

    assert prepared.document is not None
    blocks = prepared.document.section("services").blocks
    shown = [b.table if isinstance(b, ChartBlock) else b for b in blocks]
    captions = [b.caption for b in shown if isinstance(b, TableBlock)]
    assert captions[1:] == [
        "Complaints received by service and stage, April to December 2021",
        "Stage 1 complaints against open cases, by service, April to December 2021",
        "Complaints received by service and stage, January to March 2022",
        "Stage 1 complaints against open cases, by service, January to March 2022",
    ]
    said = [b.plain for b in blocks if isinstance(b, Paragraph)]
    assert (
        "The services were restructured on 1 January 2022, when some ended and others began in "
        "their place, so complaints by service are given as two separate sets, for April to "
        "December 2021 and January to March 2022." in said
    )
