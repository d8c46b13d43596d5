"""Search: a complaint by any part of its reference, its complainant's or a child's name, or
the Ombudsman's reference (ADR 0015).

On PostgreSQL the trigram indexes of migration complaints 0004 (`gin_trgm_ops` on the columns)
serve `column ILIKE '%…%'`. Django's own `icontains` compares `UPPER(column)`, which those
indexes cannot serve, so every search would read every row: hence `anycase`.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Lookup, QuerySet

from redress.complaints.models import Complaint
from redress.ombudsman.models import Enquiry
from redress.people.models import Person


@models.CharField.register_lookup
class ContainsAnyCase(Lookup):
    """`field__anycase=text`: the field contains the text, in any case, as `icontains`, in SQL
    a trigram index serves (`ILIKE` on PostgreSQL; SQLite's `LIKE` ignores case already)."""

    lookup_name = "anycase"
    prepare_rhs = False

    def get_db_prep_lookup(self, value: Any, connection: Any) -> tuple[str, tuple[str, ...]]:
        return "%s", (f"%{connection.ops.prep_for_like_query(value)}%",)

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        like = "ILIKE" if connection.vendor == "postgresql" else "LIKE"
        return f"{lhs} {like} {rhs} ESCAPE '\\'", (*lhs_params, *rhs_params)


@models.Field.register_lookup
class AnyOf(Lookup):
    """`field__any_of=[...]`: as `__in` with a list, but on PostgreSQL one array parameter
    (`= ANY(%s)`) rather than one parameter a value, which for thousands of ids costs more to
    build and parse than to run."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = list(self.rhs)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s)", (*lhs_params, values)
        if not values:
            return "1 = 0", tuple(lhs_params)
        return f"{lhs} IN ({', '.join(['%s'] * len(values))})", (*lhs_params, *values)


models.ForeignKey.register_lookup(AnyOf)  # (related fields keep lookups of their own)


# Up to this many matches are read into a list once, so the counts and the page do not each
# search again; more (a very common name) stay a subquery. Well under SQLite's limit on
# parameters in one statement.
MATERIALISE = 10_000


def search(q: str, *, people: Any = None) -> QuerySet[Any, Any]:
    """Ids of complaints whose reference, complainant's name, child's name (on whose behalf,
    or among its children) or Ombudsman reference contains `q`: a union of index lookups,
    rather than one OR across joins, which would test every complaint. `people`: the ids of
    the people whose names match, if already found."""
    lookup = "in"
    if people is None:
        people = Person.objects.filter(name__anycase=q).order_by().values("pk")
    else:
        lookup = "any_of"
    ids = Complaint.objects.order_by().values_list("pk", flat=True)
    children = Complaint.children.through.objects.order_by()
    enquiries = Enquiry.objects.order_by().filter(complaint__isnull=False)
    return (
        ids.filter(reference__anycase=q)
        .union(
            ids.filter(**{f"complainant_id__{lookup}": people}),
            ids.filter(**{f"on_behalf_of_id__{lookup}": people}),
            children.filter(**{f"person_id__{lookup}": people}).values_list(
                "complaint_id", flat=True
            ),
            enquiries.filter(lgo_reference__anycase=q).values_list("complaint_id", flat=True),
        )
        .order_by()  # (else the complaints' default order, which the union cannot sort by)
    )


def found(q: str) -> list[int] | QuerySet[Any, Any]:
    """The ids of the complaints `q` finds, read once (two queries, whatever the size): a list
    when there are at most MATERIALISE, else the search as a subquery."""
    people: Any = list(
        Person.objects.filter(name__anycase=q)
        .order_by()
        .values_list("pk", flat=True)[: MATERIALISE + 1]
    )
    if len(people) > MATERIALISE:
        people = None
    matches = search(q, people=people)
    ids = list(matches[: MATERIALISE + 1])
    return ids if len(ids) <= MATERIALISE else matches
