"""Keyset pages: walking forwards by the next cursor, backwards by the previous one, or jumping
to a numbered page (from either end), every sort gives the same rows as one long ordered list,
nulls last whichever the direction."""

import datetime

import pytest

from redress.complaints.models import Complaint
from redress.complaints.selectors import SORTS, Cursor, keyset_page
from redress.complaints.state import refresh_complaints
from redress.complaints.tests.factories import ComplaintFactory, StageFactory
from redress.organisations.tests.factories import ServiceAreaFactory

pytestmark = pytest.mark.django_db

SIZE = 4


@pytest.fixture
def complaints(d):
    """23 complaints: received dates that tie, some closed (no due date), some at stage 2,
    three service areas."""
    areas = [ServiceAreaFactory(name=n) for n in ("Adoption", "Fostering", "Safeguarding")]
    for i in range(23):
        complaint = ComplaintFactory(
            reference=f"REF-{(i * 7) % 23:03d}",
            received_date=d("2021-05-03") + datetime.timedelta(days=i // 3),
            service_area=areas[i % 3],
        )
        if i % 4 == 0:
            complaint.stages.update(responded_date=d("2021-06-01"), outcome="upheld")
        if i % 5 == 0:
            StageFactory(complaint=complaint, number=2, received_date=d("2021-06-02"))
    refresh_complaints(Complaint.objects.values_list("pk", flat=True))
    assert Complaint.objects.filter(due_date__isnull=True).exists()


def _all(key, descending):
    rows = Complaint.objects.order_by(*key.ordering(descending=descending))
    return list(rows.values_list("reference", flat=True))


def _page(key, descending, **kwargs):
    return keyset_page(
        Complaint.objects.all(),
        key=key,
        descending=descending,
        count=Complaint.objects.count(),
        size=SIZE,
        **kwargs,
    )


def _refs(page):
    return [c.reference for c in page.rows]


SORT_CASES = [(name, descending) for name in SORTS for descending in (False, True)]


@pytest.mark.parametrize(("name", "descending"), SORT_CASES)
def test_walking_forwards_and_back_by_cursor_gives_the_whole_list(complaints, name, descending):
    key = SORTS[name]
    expected = _all(key, descending)
    seen, pages = [], []
    page = _page(key, descending)
    while True:
        pages.append(page)
        seen += _refs(page)
        if not page.has_next:
            break
        page = _page(key, descending, after=page.next_cursor, number=page.number + 1)
    assert seen == expected
    assert [p.number for p in pages] == [1, 2, 3, 4, 5, 6]
    assert pages[-1].pages == 6
    # And back from the last page by the previous cursors.
    back = []
    while page.has_previous:
        page = _page(key, descending, before=page.previous_cursor, number=page.number - 1)
        back = _refs(page) + back
    assert back == expected[: len(back)]
    assert len(back) == 5 * SIZE


@pytest.mark.parametrize(("name", "descending"), SORT_CASES)
def test_numbered_pages_from_either_end(complaints, name, descending):
    key = SORTS[name]
    expected = _all(key, descending)
    for number in range(1, 7):
        page = _page(key, descending, number=number)
        assert _refs(page) == expected[(number - 1) * SIZE : number * SIZE], number


def test_nulls_come_last_both_ways(complaints):
    for descending in (False, True):
        dues = list(
            Complaint.objects.order_by(*SORTS["due"].ordering(descending=descending)).values_list(
                "due_date", flat=True
            )
        )
        first_null = dues.index(None)
        assert all(v is None for v in dues[first_null:])
        assert dues[:first_null] == sorted(dues[:first_null], reverse=descending)


def test_a_cursor_survives_its_link_and_a_mangled_one_is_ignored(d):
    key = SORTS["received"]
    cursor = Cursor(d("2021-05-03"), "REF-001")
    assert Cursor.decode(cursor.encode(), key) == cursor
    assert Cursor.decode(Cursor(None, "X").encode(), key) == Cursor(None, "X")
    for mangled in ("", "!!!", "bm90IGpzb24", Cursor("not a date", "X").encode()):
        assert Cursor.decode(mangled, key) is None


def test_a_page_past_the_end_is_the_last(complaints):
    page = _page(SORTS["reference"], False, number=99)
    assert page.number == 6
    assert len(page.rows) == 3
