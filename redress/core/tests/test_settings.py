"""Settings read from the machine: the front-end packages are served only where installed."""

import os
import subprocess
import sys
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


def _malloc_conf(environment: dict[str, str]) -> str:
    """What a fresh interpreter importing redress (then Polars) leaves in _RJEM_MALLOC_CONF."""
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sys, redress; assert 'polars' not in sys.modules; "
            "print(os.environ['_RJEM_MALLOC_CONF'])",
        ],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    )
    return done.stdout.strip()


def test_polars_gives_freed_memory_back_soon_unless_the_operator_says_otherwise():
    """ADR 0031: set by `import redress`, before Polars is imported (jemalloc reads it once)."""
    clean = {k: v for k, v in os.environ.items() if k != "_RJEM_MALLOC_CONF"}
    assert _malloc_conf(clean) == "dirty_decay_ms:200,muzzy_decay_ms:0"
    assert _malloc_conf({**clean, "_RJEM_MALLOC_CONF": "dirty_decay_ms:0"}) == "dirty_decay_ms:0"
