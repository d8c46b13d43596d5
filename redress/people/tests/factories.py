import factory

from redress.people.models import Person


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    key = factory.Sequence(lambda n: f"P{n:06d}")
    name = factory.Faker("name", locale="en_GB")
