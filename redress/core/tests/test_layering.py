"""The apps' layering, read from their imports: `core` is the bottom layer (every app may use
it; it uses no other app), `procedures` sits on core alone, and `organisations` does not reach
up into `complaints` or what is built on it. Every import counts: at the top, inside a
function, under TYPE_CHECKING. Tests and migrations are left out."""

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]  # redress/
APPS = sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").is_file())
ABOVE_COMPLAINTS = {"complaints", "ombudsman", "feedback", "reporting", "imports", "demo"}


def _modules(app: str) -> Iterator[Path]:
    for path in sorted((PACKAGE / app).rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if "tests" not in parts and "migrations" not in parts:
            yield path


def _imported(path: Path) -> Iterator[tuple[int, str]]:
    """(line, module) for every import in the file, relative ones made absolute."""
    package = ["redress", *path.relative_to(PACKAGE).parent.parts]
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            for alias in node.names:  # `from redress import complaints` names an app too
                yield node.lineno, f"{module}.{alias.name}" if module == "redress" else module


def apps_used(app: str) -> dict[str, list[str]]:
    """The other Redress apps `app` imports, each with where."""
    used: dict[str, list[str]] = {}
    for path in _modules(app):
        for line, module in _imported(path):
            parts = module.split(".")
            other = parts[1] if parts[0] == "redress" and len(parts) > 1 else None
            if other in APPS and other != app:
                where = f"{path.relative_to(PACKAGE.parent)}:{line} imports {module}"
                used.setdefault(other, []).append(where)
    return used


def test_the_scan_sees_imports_of_every_kind():
    """Not vacuous: complaints uses core, procedures and accounts (the last only for types)."""
    used = apps_used("complaints")
    assert {"core", "procedures", "accounts"} <= set(used)
    assert any("redress/complaints/views/" in where for where in used["core"])


def test_core_uses_no_other_app():
    assert apps_used("core") == {}


def test_procedures_uses_only_core():
    assert set(apps_used("procedures")) <= {"core"}, apps_used("procedures")


@pytest.mark.parametrize("app", ["organisations", "procedures", "core"])
def test_nothing_below_complaints_reaches_up_into_it(app):
    used = apps_used(app)
    assert not {name: used[name] for name in ABOVE_COMPLAINTS & set(used)}
