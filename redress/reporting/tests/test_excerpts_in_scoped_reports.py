"""A published report for one locality or service shows at most one children's case example
where their number is withheld: each excerpt is one complaint's, so three would say there were
at least three. One says no more than "fewer than 5". The whole authority's published report and
the team's version show every one."""

from __future__ import annotations

import datetime

import pytest

from redress.complaints.tests.factories import ComplaintFactory
from redress.organisations.tests.factories import ServiceAreaFactory
from redress.reporting import services
from redress.reporting.document.model import BulletList, Paragraph, ReportDocument
from redress.reporting.excerpts.services import excerpt_save
from redress.reporting.periods import financial_year

pytestmark = pytest.mark.django_db

YEAR = financial_year("2021-22")
AS_OF = datetime.date(2022, 5, 31)
EXCERPTS = (
    "A young person told us their social worker changed three times in a year.",
    "A child asked for their contact visits to be moved to weekends.",
    "A care leaver told us their pathway plan had not been reviewed.",
    "A young person said nobody called back about their placement.",
    "A child told us their school transport kept being late.",
    "A young person asked to see their file and waited too long.",
)


def _children_complaints(manager, how_many: int) -> None:
    fostering = ServiceAreaFactory(name="Fostering")
    for day, excerpt in enumerate(EXCERPTS[:how_many], start=1):
        complaint = ComplaintFactory(
            service_area=fostering,
            received_date=datetime.date(2021, 7, day),
            complainant_type="child_young_person",
            summary=f"Recorded summary {day}.",
        )
        excerpt_save(record=complaint, text=excerpt, approve=True, by=manager)


def _examples(document: ReportDocument) -> list[str]:
    blocks = document.section("appendix_voice").blocks
    return [item.plain for b in blocks if isinstance(b, BulletList) for item in b.items]


def _intro(document: ReportDocument) -> str:
    first = document.section("appendix_voice").blocks[0]
    assert isinstance(first, Paragraph)
    return first.plain


def _report(**scope) -> ReportDocument:
    prepared = services.prepare_report(period=YEAR, as_of=AS_OF, **scope)
    assert prepared.document is not None
    return prepared.document


def test_a_withheld_number_of_children_s_complaints_is_illustrated_by_one_example(
    manager, settings
):
    settings.REDRESS_TODAY = AS_OF
    _children_complaints(manager, 3)
    published = _report(service="Fostering", publish=True)
    assert _examples(published) == [EXCERPTS[0]]
    intro = _intro(published)
    assert intro.startswith("An example of the complaints made by children")
    assert "only one is shown where their number is withheld" in intro
    # The whole authority's published report withholds no scalar, and shows every example; the
    # team's version shows every summary.
    assert _examples(_report(publish=True)) == list(EXCERPTS[:3])
    assert len(_examples(_report(service="Fostering"))) == 3


def test_a_number_of_children_s_complaints_shown_is_illustrated_by_every_example(manager, settings):
    settings.REDRESS_TODAY = AS_OF
    _children_complaints(manager, 6)
    published = _report(service="Fostering", publish=True)
    assert _examples(published) == list(EXCERPTS)
    assert _intro(published).startswith("From the complaints made by children")
