"""--partial: the good rows are imported; the bad ones, and rows that depend on them, go to a
rejects file with their original values and the reason."""

import csv

import pytest
from openpyxl import load_workbook

from redress.complaints.models import Aspect, Complaint, Stage
from redress.imports.models import ImportStatus
from redress.imports.services import import_dataset

from .helpers import lines

pytestmark = pytest.mark.usefixtures("configured")

COMPLAINTS = """
    reference,received_date,procedure,service_area,x_ward
    CSC-1,2021-05-04,statutory,Fostering,Aston
    CSC-2,2021-13-01,statutory,Fostering,Ladywood
    CSC-3,2021-06-01,local,Safeguarding,
"""
STAGES = """
    reference,stage,received_date,responded_date
    CSC-1,1,2021-05-04,2021-05-18
    CSC-2,1,2021-06-01,
    CSC-3,1,2021-06-01,2021-06-01
    CSC-3,2,2021-05-02,
    CSC-3,3,2021-07-02,
"""
ASPECTS = """
    reference,stage,category,finding
    CSC-1,1,Delay,upheld
    CSC-2,1,Delay,upheld
    CSC-3,2,Staff Conduct,
"""


def read_csv(path):
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def test_good_rows_are_imported_and_bad_ones_written_beside_a_folder(folder):
    path = folder(complaints=COMPLAINTS, stages=STAGES, aspects=ASPECTS)
    result = import_dataset(path=path, partial=True)

    assert result.run.status == ImportStatus.PARTIAL
    assert sorted(Complaint.objects.values_list("reference", flat=True)) == ["CSC-1", "CSC-3"]
    assert sorted(Stage.objects.values_list("complaint__reference", "number")) == [
        ("CSC-1", 1),
        ("CSC-3", 1),
    ]
    assert list(Aspect.objects.values_list("stage__complaint__reference", flat=True)) == ["CSC-1"]
    assert result.rejects_path == path.with_name("history-rejects")
    assert read_csv(result.rejects_path / "complaints.csv") == [
        ["reference", "received_date", "procedure", "service_area", "x_ward", "reason"],
        [
            "CSC-2",
            "2021-13-01",
            "statutory",
            "Fostering",
            "Ladywood",
            "row 3: column received_date, value '2021-13-01': not a date in the form YYYY-MM-DD",
        ],
    ]
    assert read_csv(result.rejects_path / "stages.csv") == [
        ["reference", "stage", "received_date", "responded_date", "reason"],
        [
            "CSC-2",
            "1",
            "2021-06-01",
            "",
            "row 3: column reference, value 'CSC-2': depends on complaints row 3, which was "
            "rejected",
        ],
        [
            "CSC-3",
            "2",
            "2021-05-02",
            "",
            "row 5: column received_date, value '2021-05-02': before the complaint was received "
            "(2021-06-01); column received_date, value '2021-05-02': stage 2 received before "
            "the stage 1 response of 2021-06-01",
        ],
        [
            "CSC-3",
            "3",
            "2021-07-02",
            "",
            "row 6: column stage, value '3': the Local complaints procedure has no stage 3",
        ],
    ]
    assert read_csv(result.rejects_path / "aspects.csv") == [
        ["reference", "stage", "category", "finding", "reason"],
        [
            "CSC-2",
            "1",
            "Delay",
            "upheld",
            "row 3: column stage, value '1': depends on stages row 3, which was rejected",
        ],
        [
            "CSC-3",
            "2",
            "Staff Conduct",
            "",
            "row 4: column stage, value '2': depends on stages row 5, which was rejected",
        ],
    ]
    assert sorted(p.name for p in result.rejects_path.iterdir()) == [
        "aspects.csv",
        "complaints.csv",
        "stages.csv",
    ]
    assert result.counts["complaints"] == {
        "rows": 3,
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "rejected": 1,
    }
    assert len(lines(result)) == 7


def test_a_workbook_gets_a_rejects_workbook(workbook):
    path = workbook(complaints=COMPLAINTS, stages=STAGES)
    result = import_dataset(path=path, partial=True)

    assert result.rejects_path == path.with_name("history-rejects.xlsx")
    book = load_workbook(result.rejects_path, read_only=True)
    assert book.sheetnames == ["complaints", "stages"]
    rows = list(book["complaints"].iter_rows(values_only=True))
    assert rows == [
        ("reference", "received_date", "procedure", "service_area", "x_ward", "reason"),
        (
            "CSC-2",
            "2021-13-01",
            "statutory",
            "Fostering",
            "Ladywood",
            "row 3: column received_date, value '2021-13-01': not a date in the form YYYY-MM-DD",
        ),
    ]
    assert Complaint.objects.count() == 2


def test_a_follow_on_complaint_of_a_rejected_complaint_is_rejected(folder, tmp_path):
    complaints = """
        reference,received_date,procedure,service_area,related_to
        CSC-1,2021-05-04,statutory,Nowhere,
        CSC-2,2021-06-01,statutory,Fostering,CSC-1
        CSC-3,2021-06-02,statutory,Fostering,CSC-2
        CSC-4,2021-06-03,statutory,Fostering,
    """
    rejects = tmp_path / "elsewhere"
    path = folder(complaints=complaints, stages="reference,stage,received_date\n")
    import_dataset(path=path, partial=True, rejects_path=rejects)

    assert list(Complaint.objects.values_list("reference", flat=True)) == ["CSC-4"]
    assert [row[-1] for row in read_csv(rejects / "complaints.csv")[1:]] == [
        "row 2: column service_area, value 'Nowhere': service area 'Nowhere' is not "
        "configured; add it, or import with --create-missing to create it",
        "row 3: column related_to, value 'CSC-1': depends on complaints row 2, which was rejected",
        "row 4: column related_to, value 'CSC-2': depends on complaints row 3, which was rejected",
    ]


def test_a_problem_with_the_files_structure_stops_even_a_partial_import(folder):
    path = folder(complaints=COMPLAINTS.replace("x_ward", "ward"), stages=STAGES)
    result = import_dataset(path=path, partial=True)

    assert not result.imported
    assert lines(result) == [
        "complaints row 1, column ward: unknown column; custom columns must start with x_"
    ]
    assert Complaint.objects.count() == 0
    assert not path.with_name("history-rejects").exists()


def test_no_rejects_file_when_every_row_is_good(folder):
    path = folder(
        complaints=COMPLAINTS.replace("2021-13-01", "2021-06-01"),
        stages="reference,stage,received_date\nCSC-1,1,2021-05-04\n",
    )
    result = import_dataset(path=path, partial=True)

    assert result.run.status == ImportStatus.IMPORTED
    assert result.rejects_path is None
    assert not path.with_name("history-rejects").exists()
    assert Complaint.objects.count() == 3
