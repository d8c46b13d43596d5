"""The template sandbox: a template reaches its merge fields and nothing else, and what it is
refused for is named with its line."""

import pytest
from jinja2.exceptions import SecurityError, UndefinedError

from redress.letters import sandbox
from redress.letters.defaults import DEFAULTS
from redress.letters.fields import EXAMPLES, NAMES

VALUES = {name: f"<{name}>" for name in NAMES}

ESCAPES = [
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ reference.__class__ }}",
    "{{ reference.upper() }}",
    "{{ reference['__class__'] }}",
    "{{ reference|attr('__class__') }}",
    "{{ self }}",
    "{{ self._TemplateReference__context }}",
    "{{ cycler }}",
    "{{ cycler.__init__.__globals__.os }}",
    "{{ joiner }}",
    "{{ namespace }}",
    "{{ lipsum.__globals__ }}",
    "{{ range(10) }}",
    "{{ config }}",
    "{{ request }}",
    "{{ settings.SECRET_KEY }}",
    "{% for c in reference %}{{ c }}{% endfor %}",
    "{% set x = reference %}{{ x }}",
    "{% include 'layouts/base.html' %}",
    "{% import 'layouts/base.html' as base %}",
    "{% extends 'layouts/base.html' %}",
    "{% macro m() %}{% endmacro %}",
    "{{ reference|format(1) }}",
    "{{ reference|upper(1) }}",
    "{{ 'x' * 100000000 }}",
    "{{ reference if stage else summary }}",
    "{{ reference is defined }}",
    "{{ [reference] }}",
]


@pytest.mark.parametrize("source", ESCAPES)
def test_a_template_cannot_reach_anything_but_its_merge_fields(source):
    with pytest.raises(sandbox.TemplateRefusedError):
        sandbox.check(source)
    with pytest.raises(sandbox.TemplateRefusedError):
        sandbox.render(source, VALUES)


@pytest.mark.parametrize(
    "source",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ reference.__class__ }}",
        "{{ reference.upper() }}",
        "{{ cycler }}",
        "{{ lipsum() }}",
        "{{ range(3) }}",
        "{{ reference|attr('__class__') }}",
    ],
)
def test_the_environment_itself_refuses_them_too(source):
    """The second wall: without the syntax check, the sandboxed environment still gives a
    template nothing (no globals, no attribute of anything, nothing callable, few filters)."""
    with pytest.raises((SecurityError, UndefinedError, Exception)) as caught:
        sandbox.ENVIRONMENT.from_string(source).render({"reference": "R"})
    assert not isinstance(caught.value, AssertionError)
    assert sandbox.ENVIRONMENT.globals == {}
    assert set(sandbox.ENVIRONMENT.filters) == set(sandbox.FILTERS)
    assert sandbox.ENVIRONMENT.tests == {}


def test_self_renders_as_nothing_useful_even_past_the_check():
    rendered = sandbox.ENVIRONMENT.from_string("{{ self }}").render({})
    assert "TemplateReference" in rendered  # only its name: its attributes are refused
    with pytest.raises(SecurityError):
        sandbox.ENVIRONMENT.from_string("{{ self.__class__ }}").render({})


def test_an_unknown_field_is_refused_with_its_name_line_and_a_suggestion():
    with pytest.raises(sandbox.TemplateRefusedError) as refused:
        sandbox.check("Dear {{ recipient_name }},\n\nYour reference is {{ referense }}.")
    assert refused.value.problem.field == "referense"
    assert refused.value.problem.line == 3
    assert "Did you mean 'reference'?" in refused.value.problem.message


def test_a_syntax_error_is_refused_with_its_line():
    with pytest.raises(sandbox.TemplateRefusedError) as refused:
        sandbox.check("Dear {{ recipient_name }},\n\n{% if stage %}\nNo end")
    assert refused.value.problem.line is not None
    assert "cannot be read" in refused.value.problem.message


def test_merge_fields_if_and_the_text_filters_render():
    source = (
        "{{ reference|upper }} {% if advocate_name %}with {{ advocate_name }}"
        "{% elif stage == '2' %}stage two{% else %}alone{% endif %} {{ 'x' ~ stage }}"
    )
    values = {**VALUES, "reference": "kct-1", "advocate_name": "", "stage": "2"}
    assert sandbox.render(source, values) == "KCT-1 stage two x2"


def test_values_are_text_only():
    """Whatever the caller passes, the template sees strings."""
    assert sandbox.render("{{ stage }}", {"stage": 2}) == "2"  # type: ignore[dict-item]


@pytest.mark.parametrize("default", DEFAULTS, ids=lambda d: d.code)
def test_every_shipped_template_passes_the_check_and_renders(default):
    sandbox.check(default.subject)
    sandbox.check(default.body)
    body = sandbox.render(default.body, EXAMPLES)
    assert body.startswith("Dear Ms Jordan Smith,")
    assert "{{" not in body
    assert "{%" not in body


def test_fields_outside_an_if_are_the_ones_that_leave_gaps():
    source = (
        "{{ reference }} {% if advocate_name %}{{ advocate_name }}"
        "{% else %}{{ child_name }}{% endif %}"
    )
    assert sandbox.fields_shown_unguarded(source) == {"reference", "child_name"}
