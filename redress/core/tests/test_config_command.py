import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import base, call_command
from django.core.management.base import CommandError

from redress.core import config
from redress.core.audit import SYSTEM_LABEL
from redress.core.management.commands.config import Command
from redress.core.models import AuditEvent
from redress.procedures.models import ClosureDay

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("config", *args, stdout=out, stderr=err)
    return out.getvalue()


def test_list_shows_every_key_value_and_description():
    lines = run("list").splitlines()
    assert "stage2_average_cost = 0.00" in lines
    assert (
        "    Average cost of a stage 2 investigation (£). Used to estimate what resolved "
        "mediations saved."
    ) in lines
    assert "reference_prefix = CSC" in lines
    assert "closure_days = (none)" in lines
    assert len(lines) == 3 * len(config.SETTINGS)


def test_get_prints_one_value():
    assert run("get", "suppression_threshold") == "5\n"


def test_set_validates_stores_prints_and_audits_as_the_system():
    assert run("set", "stage2_average_cost", "3500") == "stage2_average_cost = 3500.00\n"
    assert config.get("stage2_average_cost") == Decimal("3500.00")
    event = AuditEvent.objects.get(action="config.set")
    assert (event.actor, event.actor_label) == (None, SYSTEM_LABEL)
    assert (event.before, event.after) == (
        {"stage2_average_cost": "0.00"},
        {"stage2_average_cost": "3500.00"},
    )


def test_set_closure_days_with_and_without_quotes():
    out = run("set", "closure_days", "2021-12-29=Christmas", "closure,2021-12-30")
    assert out == (
        "closure_days = 2021-12-29=Christmas closure, 2021-12-30=Authority closure day\n"
    )
    assert dict(ClosureDay.objects.values_list("date", "reason")) == {
        datetime.date(2021, 12, 29): "Christmas closure",
        datetime.date(2021, 12, 30): "Authority closure day",
    }
    run("set", "closure_days", "")
    assert not ClosureDay.objects.exists()


def test_set_by_a_manager(manager):
    run("set", "authority_name", "Birmingham", "Children's", "Trust", "--by", manager.username)
    assert config.get("authority_name") == "Birmingham Children's Trust"
    assert AuditEvent.objects.get(action="config.set").actor == manager


def test_only_a_manager_changes_settings(officer):
    with pytest.raises(CommandError, match="olive_officer is not a complaints manager"):
        run("set", "authority_name", "X", "--by", officer.username)
    with pytest.raises(CommandError, match="There is no user called 'nobody'"):
        run("set", "authority_name", "X", "--by", "nobody")
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("set", "stage2_average_cost", "lots"),
            "'lots' is not an amount of money, e.g. 3500 or 3500.00.",
        ),
        (
            ("set", "closure_days", "2021-12-32"),
            "'2021-12-32' is not a date in the form YYYY-MM-DD.",
        ),
        (("get", "colour"), "There is no setting called 'colour'."),
        (("set", "authority_name"), "Give the new value: redress config set authority_name"),
        (("get",), "Say which setting: redress config get KEY."),
    ],
)
def test_bad_input_is_a_command_error_naming_the_problem(args, message):
    with pytest.raises(CommandError) as err:
        run(*args)
    assert str(err.value).startswith(message)
    assert not AuditEvent.objects.exists()


def test_bad_input_exits_non_zero_with_the_message_on_stderr(monkeypatch, capsys):
    # run_from_argv closes every connection when it ends; the test's must stay open.
    monkeypatch.setattr(base.connections, "close_all", lambda: None)
    with pytest.raises(SystemExit) as exit_:
        Command().run_from_argv(["redress", "config", "set", "suppression_threshold", "0"])
    assert exit_.value.code == 1
    assert capsys.readouterr().err == (
        "CommandError: The suppression threshold must be between 1 and 100.\n"
    )
    assert config.get("suppression_threshold") == 5


def test_reference_year_is_received_or_reporting():
    assert run("get", "reference_year") == "received\n"
    assert run("set", "reference_year", "Reporting") == "reference_year = reporting\n"
    with pytest.raises(CommandError, match="'received' year or the 'reporting' year"):
        run("set", "reference_year", "financial")
