"""The Word edition of the demo year's published report opens in LibreOffice: `soffice
--headless --convert-to pdf` must succeed and lay it out over many pages, with the words of its
sections. (In the browser tests because `make browser` installs LibreOffice, as for letters.)"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from redress.reporting.render import renderer
from redress.reporting.tests.document_fixtures import demo_year_document

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.fail(
            "The Word report is opened in LibreOffice, and `soffice` is not installed: install "
            "it with `make browser` (apt-get install libreoffice-writer-nogui).",
            pytrace=False,
        )
    return found


def test_the_published_word_report_opens_in_libreoffice(tmp_path):
    document, figures = demo_year_document(
        published=True, narratives={"next_steps": "We will answer every complaint on time."}
    )
    word = tmp_path / "report.docx"
    word.write_bytes(renderer("docx")(document, figures))
    out = tmp_path / "converted"
    result = subprocess.run(  # noqa: S603 (LibreOffice, on the file this test wrote)
        [
            _soffice(),
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(word),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    pdf = out / "report.pdf"
    assert result.returncode == 0, result.stdout + result.stderr
    assert pdf.exists(), result.stdout + result.stderr
    content = pdf.read_bytes()
    assert content.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", content))
    assert pages >= 10, f"LibreOffice laid the report out on {pages} pages"
