"""Load procedure definitions from their JSON description (see fixtures/procedures.json)."""

import json
from pathlib import Path
from typing import Any

FIXTURE = Path(__file__).parent / "fixtures" / "procedures.json"

STAGE_FIELDS = (
    "name",
    "timescale_days",
    "max_days",
    "clock_start",
    "acknowledgement_days",
    "next_stage_request_days",
    "panel_within_days",
    "report_within_days",
    "response_within_days",
    "independent_investigation",
)


def load_procedures(procedure_model: Any, stage_rule_model: Any, path: Path = FIXTURE) -> int:
    """Create or update procedures and their stage rules. Takes the models so that a migration
    can pass its historical models. Returns the number of stage rules written."""
    data = json.loads(path.read_text())
    # A migration from before a field existed passes a historical model without it; the
    # migration that adds the field sets the shipped procedures' values itself.
    known = {f.name for f in stage_rule_model._meta.get_fields()}
    written = 0
    for spec in data["procedures"]:
        procedure, _ = procedure_model.objects.update_or_create(
            code=spec["code"],
            defaults={
                "name": spec["name"],
                "description": spec.get("description", ""),
                "order": spec.get("order", 0),
            },
        )
        for stage in spec["stages"]:
            stage_rule_model.objects.update_or_create(
                procedure=procedure,
                stage=stage["stage"],
                defaults={f: stage[f] for f in STAGE_FIELDS if f in stage and f in known},
            )
            written += 1
    return written
