"""An independent check of a generated dataset: read the files back (not the database, not the
generator's objects) and compute the published figures and the format's rules from the rows.

`published_figures()` computes, for one financial year, what the annual report publishes, with
the report's own measures (timeliness over responses issued in the year: reading 4 in
`shape.py`). `problems()` lists every row that breaks a rule the importer enforces.
"""

from __future__ import annotations

import csv
import datetime
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from redress.procedures.calendar import WorkingCalendar

type Rows = list[dict[str, str]]
type Data = dict[str, Rows]

AS_OF = datetime.date(2022, 5, 31)
LAST = AS_OF.isoformat()  # dates are ISO text, so they compare as text
CLOSED_EARLY = ("withdrawn", "outside_jurisdiction")
# The codes IMPORT_FORMAT.md lists, column by column.
CODES = {
    ("complaints", "procedure"): {"statutory", "local"},
    ("complaints", "method"): {
        "email", "online_form", "telephone", "letter", "in_person", "advocate", "via_worker",
        "other",
    },
    ("complaints", "complainant_type"): {
        "parent", "other_family", "child_young_person", "care_leaver", "foster_carer",
        "special_guardian", "advocate", "professional", "member_of_public", "other",
    },
    ("complaints", "advocate"): {"none", "internal", "external"},
    ("complaints", "advocacy_offered"): {"yes", "no"},
    ("stages", "stage"): {"1", "2", "3"},
    ("stages", "extended"): {"yes", "no"},
    ("stages", "outcome"): {
        "upheld", "partially_upheld", "not_upheld", "inconclusive", "outside_jurisdiction",
        "withdrawn",
    },
    ("aspects", "stage"): {"1", "2", "3"},
    ("aspects", "finding"): {"upheld", "partially_upheld", "not_upheld"},
    ("mediation", "outcome"): {"resolved", "escalated", "ombudsman", "paused", "declined"},
    ("ombudsman", "decision"): {
        "premature", "closed_after_initial_enquiries", "not_investigated",
        "outside_jurisdiction", "fault_found", "no_fault",
    },
    ("payments", "stage"): {"1", "2", "3", "lgo"},
    ("payments", "kind"): {
        "compensation", "investigating_officer", "independent_person", "review_panel",
        "other_cost",
    },
    ("compliments", "consent_to_publish"): {"yes", "no"},
    ("compliments", "source"): {
        "child_young_person", "parent", "carer", "foster_carer", "court", "school", "health",
        "partner_agency", "colleague", "other",
    },
    ("compliments", "external"): {"yes", "no"},
    ("feedback", "from_child"): {"yes", "no"},
    ("feedback", "advocate"): {"yes", "no"},
    ("feedback", "satisfied"): {"yes", "no"},
    ("satisfaction", "question"): {
        "rights_understood", "outcome_understood", "taken_seriously", "action_taken", "on_time",
        "things_improved", "advocacy_aware",
    },
    ("satisfaction", "answer"): {"yes", "no", "partly"},
    ("context", "measure"): {"referrals", "family_assessments", "open_cases"},
}  # fmt: skip


def read_dataset(path: Path) -> Data:
    """Every sheet as a list of {column: text}, from a workbook or a folder of CSV files."""
    if path.suffix.lower() == ".xlsx":
        workbook = load_workbook(path, read_only=True)
        data = {}
        for sheet in workbook.worksheets:
            rows = [
                ["" if v is None else str(v) for v in r] for r in sheet.iter_rows(values_only=True)
            ]
            header = rows[0]
            # A row read back ends at its last filled cell.
            data[sheet.title] = [
                dict(zip(header, r + [""] * (len(header) - len(r)), strict=True)) for r in rows[1:]
            ]
        workbook.close()
        return data
    data = {}
    for file in sorted(path.glob("*.csv")):
        with file.open(newline="", encoding="utf-8") as handle:
            data[file.stem] = list(csv.DictReader(handle))
    return data


def _date(text: str) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


def period(year: str) -> tuple[datetime.date, datetime.date]:
    start = datetime.date(int(year[:4]), 4, 1)
    return start, datetime.date(start.year + 1, 3, 31)


