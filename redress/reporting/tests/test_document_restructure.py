"""A year that spans a restructure: the report gives complaints by service, and stage 1
complaints against open cases, once for each part of the year and says why (Sandwell 2021-22,
Tables 2 to 5). The casebook's Fostering and the localities' Early Help moved to West on
1 January 2022 (localities.build_restructure), and West's Early Help is renamed Family Support
here, so that a service ended and another began in its place."""

from decimal import Decimal

import pytest

from redress.core import config
from redress.reporting.document.model import ChartBlock, ReportDocument, TableBlock
from redress.reporting.models import ContextFigure
from redress.reporting.periods import financial_year
from redress.reporting.services import prepare_report

from .casebook import AS_OF, build_casebook
from .localities import build_restructure
from .test_document_build import paragraphs, texts

pytestmark = pytest.mark.django_db

BY_SERVICE = "received.by_service.parts"
OPEN_CASES = "ratio.stage1_to_open_cases.by_service.parts"


@pytest.fixture
def world(db, settings):
    settings.REDRESS_TODAY = AS_OF
    world = build_restructure(build_casebook())
    # West's Early Help became Family Support: a service that ended and one that began in its
    # place. (Fostering moved to West under its own name, which restructures nothing.)
    world.early_help_new.name = "Family Support"
    world.early_help_new.save()
    for area, cases in (
        (world.early_help_old, 50),
        (world.early_help_new, 20),
        (world.family_hub, 10),
    ):
        ContextFigure.objects.create(
            period="2021-22", measure="open_cases", service_area=area, value=Decimal(cases)
        )
    # Referrals and assessments, without which the rates section says only that there are none.
    for measure, value in (("referrals", 400), ("family_assessments", 300)):
        ContextFigure.objects.create(period="2021-22", measure=measure, value=Decimal(value))
    return world


def tables(document: ReportDocument, section: str) -> list[TableBlock]:
    blocks = document.section(section).blocks
    found = [b.table if isinstance(b, ChartBlock) else b for b in blocks]
    return [b for b in found if isinstance(b, TableBlock)]


def test_a_table_for_each_part_of_the_year_and_why(world):
    document = prepare_report(period=financial_year(2021), as_of=AS_OF).document
    assert document is not None
    said = paragraphs(document, "services")
    assert (
        "The services were restructured on 1 January 2022, when some ended and others began in "
        "their place, so complaints by service are given as two separate sets, for April to "
        "December 2021 and January to March 2022." in said
    )
    assert (
        "Within each set, stage 1 complaints are read against the open cases of the services "
        "in use during it." in said
    )
    shown = [(t.key, t.caption, texts(t)) for t in tables(document, "services")]
    assert shown[1:] == [
        (
            BY_SERVICE,
            "Complaints received by service and stage, April to December 2021",
            [
                ["South Safeguarding", "2", "1", "0"],
                ["Early Help", "1", "0", "0"],
                ["Fostering", "1", "0", "0"],
            ],
        ),
        (
            OPEN_CASES,
            "Stage 1 complaints against open cases, by service, April to December 2021",
            [["Early Help", "1", "50", "2.00%"]],
        ),
        (
            BY_SERVICE,
            "Complaints received by service and stage, January to March 2022",
            [
                ["Family Hub", "2", "0", "0"],
                ["Fostering", "2", "0", "0"],
                ["Family Support", "1", "0", "0"],
                ["South Safeguarding", "1", "0", "0"],
            ],
        ),
        (
            OPEN_CASES,
            "Stage 1 complaints against open cases, by service, January to March 2022",
            [["Family Hub", "2", "10", "20.00%"], ["Family Support", "1", "20", "5.00%"]],
        ),
    ]
    # Each part's open-cases table is followed by its highest proportion (Sandwell's words).
    assert [p for p in said if "highest proportion" in p] == [
        "Early Help had the highest proportion of stage 1 complaints to open cases in April to "
        "December 2021 (2.00%).",
        "Family Hub had the highest proportion of stage 1 complaints to open cases in January to "
        "March 2022 (20.00%), followed by Family Support (5.00%).",
    ]
    # The area table is the year's; the year's table by service is not shown, nor the year's
    # open cases in the rates section, which says where they are.
    assert shown[0][0] == "received.by_area"
    assert "ratio.stage1_to_open_cases.by_service" not in [t.key for t in tables(document, "rates")]
    assert (
        "The services were restructured during 2021-22, so stage 1 complaints against open "
        "cases are given for each part of it, with the complaints by service."
        in paragraphs(document, "rates")
    )


def test_published_each_part_withholds_its_small_counts(world):
    prepared = prepare_report(period=financial_year(2021), as_of=AS_OF, publish=True)
    assert prepared.document is not None
    parts = [t for t in tables(prepared.document, "services") if t.key == BY_SERVICE]
    assert texts(parts[0])[0] == ["South Safeguarding", "fewer than 5", "fewer than 5", "0"]
    assert (OPEN_CASES, 0, "complaints") in prepared.figures.suppressed
    assert (OPEN_CASES, 0, "pct") in prepared.figures.suppressed
    # No service is ranked by a proportion whose count is withheld.
    assert not any("highest proportion" in p for p in paragraphs(prepared.document, "services"))


def test_a_tie_for_the_highest_proportion_is_said_as_one(world):
    ContextFigure.objects.filter(service_area=world.early_help_new).update(value=Decimal(5))
    document = prepare_report(period=financial_year(2021), as_of=AS_OF).document
    assert document is not None
    assert (
        "Family Hub and Family Support shared the highest proportion of stage 1 complaints to "
        "open cases in January to March 2022 (20.00% each)." in paragraphs(document, "services")
    )
    # Where a name has "and" in it, a comma says where one name ends.
    world.early_help_new.name = "Support and Help"
    world.early_help_new.save()
    document = prepare_report(period=financial_year(2021), as_of=AS_OF).document
    assert document is not None
    assert (
        "Family Hub, and Support and Help shared the highest proportion of stage 1 complaints to "
        "open cases in January to March 2022 (20.00% each)." in paragraphs(document, "services")
    )


def test_a_year_without_a_restructure_has_the_one_table(world):
    document = prepare_report(period=financial_year(2020), as_of=AS_OF).document
    assert document is not None
    keys = [t.key for t in tables(document, "services")]
    assert "received.by_service" in keys
    assert BY_SERVICE not in keys
    assert OPEN_CASES not in keys
    assert not any("restructured" in p for p in paragraphs(document, "services"))


def test_published_the_highest_proportion_leaves_out_the_services_withheld(world):
    """A published report ranks only the services whose counts it shows, and says so: ranking
    the withheld ones too would narrow what they hide."""
    config.set_value("suppression_threshold", "2", by=None)
    prepared = prepare_report(period=financial_year(2021), as_of=AS_OF, publish=True)
    assert prepared.document is not None
    assert [p for p in paragraphs(prepared.document, "services") if "highest" in p] == [
        "Of the services with 2 or more stage 1 complaints in January to March 2022, Family Hub "
        "had the highest proportion to open cases (20.00%)."
    ]
