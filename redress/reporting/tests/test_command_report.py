"""`redress report`: the period, as_of, service and format from the command line; the JSON on
stdout or a file written whole; every mistake a clear message and a non-zero exit."""

import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError

from redress.reporting.management.commands import report
from redress.reporting.tests.casebook import build_casebook
from redress.reporting.tests.factories import ReportEditionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def casebook(db, settings):
    settings.REDRESS_TODAY = datetime.date(2022, 5, 31)
    return build_casebook()


def run(*args):
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


def run_json(*args):
    return json.loads(run(*args))


def test_the_issue_example_prints_the_figures_json(casebook):
    data = run_json("--from", "2021-04-01", "--to", "2022-03-31", "--format", "json")
    assert data["schema"] == "redress.figures/1"
    assert data["period"] == {"label": "2021-22", "start": "2021-04-01", "end": "2022-03-31"}
    assert data["as_of"] == "2022-05-31"  # today, as the demo clock has it
    assert data["figures"]["received.stage1"] == 6


def test_by_default_the_last_complete_financial_year_as_at_today(casebook, settings):
    assert run_json()["period"]["label"] == "2021-22"
    settings.REDRESS_TODAY = datetime.date(2022, 3, 31)
    data = run_json()
    assert data["period"] == {"label": "2020-21", "start": "2020-04-01", "end": "2021-03-31"}
    assert data["as_of"] == "2022-03-31"


def test_as_of_reads_the_records_as_they_stood(casebook):
    data = run_json("--period", "2021-22", "--as-of", "2022-03-05")
    assert data["as_of"] == "2022-03-05"
    assert data["figures"]["received.stage1"] == 5


@pytest.mark.parametrize(
    ("period", "label", "start", "end", "received"),
    [
        ("2021-22", "2021-22", "2021-04-01", "2022-03-31", 6),
        ("2021-22-Q2", "2021-22 Q2", "2021-07-01", "2021-09-30", 1),
        ("2021-22 q4", "2021-22 Q4", "2022-01-01", "2022-03-31", 3),
        ("2022-03", "2022-03", "2022-03-01", "2022-03-31", 2),
        ("2021-06", "2021-06", "2021-06-01", "2021-06-30", 1),
    ],
)
def test_a_period_shortcut(casebook, period, label, start, end, received):
    data = run_json("--period", period)
    assert data["period"] == {"label": label, "start": start, "end": end}
    assert data["figures"]["received.stage1"] == received


def test_one_service(casebook):
    data = run_json("--period", "2021-22", "--service", "FOSTERING")
    assert data["figures"]["received.stage1"] == 3


def test_the_publication_version(casebook):
    data = run_json("--period", "2021-22", "--publish")
    assert data["tables"]["received.by_service"][0]["suppressed"] is True


def test_json_to_a_file_is_written_whole(casebook, tmp_path):
    target = tmp_path / "figures.json"
    printed = run("--period", "2021-22", "-o", str(target))
    assert printed.strip() == str(target)
    assert json.loads(target.read_text())["figures"]["received.stage1"] == 6
    assert [p.name for p in tmp_path.iterdir()] == ["figures.json"]


def test_a_folder_gets_the_usual_file_name(casebook, tmp_path):
    printed = run("--period", "2021-22-Q2", "--service", "South Safeguarding", "-o", str(tmp_path))
    expected = tmp_path / "complaints-report-2021-22-q2-south-safeguarding.json"
    assert printed.strip() == str(expected)
    assert json.loads(expected.read_text())["period"]["label"] == "2021-22 Q2"


