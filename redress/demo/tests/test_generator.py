"""The default demo dataset, read back from its files, reproduces the Birmingham Children's
Trust annual report 2021-22 (with the readings written down in generator/shape.py)."""

import datetime
import json
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from redress.demo.generator import DEFAULT_SEED, generate
from redress.demo.generator.check import problems, published_figures, read_dataset
from redress.demo.generator.texts import CYP_SUMMARIES

TAXONOMIES = Path(__file__).resolve().parents[2] / "taxonomies" / "fixtures" / "taxonomies.json"

# Everyone the report names; none of them may appear in the demo data.
REPORT_NAMES = (
    "Cunningham", "Noreen", "Hussain", "Theresa", "Burden", "Joel", "Davison", "Yael", "Collins",
    "Terri", "Farrington", "Lauren", "Devlin", "Roohi", "Dodhy", "Connolly", "Wickham", "Nicola",
    "Lewis", "Kirsty", "Downes-McGill", "Hannigan", "French", "Tasneem", "Akhtar", "Marva",
)  # fmt: skip


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "csv"
    generate(path)
    return path


@pytest.fixture(scope="module")
def data(folder):
    return read_dataset(folder)


@pytest.fixture(scope="module")
def year(data, calendar):
    return published_figures(data, "2021-22", calendar)


@pytest.fixture(scope="module")
def previous(data, calendar):
    return published_figures(data, "2020-21", calendar)


@pytest.fixture(scope="module")
def taxonomies():
    return {t["code"]: t for t in json.loads(TAXONOMIES.read_text())["taxonomies"]}


