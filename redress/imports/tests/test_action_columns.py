"""The actions sheet's `stage`, `you_said` and `we_did`: optional, checked (stage 1, 2 or 3, one
the complaint reached, not before it was received; a stage needs a complaint), written and
exported; a file from before the columns existed leaves what Redress holds alone, and a blank
cell in a file that has the column clears it."""

import datetime

import pytest

from redress.complaints.models import LearningAction
from redress.imports.services import export_dataset, import_dataset

from .helpers import STAGES, assert_nothing_written, lines

pytestmark = pytest.mark.usefixtures("configured")

D = datetime.date
COMPLAINTS = """
    reference,received_date,procedure,service_area,complainant_id
    CSC-1,2021-05-04,statutory,Fostering,P1
    CSC-2,2021-06-01,local,Safeguarding,P1
"""
ACTIONS = """
    reference,description,raised_date,stage,you_said,we_did
    CSC-1,Refresh the protocol.,2021-06-02,2,Your worker left.,"Handover visits, too."
    CSC-2,Share minutes in time.,2021-06-21,1,Minutes came late.,
    ,Review the leaflet.,2021-07-01,,,Rewrote the leaflet.
"""
WITHOUT_THE_COLUMNS = """
    reference,description,raised_date
    CSC-1,Refresh the protocol.,2021-06-02
    CSC-2,Share minutes in time.,2021-06-21
    ,Review the leaflet.,2021-07-01
"""
BLANKS = """
    reference,description,raised_date,stage,you_said,we_did
    CSC-1,Refresh the protocol.,2021-06-02,,,
    CSC-2,Share minutes in time.,2021-06-21,1,Minutes came late.,
    ,Review the leaflet.,2021-07-01,,,Rewrote the leaflet.
"""
IMPORTED = {
    "Refresh the protocol.": (2, "Your worker left.", "Handover visits, too."),
    "Share minutes in time.": (1, "Minutes came late.", ""),
    "Review the leaflet.": (None, "", "Rewrote the leaflet."),
}


def words() -> dict[str, tuple[int | None, str, str]]:
    return {
        a.description: (a.stage_number, a.you_said, a.we_did)
        for a in LearningAction.objects.order_by("raised_date")
    }


def history(folder, name: str, actions: str):
    return import_dataset(path=folder(name, complaints=COMPLAINTS, stages=STAGES, actions=actions))


def test_a_file_with_the_columns_imports_them(folder):
    result = history(folder, "history", ACTIONS)
    assert result.problems == []
    assert words() == IMPORTED


def test_a_blank_cell_clears_the_value(folder):
    history(folder, "history", ACTIONS)
    result = history(folder, "again", BLANKS)
    assert result.problems == []
    assert result.counts["actions"]["updated"] == 1
    assert words()["Refresh the protocol."] == (None, "", "")
    assert words()["Share minutes in time."] == IMPORTED["Share minutes in time."]


def test_a_file_without_the_columns_keeps_what_redress_holds(folder):
    history(folder, "history", ACTIONS)
    # A "we did" written in Redress after the file was made.
    LearningAction.objects.filter(description="Share minutes in time.").update(
        we_did="Minutes now go out five days before."
    )
    result = history(folder, "older", WITHOUT_THE_COLUMNS)
    assert result.problems == []
    assert result.counts["actions"]["updated"] == 0
    assert words() == {
        **IMPORTED,
        "Share minutes in time.": (1, "Minutes came late.", "Minutes now go out five days before."),
    }


def test_new_actions_from_a_file_without_the_columns_get_them_blank(folder):
    result = history(folder, "history", WITHOUT_THE_COLUMNS)
    assert result.problems == []
    assert set(words().values()) == {(None, "", "")}


@pytest.mark.parametrize(
    ("row", "value", "column", "reason"),
    [
        ("CSC-2,Share minutes in time.,2021-06-21,4,x,", "4", "stage", "not a stage: 1, 2 or 3"),
        (
            "CSC-2,Share minutes in time.,2021-06-21,one,x,",
            "one",
            "stage",
            "not a stage: 1, 2 or 3",
        ),
        (
            "CSC-2,Share minutes in time.,2021-06-21,2,x,",
            "2",
            "stage",
            "complaint CSC-2 has no stage 2 in the file or in Redress",
        ),
        (
            ",Share minutes in time.,2021-06-21,1,x,",
            "1",
            "stage",
            "a stage needs the reference of the complaint whose stage prompted the action",
        ),
        (
            "CSC-1,Share minutes in time.,2021-05-20,2,x,",
            "2021-05-20",
            "raised_date",
            "before the date stage 2 was received (2021-06-01)",
        ),
        ("CSC-2,Share minutes in time.,2021-06-21,1,\x00,", "\x00", "you_said", "NUL character"),
    ],
)
def test_a_bad_value_is_named_with_its_sheet_row_and_column(folder, row, value, column, reason):
    actions = "reference,description,raised_date,stage,you_said,we_did\n" + row + "\n"
    result = history(folder, "history", actions)
    assert len(lines(result)) == 1
    assert lines(result)[0].startswith(f"actions row 2, column {column}, value {value!r}: ")
    assert reason in lines(result)[0]
    assert_nothing_written(result)


def test_the_export_writes_them_and_imports_back_the_same(folder, tmp_path):
    history(folder, "history", ACTIONS)
    export_dataset(path=tmp_path / "out")
    exported = (tmp_path / "out" / "actions.csv").read_text().splitlines()
    assert exported[0] == (
        "reference,description,theme,owner,raised_date,due_date,completed_date,"
        "stage,you_said,we_did"
    )
    assert exported[1:] == [
        'CSC-1,Refresh the protocol.,,,2021-06-02,,,2,Your worker left.,"Handover visits, too."',
        "CSC-2,Share minutes in time.,,,2021-06-21,,,1,Minutes came late.,",
        ",Review the leaflet.,,,2021-07-01,,,,,Rewrote the leaflet.",
    ]
    LearningAction.objects.update(stage_number=None, you_said="", we_did="")
    result = import_dataset(path=tmp_path / "out")
    assert result.problems == []
    assert words() == IMPORTED
    export_dataset(path=tmp_path / "again")
    assert (tmp_path / "again" / "actions.csv").read_text().splitlines() == exported
