"""The limits on what an import reads (issue 8, point 6): rows, columns and characters in a cell
are counted as they are read, in a workbook and in a folder of CSVs alike; past one, the file is
refused where it went past, with a message naming the setting that raises the limit."""

import pytest

from redress.complaints.models import Complaint
from redress.imports.services import import_dataset

from .helpers import STAGES, assert_nothing_written, lines
from .workbooks import save

pytestmark = pytest.mark.usefixtures("configured")

HEADER = "reference,received_date,procedure,service_area,summary"
LONG_ROW = "CSC-3,2021-05-04,statutory,Fostering,"


def complaints(count: int, summary: str = "") -> str:
    rows = [f"CSC-{n},2021-05-04,statutory,Fostering,{summary}" for n in range(1, count + 1)]
    return "\n".join([HEADER, *rows]) + "\n"


def as_rows(text: str) -> list[list[str]]:
    return [line.split(",") for line in text.splitlines()]


@pytest.fixture(params=["folder", "workbook"])
def dataset(request, folder, tmp_path):
    """The same sheets as a folder of CSVs or as a workbook."""

    def write(complaints: str) -> object:
        stages = [line.strip().split(",") for line in STAGES.strip().splitlines()]
        if request.param == "folder":
            return folder(complaints=complaints, stages=STAGES)
        return save(tmp_path / "history.xlsx", complaints=as_rows(complaints), stages=stages)

    return write


def test_rows_beyond_the_limit(dataset, settings):
    settings.REDRESS_IMPORT_MAX_ROWS = 3
    result = import_dataset(path=dataset(complaints(4)))
    assert lines(result) == [
        "complaints row 5: the sheet has more than 3 rows, the most an import reads "
        "(REDRESS_IMPORT_MAX_ROWS): if the file is genuine, set REDRESS_IMPORT_MAX_ROWS higher "
        "(see docs/IMPORT_FORMAT.md, 'Limits'), or import it in parts",
    ]
    assert_nothing_written(result)


def test_rows_up_to_the_limit(dataset, settings):
    settings.REDRESS_IMPORT_MAX_ROWS = 3
    result = import_dataset(path=dataset(complaints(2)), partial=True)
    assert [p for p in lines(result) if "REDRESS_IMPORT_MAX_ROWS" in p] == []
    assert Complaint.objects.count() == 2


def test_a_value_beyond_the_column_limit(dataset, settings):
    settings.REDRESS_IMPORT_MAX_COLUMNS = 6
    text = complaints(1) + "CSC-2,2021-05-04,statutory,Fostering,,,x\n"  # x in column 7
    result = import_dataset(path=dataset(text))
    assert lines(result) == [
        "complaints row 3, column #7: a value in column 7, beyond the 6 columns an import reads "
        "(REDRESS_IMPORT_MAX_COLUMNS): if the file is genuine, set REDRESS_IMPORT_MAX_COLUMNS "
        "higher (see docs/IMPORT_FORMAT.md, 'Limits')",
    ]
    assert_nothing_written(result)


def test_a_cell_beyond_the_length_limit(dataset, settings):
    settings.REDRESS_IMPORT_MAX_CELL_CHARS = 50
    text = complaints(3).replace(LONG_ROW, LONG_ROW + "x" * 51)
    result = import_dataset(path=dataset(text))
    assert lines(result) == [
        "complaints row 4, column summary: the cell holds 51 characters, more than the 50 an "
        "import reads (REDRESS_IMPORT_MAX_CELL_CHARS): if the file is genuine, set "
        "REDRESS_IMPORT_MAX_CELL_CHARS higher (see docs/IMPORT_FORMAT.md, 'Limits')",
    ]
    assert_nothing_written(result)


def test_a_csv_cell_too_large_to_read_is_reported_on_its_own_row(folder):
    """Point 10: the csv module's "field larger than field limit" was put on the row before."""
    text = complaints(4).replace(LONG_ROW, LONG_ROW + "x" * 200_000)
    result = import_dataset(path=folder(complaints=text, stages=STAGES))
    assert lines(result) == [
        "complaints row 4: the cell holds more than the 32,767 characters an import reads "
        "(REDRESS_IMPORT_MAX_CELL_CHARS): if the file is genuine, set "
        "REDRESS_IMPORT_MAX_CELL_CHARS higher (see docs/IMPORT_FORMAT.md, 'Limits')",
    ]
    assert_nothing_written(result)


def test_the_cell_limit_can_be_raised_past_the_csv_readers_own(folder, settings):
    """The csv module stops at 131,072 characters unless told otherwise: raising the limit
    raises it too."""
    settings.REDRESS_IMPORT_MAX_CELL_CHARS = 150_000
    text = complaints(4).replace(LONG_ROW, LONG_ROW + "x" * 140_000)
    result = import_dataset(path=folder(complaints=text, stages=STAGES), partial=True)
    assert [p for p in lines(result) if p.startswith("complaints")] == []
    assert len(Complaint.objects.get(reference="CSC-3").summary) == 140_000
