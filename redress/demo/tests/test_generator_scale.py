"""The scale mode (--complaints N), the .xlsx row limit and the demo_generate command."""

import zipfile
from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from redress.complaints.choices import (
    Advocacy,
    ComplainantType,
    Finding,
    MediationOutcome,
    Method,
    Outcome,
    PaymentKind,
    PaymentStage,
)
from redress.demo.generator import generate, writers
from redress.demo.generator.check import CODES, problems, read_dataset
from redress.demo.generator.records import SHEETS
from redress.demo.generator.writers import FIXED_TIME, RowLimitError
from redress.feedback.models import Answer, ComplimentSource, Question
from redress.ombudsman.models import Decision
from redress.reporting.models import Measure


@pytest.fixture(scope="module")
def scaled(tmp_path_factory):
    path = tmp_path_factory.mktemp("scale") / "csv"
    counts = generate(path, complaints=2000, seed=7)
    return counts, read_dataset(path)


def test_scale_mode_writes_that_many_complaints_of_the_same_shape(scaled):
    counts, data = scaled
    assert counts["complaints"] == len(data["complaints"]) == 2000
    assert {sheet: len(rows) for sheet, rows in data.items()} == counts
    stages = Counter(s["stage"] for s in data["stages"])
    assert stages["1"] == 2000
    assert 150 <= stages["2"] <= 450
    assert 10 <= stages["3"] < stages["2"]
    assert 1.5 <= len(data["aspects"]) / 2000 <= 4.5
    for sheet in ("payments", "ombudsman", "compliments", "feedback", "satisfaction", "actions"):
        assert counts[sheet] > 0, sheet
    assert {s["outcome"] for s in data["stages"]} >= {"upheld", "partially_upheld", "withdrawn", ""}
    assert any(s["extended"] == "yes" for s in data["stages"])


def test_scale_mode_keeps_the_formats_rules(scaled):
    _counts, data = scaled
    assert problems(data) == []
    received = sorted(c["received_date"] for c in data["complaints"])
    assert received[0] == "2017-04-01"
    assert received[-1] <= "2022-05-31"
    for e in data["ombudsman"]:  # a decided enquiry was answered before its decision
        assert not e["decision"] or "" < e["response_sent_date"] < e["decision_date"]
    by_stage = {(s["reference"], s["stage"]): s for s in data["stages"]}
    for (reference, stage), row in by_stage.items():
        if stage != "1":
            earlier = by_stage[reference, str(int(stage) - 1)]
            assert earlier["responded_date"] <= row["received_date"]


def test_every_code_is_one_the_format_lists(scaled):
    _counts, data = scaled
    app_codes = {
        ("complaints", "method"): Method.values,
        ("complaints", "complainant_type"): ComplainantType.values,
        ("complaints", "advocate"): Advocacy.values,
        ("stages", "outcome"): Outcome.values,
        ("aspects", "finding"): Finding.values,
        ("mediation", "outcome"): MediationOutcome.values,
        ("ombudsman", "decision"): Decision.values,
        ("payments", "stage"): PaymentStage.values,
        ("payments", "kind"): PaymentKind.values,
        ("compliments", "source"): ComplimentSource.values,
        ("satisfaction", "question"): Question.values,
        ("satisfaction", "answer"): Answer.values,
        ("context", "measure"): Measure.values,
    }
    for key, values in app_codes.items():
        assert CODES[key] == set(values), key
        sheet, column = key
        assert {r[column] for r in data[sheet]} - {""} <= CODES[key], key


def test_scale_mode_is_deterministic_in_a_workbook_too(tmp_path):
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    generate(first, complaints=300, seed=3)
    generate(second, complaints=300, seed=3)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert {i.date_time for i in archive.infolist()} == {FIXED_TIME.timetuple()[:6]}
        core = archive.read("docProps/core.xml").decode()
    assert "2022-05-31T00:00:00Z" in core
    assert read_dataset(first)["complaints"][0]["reference"] == "KCT-2017-000001"


def test_a_workbook_too_small_for_the_complaints_is_refused_before_anything_is_written(tmp_path):
    path = tmp_path / "big.xlsx"
    with pytest.raises(RowLimitError) as refused:
        generate(path, complaints=1_048_576)
    message = str(refused.value)
    assert "1,048,576 rows" in message
    assert "'complaints' sheet would have 1,048,577" in message
    assert f"--output {tmp_path / 'big'}/" in message
    assert list(tmp_path.iterdir()) == []


def test_the_sheet_that_overflows_first_is_named(tmp_path, monkeypatch):
    # Any limit works the same way; a small one keeps the test quick.
    monkeypatch.setattr(writers, "XLSX_MAX_ROWS", 1500)
    monkeypatch.setattr("redress.demo.generator.XLSX_MAX_ROWS", 1500)
    with pytest.raises(RowLimitError, match="'aspects' sheet would have"):
        generate(tmp_path / "small.xlsx", complaints=800)
    assert list(tmp_path.iterdir()) == []


def test_the_command_prints_one_line_of_rows_per_sheet(tmp_path, capsys):
    call_command("demo_generate", output=tmp_path / "out", complaints=50, seed=1)
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    assert out[0].startswith(f"Wrote {tmp_path / 'out'} (50 complaints, seed 1): complaints 50,")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        f"{s}.csv" for s in SHEETS
    )


def test_the_command_turns_a_refusal_into_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Write a folder of CSV files instead"):
        call_command("demo_generate", output=tmp_path / "x.xlsx", complaints=2_000_000)
    with pytest.raises(CommandError, match="at least 1"):
        call_command("demo_generate", output=tmp_path / "y", complaints=0)
