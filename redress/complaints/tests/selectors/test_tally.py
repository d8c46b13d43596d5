"""The complaint tally (complaints 0009) the database keeps by triggers is always the count of
the complaints by its columns, and the list's counts read from it are the counts of the rows."""

import datetime

import pytest
from django.db import connection

from redress.accounts.models import Role
from redress.complaints.models import Complaint, Stage
from redress.complaints.selectors import ComplaintFilters, status_counts
from redress.complaints.selectors.lists import _counted_from_tally
from redress.complaints.state import refresh_complaints
from redress.complaints.tests.factories import ComplaintFactory, StageFactory
from redress.organisations.tests.factories import (
    LocalityFactory,
    OrganisationFactory,
    ServiceAreaFactory,
)

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2022, 5, 31)
COLUMNS = (
    "procedure_id",
    "stage_reached",
    "service_area_id",
    "organisation_id",
    "locality_id",
    "complainant_type",
)


def _tally() -> dict[tuple, int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(COLUMNS)}, complaints FROM complaint_tally")
        return {tuple(row[:-1]): row[-1] for row in cursor.fetchall() if row[-1]}


def _counted() -> dict[tuple, int]:
    counts: dict[tuple, int] = {}
    for row in Complaint.objects.values_list(*COLUMNS):
        key = tuple(("" if value is None else value) if c == "complainant_type" else (value or 0)
                    for c, value in zip(COLUMNS, row, strict=True))  # fmt: skip
        counts[key] = counts.get(key, 0) + 1
    return counts


def test_the_tally_follows_every_insert_update_and_delete():
    north = LocalityFactory(name="North")
    trust = OrganisationFactory(name="The Trust")
    complaints = [ComplaintFactory() for _ in range(5)]
    assert _tally() == _counted()
    assert sum(_tally().values()) == 5

    first, second, third = complaints[:3]
    first.locality = north
    first.organisation = trust
    first.complainant_type = "young_person"
    first.save()
    second.service_area = ServiceAreaFactory(name="Fostering")
    second.save()
    StageFactory(complaint=third, number=2)
    refresh_complaints([third.pk])  # stage reached 1 -> 2
    assert Complaint.objects.get(pk=third.pk).stage_reached == 2
    assert _tally() == _counted()

    Complaint.objects.filter(pk=first.pk).update(locality=None)  # many rows at once too
    Complaint.objects.update(organisation=trust)
    assert _tally() == _counted()

    Stage.objects.filter(complaint__in=complaints[3:]).delete()
    Complaint.objects.filter(pk__in=[c.pk for c in complaints[3:]]).delete()
    assert _tally() == _counted()
    assert sum(_tally().values()) == 3


def test_a_bulk_insert_is_tallied():
    area = ServiceAreaFactory(name="Leaving care")
    template = ComplaintFactory(service_area=area)
    fields = {
        f.attname: getattr(template, f.attname)
        for f in Complaint._meta.concrete_fields
        if not f.primary_key
    }
    Complaint.objects.bulk_create(
        [Complaint(**{**fields, "reference": f"CSC-2020-{i:04d}"}) for i in range(50)]
    )
    assert _tally() == _counted()
    assert sum(n for key, n in _tally().items() if key[2] == area.pk) == 51


@pytest.fixture
def caseload_of_kinds():
    north, south = LocalityFactory(name="North"), LocalityFactory(name="South")
    fostering = ServiceAreaFactory(name="Fostering")
    adoption = ServiceAreaFactory(name="Adoption")
    trust = OrganisationFactory(name="The Trust")
    for i in range(12):
        complaint = ComplaintFactory(
            locality=(north, south, None)[i % 3],
            service_area=fostering if i % 2 else adoption,
            organisation=trust if i % 5 == 0 else None,
            complainant_type="young_person" if i % 3 == 0 else "parent",
        )
        if i % 4 == 1:
            StageFactory(complaint=complaint, number=2)
            refresh_complaints([complaint.pk])
    return {"north": north, "fostering": fostering, "trust": trust}


def _filter_sets(kinds):
    procedure = Complaint.objects.first().procedure
    return [
        ComplaintFilters(),
        ComplaintFilters(procedure=procedure),
        ComplaintFilters(stage=2),
        ComplaintFilters(stage=1, procedure=procedure),
        ComplaintFilters(service_area=kinds["fostering"]),
        ComplaintFilters(organisation=kinds["trust"]),
        ComplaintFilters(locality=kinds["north"]),
        ComplaintFilters(citywide=True),
        ComplaintFilters(complainant_type="young_person", status="closed"),
        ComplaintFilters(service_area=kinds["fostering"], status="open"),
    ]


def test_the_lists_counts_from_the_tally_are_the_counts_of_the_rows(
    caseload_of_kinds, officer, responding_manager
):
    assert officer.role == Role.COMPLAINTS_OFFICER
    for filters in _filter_sets(caseload_of_kinds):
        assert _counted_from_tally(officer, filters) is not None
        from_tally = status_counts(user=officer, filters=filters, today=TODAY)
        # The same filters with a received date far in the past: counted row by row.
        by_rows = status_counts(
            user=officer,
            filters=ComplaintFilters(
                **{**filters.__dict__, "received_from": datetime.date(1990, 1, 1)}
            ),
            today=TODAY,
        )
        assert _counted_from_tally(officer, ComplaintFilters(received_from=TODAY)) is None
        assert from_tally == by_rows, filters
    # Someone who sees only some complaints is never counted from it.
    assert _counted_from_tally(responding_manager, ComplaintFilters()) is None
    assert _counted_from_tally(officer, ComplaintFilters(q="smith")) is None


def test_a_refresh_of_many_complaints_counts_their_moves_itself():
    """Past TALLY_PAUSE complaints, the state refresh pauses the update trigger on PostgreSQL
    and counts the moves of stage reached in one statement: the tally is the same."""
    from redress.complaints.state import TALLY_PAUSE

    complaints = [ComplaintFactory() for _ in range(TALLY_PAUSE + 5)]
    for complaint in complaints[::3]:
        StageFactory(complaint=complaint, number=2)
    Complaint.objects.update(stage_reached=None)  # as an import leaves them
    assert _tally() == _counted()
    refresh_complaints([c.pk for c in complaints])
    reached = set(Complaint.objects.values_list("stage_reached", flat=True))
    assert reached == {1, 2}
    assert _tally() == _counted()
    # Paused for that refresh only: a later move is counted by the trigger again.
    Complaint.objects.filter(pk=complaints[1].pk).update(stage_reached=3)
    assert _tally() == _counted()
