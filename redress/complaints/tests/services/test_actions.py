import re
from pathlib import Path

from redress.complaints.services.actions import ACTIONS

REDRESS = Path(__file__).resolve().parents[3]
SERVICE_MODULES = [
    *sorted((REDRESS / "complaints" / "services").glob("*.py")),
    *(REDRESS / app / "services.py" for app in ["ombudsman", "feedback", "people", "retention"]),
    REDRESS / "retention" / "holds.py",
    REDRESS / "organisations" / "services.py",
    REDRESS / "documents" / "services.py",
    REDRESS / "people" / "sar" / "services.py",
    REDRESS / "notifications" / "services.py",
    REDRESS / "letters" / "services.py",
    REDRESS / "surveys" / "services.py",
    *sorted((REDRESS / "front" / "services").glob("*.py")),
]
# action="x", or action="x" if ... else "y"
RECORDED = re.compile(r'action="([a-z0-9_.]+)"(?: if [^\n]* else "([a-z0-9_.]+)")?')


def recorded_actions() -> set[str]:
    found = set()
    for path in SERVICE_MODULES:
        for match in RECORDED.finditer(path.read_text()):
            found |= {action for action in match.groups() if action}
    return found


def test_every_action_a_service_records_has_a_label():
    actions = recorded_actions()
    assert "stage3.record_panel" in actions
    assert actions - ACTIONS.keys() == set()


def test_no_label_without_a_service_recording_it():
    assert ACTIONS.keys() - recorded_actions() == set()
