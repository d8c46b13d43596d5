"""The second demo authority's set-up: its workbook from the command, the same bytes for the
same seed, its structure (a trust and a council; service areas, then localities) and its report
profile's settings."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from redress.complaints.models import Payment
from redress.core import config
from redress.demo.generator.sandwell import generate, shape
from redress.demo.management.commands.demo_setup import DEMO_SETTINGS, SANDWELL_SETTINGS
from redress.demo.structure import apply_sandwell_structure
from redress.imports.services import import_dataset
from redress.ombudsman.models import Enquiry, Remedy
from redress.organisations.models import Locality, Organisation, OrganisationKind, ServiceArea


def test_the_command_writes_the_second_authority_the_same_every_time(tmp_path: Path, capsys):
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    call_command("demo_generate", "--authority", "sandwell", "--output", str(first))
    assert "Sandwell 2021-22 shape" in capsys.readouterr().out
    generate(second)
    assert first.read_bytes() == second.read_bytes()
    with pytest.raises(CommandError, match="cannot be given with --authority sandwell"):
        call_command(
            "demo_generate", "--authority", "sandwell", "--complaints", "10", "--output", str(first)
        )


@pytest.mark.django_db
def test_structure_needs_the_workbook_first():
    with pytest.raises(LookupError, match="import the Sandwell-shaped demo workbook"):
        apply_sandwell_structure()
    with pytest.raises(CommandError, match="import the Sandwell-shaped demo workbook"):
        call_command("demo_setup", "--authority", "sandwell")


@pytest.mark.django_db
def test_trust_council_and_restructure_after_import(tmp_path: Path):
    folder = tmp_path / "sandwell"
    generate(folder)
    assert import_dataset(path=folder, create_missing=True).imported
    assert apply_sandwell_structure() > 0
    trust = Organisation.objects.get(name=shape.AUTHORITY)
    assert trust.kind == OrganisationKind.TRUST
    assert Organisation.objects.get(name=shape.COUNCIL).kind == OrganisationKind.COUNCIL
    december, january = datetime.date(2021, 12, 31), datetime.date(2022, 1, 1)
    before = set(ServiceArea.objects.effective_on(december).values_list("name", flat=True))
    after = set(ServiceArea.objects.effective_on(january).values_list("name", flat=True))
    assert before == set(shape.OLD_SERVICES)
    assert after == set(shape.NEW_SERVICES)
    assert not Locality.objects.effective_on(december).exists()
    assert set(Locality.objects.effective_on(january).values_list("name", flat=True)) == set(
        shape.LOCALITIES
    )
    kelsall = ServiceArea.objects.get(name="Kelsall and Oakditch Locality")
    assert kelsall.locality is not None
    assert (kelsall.locality.name, kelsall.organisation) == ("Kelsall and Oakditch", trust)
    assert ServiceArea.objects.get(name="Children in Care Service").locality is None
    # The two findings of fault: their remedies from the workbook, each done by its due date
    # and the last on the enquiry's remedy_completed_date, and the £180 paid once, on the
    # enquiry. The council handles every enquiry.
    remedies = Remedy.objects.select_related("enquiry").order_by("enquiry__received_date", "id")
    assert [r.kind for r in remedies] == [
        "apology",
        "start_stage",
        "apology",
        "payment",
        "start_stage",
    ]
    assert all(r.completed_date and r.completed_date <= r.due_date for r in remedies)
    for enquiry in {r.enquiry for r in remedies}:
        done = max(r.completed_date for r in remedies if r.enquiry == enquiry)
        assert enquiry.remedy_completed_date == done
    paid = Payment.objects.get(stage="lgo")
    assert (paid.amount, paid.enquiry.decision) == (180, "fault_found")
    assert set(Enquiry.objects.values_list("organisation__name", flat=True)) == {shape.COUNCIL}
    # Set twice, nothing changes; the workbook imports again into the dated structure unchanged.
    assert apply_sandwell_structure() == 0
    again = import_dataset(path=folder, create_missing=True)
    assert again.imported, again.problems[:5]
    assert Remedy.objects.count() == 5
    assert Organisation.objects.count() == 2
    assert ServiceArea.objects.count() == len(shape.OLD_SERVICES) + len(shape.NEW_SERVICES)


@pytest.mark.django_db
def test_report_profile_settings_are_valid():
    for key, value in SANDWELL_SETTINGS.items():
        config.set_value(key, value, by=None)
    assert config.get("authority_name") == shape.AUTHORITY
    assert config.get("report_reasons_by") == "theme"
    sections = config.get("report_sections")
    assert sections[:3] == ("summary", "procedure", "volumes")
    assert "costs" not in sections
    assert "rates" not in sections
    assert sections.index("children") < sections.index("ombudsman") < sections.index("reasons")
    # The first demo authority keeps the default profile.
    assert "report_reasons_by" not in DEMO_SETTINGS
    assert "report_sections" not in DEMO_SETTINGS
