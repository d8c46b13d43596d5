"""The second demo authority: Brackenford Children's Trust, whose 2021-22 records reproduce the
published counts of the Sandwell Children's Trust annual report 2021-22 (see `shape.py` for the
figures and the readings followed where the report contradicts itself).

It is written in the same `redress.import/1` format as the first demo authority, by the same
writers; the same seed always gives byte-identical files.
"""

from __future__ import annotations

import random
from pathlib import Path

from ..build import working_days
from ..records import SHEETS, Row
from ..writers import open_writer
from . import shape
from .around import (
    Around,
    action_rows,
    compliment_rows,
    context_rows,
    feedback_rows,
    satisfaction_rows,
)
from .complaints import Complaint, year_complaints

DEFAULT_SEED = 2122


def build_rows(seed: int = DEFAULT_SEED) -> dict[str, list[Row]]:
    """Every row of the dataset, sheet by sheet."""
    rng = random.Random(f"sandwell:{seed}")
    wd = working_days()
    years: dict[str, list[Complaint]] = {
        year.label: year_complaints(rng, wd, year) for year in shape.YEARS
    }
    everyone = sorted((c for cs in years.values() for c in cs), key=lambda c: c.received)
    numbers: dict[str, int] = {}
    for complaint in everyone:
        numbers[complaint.year] = numbers.get(complaint.year, 0) + 1
        complaint.reference = f"{shape.PREFIX}-{complaint.year[:4]}-{numbers[complaint.year]:04d}"
    around = Around(rng, wd, years)
    around.stages_and_enquiries()
    rows: dict[str, list[Row]] = {sheet: [] for sheet in SHEETS}
    rows["complaints"] = [c.row() for c in everyone]
    rows["stages"] = [r for c in everyone for r in c.stage_rows()]
    rows["mediation"] = sorted(around.mediation, key=lambda r: (r[1], r[0]))
    rows["ombudsman"] = around.ombudsman
    rows["ombudsman_remedies"] = around.remedies
    rows["payments"] = around.payments
    rows["actions"] = action_rows(wd)
    for year in shape.YEARS:
        rows["compliments"] += compliment_rows(rng, wd, year)
        rows["feedback"] += feedback_rows(rng, wd, year)
    rows["satisfaction"] = satisfaction_rows(years[shape.PUBLISHED_YEAR])
    rows["context"] = context_rows()
    return rows


def generate(output: Path, *, seed: int = DEFAULT_SEED) -> dict[str, int]:
    """Write the dataset to `output` (an .xlsx path, or a folder for CSV files) and return the
    rows written to each sheet."""
    rows = build_rows(seed)
    writer = open_writer(output, authority=shape.AUTHORITY)
    try:
        for sheet in SHEETS:
            for row in rows[sheet]:
                writer.write(sheet, row)
        writer.commit()
    except BaseException:
        writer.abort()
        raise
    return writer.counts
