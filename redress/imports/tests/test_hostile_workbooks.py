"""Workbooks that lie about themselves or attack the reader (issue 8, points 3, 6 and 10): each is
imported in full or refused with a located problem, never a traceback, and nothing is written
when it is refused."""

import io
import re
import time
import zipfile

import pytest
from django.core.management import CommandError, call_command
from openpyxl.xml import DEFUSEDXML

from redress.complaints.models import Complaint, Stage
from redress.imports.readers import open_dataset
from redress.imports.services import DatasetError, import_dataset

from .helpers import assert_nothing_written, lines
from .workbooks import (
    BILLION_LAUGHS,
    COMPLAINTS,
    COMPLAINTS_PART,
    STAGES,
    STAGES_PART,
    XXE,
    changed,
    save,
    with_declared_size,
    with_dimension,
)

pytestmark = pytest.mark.usefixtures("configured")


@pytest.fixture
def good(tmp_path):
    return save(tmp_path / "good.xlsx", complaints=COMPLAINTS, stages=STAGES)


def refused(path):
    """Import through the command: it fails, saying nothing was imported."""
    err = io.StringIO()
    with pytest.raises(CommandError, match=r"^Nothing was imported: 1 problem in "):
        call_command("import", str(path), stdout=io.StringIO(), stderr=err)
    assert Complaint.objects.count() == 0
    return err.getvalue().splitlines()


def test_a_sheet_declaring_fewer_rows_than_it_holds_imports_every_row(good):
    """Point 3: openpyxl's read-only mode stops at the declared size; the import must not."""
    path = changed(good, COMPLAINTS_PART, with_dimension("A1:M2"), "small.xlsx")
    path = changed(path, STAGES_PART, with_dimension("A1:M2"), "small-both.xlsx")

    result = import_dataset(path=path)

    assert result.problems == []
    assert sorted(Complaint.objects.values_list("reference", flat=True)) == [
        "CSC-1",
        "CSC-2",
        "CSC-3",
    ]
    assert Stage.objects.count() == 3


def test_a_sheet_declaring_the_largest_size_is_read_at_its_real_size(good):
    """Point 6: `A1:XFD1048576` made every row 16,384 cells wide and a million rows long."""
    path = changed(good, COMPLAINTS_PART, with_dimension("A1:XFD1048576"), "huge.xlsx")

    with open_dataset(path) as dataset:
        source = dataset.sheets["complaints"]
        assert source.header() == COMPLAINTS[0]
        assert list(source.rows()) == [(n, row) for n, row in enumerate(COMPLAINTS, 1)][1:]

    start = time.monotonic()
    result = import_dataset(path=path)
    assert result.problems == []
    assert Complaint.objects.count() == 3
    assert time.monotonic() - start < 30  # it took minutes


def test_a_zip_bomb_is_refused_before_it_is_uncompressed(good):
    """Point 6: a small workbook unpacking to a vast sheet of whitespace."""
    padding = b" " * (20 << 20)
    path = changed(
        good, COMPLAINTS_PART, lambda xml: xml.replace(b"<sheetData>", b"<sheetData>" + padding),
        "bomb.xlsx",
    )  # fmt: skip
    assert path.stat().st_size < 100_000

    [problem] = refused(path)

    assert problem.startswith(
        "complaints: xl/worksheets/sheet1.xml unpacks to 1,002 times its compressed size "
        "(20.0 MB): it looks like a 'zip bomb'."
    )
    assert "REDRESS_IMPORT_MAX_COMPRESSION_RATIO" in problem


def test_the_total_uncompressed_size_is_capped(good, settings):
    settings.REDRESS_IMPORT_MAX_UNCOMPRESSED_MB = 1
    # Numbers that do not compress much, so that the ratio is not what stops it.
    noise = [[f"{(row * 100 + n) * 7919 % 100003:05d}" for n in range(100)] for row in range(500)]
    path = save(good.with_name("big.xlsx"), complaints=COMPLAINTS, stages=STAGES, notes=noise)

    result = import_dataset(path=path)

    [problem] = lines(result)
    assert re.fullmatch(
        r"big\.xlsx: the workbook holds \d\.\d MB once uncompressed; an import reads at most 1 MB "
        r"\(REDRESS_IMPORT_MAX_UNCOMPRESSED_MB\): if the file is genuine, set "
        r"REDRESS_IMPORT_MAX_UNCOMPRESSED_MB higher \(see docs/IMPORT_FORMAT\.md, 'Limits'\), or "
        r"import it in parts",
        problem,
    )
    assert_nothing_written(result)


