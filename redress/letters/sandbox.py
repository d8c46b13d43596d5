"""Letter templates in a sandbox: a template reaches its merge fields and nothing else.

Two walls. First, `check` reads the template's syntax tree and allows only what a letter needs:
text, merge fields by name (`{{ reference }}`), `{% if %}` / `{% elif %}` / `{% else %}` with
comparisons and `and`/`or`/`not`, literal text and numbers, joining with `~`, and five text
filters (upper, lower, title, capitalize, trim). Anything else (a name that is not a merge
field, `.attribute` or `[item]`, a call, a loop, `set`, `include`, macros, arithmetic, other
filters) is refused with the line and the reason, before a template is saved or rendered.

Second, what renders runs in Jinja2's `SandboxedEnvironment` with no globals (no `range`,
`cycler`, `joiner`, `lipsum`, `namespace`), only those five filters, no tests, StrictUndefined,
no attribute of anything counted as safe and nothing callable, and a context that is a plain
dict of strings built by `selectors.merge_values`. Were the first wall to let something
through, the second still hands it nothing to reach.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, nodes
from jinja2.exceptions import SecurityError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from .fields import NAMES

FILTERS = ("upper", "lower", "title", "capitalize", "trim")
ALLOWED_HELP = (
    "use merge fields, 'if … elif … else … endif' and the filters upper, lower, title, "
    "capitalize and trim"
)


@dataclass(frozen=True)
class Problem:
    """Why a template is refused: where, and what a person should change."""

    line: int | None
    message: str
    field: str | None = None  # the unknown merge field, when that is the problem

    def text(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


class TemplateRefusedError(ValueError):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(problem.text())


class LetterEnvironment(SandboxedEnvironment):
    """Nothing is reachable from a value: no attribute is safe, nothing may be called."""

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        return False

    def is_safe_callable(self, obj: Any) -> bool:
        return False


def _environment() -> LetterEnvironment:
    env = LetterEnvironment(
        undefined=StrictUndefined,
        autoescape=False,  # plain text: the Word and PDF renderers escape it for their formats
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.globals.clear()
    env.filters = {name: env.filters[name] for name in FILTERS}
    env.tests = {}
    return env


ENVIRONMENT = _environment()

# The nodes a letter may hold; anything else is refused by name.
ALLOWED = (
    nodes.Template,
    nodes.Output,
    nodes.TemplateData,
    nodes.Name,
    nodes.Const,
    nodes.If,
    nodes.Filter,
    nodes.Not,
    nodes.And,
    nodes.Or,
    nodes.Compare,
    nodes.Operand,
    nodes.Concat,
)
WHAT = {
    nodes.For: "a 'for' loop",
    nodes.Macro: "a macro",
    nodes.CallBlock: "a 'call' block",
    nodes.Call: "calling something",
    nodes.Assign: "'set'",
    nodes.AssignBlock: "'set'",
    nodes.Include: "'include'",
    nodes.Import: "'import'",
    nodes.FromImport: "'import'",
    nodes.Extends: "'extends'",
    nodes.Block: "a block",
    nodes.Test: "a test ('is …')",
    nodes.CondExpr: "an inline 'if'",
    nodes.BinExpr: "arithmetic",
    nodes.UnaryExpr: "arithmetic",
    nodes.List: "a list",
    nodes.Tuple: "a list",
    nodes.Dict: "a dictionary",
    nodes.Slice: "a slice",
    nodes.With: "'with'",
    nodes.FilterBlock: "a filter block",
    nodes.ScopedEvalContextModifier: "'autoescape'",
    nodes.EvalContextModifier: "'autoescape'",
}


def _suggestion(name: str) -> str:
    close = difflib.get_close_matches(name, sorted(NAMES), n=1, cutoff=0.7)
    return f" Did you mean '{close[0]}'?" if close else ""


def _dotted(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_dotted(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        return f"{_dotted(node.node)}[…]"
    if isinstance(node, nodes.Const):
        return repr(node.value)
    return "…"


def _problems(node: nodes.Node) -> Iterator[Problem]:
    line = getattr(node, "lineno", None)
    if isinstance(node, (nodes.Getattr, nodes.Getitem)):
        yield Problem(
            line,
            f"'{_dotted(node)}' reaches inside a value: a merge field has no parts, so use it "
            "on its own",
        )
        return
    if isinstance(node, nodes.Name):
        if node.ctx != "load" or node.name not in NAMES:
            yield Problem(
                line,
                f"'{node.name}' is not a merge field.{_suggestion(node.name)} The merge fields "
                "are listed with the template",
                field=node.name,
            )
        return
    if isinstance(node, nodes.Filter):
        if node.name not in FILTERS:
            yield Problem(line, f"the filter '{node.name}' is not allowed: {ALLOWED_HELP}")
            return
        if node.kwargs or node.dyn_args or node.dyn_kwargs or node.args:
            yield Problem(line, f"the filter '{node.name}' takes nothing in brackets")
            return
    elif isinstance(node, nodes.Const):
        if not isinstance(node.value, (str, int)) or isinstance(node.value, bool):
            yield Problem(line, f"{node.value!r} is not allowed: {ALLOWED_HELP}")
        return
    elif not isinstance(node, ALLOWED):
        what = next((w for kind, w in WHAT.items() if isinstance(node, kind)), None)
        yield Problem(line, f"{what or type(node).__name__} is not allowed: {ALLOWED_HELP}")
        return
    for child in node.iter_child_nodes():
        yield from _problems(child)


def check(source: str) -> None:
    """Refuse a template that is not valid Jinja2 or uses anything but what a letter may
    (TemplateRefusedError, with the first problem and its line)."""
    try:
        tree = ENVIRONMENT.parse(source)
    except TemplateSyntaxError as error:
        raise TemplateRefusedError(
            Problem(error.lineno, f"the template cannot be read: {error.message}")
        ) from None
    for problem in _problems(tree):
        raise TemplateRefusedError(problem)


def fields_used(source: str) -> set[str]:
    """The merge fields a (checked) template names."""
    return {n.name for n in ENVIRONMENT.parse(source).find_all(nodes.Name)} & NAMES


def fields_shown_unguarded(source: str) -> set[str]:
    """The merge fields a (checked) template prints outside an `if` that tests them: an empty
    one leaves a gap in the letter (an `if advocate_name` paragraph is meant to be left out)."""
    found: set[str] = set()

    def walk(node: nodes.Node, guarded: frozenset[str]) -> None:
        if isinstance(node, nodes.If):
            names = [node.test, *node.test.find_all(nodes.Name)]  # (find_all: below it only)
            tested = guarded | {n.name for n in names if isinstance(n, nodes.Name)}
            for child in [*node.body, *node.elif_]:
                walk(child, tested)
            for child in node.else_:
                walk(child, guarded)
            return
        if isinstance(node, nodes.Name) and node.name not in guarded:
            found.add(node.name)
        for child in node.iter_child_nodes():
            walk(child, guarded)

    walk(ENVIRONMENT.parse(source), frozenset())
    return found & NAMES


def render(source: str, values: Mapping[str, str]) -> str:
    """The template filled in from `values` (plain strings, one per merge field). Checked
    first; rendered in the sandbox with only `values` in its context."""
    check(source)
    context = {name: str(values[name]) for name in NAMES if name in values}
    try:
        return ENVIRONMENT.from_string(source).render(context).strip()
    except UndefinedError as error:
        raise TemplateRefusedError(Problem(None, f"a merge field has no value: {error}")) from None
    except SecurityError as error:
        raise TemplateRefusedError(Problem(None, f"refused by the sandbox: {error}")) from None
