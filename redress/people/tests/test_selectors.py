import pytest

from redress.complaints.tests.factories import ComplaintFactory
from redress.people.selectors import people_matching
from redress.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_finds_people_by_every_word_of_their_name_by_email_or_by_key():
    sam = PersonFactory(name="Samira Khan", email="s.khan@example.org", key="P000101")
    PersonFactory(name="Sam Jones", email="sam.jones@example.org")
    assert list(people_matching("khan sam")) == [sam]
    assert list(people_matching("S.KHAN@")) == [sam]
    assert list(people_matching("p000101")) == [sam]
    assert [p.name for p in people_matching("sam")] == ["Sam Jones", "Samira Khan"]
    assert list(people_matching("  ")) == []


def test_says_how_many_complaints_each_made():
    sam = PersonFactory(name="Sam Khan")
    ComplaintFactory(complainant=sam)
    ComplaintFactory(complainant=sam)
    assert people_matching("Sam Khan")[0].complaint_count == 2
