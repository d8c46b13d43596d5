"""The configuration an import resolves names and codes against, loaded once per import.

Procedures, organisations, service areas, localities and taxonomy terms are read into dicts up
front, so resolving a row never queries the database. Service areas and localities are
effective-dated and taxonomies are versioned, so those resolve on the record's date. With
`--create-missing`, an unknown name becomes a `Pending` record that `apply` creates before the
rows that use it.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from redress.organisations.models import Locality, Organisation, ServiceArea
from redress.procedures.models import Procedure
from redress.taxonomies.models import Taxonomy, TaxonomyKind, Term

from .problems import (
    NoTaxonomy,
    NotConfigured,
    NotInEffect,
    RuleBroken,
    UnknownProcedure,
    UnknownTerm,
)


class Pending:
    """A record --create-missing will create; `id` is set once it has been created."""

    __slots__ = ("id", "kind", "name", "parent", "taxonomy")

    def __init__(self, kind: str, name: str, *, taxonomy: Any = None, parent: Any = None) -> None:
        self.kind = kind
        self.name = name
        self.taxonomy = taxonomy
        self.parent = parent
        self.id: int | None = None

    def __repr__(self) -> str:
        return f"Pending({self.kind!r}, {self.name!r})"


Ref = int | Pending


def ref_id(value: Ref | None) -> int | None:
    """The database id of a resolved reference (a Pending one once it has been created)."""
    return value.id if isinstance(value, Pending) else value


@dataclass(frozen=True)
class StageRuleInfo:
    stage: int
    extendable: bool
    max_days: int


@dataclass(frozen=True)
class ProcedureInfo:
    id: int
    code: str
    name: str
    rules: dict[int, StageRuleInfo]


@dataclass(frozen=True)
class Version:
    ref: Ref
    valid_from: datetime.date | None
    valid_to: datetime.date | None

    def effective_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def span(self) -> str:
        start = f"from {self.valid_from}" if self.valid_from else "until"
        if self.valid_to is None:
            return start if self.valid_from else "always"
        return f"{start} {self.valid_to}" if not self.valid_from else f"{start} to {self.valid_to}"


@dataclass
class TaxonomyInfo:
    ref: Ref
    code: str
    name: str
    kind: str
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None

    def effective_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


KIND_WORDS = {
    TaxonomyKind.CATEGORIES: "reasons",
    TaxonomyKind.THEMES: "themes",
    TaxonomyKind.LEARNING: "learning themes",
}


@lru_cache(maxsize=65_536)
def _fold(name: str) -> str:
    """Names match whatever their case and spacing."""
    return " ".join(name.split()).casefold()


@dataclass
class Lookups:
    create_missing: bool = False
    procedures: dict[str, ProcedureInfo] = field(default_factory=dict)
    organisations: dict[str, Ref] = field(default_factory=dict)
    service_areas: dict[str, list[Version]] = field(default_factory=lambda: defaultdict(list))
    localities: dict[str, list[Version]] = field(default_factory=lambda: defaultdict(list))
    taxonomies: list[TaxonomyInfo] = field(default_factory=list)
    terms: dict[tuple[Any, Any, str], Ref] = field(default_factory=dict)
    term_taxonomy: dict[int, TaxonomyInfo] = field(default_factory=dict)
    term_names: dict[int, str] = field(default_factory=dict)
    pending: list[Pending] = field(default_factory=list)
    _effective: dict[tuple[str, datetime.date], list[TaxonomyInfo]] = field(default_factory=dict)
    _resolved: dict[tuple[Any, ...], Ref] = field(default_factory=dict)

    @classmethod
    def load(cls, *, create_missing: bool = False) -> Lookups:
        lookups = cls(create_missing=create_missing)
        for procedure in Procedure.objects.prefetch_related("stage_rules"):
            rules = {
                r.stage: StageRuleInfo(r.stage, r.extendable, r.max_days)
                for r in procedure.stage_rules.all()
            }
            lookups.procedures[procedure.code.casefold()] = ProcedureInfo(
                procedure.id, procedure.code, procedure.name, rules
            )
        for org_id, name in Organisation.objects.values_list("id", "name"):
            lookups.organisations[_fold(name)] = org_id
        for model, table in (
            (ServiceArea, lookups.service_areas),
            (Locality, lookups.localities),
        ):
            rows = model.objects.order_by("valid_from", "id")
            for pk, name, start, end in rows.values_list("id", "name", "valid_from", "valid_to"):
                table[_fold(name)].append(Version(pk, start, end))
        by_id = {}
        for t in Taxonomy.objects.all():
            by_id[t.id] = TaxonomyInfo(t.id, t.code, t.name, t.kind, t.valid_from, t.valid_to)
        lookups.taxonomies = list(by_id.values())
        terms = Term.objects.values_list("id", "taxonomy_id", "parent_id", "name")
        for pk, taxonomy_id, parent_id, name in terms:
            lookups.terms[taxonomy_id, parent_id, _fold(name)] = pk
            lookups.term_taxonomy[pk] = by_id[taxonomy_id]
            lookups.term_names[pk] = name
        return lookups

    def procedure(self, code: str) -> ProcedureInfo:
        try:
            return self.procedures[code.casefold()]
        except KeyError:
            known = ", ".join(p.code for p in self.procedures.values())
            raise RuleBroken(UnknownProcedure, known=known) from None

    def organisation(self, name: str) -> Ref:
        key = _fold(name)
        found = self.organisations.get(key)
        if found is None:
            found = self._new("organisation", name, NotConfigured)
            self.organisations[key] = found
        return found

    def service_area(self, name: str, day: datetime.date) -> Ref:
        return self._dated("service area", self.service_areas, name, day)

    def locality(self, name: str, day: datetime.date) -> Ref:
        return self._dated("locality", self.localities, name, day)

    def term(self, kind: str, day: datetime.date, name: str, *, parent: Ref | None = None) -> Ref:
        """A top-level term of the `kind` taxonomy in effect on `day`, or a child of `parent`."""
        # Most rows repeat a few terms on a few thousand dates: remember what each resolved to.
        memo = (kind, day, name, parent)
        found = self._resolved.get(memo)
        if found is None:
            found = self._resolved[memo] = self._term(kind, day, name, parent)
        return found

    def _term(self, kind: str, day: datetime.date, name: str, parent: Ref | None) -> Ref:
        key = _fold(name)
        if parent is not None:
            taxonomy = self.taxonomy_of(parent)
            found = self.terms.get((taxonomy.ref, parent, key))
            if found is not None:
                return found
            if not self.create_missing:
                raise RuleBroken(
                    UnknownTerm,
                    name=name,
                    what=f"subcategory of {self.term_name(parent)!r}",
                    taxonomies=taxonomy.name,
                    day=day,
                )
            return self._new_term(taxonomy, name, parent)
        candidates = self.effective_taxonomies(kind, day)
        for taxonomy in candidates:
            found = self.terms.get((taxonomy.ref, None, key))
            if found is not None:
                return found
        word = KIND_WORDS.get(TaxonomyKind(kind), kind)
        if not self.create_missing:
            if not candidates:
                raise RuleBroken(NoTaxonomy, kind=word, day=day)
            names = " or ".join(t.name for t in candidates)
            raise RuleBroken(UnknownTerm, name=name, what=word[:-1], taxonomies=names, day=day)
        if not candidates:
            candidates = [self._new_taxonomy(kind)]
        return self._new_term(candidates[0], name, None)

    def taxonomy_of(self, term: Ref) -> TaxonomyInfo:
        if isinstance(term, Pending):
            return term.taxonomy
        return self.term_taxonomy[term]

    def term_name(self, term: Ref) -> str:
        return term.name if isinstance(term, Pending) else self.term_names[term]

    def effective_taxonomies(self, kind: str, day: datetime.date) -> list[TaxonomyInfo]:
        """Taxonomies of a kind in effect on a day, the most recently started first."""
        cached = self._effective.get((kind, day))
        if cached is None:
            cached = sorted(
                (t for t in self.taxonomies if t.kind == kind and t.effective_on(day)),
                key=lambda t: (-(t.valid_from or datetime.date.min).toordinal(), t.code),
            )
            self._effective[kind, day] = cached
        return cached

    def _dated(
        self, kind: str, table: dict[str, list[Version]], name: str, day: datetime.date
    ) -> Ref:
        key = _fold(name)
        versions = table.get(key)
        if not versions:
            pending = self._new(kind, name, NotConfigured)
            table[key] = [Version(pending, None, None)]
            return pending
        for version in versions:
            if version.effective_on(day):
                return version.ref
        spans = "; ".join(v.span() for v in versions)
        raise RuleBroken(NotInEffect, kind=kind, name=name, day=day, spans=spans)

    def _new(self, kind: str, name: str, rule: type[NotConfigured]) -> Pending:
        if not self.create_missing:
            raise RuleBroken(rule, kind=kind, name=name)
        pending = Pending(kind, " ".join(name.split()))
        self.pending.append(pending)
        return pending

    def _new_taxonomy(self, kind: str) -> TaxonomyInfo:
        taken = {t.code for t in self.taxonomies}
        code = f"imported-{kind}"
        suffix = 2
        while code in taken:
            code, suffix = f"imported-{kind}-{suffix}", suffix + 1
        name = f"Imported {KIND_WORDS.get(TaxonomyKind(kind), kind)}"
        pending = Pending("taxonomy", name)
        info = TaxonomyInfo(pending, code, name, kind)
        pending.taxonomy = info
        self.pending.append(pending)
        self.taxonomies.append(info)
        self._effective.clear()
        return info

    def _new_term(self, taxonomy: TaxonomyInfo, name: str, parent: Ref | None) -> Pending:
        pending = Pending("term", " ".join(name.split()), taxonomy=taxonomy, parent=parent)
        self.pending.append(pending)
        self.terms[taxonomy.ref, parent, _fold(name)] = pending
        return pending
