"""Search: a complaint by any part of its reference, its complainant's or a child's name, or
the Ombudsman's reference (ADR 0015).

Each complaint keeps what is searched in one column, `search_text` (kept by `complaints.state`
with the stored state), so a search is one condition on the complaint: on PostgreSQL its trigram
index (`gin_trgm_ops`, migration complaints 0006) serves `search_text ILIKE '%…%'`, and a page of
a common name is read in the list's order and stops at its last row, rather than gathering
every complaint of every person of that name first. Django's own `icontains` compares
`UPPER(column)`, which a trigram index cannot serve, so every search would read every row:
hence `anycase`. On SQLite an FTS5 table with the trigram tokenizer (complaints 0008, kept by
triggers) holds the same text under the complaint's id and answers the same `LIKE`.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import connection, models
from django.db.models import Lookup
from django.db.models.expressions import RawSQL

from redress.complaints.state import search_text


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


models.CharField.register_lookup(ContainsAnyCase)
models.TextField.register_lookup(ContainsAnyCase)


# SQLite's trigram table (complaints 0008) answers a LIKE with three characters or more in a
# row and no wildcard of the searcher's own; anything else reads every complaint's column.
FTS_SEARCH = "SELECT rowid FROM complaints_search WHERE search_text LIKE %s"
FTS_USABLE = re.compile(r"[^%_\\]{3,}")


def matching(q: str) -> models.Q:
    """Complaints whose reference, complainant's name, name of whom it is on behalf, child's
    name or Ombudsman reference contains `q`, in any case."""
    text = search_text(" ".join(q.split()))
    if connection.vendor == "sqlite" and FTS_USABLE.fullmatch(text):
        return models.Q(pk__in=RawSQL(FTS_SEARCH, (f"%{text}%",)))  # noqa: S611 (bound)
    return models.Q(search_text__anycase=text)