class Figures:
    def __init__(self, data: Data, calendar: WorkingCalendar | None = None) -> None:
        self.data = data
        self.calendar = calendar or WorkingCalendar()
        self.complaints = {c["reference"]: c for c in data["complaints"]}

    def _in(self, year: str, text: str) -> bool:
        start, end = period(year)
        day = _date(text)
        return day is not None and start <= day <= end

    def _area(self, reference: str) -> str:
        return self.complaints[reference]["locality"] or "Citywide"

    def taken(self, stage: dict[str, str]) -> int:
        return self._days(stage["received_date"], stage["responded_date"])

    def _days(self, start: str, end: str) -> int:
        return self.calendar.working_days_taken(
            datetime.date.fromisoformat(start), datetime.date.fromisoformat(end)
        )

    def received(self, year: str, number: int) -> Rows:
        return [
            s for s in self.data["stages"]
            if s["stage"] == str(number) and self._in(year, s["received_date"])
        ]  # fmt: skip

    def responses(self, year: str, number: int, procedure: str | None = None) -> Rows:
        """Stages answered in the year, withdrawn and outside jurisdiction left out."""
        return [
            s for s in self.data["stages"]
            if s["stage"] == str(number) and self._in(year, s["responded_date"])
            and s["outcome"] and s["outcome"] not in CLOSED_EARLY
            and (procedure is None or self.complaints[s["reference"]]["procedure"] == procedure)
        ]  # fmt: skip

    def published(self, year: str) -> dict[str, object]:
        f: dict[str, object] = {}
        for n in (1, 2, 3):
            stages = self.received(year, n)
            f[f"received.stage{n}"] = len(stages)
            by_procedure = Counter(self.complaints[s["reference"]]["procedure"] for s in stages)
            f[f"received.stage{n}.by_procedure"] = dict(sorted(by_procedure.items()))
            outcomes = Counter(s["outcome"] or "outstanding" for s in stages)
            f[f"outcome.stage{n}"] = dict(sorted(outcomes.items()))
            f[f"outcome.stage{n}.upheld_or_partially"] = (
                outcomes["upheld"] + outcomes["partially_upheld"]
            )
            services = Counter(self.complaints[s["reference"]]["service_area"] for s in stages)
            f[f"received.stage{n}.by_service"] = dict(sorted(services.items()))
        self._timeliness(year, f)
        self._people(year, f)
        self._around(year, f)
        return f

    def _timeliness(self, year: str, f: dict[str, object]) -> None:
        bands: dict[str, Counter[str]] = defaultdict(Counter)
        days = []
        for s in self.responses(year, 1):
            taken = self.taken(s)
            days.append(taken)
            band = "0-10" if taken <= 10 else "11-20" if taken <= 20 else "21+"
            bands[self._area(s["reference"])][band] += 1
            bands["TOTAL"][band] += 1
        f["responses.stage1.bands"] = {a: dict(sorted(c.items())) for a, c in sorted(bands.items())}
        f["responses.stage1"] = len(days)
        f["responses.stage1.within_20"] = sum(1 for d in days if d <= 20)
        f["responses.stage1.total_days"] = sum(days)
        f["responses.stage1.average"] = _average(days)
        for procedure, limits in (("statutory", (25, 65)), ("local", (25,))):
            stage2 = [self.taken(s) for s in self.responses(year, 2, procedure)]
            key = f"responses.stage2.{procedure}"
            f[key] = len(stage2)
            f[f"{key}.bands"] = _bands(stage2, limits)
            f[f"{key}.total_days"] = sum(stage2)
            f[f"{key}.average"] = _average(stage2)
        panels = [s for s in self.received(year, 3) if s["panel_date"]]
        f["stage3.panels"] = len(panels)
        f["stage3.panels_within_30"] = sum(
            1 for s in panels if self._days(s["received_date"], s["panel_date"]) <= 30
        )
        extended: Counter[str] = Counter()
        for s in self.data["stages"]:
            if s["extended"] == "yes" and self._in(year, s["responded_date"]):
                extended[f"stage{s['stage']}.{self.taken(s)}"] += 1
        f["extended.stage1.11-20"] = sum(
            n for k, n in extended.items() if k.startswith("stage1.") and 11 <= int(k[7:]) <= 20
        )
        f["extended.stage2.over_25"] = sum(
            n for k, n in extended.items() if k.startswith("stage2.") and int(k[7:]) > 25
        )

    def _people(self, year: str, f: dict[str, object]) -> None:
        stage1 = [self.complaints[s["reference"]] for s in self.received(year, 1)]
        f["method.stage1"] = dict(sorted(Counter(c["method"] for c in stage1).items()))
        types = Counter(c["complainant_type"] for c in stage1)
        f["complainant.stage1"] = dict(sorted(types.items()))
        cyp = [c for c in stage1 if c["complainant_type"] in ("child_young_person", "care_leaver")]
        f["cyp.stage1.received"] = len(cyp)
        f["cyp.stage1.with_advocate"] = sum(
            1 for c in cyp if c["advocate"] in ("internal", "external")
        )
        f["cyp.stage1.advocacy_offered"] = sum(1 for c in cyp if c["advocacy_offered"] == "yes")
        f["cyp.stage1.advocacy_referred"] = sum(1 for c in cyp if c["advocacy_referred_date"])
        per_person = Counter(Counter(c["complainant_id"] for c in stage1).values())
        f["repeat_complainants.distribution"] = {
            "2": per_person[2], "3": per_person[3],
            "4+": sum(n for k, n in per_person.items() if k >= 4),
        }  # fmt: skip
        refs = {c["reference"] for c in stage1}
        aspects = [a for a in self.data["aspects"] if a["stage"] == "1" and a["reference"] in refs]
        f["aspects.stage1.total"] = len(aspects)
        f["aspects.stage1.by_category"] = dict(
            sorted(Counter(a["category"] for a in aspects).items())
        )
        f["aspects.stage1.by_subcategory"] = dict(
            sorted(Counter((a["category"], a["subcategory"]) for a in aspects).items())
        )

    def _around(self, year: str, f: dict[str, object]) -> None:
        d = self.data
        offered = [m for m in d["mediation"] if self._in(year, m["offered_date"])]
        f["mediation.offered"] = len(offered)
        f["mediation.held"] = sum(1 for m in d["mediation"] if self._in(year, m["held_date"]))
        f["mediation.outcomes"] = dict(sorted(Counter(m["outcome"] for m in offered).items()))
        enquiries = [e for e in d["ombudsman"] if self._in(year, e["received_date"])]
        f["lgo.enquiries"] = len(enquiries)
        decided = [e for e in d["ombudsman"] if self._in(year, e["decision_date"])]
        f["lgo.decisions"] = dict(sorted(Counter(e["decision"] for e in decided).items()))
        f["lgo.pending"] = sum(
            1 for e in enquiries if not e["decision_date"] or e["decision_date"] > LAST
        )
        money: dict[str, Decimal] = defaultdict(Decimal)
        for p in d["payments"]:
            if self._in(year, p["date"]):
                money[f"{p['kind']}.{p['stage']}"] += Decimal(p["amount"])
        f["payments"] = dict(sorted(money.items()))
        f["payments.total"] = sum(money.values(), Decimal(0))
        f["lgo.remedy_payments"] = sorted(
            Decimal(p["amount"]) for p in d["payments"]
            if p["stage"] == "lgo" and self._in(year, p["date"])
        )  # fmt: skip
        compliments = [c for c in d["compliments"] if self._in(year, c["received_date"])]
        f["compliments.received"] = len(compliments)
        f["compliments.external"] = sum(1 for c in compliments if c["external"] == "yes")
        f["compliments.published"] = sum(1 for c in compliments if c["consent_to_publish"] == "yes")
        feedback = [x for x in d["feedback"] if self._in(year, x["received_date"])]
        f["informal_feedback.received"] = len(feedback)
        f["informal_feedback.cyp"] = sum(1 for x in feedback if x["from_child"] == "yes")
        actions = [a for a in d["actions"] if self._in(year, a["raised_date"])]
        f["actions.total"] = len(actions)
        f["actions.completed"] = sum(1 for a in actions if a["completed_date"])
        f["actions.overdue"] = sum(
            1 for a in actions if not a["completed_date"] and "" < a["due_date"] < LAST
        )
        f["context"] = {
            (c["measure"], c["service_area"]): int(c["value"])
            for c in d["context"]
            if c["period"] == year
        }


