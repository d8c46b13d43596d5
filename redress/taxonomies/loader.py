"""Load taxonomies (versioned reason and theme sets) from JSON (see fixtures/taxonomies.json)."""

import datetime
import json
from pathlib import Path
from typing import Any

FIXTURE = Path(__file__).parent / "fixtures" / "taxonomies.json"


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def load_taxonomies(taxonomy_model: Any, term_model: Any, path: Path = FIXTURE) -> int:
    """Create or update taxonomies and their terms; returns the number of terms written.
    Takes the models so that a migration can pass its historical models."""
    data = json.loads(path.read_text())
    written = 0
    for spec in data["taxonomies"]:
        taxonomy, _ = taxonomy_model.objects.update_or_create(
            code=spec["code"],
            defaults={
                "name": spec["name"],
                "kind": spec["kind"],
                "valid_from": _date(spec.get("valid_from")),
                "valid_to": _date(spec.get("valid_to")),
                "description": spec.get("description", ""),
            },
        )
        for order, term in enumerate(spec["terms"]):
            parent, _ = term_model.objects.update_or_create(
                taxonomy=taxonomy, parent=None, name=term["name"], defaults={"order": order}
            )
            written += 1
            for child_order, child in enumerate(term.get("children", [])):
                term_model.objects.update_or_create(
                    taxonomy=taxonomy, parent=parent, name=child, defaults={"order": child_order}
                )
                written += 1
    return written
