import factory

from redress.organisations.models import Locality, Organisation, ServiceArea


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisation {n}")


class LocalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Locality
        django_get_or_create = ("name", "valid_from")

    name = factory.Iterator(["North", "South", "East", "West"])
    valid_from = None


class ServiceAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceArea
        django_get_or_create = ("name", "valid_from")

    name = factory.Sequence(lambda n: f"Service {n}")
    valid_from = None
    locality = None
