"""The procedure section describes what the authority uses: the procedures a complaint was
recorded under (every configured one while there is none), and mediation only where one was
offered, without saying who mediates (Redress does not record it). The small year's complaints
are all statutory and none was mediated, as the second demo authority's are all statutory."""

from __future__ import annotations

import datetime

import pytest

from redress.complaints.tests.factories import ComplaintFactory, MediationFactory
from redress.procedures.calendar import WorkingCalendar
from redress.procedures.models import Procedure
from redress.reporting.document.build import build_document
from redress.reporting.facts import extract_facts
from redress.reporting.figures import compute_figures

from .document_fixtures import AS_OF, SETTINGS, YEAR, make_small_year
from .test_document_build import paragraphs

STATUTORY = "Stage 2 – Investigation: a response within 25 working days"
LOCAL = "Stage 2 – Review: a response within 25 working days."
MEDIATION = (
    "Mediation: where a complainant is unhappy with a response, a mediation meeting may be "
    "offered. It is voluntary and confidential, and a complaint it resolves needs no further "
    "investigation."
)


def procedure_section() -> list[str]:
    facts = extract_facts(as_of=AS_OF, calendar=WorkingCalendar())
    figures = compute_figures(facts=facts, period=YEAR, settings=SETTINGS)
    document = build_document(
        figures=figures,
        authority="Testshire Council",
        service=None,
        narratives={},
        settings=SETTINGS,
        facts=facts,
    )
    return paragraphs(document, "procedure")


def names(said: list[str]) -> list[str]:
    configured = {p.name for p in Procedure.objects.all()}
    return [p.split(". ")[0] for p in said if p.split(". ")[0] in configured]


@pytest.fixture
def year(db):
    return make_small_year()


def test_only_the_procedures_in_use_are_described(year):
    said = procedure_section()
    assert names(said) == [Procedure.objects.get(code="statutory").name]
    assert any(p.startswith(STATUTORY) for p in said)
    assert LOCAL not in said
    assert not any("mediat" in p.casefold() for p in said)
    assert said[-1].startswith("The Local Government and Social Care Ombudsman")


def test_a_local_complaint_and_a_mediation_bring_their_words(year):
    local = Procedure.objects.get(code="local")
    complaint = ComplaintFactory(procedure=local, received_date=datetime.date(2021, 6, 1))
    MediationFactory(complaint=complaint, offered_date=datetime.date(2021, 7, 1))
    said = procedure_section()
    assert names(said) == [p.name for p in Procedure.objects.order_by("order", "code")]
    assert LOCAL in said
    assert MEDIATION in said
    assert not any("independent mediator" in p for p in said)


def test_records_after_as_of_do_not_count(year):
    local = Procedure.objects.get(code="local")
    later = AS_OF + datetime.timedelta(days=1)
    complaint = ComplaintFactory(procedure=local, received_date=later)
    MediationFactory(complaint=complaint, offered_date=later)
    said = procedure_section()
    assert LOCAL not in said
    assert MEDIATION not in said


def test_without_any_complaint_every_configured_procedure_is_described(db):
    said = procedure_section()
    assert names(said) == [p.name for p in Procedure.objects.order_by("order", "code")]
    assert MEDIATION not in said
