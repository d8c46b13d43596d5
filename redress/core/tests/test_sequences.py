import pytest

from redress.core.sequences import next_number
from redress.people.models import Person
from redress.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_next_number_is_one_more_than_the_highest_numeric_key():
    for key in ["A.B-7", "A.B-0012", "A.B-12x", "AXB-900", "A.B-"]:
        PersonFactory(key=key)
    # "AXB-900" would match if the dot in the stem were a regular-expression wildcard.
    assert next_number(Person.objects.all(), field="key", stem="A.B-") == 13


def test_first_number_is_one():
    assert next_number(Person.objects.all(), field="key", stem="P") == 1
