"""The foundation's demo workbook (the Birmingham Children's Trust annual report 2021-22, for
the fictional Kingsmoor Children's Trust) imported and read as facts at 31 May 2022.

Generating and importing it takes a few seconds, so it is done once per test process, inside a
transaction that is rolled back: the test database is left as it was, on SQLite and PostgreSQL
alike. Call it from a fixture that has unblocked the database (`django_db_blocker.unblock()`),
in a module marked `django_db`: pytest-django runs those before any transactional test, whose
flush at the end would take away the procedures and taxonomies the migrations loaded.
"""

from __future__ import annotations

import datetime
import functools
import tempfile
from pathlib import Path

from django.db import transaction

from redress.demo.generator import generate
from redress.imports.services import import_dataset
from redress.procedures.selectors import working_calendar
from redress.reporting.facts import Facts, extract_facts

AS_OF = datetime.date(2022, 5, 31)


@functools.cache
def birmingham_facts() -> Facts:
    with tempfile.TemporaryDirectory() as folder:
        workbook = Path(folder) / "redress-demo.xlsx"
        generate(workbook)
        with transaction.atomic():
            result = import_dataset(path=workbook, create_missing=True)
            assert result.imported, result.problems[:10]
            facts = extract_facts(as_of=AS_OF, calendar=working_calendar())
            transaction.set_rollback(True)
    return facts
