import os
import shlex
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from redress.procedures.models import ClosureDay

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("deadline", *args, stdout=out)
    return out.getvalue().splitlines()


def test_ten_working_days_from_1_april_2021_skip_easter():
    assert run("--from", "2021-04-01", "--days", "10")[0] == "2021-04-19"


def test_explain_lists_the_days_skipped_and_why():
    lines = run("--from", "2021-04-01", "--days", "10", "--explain")
    assert lines[0] == "2021-04-19"
    assert lines[1] == "Received Thursday 1 April 2021."
    assert lines[2] == (
        "Due on the 10th working day after Thursday 1 April 2021: Monday 19 April 2021."
    )
    assert "  Friday 2 April 2021: Good Friday (bank holiday)" in lines
    assert "  Monday 5 April 2021: Easter Monday (bank holiday)" in lines
    assert len([line for line in lines if line.startswith("  ")]) == 8


def test_timescale_from_the_procedure():
    assert run("--from", "2021-04-01", "--procedure", "statutory", "--stage", "1") == ["2021-04-19"]
    extended = run("--from", "2021-04-01", "--procedure", "statutory", "--stage", "1", "--extended")
    assert extended == ["2021-05-04"]  # 20 working days; the early May bank holiday skipped
    local = run("--from", "2021-04-01", "--procedure", "local", "--stage", "1", "--explain")
    assert local[0] == "2021-05-04"
    assert local[1] == "Local complaints procedure, stage 1 (Local resolution): 20 working days."


def test_stage_three_also_gives_the_panel_deadline():
    lines = run("--from", "2021-04-01", "--procedure", "statutory", "--stage", "3", "--explain")
    assert lines[0] == "2021-06-16"
    assert lines[1].endswith("50 working days. The review panel is due by 18 May 2021.")


def test_closure_days_in_the_database_count():
    ClosureDay.objects.create(date="2021-04-19", reason="Staff training day")
    lines = run("--from", "2021-04-01", "--days", "10", "--explain")
    assert lines[0] == "2021-04-20"
    assert "  Monday 19 April 2021: Staff training day (closure day)" in lines


def test_working_days_taken():
    assert run("--taken", "--from", "2021-04-01", "--to", "2021-04-19") == ["10"]
    # Received on a Saturday: the clock starts on Monday, so the Monday after is 5 days.
    assert run("--taken", "--from", "2021-04-10", "--to", "2021-04-19") == ["5"]
    lines = run("--taken", "--from", "2021-04-10", "--to", "2021-04-19", "--explain")
    assert lines[1] == (
        "Counted: the working days after 12 April 2021 up to and including 19 April 2021."
    )
    assert lines[3:] == [
        "  Saturday 10 April 2021: Saturday",
        "  Sunday 11 April 2021: Sunday",
        "  Saturday 17 April 2021: Saturday",
        "  Sunday 18 April 2021: Sunday",
    ]


BAD_INPUT = {
    "--from 2021-02-30 --days 3": "'2021-02-30' is not a date in the form YYYY-MM-DD (--from).",
    "--from '1 April' --days 3": "'1 April' is not a date in the form YYYY-MM-DD (--from).",
    "--taken --from 2021-04-01 --to 2021-13-01": (
        "'2021-13-01' is not a date in the form YYYY-MM-DD (--to)."
    ),
    "--taken --from 2021-04-01": "--taken needs --to DATE, the day of the response.",
    "--taken --from 2021-04-19 --to 2021-04-01": "--to 2021-04-01 is before --from 2021-04-19.",
    "--from 2021-04-01": "Give --days N, or --procedure CODE --stage N.",
    "--from 2021-04-01 --days 3 --procedure local": (
        "Give either --days, or --procedure and --stage, not both."
    ),
    "--from 2021-04-01 --days -1": "--days must be 0 or more.",
    "--from 2021-04-01 --procedure corporate --stage 1": (
        "There is no procedure 'corporate'. Procedures: statutory, local."
    ),
    "--from 2021-04-01 --procedure local --stage 3": (
        "The local complaints procedure has no stage 3."
    ),
    "--from 2021-04-01 --procedure local --stage 1 --extended": (
        "Stage 1 of the local complaints procedure cannot be extended: its timescale is fixed "
        "at 20 working days."
    ),
    "--from 2099-01-01 --days 3": (
        "--from 2099-01-01 is outside the years the calendar knows (1990 to 2060)."
    ),
}


@pytest.mark.parametrize(("args", "message"), BAD_INPUT.items())
def test_bad_input_is_a_clear_error(args, message):
    with pytest.raises(CommandError) as err:
        run(*shlex.split(args))
    assert str(err.value) == message


def _on_an_unmigrated_database(tmp_path, *args):
    """`redress deadline` as a real process, on a SQLite file with no tables, and with no
    front-end packages installed."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'new.sqlite3'}",
        "REDRESS_NODE_MODULES": str(tmp_path / "no_node_modules"),
    }
    manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
    return subprocess.run(  # noqa: S603
        [*manage, "deadline", "--from", "2021-04-01", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_due_date_needs_no_database(tmp_path):
    done = _on_an_unmigrated_database(tmp_path, "--days", "10")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "2021-04-19\n"
    assert done.stderr.splitlines() == [
        "The database has no closure days to read (no such table: procedures_closureday): "
        "counting weekends and bank holidays only. Run `redress migrate` to set the database up."
    ]  # and nothing else: no traceback, no staticfiles warnings


def test_a_procedures_timescale_on_an_unmigrated_database_says_what_to_run(tmp_path):
    done = _on_an_unmigrated_database(tmp_path, "--procedure", "statutory", "--stage", "1")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines()[-1] == (
        "CommandError: The procedures are kept in the database, which is not set up: run "
        "`redress migrate`, or give --days N instead of --procedure and --stage."
    )