def _average(days: list[int]) -> Decimal | None:
    if not days:
        return None
    return (Decimal(sum(days)) / len(days)).quantize(Decimal("0.01"))


def _bands(days: list[int], limits: tuple[int, ...]) -> dict[str, int]:
    out, low = {}, 0
    for limit in limits:
        out[f"{low}-{limit}"] = sum(1 for d in days if low <= d <= limit)
        low = limit + 1
    out[f"{low}+"] = sum(1 for d in days if d >= low)
    return out


def published_figures(
    data: Data, year: str, calendar: WorkingCalendar | None = None
) -> dict[str, object]:
    return Figures(data, calendar).published(year)


def problems(data: Data) -> list[str]:
    """Every breach of the format's rules, as 'sheet row N: what is wrong'."""
    out: list[str] = []
    complaints = {c["reference"]: c for c in data["complaints"]}
    if len(complaints) != len(data["complaints"]):
        out.append("complaints: references are not unique")
    for (sheet, column), codes in CODES.items():
        for i, row in enumerate(data[sheet], start=2):
            if row[column] and row[column] not in codes:
                out.append(f"{sheet} row {i}: {column} {row[column]!r} is not a format code")
    for sheet, rows in data.items():
        for i, row in enumerate(rows, start=2):
            for column, value in row.items():
                if (column.endswith("_date") or column == "date") and value > LAST:
                    out.append(f"{sheet} row {i}: {column} {value} is after {AS_OF}")
                if column in ("reference", "related_to") and value and value not in complaints:
                    out.append(f"{sheet} row {i}: {column} {value} is not a complaint in the file")
    for c in data["complaints"]:
        earlier = complaints.get(c["related_to"])
        if earlier and earlier["received_date"] > c["received_date"]:
            out.append(f"complaints {c['reference']}: related_to a later complaint")
    out.extend(_stage_problems(data, complaints))
    for i, e in enumerate(data["ombudsman"], start=2):
        for column in ("response_sent_date", "decision_date"):
            if e[column] and e[column] < e["received_date"]:
                out.append(f"ombudsman row {i}: {column} before the enquiry was received")
    keys = {
        "stages": ("reference", "stage"),
        "aspects": ("reference", "stage", "category", "subcategory"),
        "mediation": ("reference", "offered_date"),
        "ombudsman": ("lgo_reference",),
        "payments": ("reference", "date", "stage", "kind"),
        "actions": ("reference", "raised_date", "description"),
        "compliments": ("received_date", "service_area", "staff_member", "text"),
        "feedback": ("received_date", "service_area", "summary"),
        "satisfaction": ("reference", "question"),
        "context": ("period", "measure", "service_area"),
    }
    for sheet, columns in keys.items():
        seen = Counter(tuple(r[c] for c in columns) for r in data[sheet])
        out.extend(f"{sheet}: {key} appears {n} times" for key, n in seen.items() if n > 1)
    for s in data["satisfaction"]:
        if complaints[s["reference"]]["complainant_type"] not in (
            "child_young_person",
            "care_leaver",
        ):
            out.append(f"satisfaction {s['reference']}: not a child's complaint")
    return out


