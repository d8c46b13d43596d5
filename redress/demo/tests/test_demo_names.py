import pytest

from redress.complaints.models import Complaint
from redress.complaints.selectors.search import matching
from redress.complaints.tests.factories import ComplaintFactory
from redress.core import config
from redress.demo.names import add_demo_names
from redress.people.models import Person
from redress.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def kingsmoor():
    config.set_value("authority_name", "Kingsmoor Children's Trust", by=None)
    config.set_value("letter_address", "Kingsmoor House, Kingsmoor, KM1 1AA", by=None)


def test_the_demos_people_get_the_same_made_up_names_and_can_be_found_by_them():
    keep = PersonFactory(name="Already Named")
    complaint = ComplaintFactory(complainant=PersonFactory(name="", key="P-0001"))
    assert add_demo_names() == 1
    person = Person.objects.get(key="P-0001")
    assert person.name
    assert person.email.endswith("@example.org")
    assert "Kingsmoor" in person.address
    assert Person.objects.get(pk=keep.pk).name == "Already Named"
    surname = person.name.split()[-1]
    assert complaint.pk in Complaint.objects.filter(matching(surname)).values_list("pk", flat=True)
    # The same key, the same name, every run.
    named = person.name
    Person.objects.filter(pk=person.pk).update(name="")
    assert add_demo_names() == 1
    assert Person.objects.get(pk=person.pk).name == named
    assert add_demo_names() == 0


def test_the_second_demo_authority_s_people_live_in_its_own_town():
    config.set_value("authority_name", "Brackenford Children's Trust", by=None)
    config.set_value("letter_address", "Council House, Brackenford, BK1 2AA", by=None)
    PersonFactory(name="", key="P-0002")
    add_demo_names()
    address = Person.objects.get(key="P-0002").address
    assert "Brackenford\nBK" in address
    assert "Kingsmoor" not in address
