"""The demo workbooks' learning actions carry "you said, we did" words and, where an action came
from a complaint, the stage whose response prompted it; the same seed gives the same words, and
both workbooks import with them (Appendix D of the report prints them)."""

import tempfile
from collections import Counter
from pathlib import Path

import pytest
from django.db import transaction

from redress.complaints.models import LearningAction
from redress.demo.generator import DEFAULT_SEED, generate, sandwell
from redress.demo.generator.build import build_dataset
from redress.demo.generator.records import SHEETS
from redress.imports.services import import_dataset

from .test_generator import REPORT_NAMES

ACTIONS = SHEETS["actions"]


def actions(rows) -> list[dict[str, str]]:
    return [dict(zip(ACTIONS, row, strict=True)) for row in rows]


@pytest.fixture(scope="module")
def kingsmoor():
    return build_dataset(DEFAULT_SEED)


def test_kingsmoor_actions_name_a_stage_the_complaint_reached_and_their_words(kingsmoor):
    rows = actions(kingsmoor.rows("actions"))
    assert rows
    reached = {(r[0], r[1]): r[2] for r in kingsmoor.rows("stages")}  # received_date
    for row in rows:
        assert row["stage"] in {"1", "2", "3"}, row
        received = reached[(row["reference"], row["stage"])]
        assert received <= row["raised_date"], row
        assert row["you_said"], row
        assert row["we_did"], row
        assert not any(name in row["you_said"] + row["we_did"] for name in REPORT_NAMES)
    # The published year's actions came from stage 1 and stage 2 responses (Appendix D).
    assert set(Counter(r["stage"] for r in rows)) >= {"1", "2"}
    # Words vary with the action, not one sentence for all.
    assert len({r["you_said"] for r in rows}) > 5


def test_the_same_seed_gives_the_same_words(kingsmoor):
    assert build_dataset(DEFAULT_SEED).rows("actions") == kingsmoor.rows("actions")
    assert sandwell.build_rows()["actions"] == sandwell.build_rows()["actions"]


def test_brackenford_actions_have_words_and_no_stage_without_a_complaint():
    rows = actions(sandwell.build_rows()["actions"])
    assert rows
    for row in rows:
        # Complaints in general: no complaint, so no stage (a stage needs its complaint).
        assert (row["reference"], row["stage"]) == ("", "")
        assert row["you_said"], row
        assert row["we_did"], row
    assert len({r["we_did"] for r in rows}) == len(rows)


def imported_actions(make) -> list[tuple[str, int | None, str, str]]:
    with tempfile.TemporaryDirectory() as folder:
        workbook = Path(folder) / "demo.xlsx"
        make(workbook)
        with transaction.atomic():
            result = import_dataset(path=workbook, create_missing=True)
            assert result.imported, result.problems[:10]
            found = list(
                LearningAction.objects.order_by("raised_date", "id").values_list(
                    "complaint__reference", "stage_number", "you_said", "we_did"
                )
            )
            transaction.set_rollback(True)
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("authority", ["kingsmoor", "brackenford"])
def test_the_workbooks_import_with_the_stage_and_words(authority):
    if authority == "kingsmoor":
        expected = actions(build_dataset(DEFAULT_SEED).rows("actions"))
        found = imported_actions(generate)
    else:
        expected = actions(sandwell.build_rows()["actions"])
        found = imported_actions(sandwell.generate)
    assert len(found) == len(expected)
    assert Counter((r or "", "" if s is None else str(s), y, w) for r, s, y, w in found) == Counter(
        (e["reference"], e["stage"], e["you_said"], e["we_did"]) for e in expected
    )