def test_zip_headers_that_understate_a_part_are_not_believed(good):
    """The size a part's header declares is checked against the bytes it really holds."""
    path = with_declared_size(good, COMPLAINTS_PART, 100, "lying.xlsx")

    [problem] = refused(path)

    assert problem == (
        "complaints: the workbook is damaged: xl/worksheets/sheet1.xml cannot be uncompressed "
        "(BadZipFile: Bad CRC-32 for file 'xl/worksheets/sheet1.xml')"
    )


@pytest.mark.parametrize(
    ("part", "where"),
    [(COMPLAINTS_PART, "complaints"), (STAGES_PART, "stages"), ("xl/workbook.xml", "laughs.xlsx")],
)
def test_a_billion_laughs_is_refused_unread(good, part, where):
    laughs = changed(
        good, part, lambda xml: BILLION_LAUGHS + xml.replace(b"CSC-1", b"&lol9;"), "laughs.xlsx"
    )
    assert refused(laughs)[0] == (
        f"{where}: the workbook's XML is not safe to read: {part} declares a document type "
        "(<!DOCTYPE or <!ENTITY), which can expand into gigabytes ('billion laughs') or read "
        "other files (XXE). Excel never writes one; save the workbook again from Excel or "
        "LibreOffice"
    )


def test_an_external_entity_is_refused_unread(good):
    path = changed(good, STAGES_PART, lambda xml: XXE + xml.replace(b"CSC-1", b"&xxe;"), "xxe.xlsx")
    [problem] = refused(path)
    assert problem.startswith("stages: the workbook's XML is not safe to read: ")


def test_a_document_type_in_utf16_is_found_too(good):
    def utf16(xml):
        text = XXE.decode() + xml.decode().replace("CSC-1", "&xxe;")
        return text.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>')

    path = changed(good, STAGES_PART, lambda xml: utf16(xml).encode("utf-16"), "utf16.xlsx")
    [problem] = refused(path)
    assert problem.startswith("stages: the workbook's XML is not safe to read: ")


def test_a_file_that_is_not_a_zip(tmp_path):
    path = tmp_path / "corrupt.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00garbage" * 100)
    assert refused(path) == [
        "corrupt.xlsx: cannot be read as an .xlsx workbook: it is not a complete zip file "
        "(File is not a zip file)",
    ]


def test_a_truncated_workbook(good):
    data = good.read_bytes()
    path = good.with_name("truncated.xlsx")
    path.write_bytes(data[: len(data) * 2 // 3])
    [problem] = refused(path)
    assert problem.startswith("truncated.xlsx: cannot be read as an .xlsx workbook")


def test_a_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "other.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    [problem] = refused(path)
    assert problem.startswith("other.xlsx: cannot be read as an .xlsx workbook (")


def test_a_sheet_whose_xml_breaks_off_names_the_row(good):
    path = changed(
        good, COMPLAINTS_PART, lambda xml: xml.replace(b'</row><row r="3"', b'</rox><row r="3"'),
        "damaged.xlsx",
    )  # fmt: skip
    [problem] = refused(path)
    assert problem.startswith(
        "complaints row 2: the sheet cannot be read after row 1: its XML is damaged (ParseError: "
        "mismatched tag"
    )


def test_a_nul_byte_in_a_workbook_is_a_located_problem(good):
    """XML cannot hold a NUL character: the sheet is damaged from that row on."""
    nul = changed(good, COMPLAINTS_PART, lambda xml: xml.replace(b"CSC-2", b"CSC\x002"), "nul.xlsx")
    [problem] = refused(nul)
    assert problem.startswith("complaints row 3: the sheet cannot be read after row 2")


def test_a_value_far_to_the_right_is_refused_where_it_is(good):
    cell = b'<c r="XFD3" t="inlineStr"><is><t>x</t></is></c><c r="A3"'
    path = changed(good, COMPLAINTS_PART, lambda xml: xml.replace(b'<c r="A3"', cell), "wide.xlsx")
    [problem] = refused(path)
    assert problem == (
        "complaints row 3, column #16384: a value in column 16,384, beyond the 256 columns an "
        "import reads (REDRESS_IMPORT_MAX_COLUMNS): if the file is genuine, set "
        "REDRESS_IMPORT_MAX_COLUMNS higher (see docs/IMPORT_FORMAT.md, 'Limits')"
    )


def test_rows_out_of_order_are_refused(good):
    path = changed(
        good, STAGES_PART, lambda xml: xml.replace(b'<row r="4"', b'<row r="2"'), "order.xlsx"
    )
    [problem] = refused(path)
    assert problem == "stages row 2: row 2 comes after row 3: the sheet's rows are out of order"


def test_workbooks_are_read_only_with_defusedxml(good, monkeypatch):
    assert DEFUSEDXML  # openpyxl parses the workbook's own parts with defusedxml here
    monkeypatch.setattr("redress.imports.readers.DEFUSEDXML", False)
    with pytest.raises(DatasetError, match="workbooks are read only with defusedxml"):
        import_dataset(path=good)
