import datetime

import pytest

from redress.core.models import AuditEvent
from redress.people.models import Person
from redress.people.services import person_record, person_update
from redress.people.tests.factories import PersonFactory
from redress.procedures import rules

pytestmark = pytest.mark.django_db


def test_keys_are_numbered(officer):
    first = person_record(name="Ann Example", by=officer)
    second = person_record(by=officer)
    assert (first.key, second.key) == ("P000001", "P000002")
    event = AuditEvent.objects.get(action="person.record", object_id=str(first.pk))
    assert (event.actor, event.after["name"], event.after["key"]) == (
        officer,
        "Ann Example",
        "P000001",
    )


def test_the_next_key_follows_the_highest():
    PersonFactory(key="P000041")
    PersonFactory(key="LEGACY-9")
    PersonFactory(key="P9x")
    assert person_record(by=None).key == "P000042"


def test_a_given_key_is_kept_and_must_be_free():
    assert person_record(key=" CRM-55 ", by=None).key == "CRM-55"
    with pytest.raises(rules.ReferenceTaken) as err:
        person_record(key="CRM-55", by=None)
    assert err.value.message == "There is already a person with the reference CRM-55."
    assert Person.objects.count() == 1


def test_email_and_birth_are_checked():
    with pytest.raises(rules.EmailNotValid) as err:
        person_record(email="not-an-email", by=None)
    assert err.value.message == "'not-an-email' is not an email address."
    tomorrow = datetime.date.today() + datetime.timedelta(days=2)
    with pytest.raises(rules.DateInFuture):
        person_record(date_of_birth=tomorrow, by=None)
    assert not Person.objects.exists()
    assert not AuditEvent.objects.exists()


def test_update_changes_what_is_given(officer):
    person = PersonFactory(name="Ann Example", email="ann@example.org")
    person = person_update(person=person, name=" Ann Sample ", by=officer)
    assert (person.name, person.email) == ("Ann Sample", "ann@example.org")
    event = AuditEvent.objects.get(action="person.update")
    assert (event.before, event.after) == ({"name": "Ann Example"}, {"name": "Ann Sample"})


def test_update_checks_before_writing():
    person = PersonFactory(email="ann@example.org")
    with pytest.raises(rules.EmailNotValid):
        person_update(person=person, name="New", email="nope", by=None)
    person.refresh_from_db()
    assert person.email == "ann@example.org"
    assert not AuditEvent.objects.exists()


def test_records_how_to_reach_them_and_what_they_need(officer):
    person = person_record(
        name="Sam",
        email="sam@example.org",
        preferred_contact="email",
        accessibility_needs=" Large print ",
        interpreter=" Polish ",
        by=officer,
    )
    assert (person.preferred_contact, person.accessibility_needs, person.interpreter) == (
        "email",
        "Large print",
        "Polish",
    )
    child = person_record(name="Jo", age_band="5-9", by=officer)
    assert child.age_band == "5-9"


def test_the_preferred_way_of_contact_needs_its_detail():
    with pytest.raises(rules.PreferredContactMissing) as err:
        person_record(name="Sam", preferred_contact="letter", by=None)
    assert err.value.message == (
        "Letter is their preferred way to be contacted, so enter their address."
    )
    assert err.value.field == "preferred_contact"
    with pytest.raises(rules.PreferredContactMissing):
        person_record(name="Sam", preferred_contact="text", email="sam@example.org", by=None)
    assert not Person.objects.exists()


def test_a_date_of_birth_or_an_age_band_not_both():
    with pytest.raises(rules.AgeBandWithBirthDate) as err:
        person_record(date_of_birth=datetime.date(2012, 5, 3), age_band="5-9", by=None)
    assert err.value.field == "age_band"
    with pytest.raises(rules.NotAChoice):
        person_record(age_band="ancient", by=None)


def test_update_checks_the_details_they_end_with():
    person = PersonFactory(phone="0121 496 0000", preferred_contact="phone")
    with pytest.raises(rules.PreferredContactMissing):
        person_update(person=person, phone="", by=None)
    person = person_update(person=person, interpreter="Urdu", by=None)
    assert person.interpreter == "Urdu"
    event = AuditEvent.objects.get(action="person.update")
    assert event.after == {"interpreter": "Urdu"}
