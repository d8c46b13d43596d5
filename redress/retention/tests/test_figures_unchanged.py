"""The promise retention makes: anonymising personal data leaves every reported figure as it was.

A generated authority (2017 to 2022) is imported, its people given names, addresses, emails and
dates of birth; the figures JSON of every financial year (the team's and the published
version) is computed, `redress retention --apply` runs as at a day that makes the older
complaints due, and every year's JSON is computed again and compared byte for byte."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from redress.complaints.models import Complaint
from redress.core.models import AuditEvent
from redress.demo.generator import generate
from redress.imports.services import import_dataset
from redress.people.models import Person
from redress.reporting.periods import financial_year
from redress.reporting.services import generate_report
from redress.retention.models import Anonymisation, RecordType

pytestmark = pytest.mark.django_db

FIGURES_AS_OF = datetime.date(2022, 5, 31)
RETENTION_DAY = datetime.date(2027, 9, 1)  # complaints closed by 1 September 2021 are due
YEARS = range(2016, 2023)  # 2016-17 (before the first record) to 2022-23


@pytest.fixture(scope="module")
def workbook(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("retention") / "authority"
    generate(folder, complaints=160, seed=11)
    return folder


@pytest.fixture
def authority(workbook, settings):
    result = import_dataset(path=workbook, create_missing=True)
    assert result.imported, result.problems[:5]
    for index, pk in enumerate(Person.objects.order_by("pk").values_list("pk", flat=True)):
        Person.objects.filter(pk=pk).update(
            name=f"Jo Bloggs {index}",
            email=f"jo{index}@example.org",
            phone="07700 900123",
            address=f"{index} High Street, Kingsmoor",
            date_of_birth=datetime.date(2010, 1, 1) + datetime.timedelta(days=index),
        )
    settings.REDRESS_TODAY = RETENTION_DAY


def every_years_figures() -> dict[str, bytes]:
    out = {}
    for year in YEARS:
        period = financial_year(year)
        for publish in (False, True):
            report = generate_report(
                period=period, as_of=FIGURES_AS_OF, publish=publish, fmt="json"
            )
            out[f"{period.label}{' published' if publish else ''}"] = report.content
    return out


def test_every_years_figures_json_is_identical_after_retention(authority):
    before = every_years_figures()
    assert b'"received.stage1": 0' not in before["2019-20"]  # a year with complaints in it
    open_before = dict(Complaint.objects.exclude(status="closed").values_list("pk", "summary"))

    out = io.StringIO()
    call_command("retention", "--apply", stdout=out)
    printed = out.getvalue()

    anonymised = Anonymisation.objects.filter(record_type=RecordType.COMPLAINT)
    assert anonymised.count() > 50, printed
    # Not all: complaints closed after 1 September 2021, and open ones, are kept.
    assert Complaint.objects.exclude(summary="").exists()
    assert every_years_figures() == before

    ids = set(anonymised.values_list("object_id", flat=True))
    assert not Complaint.objects.filter(pk__in=ids).exclude(summary="").exists()
    assert Person.objects.filter(name="").exists()
    assert Complaint.objects.exclude(status="closed").exists()
    assert open_before == dict(
        Complaint.objects.exclude(status="closed").values_list("pk", "summary")
    )
    # The import's audit events of those complaints kept their summaries until now.
    snapshots = AuditEvent.objects.filter(complaint_id__in=ids, content_type__model="complaint")
    assert snapshots.exclude(action="retention.anonymise").exists()
    for event in snapshots:
        assert not (event.after or {}).get("summary")
    assert f"complaints: {len(ids)}" in printed
