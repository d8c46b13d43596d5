"""`StageRule.independent_investigation`: the shipped configuration, the migration that set it
on existing databases and a fresh load agree; the admin shows it."""

import json

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from redress.procedures.loader import FIXTURE, load_procedures
from redress.procedures.models import Procedure, StageRule

pytestmark = pytest.mark.django_db


def _flagged_in_fixture() -> set[tuple[str, int]]:
    data = json.loads(FIXTURE.read_text())
    return {
        (p["code"], s["stage"])
        for p in data["procedures"]
        for s in p["stages"]
        if s.get("independent_investigation")
    }


def _flagged_in_database() -> set[tuple[str, int]]:
    rules = StageRule.objects.filter(independent_investigation=True)
    return set(rules.values_list("procedure__code", "stage"))


def test_the_shipped_statutory_stage_2_is_the_one_independent_investigation():
    assert _flagged_in_fixture() == {("statutory", 2)}


def test_the_migrations_agree_with_the_shipped_configuration():
    # The test database was built by the migrations (0002 loads, 0003 sets the flag).
    assert _flagged_in_database() == _flagged_in_fixture()


def test_a_fresh_load_writes_the_flag():
    StageRule.objects.all().delete()
    Procedure.objects.all().delete()
    assert load_procedures(Procedure, StageRule) == 5
    assert _flagged_in_database() == {("statutory", 2)}


def test_a_load_puts_back_what_the_fixture_says():
    StageRule.objects.update(independent_investigation=False)
    load_procedures(Procedure, StageRule)
    assert _flagged_in_database() == {("statutory", 2)}


def test_a_migration_from_before_the_field_can_still_load():
    """Migration 0002 passes its historical models, which have no such field."""
    state = MigrationExecutor(connection).loader.project_state(
        ("procedures", "0002_load_shipped_procedures")
    )
    old_rule = state.apps.get_model("procedures", "StageRule")
    assert "independent_investigation" not in {f.name for f in old_rule._meta.get_fields()}
    assert load_procedures(state.apps.get_model("procedures", "Procedure"), old_rule) == 5


def test_the_admin_shows_the_setting_with_its_label(admin_client):
    rule = StageRule.objects.get(procedure__code="local", stage=2)
    page = admin_client.get(
        reverse("admin:procedures_stagerule_change", args=[rule.pk])
    ).content.decode()
    assert "Independent investigation" in page
    assert "an Independent Person are appointed and report" in page
    listing = admin_client.get(reverse("admin:procedures_stagerule_changelist")).content.decode()
    assert "Independent investigation" in listing