def pct(part, whole):
    return float((Decimal(part * 100) / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def test_every_row_keeps_the_formats_rules(data):
    assert problems(data) == []


def test_the_workbook_holds_exactly_what_the_csv_files_hold(data, tmp_path):
    workbook = tmp_path / "demo.xlsx"
    counts = generate(workbook)
    assert read_dataset(workbook) == data
    assert counts == {sheet: len(rows) for sheet, rows in data.items()}


def test_same_arguments_give_the_same_bytes(folder, tmp_path):
    again = tmp_path / "again"
    generate(again, seed=DEFAULT_SEED)
    for file in sorted(folder.glob("*.csv")):
        assert (again / file.name).read_bytes() == file.read_bytes(), file.name
    other = tmp_path / "other"
    generate(other, seed=DEFAULT_SEED + 1)
    assert (other / "stages.csv").read_bytes() != (folder / "stages.csv").read_bytes()


def test_volumes(year, previous, data, calendar):
    assert year["received.stage1"] == 362
    assert year["received.stage1.by_procedure"] == {"local": 128, "statutory": 234}
    assert year["received.stage2.by_procedure"] == {"local": 17, "statutory": 33}
    assert year["received.stage3.by_procedure"] == {"statutory": 14}
    assert previous["received.stage1"] == 310
    assert previous["received.stage2.by_procedure"] == {"local": 12, "statutory": 35}
    assert previous["received.stage3"] == 10
    assert published_figures(data, "2019-20", calendar)["received.stage1"] == 377
    assert pct(362 - 310, 310) == 16.8
    assert pct(year["received.stage3"], 33) == 42.4
    assert pct(previous["received.stage3"], 35) == 28.6
    assert pct(year["received.stage2"], 362) == 13.8
    by_year = [
        published_figures(data, f"{y}-{(y + 1) % 100:02d}", calendar)["received.stage1"]
        for y in range(2013, 2019)
    ]
    assert all(300 <= n <= 420 for n in by_year)


def test_outcomes(year, previous):
    assert year["outcome.stage1"] == {
        "upheld": 48, "partially_upheld": 77, "not_upheld": 127, "inconclusive": 7,
        "outside_jurisdiction": 40, "withdrawn": 60, "outstanding": 3,
    }  # fmt: skip
    assert year["outcome.stage2"] == {
        "upheld": 1, "partially_upheld": 27, "not_upheld": 14, "outside_jurisdiction": 2,
        "withdrawn": 1, "outstanding": 5,
    }  # fmt: skip
    assert year["outcome.stage3"] == {
        "partially_upheld": 10, "not_upheld": 2, "inconclusive": 1, "withdrawn": 1,
    }  # fmt: skip
    assert pct(year["outcome.stage1.upheld_or_partially"], 362) == 34.5
    assert pct(year["outcome.stage2.upheld_or_partially"], 50) == 56.0
    assert pct(year["outcome.stage3.upheld_or_partially"], 14) == 71.4
    assert previous["outcome.stage1.upheld_or_partially"] == 118
    assert previous["outcome.stage2.upheld_or_partially"] == 26
    assert previous["outcome.stage3.upheld_or_partially"] == 2
    assert "outstanding" not in previous["outcome.stage1"]


def test_stage1_timeliness_over_the_responses_issued_in_the_year(year, previous):
    assert year["responses.stage1.bands"] == {
        "Citywide": {"0-10": 19, "11-20": 32, "21+": 38},
        "East": {"0-10": 13, "11-20": 15, "21+": 28},
        "North, West & Central": {"0-10": 16, "11-20": 13, "21+": 31},
        "South": {"0-10": 15, "11-20": 19, "21+": 27},
        "TOTAL": {"0-10": 63, "11-20": 79, "21+": 124},
    }
    assert year["responses.stage1"] == 266
    assert year["responses.stage1.within_20"] == 142
    assert year["responses.stage1.average"] == Decimal("28.81")
    assert previous["responses.stage1.within_20"] == 144
    assert pct(144, previous["responses.stage1"]) == 63.7
    assert previous["responses.stage1.average"] == Decimal("27.44")


def test_stage1_area_rows_within_a_tenth_of_appendix_a(year):
    published = {
        "Citywide": (21.4, 35.9, 42.7),
        "East": (23.1, 26.9, 50.0),
        "North, West & Central": (26.7, 21.6, 51.7),
        "South": (24.6, 31.1, 44.3),
        "TOTAL": (23.7, 29.7, 46.6),
    }
    for area, expected in published.items():
        bands = year["responses.stage1.bands"][area]
        size = sum(bands.values())
        for band, want in zip(("0-10", "11-20", "21+"), expected, strict=True):
            assert abs(pct(bands[band], size) - want) <= 0.1 + 1e-9, (area, band)
    total = year["responses.stage1.bands"]["TOTAL"]
    assert [pct(total[b], 266) for b in ("0-10", "11-20", "21+")] == [23.7, 29.7, 46.6]


def test_stage2_timeliness(year, previous):
    assert year["responses.stage2.statutory.bands"] == {"0-25": 0, "26-65": 10, "66+": 23}
    assert year["responses.stage2.statutory.average"] == Decimal("87.48")
    assert year["responses.stage2.local.bands"] == {"0-25": 9, "26+": 5}
    assert year["responses.stage2.local.average"] == Decimal("29.93")
    assert previous["responses.stage2.statutory.bands"]["0-25"] == 6
    assert previous["responses.stage2.statutory.average"] == Decimal("64.09")
    assert previous["responses.stage2.local.bands"] == {"0-25": 5, "26+": 5}
    assert previous["responses.stage2.local.average"] == Decimal("32.80")


def test_extensions_and_stage3_milestones(year, data, calendar):
    assert year["extended.stage1.11-20"] >= 10
    assert year["extended.stage2.over_25"] >= 10
    stage3 = [
        s for s in data["stages"]
        if s["stage"] == "3" and "2021-04-01" <= s["received_date"] <= "2022-03-31"
    ]  # fmt: skip
    held = [s for s in stage3 if s["outcome"] != "withdrawn"]
    assert len(held) == 13
    assert all(s["panel_date"] and s["panel_report_date"] for s in held)
    # Most panels within 30 working days of the request, reports within 5, responses within 15.
    assert year["stage3.panels_within_30"] > len(held) / 2

    def days(start, end):
        return calendar.working_days_taken(
            datetime.date.fromisoformat(start), datetime.date.fromisoformat(end)
        )

    assert sum(days(s["panel_date"], s["panel_report_date"]) <= 5 for s in held) > len(held) / 2
    assert (
        sum(days(s["panel_report_date"], s["responded_date"]) <= 15 for s in held) > len(held) / 2
    )


def test_services(year):
    stage1 = year["received.stage1.by_service"]
    top = {
        "North West Central Child in Care": 44, "Disabled Children's Social Care": 37,
        "South Safeguarding": 34, "East ASTI": 28, "South Child in Care": 28,
    }  # fmt: skip
    assert {s: stage1[s] for s in top} == top
    assert max(n for s, n in stage1.items() if s not in top) < 28
    stage2 = year["received.stage2.by_service"]
    top2 = {
        "Disabled Children's Social Care": 10, "South Safeguarding": 7, "South ASTI": 4,
        "East Child in Care": 3, "East Safeguarding": 3,
    }  # fmt: skip
    assert {s: stage2[s] for s in top2} == top2
    assert max(n for s, n in stage2.items() if s not in top2) < 3
    stage3 = year["received.stage3.by_service"]
    assert stage3["South Safeguarding"] == 3
    assert stage3["East Child in Care"] == 3
    assert stage3["Disabled Children's Social Care"] == 2
    assert sorted(n for s, n in stage3.items()) == [1, 1, 1, 1, 1, 1, 2, 3, 3]


def test_reasons_are_appendix_b_in_the_shipped_taxonomy(year, previous, data, taxonomies):
    assert year["aspects.stage1.total"] == 1018
    assert year["aspects.stage1.by_category"] == {
        "Delay": 43, "Service Failure / Refusal": 353, "Service Quality": 449, "Staff Conduct": 173,
    }  # fmt: skip
    sub = year["aspects.stage1.by_subcategory"]
    assert sub["Service Failure / Refusal", "Take Action"] == 86
    assert sub["Service Quality", "Inappropriate Action Taken"] == 80
    assert sub["Service Failure / Refusal", "Provide a Service / Support"] == 69
    assert sub["Service Failure / Refusal", "Provide Advice / Information"] == 66
    assert sub["Service Quality", "Inadequate Service / Support"] == 63
    assert sub["Service Quality", "Inaccurate Information Recorded"] == 48
    assert sub["Staff Conduct", "Inappropriate Conduct"] == 46
    assert sub["Service Quality", "Disagreement with Decision"] == 41
    assert previous["aspects.stage1.total"] == 839
    terms = {
        (t["name"], child)
        for t in taxonomies["birmingham-reasons-2021"]["terms"]
        for child in t["children"]
    }
    assert {(a["category"], a["subcategory"]) for a in data["aspects"]} <= terms
    assert all(c["theme"] == "" for c in data["complaints"])


def test_methods_and_their_trends(year, data, calendar):
    methods = year["method.stage1"]
    assert pct(methods["email"] + methods["online_form"], 362) == 80.1
    by_year = {
        y: published_figures(data, y, calendar)["method.stage1"]
        for y in ("2016-17", "2017-18", "2018-19", "2019-20", "2020-21", "2021-22")
    }
    phone = [by_year[y]["telephone"] for y in ("2018-19", "2019-20", "2020-21", "2021-22")]
    assert phone[0] > phone[1] < phone[2] < phone[3]
    letters = [by_year[y]["letter"] for y in by_year]
    assert letters[0] < letters[1] > letters[2] > letters[3] > letters[4] > letters[5]


def test_who_complains(year, previous, data):
    types = year["complainant.stage1"]
    assert types["parent"] + types["other_family"] == 272
    old = previous["complainant.stage1"]
    assert pct(old["parent"] + old["other_family"], 310) == 77.1
    assert year["cyp.stage1.received"] == 22
    assert pct(22, 362) == 6.1
    assert previous["cyp.stage1.received"] == 8
    assert year["cyp.stage1.with_advocate"] == 10
    children = [
        c
        for c in data["complaints"]
        if c["complainant_type"] in ("child_young_person", "care_leaver")
    ]
    assert {c["summary"] for c in children} <= set(CYP_SUMMARIES)
    assert year["repeat_complainants.distribution"] == {"2": 14, "3": 4, "4+": 2}
    assert sum(1 for c in data["complaints"] if c["related_to"]) >= 10


def test_mediation(year, data):
    assert year["mediation.offered"] == 9
    assert year["mediation.held"] == 7
    assert year["mediation.outcomes"] == {"declined": 2, "escalated": 4, "resolved": 3}
    stage2 = {s["reference"]: s for s in data["stages"] if s["stage"] == "2"}
    for m in data["mediation"]:
        if m["outcome"] == "escalated":
            assert stage2[m["reference"]]["received_date"] > m["held_date"]
        if m["outcome"] in ("resolved", "declined"):
            assert m["reference"] not in stage2


def test_ombudsman(year, previous, data):
    assert year["lgo.enquiries"] == 23
    assert previous["lgo.enquiries"] == 13
    assert year["lgo.decisions"] == {
        "fault_found": 3, "no_fault": 2, "not_investigated": 13, "premature": 4,
    }  # fmt: skip
    assert year["lgo.pending"] == 1
    assert year["lgo.remedy_payments"] == [Decimal("200.00"), Decimal("400.00"), Decimal("750.00")]
    assert all(re.fullmatch(r"\d\d \d{3} \d{3}", e["lgo_reference"]) for e in data["ombudsman"])
    faults = [e for e in data["ombudsman"] if e["decision"] == "fault_found"]
    assert all(
        e["recommendations"] and e["remedy_due_date"] and e["remedy_completed_date"] for e in faults
    )


def test_our_responses_to_the_ombudsman(data, calendar):
    """Every enquiry decided, or older than the 20 working days the Ombudsman gives, was answered
    within those 20 days and before the decision; only the latest few still wait."""
    as_of = datetime.date(2022, 5, 31)
    waiting = []
    for e in data["ombudsman"]:
        received = datetime.date.fromisoformat(e["received_date"])
        if not e["response_sent_date"]:
            waiting.append(e["lgo_reference"])
            assert not e["decision"]
            assert calendar.add_working_days(received, 20) > as_of
            continue
        sent = datetime.date.fromisoformat(e["response_sent_date"])
        assert 1 <= calendar.working_days_taken(received, sent) <= 20
        assert sent <= as_of
        if e["decision_date"]:
            assert e["response_sent_date"] < e["decision_date"]
    assert len(waiting) == 3


def test_costs_and_compensation_to_the_penny(year, previous, data):
    assert year["payments"] == {
        "compensation.1": Decimal("1400.00"),
        "compensation.2": Decimal("3739.00"),
        "compensation.3": Decimal("600.00"),
        "compensation.lgo": Decimal("1350.00"),
        "independent_person.2": Decimal("24783.50"),
        "investigating_officer.2": Decimal("90399.00"),
        "review_panel.3": Decimal("27995.46"),
    }
    assert year["payments.total"] == Decimal("150266.96")
    assert previous["payments"] == {
        "compensation.1": Decimal("3674.48"),
        "compensation.2": Decimal("6550.00"),
        "compensation.lgo": Decimal("3475.00"),
        "independent_person.2": Decimal("18600.50"),
        "investigating_officer.2": Decimal("57818.31"),
        "review_panel.3": Decimal("6251.00"),
    }
    assert previous["payments.total"] == Decimal("96369.29")
    officers = [
        p for p in data["payments"]
        if p["kind"] == "investigating_officer" and "2021-04-01" <= p["date"] <= "2022-03-31"
    ]  # fmt: skip
    assert len(officers) >= 25


def test_compliments(year, previous, data, calendar):
    assert year["compliments.received"] == 52
    assert previous["compliments.received"] == 84
    assert pct(84 - 52, 84) == 38.1
    counts = [
        published_figures(data, y, calendar)["compliments.received"]
        for y in ("2016-17", "2017-18", "2018-19", "2019-20")
    ]
    assert counts[0] < counts[1] > counts[2] > counts[3] > 84
    assert year["compliments.published"] == 15
    published = [
        c for c in data["compliments"]
        if c["consent_to_publish"] == "yes" and "2021-04-01" <= c["received_date"] <= "2022-03-31"
    ]  # fmt: skip
    assert all(c["staff_member"] for c in published)


def test_no_one_named_in_the_report_appears(folder):
    text = "\n".join(f.read_text(encoding="utf-8") for f in folder.glob("*.csv"))
    assert re.findall(r"\b(" + "|".join(REPORT_NAMES) + r")\b", text) == []


def test_context(year, data, calendar):
    assert year["context"]["referrals", ""] == 15636
    assert year["context"]["family_assessments", ""] == 11588
    assert (Decimal(36200) / 15636).quantize(Decimal("0.01")) == Decimal("2.32")
    assert (Decimal(36200) / 11588).quantize(Decimal("0.01")) == Decimal("3.12")
    earlier = published_figures(data, "2020-21", calendar)["context"]
    assert earlier["referrals", ""] == 15286
    assert earlier["family_assessments", ""] == 12830
    assert published_figures(data, "2019-20", calendar)["context"]["referrals", ""] == 13869
    open_cases = {k[1]: v for k, v in year["context"].items() if k[0] == "open_cases"}
    assert open_cases["North West Central Child in Care"] == 910
    assert len(open_cases) == 17


def test_feedback_satisfaction_and_learning(year, data, taxonomies):
    themes = {t["name"] for t in taxonomies["sandwell-themes-2021"]["terms"]}
    assert {f["theme"] for f in data["feedback"]} <= themes
    assert len({f["theme"] for f in data["feedback"]}) >= 5
    assert year["informal_feedback.received"] == 41
    assert year["informal_feedback.cyp"] > 0
    children = {
        c["reference"] for c in data["complaints"]
        if c["complainant_type"] in ("child_young_person", "care_leaver")
    }  # fmt: skip
    assert {s["reference"] for s in data["satisfaction"]} <= children
    assert len(data["satisfaction"]) >= 70
    learning = {t["name"] for t in taxonomies["learning-themes-2021"]["terms"]}
    assert {a["theme"] for a in data["actions"]} <= learning
    assert year["actions.total"] == 30
    assert year["actions.completed"] > 15
    assert year["actions.overdue"] > 0
    assert year["actions.completed"] + year["actions.overdue"] == 30
