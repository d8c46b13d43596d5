import pytest

from .helpers import frozen_today


@pytest.fixture(autouse=True)
def _today():
    """Every service test runs on Monday 10 January 2022."""
    with frozen_today():
        yield
