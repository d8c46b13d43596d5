"""The shared definitions kept in docs/ (so a clean checkout has them; they are the project's
contracts from then on, changed with the code): the import format covers every sheet, and the
README points at the copy, not outside the repository."""

import re
from pathlib import Path

from redress.imports.format import SHEETS

ROOT = Path(__file__).resolve().parents[3]


def test_the_import_format_describes_every_sheet():
    text = (ROOT / "docs" / "IMPORT_FORMAT.md").read_text()
    sections = set(re.findall(r"^## (\w+)", text, re.MULTILINE))
    assert set(SHEETS) <= sections


def test_the_readme_links_the_import_format_in_the_repository():
    readme = (ROOT / "README.md").read_text()
    assert "docs/IMPORT_FORMAT.md" in readme
    assert "../shared" not in readme
