"""Reading workbooks and CSV folders as rows of cell text."""

import datetime
import hashlib

from openpyxl import Workbook

from redress.imports.readers import cell_text, open_dataset


def test_workbook_cells_read_as_the_text_a_csv_would_hold():
    assert cell_text(datetime.datetime(2021, 4, 1)) == "2021-04-01"
    assert cell_text(datetime.datetime(2021, 4, 1, 9, 30)) == "2021-04-01 09:30:00"
    assert cell_text(datetime.date(2021, 4, 1)) == "2021-04-01"
    assert cell_text(2.0) == "2"
    assert cell_text(1234.5) == "1234.5"
    assert cell_text(7) == "7"
    assert cell_text(True) == "yes"
    assert cell_text(None) == ""


def test_a_workbook_is_read_sheet_by_sheet_with_spreadsheet_row_numbers(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.title = "Complaints"
    sheet.append(["reference", "received_date"])
    sheet.append(["CSC-1", datetime.date(2021, 4, 1)])
    sheet.append([])
    sheet.append(["CSC-2", datetime.date(2021, 4, 2)])
    book.create_sheet("Notes")
    path = tmp_path / "history.xlsx"
    book.save(path)

    with open_dataset(path) as dataset:
        source = dataset.sheets["complaints"]
        assert source.header() == ["reference", "received_date"]
        # Row 3 holds no value, so it is not read (blank rows are skipped anyway).
        assert list(source.rows()) == [
            (2, ["CSC-1", "2021-04-01"]),
            (4, ["CSC-2", "2021-04-02"]),
        ]
        assert dataset.unknown_sheets == ["Notes"]
        assert dataset.checksum() == hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_folder_reads_its_csv_files_and_hashes_them_in_name_order(tmp_path):
    folder = tmp_path / "history"
    folder.mkdir()
    # Excel's "CSV UTF-8" starts with a byte-order mark; a quoted cell may hold a new line.
    (folder / "stages.csv").write_bytes(b"reference,stage\r\nCSC-1,1\r\n")
    (folder / "complaints.csv").write_bytes(
        '\ufeffreference,summary\n"CSC-1","two\nlines"\nCSC-2,x\n'.encode()
    )
    (folder / "README.txt").write_text("ignored")

    with open_dataset(folder) as dataset:
        assert list(dataset.sheets) == ["complaints", "stages"]
        assert dataset.sheets["complaints"].header() == ["reference", "summary"]
        assert list(dataset.sheets["complaints"].rows()) == [
            (2, ["CSC-1", "two\nlines"]),
            (3, ["CSC-2", "x"]),
        ]
        expected = hashlib.sha256()
        for name in ("complaints.csv", "stages.csv"):
            expected.update(name.encode() + b"\0" + (folder / name).read_bytes())
        assert dataset.checksum() == expected.hexdigest()
