"""Browser tests of the reports pages: Chromium, Playwright and axe, with the browser fixtures
registered in redress/conftest.py."""

import datetime

import pytest

from redress.reporting.tests.casebook import build_casebook


@pytest.fixture
def casebook(db, settings):
    # The reports default to the last complete financial year: 2021-22 on this day.
    settings.REDRESS_TODAY = datetime.date(2022, 5, 31)
    return build_casebook()
