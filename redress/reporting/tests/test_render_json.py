"""The `redress.figures/1` JSON is written once, by its renderer, with whom the figures cover
(`scope`) right after the period: the same bytes as when the scope was added by reading the
rendered JSON back and writing it out again."""

import datetime
import json

import pytest

from redress.reporting.figures import FigureSet
from redress.reporting.periods import make_period
from redress.reporting.render import renderer
from redress.reporting.render.json import render
from redress.reporting.services import generate_report, prepare_report

from .casebook import AS_OF, build_casebook
from .localities import build_restructure

pytestmark = pytest.mark.django_db
Q4 = make_period(datetime.date(2022, 1, 1), datetime.date(2022, 3, 31))


@pytest.fixture
def world(db, settings):
    settings.REDRESS_TODAY = AS_OF
    return build_restructure(build_casebook())


def scope_added_afterwards(content: bytes, scope: dict) -> bytes:
    """How the scope used to be added: the rendered JSON read back, the scope put after the
    period, and the whole written out again."""
    data = json.loads(content)
    ordered = {}
    for key, value in data.items():
        ordered[key] = value
        if key == "period":
            ordered["scope"] = scope
    ordered.setdefault("scope", scope)
    return (json.dumps(ordered, indent=2, ensure_ascii=False) + "\n").encode()


@pytest.mark.parametrize(
    ("whom", "kind", "name", "publish"),
    [
        ({}, "authority", None, False),
        ({"service": "fostering"}, "service", "Fostering", False),
        ({"locality": "South"}, "locality", "South", False),
        ({"locality": "South"}, "locality", "South", True),
    ],
)
def test_the_scope_follows_the_period_and_the_bytes_are_as_before(world, whom, kind, name, publish):
    prepared = prepare_report(period=Q4, as_of=AS_OF, publish=publish, document=False, **whom)
    output = generate_report(period=Q4, as_of=AS_OF, publish=publish, fmt="json", **whom)
    data = json.loads(output.content)
    # A published report for one locality withholds its small scalars too, and says which.
    withheld = ["suppressed"] if publish else []
    assert list(data) == ["schema", "period", "scope", "as_of", "figures", *withheld, "tables"]
    assert (data["scope"]["kind"], data["scope"]["name"]) == (kind, name)
    assert data["scope"] == prepared.scope.as_json()
    if kind == "authority":
        assert data["scope"]["service_areas"] is None
    elif kind == "service":
        assert data["scope"]["service_areas"] == ["Fostering"]
    else:
        assert len(data["scope"]["service_areas"]) > 1
    # The same bytes as the figures alone with the scope added by a second pass.
    figures_alone = renderer("json")(None, prepared.figures)
    assert "scope" not in json.loads(figures_alone)
    assert output.content == scope_added_afterwards(figures_alone, prepared.scope.as_json())


def test_the_whole_authority_s_scope_is_written_in_place():
    """The text itself, pinned: two-space indents, the scope between the period and as_of."""
    content = render(
        None,
        FigureSet(period=Q4, as_of=AS_OF),
        scope={"kind": "authority", "name": None, "service_areas": None},
    ).decode()
    assert content.startswith(
        "{\n"
        '  "schema": "redress.figures/1",\n'
        '  "period": {\n'
        '    "label": "2021-22 Q4",\n'
        '    "start": "2022-01-01",\n'
        '    "end": "2022-03-31"\n'
        "  },\n"
        '  "scope": {\n'
        '    "kind": "authority",\n'
        '    "name": null,\n'
        '    "service_areas": null\n'
        "  },\n"
        '  "as_of": "2022-05-31",\n'
    )
    assert content.endswith("\n}\n")


def test_a_locality_s_names_are_written_as_they_are():
    """Not escaped: ensure_ascii is off, as before."""
    content = render(
        None,
        FigureSet(period=Q4, as_of=AS_OF),
        scope={"kind": "locality", "name": "Bryn Côte", "service_areas": ["Ysgol Gŵyr"]},
    ).decode()
    assert '"name": "Bryn Côte"' in content
    assert '"service_areas": [\n      "Ysgol Gŵyr"\n    ]' in content


def test_without_a_scope_the_json_is_the_figures_alone():
    content = render(None, FigureSet(period=Q4, as_of=AS_OF))
    assert list(json.loads(content)) == ["schema", "period", "as_of", "figures", "tables"]
