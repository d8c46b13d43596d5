"""The indexes the lists rely on are the ones the database uses: the search's (a trigram index
on PostgreSQL; on SQLite an FTS5 trigram table kept by triggers, complaints 0008) and the small
partial index of open stages, which SQLite uses only when the condition is written out."""

import pytest
from django.db import connection
from django.db.models import Count

from redress.complaints.models import Complaint, Stage
from redress.complaints.selectors.lists import AmongLiterals, open_stages
from redress.complaints.selectors.search import matching
from redress.complaints.state import refresh_complaints
from redress.complaints.tests.factories import ComplaintFactory
from redress.people.services import person_update
from redress.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
ON_SQLITE = connection.vendor == "sqlite"


def _indexed() -> dict[int, str]:
    """What SQLite's search table holds, by complaint id."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT rowid, search_text FROM complaints_search")
        return dict(cursor.fetchall())


def _stored() -> dict[int, str]:
    return dict(Complaint.objects.values_list("pk", "search_text"))


def test_the_search_index_follows_every_change_of_the_search_text():
    if not ON_SQLITE:  # PostgreSQL's own trigram index is kept by the server
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'complaint_search_trgm'"
            )
            (definition,) = cursor.fetchone()
        assert "gin_trgm_ops" in definition
        assert "search_text" in definition
        return
    first, second = ComplaintFactory(), ComplaintFactory()
    person = PersonFactory(name="Morwenna Tregarthen")
    first.complainant = person
    first.save()
    refresh_complaints([first.pk, second.pk])
    assert _indexed() == _stored()
    assert "morwenna tregarthen" in _indexed()[first.pk]

    person_update(person=person, name="Morwenna Pascoe", by=None)
    assert "morwenna pascoe" in _indexed()[first.pk]
    assert _indexed() == _stored()

    Stage.objects.filter(complaint=second).delete()
    second.delete()
    assert _indexed() == _stored()
    assert second.pk not in _indexed()


@pytest.mark.parametrize(
    ("q", "uses_the_index"),
    [("tregarthen", True), ("KCT-2021", True), ("tr", False), ("a%b", False), ("x_yz", False)],
)
def test_sqlite_searches_its_index_when_it_can(q, uses_the_index):
    sql = str(Complaint.objects.filter(matching(q)).query)
    assert ("complaints_search" in sql) == (ON_SQLITE and uses_the_index)


@pytest.mark.parametrize("q", ["tregarthen", "tre", "re", "ga", "%", "_", "a t"])
def test_the_search_finds_the_same_through_the_index_or_without(q):
    person = PersonFactory(name="Morwenna Tregarthen")
    found = ComplaintFactory(complainant=person)
    ComplaintFactory(complainant=PersonFactory(name="Alex Parker"))
    refresh_complaints(list(Complaint.objects.values_list("pk", flat=True)))
    by_column = set(
        Complaint.objects.filter(search_text__anycase=q.lower()).values_list("pk", flat=True)
    )
    through_matching = set(Complaint.objects.filter(matching(q)).values_list("pk", flat=True))
    assert through_matching == by_column
    if q in ("tregarthen", "tre", "a t"):
        assert through_matching == {found.pk}


def test_open_statuses_are_written_into_the_sql():
    sql = str(open_stages().query)
    assert "IN ('open', 'on_hold')" in sql


def test_only_plain_codes_are_written_into_the_sql():
    with pytest.raises(ValueError, match="Only plain codes"):
        list(Stage.objects.filter(status__among=["open'); DROP TABLE x; --"]))
    with pytest.raises(ValueError, match="Only plain codes"):
        list(Stage.objects.filter(status__among=[]))
    assert AmongLiterals.lookup_name == "among"


def test_sqlite_counts_open_stages_on_their_partial_index():
    if not ON_SQLITE:
        pytest.skip("PostgreSQL plans a bound IN against a partial index itself")
    ComplaintFactory()
    # The team's work: open stages counted by person and stage.
    counted = open_stages().order_by().values("allocated_to", "number").annotate(n=Count("pk"))
    sql, params = counted.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row) for row in cursor.fetchall())
    # Found by status (on the partial index once there are statistics; without them, on the
    # status index), never by reading every stage.
    assert "stage_open_idx" in plan or "(status=?)" in plan, plan
    assert "SCAN complaints_stage " not in plan.replace("COVERING INDEX stage_open_idx", ""), plan
