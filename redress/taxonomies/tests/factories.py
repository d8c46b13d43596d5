import factory

from redress.taxonomies.models import Taxonomy, Term


def shipped_term(category: str, subcategory: str | None = None) -> Term:
    """A term of the shipped Birmingham reasons taxonomy (loaded by a migration)."""
    parent = Term.objects.get(taxonomy__code="birmingham-reasons-2021", parent=None, name=category)
    return parent if subcategory is None else parent.children.get(name=subcategory)


def shipped_theme(name: str, code: str = "sandwell-themes-2021") -> Term:
    return Term.objects.get(taxonomy__code=code, parent=None, name=name)


class TaxonomyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Taxonomy

    code = factory.Sequence(lambda n: f"taxonomy-{n}")
    name = factory.Sequence(lambda n: f"Taxonomy {n}")
    kind = "categories"


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term

    taxonomy = factory.SubFactory(TaxonomyFactory)
    name = factory.Sequence(lambda n: f"Term {n}")