def _stage_problems(data: Data, complaints: dict[str, dict[str, str]]) -> list[str]:
    out = []
    stages = {(s["reference"], s["stage"]): s for s in data["stages"]}
    for (ref, number), s in stages.items():
        where = f"stages {ref} stage {number}"
        received, responded = _date(s["received_date"]), _date(s["responded_date"])
        if number == "1" and s["received_date"] != complaints[ref]["received_date"]:
            out.append(f"{where}: received on a different date from the complaint")
        if number != "1":
            previous = stages.get((ref, str(int(number) - 1)))
            if previous is None:
                out.append(f"{where}: no stage {int(number) - 1}")
            elif not previous["responded_date"] or previous["responded_date"] > s["received_date"]:
                out.append(f"{where}: received before stage {int(number) - 1} was answered")
        if number == "3" and complaints[ref]["procedure"] != "statutory":
            out.append(f"{where}: stage 3 of a {complaints[ref]['procedure']} complaint")
        if bool(s["outcome"]) != bool(responded):
            out.append(f"{where}: an outcome without a response, or a response without one")
        last = responded or AS_OF
        for column in ("acknowledged_date", "statement_agreed_date", "panel_date"):
            day = _date(s[column])
            if day and received and not received <= day <= last:
                out.append(f"{where}: {column} {day} not between receipt and response")
        if responded and received and responded < received:
            out.append(f"{where}: answered before it was received")
        if s["panel_report_date"] and s["panel_report_date"] < s["panel_date"]:
            out.append(f"{where}: panel report before the panel")
        extendable = complaints[ref]["procedure"] == "statutory" and number in ("1", "2")
        if s["extended"] == "yes" and (not extendable or not s["extension_reason"]):
            out.append(f"{where}: extended where no extension is allowed, or without a reason")
        if s["extension_reason"] and s["extended"] != "yes":
            out.append(f"{where}: an extension reason without an extension")
    findings: dict[tuple[str, str], list[str]] = defaultdict(list)
    names: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for a in data["aspects"]:
        findings[a["reference"], a["stage"]].append(a["finding"])
        names[a["reference"], a["stage"]][a["subcategory"]] += 1
    for key, found in findings.items():
        outcome = stages[key]["outcome"]
        if names[key].most_common(1)[0][1] > 1:
            out.append(f"aspects {key}: the same sub-category twice")
        if key[1] == "1" and not 1 <= len(found) <= 6:
            out.append(f"aspects {key}: {len(found)} reasons")
        if outcome in ("upheld", "not_upheld") and set(found) != {outcome}:
            out.append(f"aspects {key}: findings {found} for an outcome of {outcome}")
        if (
            outcome == "partially_upheld"
            and len(found) > 1
            and ("not_upheld" not in found or set(found) == {"not_upheld"})
        ):
            out.append(f"aspects {key}: findings {found} for a partly upheld outcome")
    return out