def test_a_failed_write_leaves_nothing_behind(casebook, tmp_path, monkeypatch):
    (tmp_path / "figures.json").write_text("the old report")

    def refuse(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(report.os, "replace", refuse)
    with pytest.raises(CommandError, match="No space left on device"):
        run("--period", "2021-22", "-o", str(tmp_path / "figures.json"))
    assert [p.name for p in tmp_path.iterdir()] == ["figures.json"]
    assert (tmp_path / "figures.json").read_text() == "the old report"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2021-04-31", "--to", "2022-03-31"], "--from '2021-04-31' is not a date"),
        (["--from", "2022-04-01", "--to", "2021-03-31"], "--from 2022-04-01 is after --to"),
        (["--from", "2021-04-01"], "Give both --from and --to"),
        (["--period", "2021-23"], "--period '2021-23' is not a financial year (2021-22)"),
        (["--period", "2021-22", "--from", "2021-04-01"], "Give either --period or --from"),
        (["--period", "2021-22", "--as-of", "31/05/2022"], "--as-of '31/05/2022' is not a"),
        (["--period", "2021-22", "--as-of", "2021-03-01"], "is before the period starts"),
        (["--service", "Fostring"], "Did you mean 'Fostering'?"),
        (["--format", "odt"], "There is no 'odt' format. Formats: json, html, pdf, docx, xlsx."),
        (["-o", "/no/such/folder/r.json"], "the folder /no/such/folder does not exist"),
        (["--format", "pdf", "-o", "-"], "A pdf report cannot go to stdout"),
        (["--edition", "999"], "There is no report edition 999."),
    ],
)
def test_mistakes_are_explained(casebook, args, message):
    with pytest.raises(CommandError) as refused:
        run(*args)
    assert message in str(refused.value)


def test_a_mistake_exits_non_zero_with_the_message_on_stderr(casebook, capsys, tmp_path):
    with pytest.raises(SystemExit) as exit_:
        execute_from_command_line(
            ["redress", "report", "--period", "2021-22", "--service", "Fostring"]
        )
    assert exit_.value.code == 1
    assert "There is no service area called 'Fostring'" in capsys.readouterr().err


def test_an_unwritable_folder_is_refused_before_any_work(casebook, tmp_path, monkeypatch):
    # Tests may run as root, who can write anywhere: the folder is made to say it is not
    # writable, and the report must not even be computed.
    monkeypatch.setattr(report.os, "access", lambda path, mode: Path(path) != tmp_path)
    monkeypatch.setattr(report, "generate_report", lambda **kw: pytest.fail("computed"))
    with pytest.raises(CommandError) as refused:
        run("--period", "2021-22", "-o", str(tmp_path / "r.json"))
    assert str(refused.value) == (
        f"Cannot write {tmp_path / 'r.json'}: the folder {tmp_path} is not writable."
    )
    assert list(tmp_path.iterdir()) == []


def test_a_file_in_place_of_a_folder_is_refused(casebook, tmp_path):
    (tmp_path / "notes.txt").write_text("")
    with pytest.raises(CommandError, match=r"notes\.txt does not exist"):
        run("-o", str(tmp_path / "notes.txt" / "r.json"))


def test_an_edition_gives_its_period_service_and_published_date(casebook):
    edition = ReportEditionFactory(
        service_area_name="Fostering",
        status="published",
        as_of=datetime.date(2022, 3, 5),
        published_at=datetime.datetime(2022, 3, 6, tzinfo=datetime.UTC),
    )
    data = run_json("--edition", str(edition.pk))
    assert data["period"]["label"] == "2021-22"
    assert data["as_of"] == "2022-03-05"
    # Fostering on 5 March 2022: 0003, 0004 and 0005 (0006 is South's, and later).
    assert data["figures"]["received.stage1"] == 3
    with pytest.raises(CommandError, match="leave out --from, --to and --period"):
        run("--edition", str(edition.pk), "--period", "2020-21")
    with pytest.raises(CommandError, match="is for Fostering; leave out --service"):
        run("--edition", str(edition.pk), "--service", "South Safeguarding")


def test_parse_period_reads_an_ambiguous_value_as_the_financial_year():
    assert report.parse_period("2011-12").label == "2011-12"
    assert report.parse_period("2011-11").label == "2011-11"
    assert Path


def test_other_formats_go_to_their_usual_file_name_here(casebook, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    printed = run("--period", "2021-22", "--format", "XLSX", "--publish")
    expected = tmp_path / "complaints-report-2021-22-published.xlsx"
    assert printed.strip() == str(expected)
    assert expected.read_bytes().startswith(b"PK")
    assert [p.name for p in tmp_path.iterdir()] == [expected.name]


def test_an_edition_narrative_reaches_the_file(casebook, tmp_path, officer):
    from redress.reporting import services
    from redress.reporting.periods import financial_year

    edition = services.edition_create(period=financial_year("2021-22"), service=None, by=officer)
    services.narrative_save(
        edition=edition, section="volumes", text="A year of steady growth.", by=officer
    )
    target = tmp_path / "report.html"
    run("--edition", str(edition.pk), "--format", "html", "-o", str(target))
    assert "A year of steady growth." in target.read_text()
