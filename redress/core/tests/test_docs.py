"""The shared definitions kept in docs/ (so a clean checkout has them): the copies match the
shared originals where those are present, and the import format covers every sheet."""

import re
from pathlib import Path

import pytest

from redress.imports.format import SHEETS

ROOT = Path(__file__).resolve().parents[3]
SHARED = ROOT.parent / "shared" / "domain"


@pytest.mark.parametrize("name", ["FIGURES.md", "IMPORT_FORMAT.md"])
def test_the_copy_in_docs_matches_the_shared_definition(name):
    original = SHARED / name
    if not original.is_file():
        pytest.skip(f"no {original} here: only the copy in docs/ is checked out")
    assert (ROOT / "docs" / name).read_text() == original.read_text(), (
        f"docs/{name} differs from {original}: copy it again"
    )


def test_the_import_format_describes_every_sheet():
    text = (ROOT / "docs" / "IMPORT_FORMAT.md").read_text()
    sections = set(re.findall(r"^## (\w+)", text, re.MULTILINE))
    assert set(SHEETS) <= sections


def test_the_readme_links_the_import_format_in_the_repository():
    readme = (ROOT / "README.md").read_text()
    assert "docs/IMPORT_FORMAT.md" in readme
    assert "../shared" not in readme
