"""`redress import` and `redress export`: output and exit status."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from redress.complaints.models import Complaint
from redress.imports.progress import Silent, tqdm_bars

from .helpers import COMPLAINTS, STAGES, import_events

pytestmark = pytest.mark.usefixtures("configured")


def run(*args, **kwargs):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err, **kwargs)
    return out.getvalue(), err.getvalue()


def test_import_prints_what_it_did(folder, manager):
    path = folder(complaints=COMPLAINTS, stages=STAGES)
    out, err = run("import", str(path), "--user", manager.username)

    assert err == ""
    lines = out.splitlines()
    assert lines[0].startswith("Imported history (sha256 ")
    assert lines[1:] == [
        "  complaints: 2 created, 0 updated, 0 unchanged",
        "  stages: 3 created, 0 updated, 0 unchanged",
        "  people: 1 created, 0 updated, 0 unchanged",
        "  audit events: 6",
    ]
    assert set(import_events().values_list("actor", "actor_label")) == {
        (manager.pk, "Morgan Tester (Complaints manager)")
    }


def test_import_lists_every_problem_and_fails(folder):
    path = folder(complaints=COMPLAINTS.replace("2021-06-01", "01/06/2021"), stages=STAGES)
    with pytest.raises(CommandError, match=r"^Nothing was imported: 1 problem in history\.$"):
        run("import", str(path))
    assert Complaint.objects.count() == 0


def test_partial_import_says_where_the_rejects_are(folder):
    path = folder(complaints=COMPLAINTS.replace("2021-06-01", "01/06/2021"), stages=STAGES)
    out, err = run("import", str(path), "--partial")

    assert err.splitlines() == [
        "complaints row 3, column received_date, value '01/06/2021': not a date in the form "
        "YYYY-MM-DD",
        "stages row 4, column reference, value 'CSC-2': depends on complaints row 3, which was "
        "rejected",
    ]
    assert out.splitlines()[-1] == (
        f"2 rows rejected, written with their reasons to {path.with_name('history-rejects')}."
    )
    assert Complaint.objects.count() == 1


def test_quiet_import_prints_nothing(folder):
    out, err = run("import", str(folder(complaints=COMPLAINTS, stages=STAGES)), "--quiet")
    assert (out, err) == ("", "")
    assert Complaint.objects.count() == 2


def test_import_of_a_path_that_is_not_there(tmp_path):
    with pytest.raises(CommandError, match=r"nothing\.xlsx does not exist$"):
        run("import", str(tmp_path / "nothing.xlsx"))


def test_import_by_an_unknown_user(folder):
    with pytest.raises(CommandError, match=r"There is no user called 'nobody'\.$"):
        run("import", str(folder(complaints=COMPLAINTS, stages=STAGES)), "--user", "nobody")


def test_export_prints_its_counts(folder, tmp_path):
    run("import", str(folder(complaints=COMPLAINTS, stages=STAGES)), "--quiet")
    out, _ = run("export", str(tmp_path / "out.xlsx"))
    assert out.splitlines()[:3] == [
        f"Exported 5 rows to {tmp_path / 'out.xlsx'}.",
        "  complaints: 2",
        "  stages: 3",
    ]


def test_export_refuses_to_overwrite_a_file_with_a_folder(tmp_path):
    (tmp_path / "notes.txt").write_text("keep me")
    with pytest.raises(
        CommandError, match=r"is a file; export to a folder or to an \.xlsx workbook$"
    ):
        run("export", str(tmp_path / "notes.txt"))


def test_the_progress_bar_is_off_unless_asked_for():
    assert isinstance(tqdm_bars(enabled=False)("Reading complaints", 10), Silent)
    bar = tqdm_bars(enabled=True)("Reading complaints", 10)
    bar.update(10)
    assert bar.n == 10
    bar.close()


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """A migrated SQLite file for commands run as real processes."""
    path = tmp_path_factory.mktemp("db") / "redress.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}"}
    manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
    subprocess.run([*manage, "migrate", "--verbosity", "0"], env=env, check=True)  # noqa: S603
    return manage, env


def test_exit_status_is_0_when_imported_and_1_when_nothing_was(database, folder):
    manage, env = database
    good = folder(complaints=COMPLAINTS, stages=STAGES)
    bad = folder("bad", complaints=COMPLAINTS.replace("statutory", "statute"), stages=STAGES)

    imported = subprocess.run(  # noqa: S603
        [*manage, "import", str(good), "--create-missing"], env=env, capture_output=True, text=True
    )
    rejected = subprocess.run(  # noqa: S603
        [*manage, "import", str(bad)], env=env, capture_output=True, text=True
    )

    assert imported.returncode == 0, imported.stderr
    assert "complaints: 2 created" in imported.stdout
    assert imported.stderr == ""  # not a terminal: no progress bar
    assert rejected.returncode == 1
    assert rejected.stderr.splitlines() == [
        "complaints row 2, column procedure, value 'statute': not a configured procedure; the "
        "procedures are statutory, local",
        "CommandError: Nothing was imported: 1 problem in bad.",
    ]
