"""Settings read from the machine: the front-end packages are served only where installed."""

from pathlib import Path

import pytest

from redress import settings


def test_without_node_modules_no_static_folder_is_listed(tmp_path):
    """Nine missing folders would be nine staticfiles warnings on every command."""
    assert settings._front_end_packages(tmp_path / "node_modules") == []


def test_each_installed_package_is_served_under_its_prefix(tmp_path):
    node = tmp_path / "node_modules"
    (node / "govuk-frontend" / "dist" / "govuk" / "assets").mkdir(parents=True)
    (node / "vega" / "build").mkdir(parents=True)
    assert settings._front_end_packages(node) == [
        node / "govuk-frontend" / "dist" / "govuk" / "assets",
        ("govuk", node / "govuk-frontend" / "dist" / "govuk"),
        ("vega", node / "vega" / "build"),
    ]


def test_the_installed_packages_are_all_found():
    node = Path(settings.BASE_DIR) / "node_modules"
    if not node.is_dir():
        pytest.skip("a command-line-only install: no node_modules/")
    assert len(settings.STATICFILES_DIRS) == 9
