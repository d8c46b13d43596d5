"""The demo workbooks of the two published reports, imported and read as facts at 31 May 2022,
and the module fixtures their published-figures tests share: the foundation's (the Birmingham
Children's Trust annual report 2021-22, for the fictional Kingsmoor Children's Trust) and the
second authority's (the Sandwell Children's Trust annual report 2021-22, for the fictional
Brackenford Children's Trust).

Generating and importing a workbook takes a few seconds, so it is done once per test process,
inside a transaction that is rolled back: the test database is left as it was, on SQLite and
PostgreSQL alike. Call it from a fixture that has unblocked the database
(`django_db_blocker.unblock()`, as `published_fixtures` does), in a module marked `django_db`:
pytest-django runs those before any transactional test, whose flush at the end would take away
the procedures and taxonomies the migrations loaded.
"""

from __future__ import annotations

import datetime
import functools
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction

from redress.demo.generator import generate as generate_birmingham
from redress.demo.generator.sandwell import generate as generate_sandwell
from redress.demo.generator.sandwell import shape as sandwell_shape
from redress.imports.services import import_dataset
from redress.procedures.selectors import working_calendar
from redress.reporting.document.build import build_document
from redress.reporting.document.model import ReportDocument
from redress.reporting.facts import Facts, extract_facts
from redress.reporting.figures import ReportSettings, compute_figures
from redress.reporting.periods import financial_year

AS_OF = datetime.date(2022, 5, 31)
KINGSMOOR = "Kingsmoor Children's Trust"
REPORT_YEAR = "2021-22"


def imported_facts(generate: Callable[[Path], Any], name: str, *, as_of: datetime.date) -> Facts:
    """The facts of a generated workbook, imported into a transaction that is rolled back."""
    with tempfile.TemporaryDirectory() as folder:
        workbook = Path(folder) / name
        generate(workbook)
        with transaction.atomic():
            result = import_dataset(path=workbook, create_missing=True)
            assert result.imported, result.problems[:10]
            facts = extract_facts(as_of=as_of, calendar=working_calendar())
            transaction.set_rollback(True)
    return facts


@functools.cache
def birmingham_facts() -> Facts:
    return imported_facts(generate_birmingham, "redress-demo.xlsx", as_of=AS_OF)


@functools.cache
def sandwell_facts() -> Facts:
    return imported_facts(
        generate_sandwell, "redress-demo-sandwell.xlsx", as_of=sandwell_shape.AS_OF
    )


def published_fixtures(
    load: Callable[[], Facts],
    *,
    years: tuple[str, ...] = (REPORT_YEAR,),
    settings: ReportSettings | None = None,
    keep_evidence: bool = True,
) -> tuple[Any, ...]:
    """A published-figures test's module fixtures, to assign at the top of its module:

        facts, years, year, figures, tables = published_fixtures(birmingham_facts)

    `facts` from `load` (once per process), `years` the figures of each year named, `year` the
    report's year (2021-22), and its `figures` and `tables`."""
    named = years

    @pytest.fixture(scope="module")
    def facts(django_db_setup: Any, django_db_blocker: Any) -> Facts:
        with django_db_blocker.unblock():
            return load()

    @pytest.fixture(scope="module")
    def years(facts: Facts) -> dict[str, Any]:
        return {
            label: compute_figures(
                facts=facts,
                period=financial_year(label),
                settings=settings,
                keep_evidence=keep_evidence,
            )
            for label in named
        }

    @pytest.fixture(scope="module")
    def year(years: dict[str, Any]) -> Any:
        return years[REPORT_YEAR]

    @pytest.fixture(scope="module")
    def figures(year: Any) -> Any:
        return year.figures

    @pytest.fixture(scope="module")
    def tables(year: Any) -> Any:
        return year.tables

    return facts, years, year, figures, tables


def kingsmoor_document(
    figures: Any, *, facts: Facts, settings: ReportSettings | None = None
) -> ReportDocument:
    """The foundation's report built from `figures` (a FigureSet) as Kingsmoor's, with no
    narratives and, unless given, the default profile."""
    return build_document(
        figures=figures,
        authority=KINGSMOOR,
        service=None,
        narratives={},
        settings=settings or ReportSettings(),
        facts=facts,
    )
