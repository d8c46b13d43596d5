"""The timeliness measure a report leads with (setting report_timeliness_by, ADR 0028): the
responses issued in the year against the longest timescale (Birmingham's report, the default) or
the complaints received in the year against their own deadlines (Sandwell's report).

The small year of document_fixtures, with two more stage 1 complaints of 2020-21 so that the
two measures part: X, received Mon 15 March 2021 and answered Wed 30 June 2021 (late; its
response is one of 2021-22's), and Y, received Tue 1 December 2020 and answered Thu 3
December 2020 (2 working days). So:

- responses issued in 2021-22: A1, A2, A3 and X, 2 within 20 working days (50.0%); in 2020-21
  the two of the small year and Y, all in time (100.0%);
- complaints received in 2021-22 and answered: A1, A2 and A3, 2 within their deadline (66.7%),
  (5 + 9 + 30) / 3 = 14.67 working days on average; in 2020-21 the two of the small year, Y and
  X, 3 of 4 in time (75.0%), more slowly on average (X took over 70 working days).
"""

from __future__ import annotations

import datetime
from dataclasses import replace

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from redress.core import config
from redress.organisations.models import ServiceArea
from redress.procedures.calendar import WorkingCalendar
from redress.reporting.document.build import build_document
from redress.reporting.document.model import ChartBlock, Paragraph, TableBlock
from redress.reporting.facts import extract_facts
from redress.reporting.figures import ReportSettings, compute_figures
from redress.reporting.selectors import report_settings
from redress.reporting.services import prepare_report

from .document_fixtures import AS_OF, SETTINGS, YEAR, _complaint, make_small_year

D = datetime.date


@pytest.fixture
def figures(db):
    make_small_year()
    area = ServiceArea.objects.get(name="South Safeguarding")
    _complaint(area, D(2021, 3, 15), D(2021, 6, 30), "not_upheld")
    _complaint(area, D(2020, 12, 1), D(2020, 12, 3), "not_upheld")
    facts = extract_facts(as_of=AS_OF, calendar=WorkingCalendar())
    return compute_figures(facts=facts, period=YEAR, settings=SETTINGS)


def build(figures, timeliness_by: str):
    return build_document(
        figures=figures,
        authority="Testshire Council",
        service=None,
        narratives={},
        settings=replace(SETTINGS, timeliness_by=timeliness_by),
    )


def timeliness_headline(document) -> str:
    return next(p.plain for p in document.summary if "working days" in p.plain)


def section(document) -> list[str]:
    return [b.plain for b in document.section("timeliness").blocks if isinstance(b, Paragraph)]


def table_keys(document) -> list[str]:
    out = []
    for block in document.section("timeliness").blocks:
        if isinstance(block, ChartBlock) and block.table is not None:
            block = block.table
        if isinstance(block, TableBlock):
            out.append(block.key)
    return out


def test_by_default_the_report_leads_with_the_responses_issued(figures):
    document = build(figures, "responses")
    assert timeliness_headline(document) == (
        "50.0% of the 4 stage 1 responses issued in 2021-22 were within 20 working days, "
        "against 100.0% in 2020-21: fewer in time, which is worse. The average response took "
        f"{figures.figures['responses.stage1.average_working_days']:.2f} working days, against "
        f"{figures.figures['responses.stage1.average_working_days.previous']:.2f} in 2020-21: "
        "slower, which is worse."
    )
    said = section(document)
    assert said[0].startswith("This section counts the responses issued in 2021-22")
    assert said[1].startswith("2 (50.0%) of 4 stage 1 responses were issued within 20 working")
    tables = table_keys(document)
    assert tables.index("responses.stage1.bands_by_area") < tables.index("timeliness.cohort")
    assert tables.count("timeliness.stage1.by_quarter") == 1
    # The other measure stays in the section.
    assert any(
        p.startswith("Counted over the complaints received in 2021-22 and answered by 31 May "
                     "2022 (the timeliness cohort), 2 (66.7%) of 3 stage 1 complaints")
        for p in said
    )  # fmt: skip


def test_by_deadline_the_report_leads_with_the_complaints_received(figures):
    document = build(figures, "deadline")
    assert timeliness_headline(document) == (
        "66.7% of the 3 stage 1 complaints received in 2021-22 and answered by 31 May 2022 "
        "were answered within the deadline (extended where agreed), against 75.0% in 2020-21: "
        "fewer in time, which is worse. The average response took 14.67 working days, against "
        f"{figures.figures['timeliness.stage1.average_working_days.previous']:.2f} in 2020-21: "
        "quicker, which is better."
    )
    said = section(document)
    assert said[0].startswith(
        "This section counts the complaints received in 2021-22 and answered by 31 May 2022, "
        "each against its own deadline"
    )
    assert said[1].startswith(
        "Of the 3 stage 1 complaints received in 2021-22 and answered by 31 May 2022, 2 (66.7%) "
        "were answered within their deadline, against 75.0% in 2020-21: fewer in time, which "
        "is worse. Of them, 2 (66.7%) met the initial timescale, and 2 (66.7%) were answered "
        "within 20 working days, the longest the procedure allows. The average response time "
        "was 14.67 working days"
    )
    # The responses measure follows, and the cohort sentence of the default is not repeated.
    assert any(
        p.startswith("2 (50.0%) of 4 stage 1 responses were issued within 20 working days")
        for p in said
    )
    assert not any(p.startswith("Counted over the complaints received") for p in said)
    # The quarters of the lead's measure come with it, once; the responses' bands after.
    tables = table_keys(document)
    assert tables.count("timeliness.stage1.by_quarter") == 1
    assert tables.index("timeliness.stage1.by_quarter") < tables.index("timeliness.cohort")
    assert tables.index("timeliness.cohort") < tables.index("responses.stage1.bands_by_area")


def test_an_unknown_measure_is_refused_naming_the_measures():
    """The measure travels in the report's settings, which refuse one they do not know."""
    with pytest.raises(ValueError, match="timeliness measure") as error:
        ReportSettings(timeliness_by="cohort")
    assert str(error.value) == "'cohort' is not a timeliness measure: responses, deadline."
    with pytest.raises(ValueError, match="'Deadline' is not a timeliness measure"):
        replace(SETTINGS, timeliness_by="Deadline")


def test_the_settings_lead_with_responses_by_default():
    assert ReportSettings().timeliness_by == "responses"
    assert SETTINGS.timeliness_by == "responses"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("cohort", "'cohort' is not a way to measure timeliness: the annual report leads with"),
        ("", "Name a measure: the annual report leads with the 'responses'"),
    ],
)
def test_the_setting_says_which_measures_there_are(db, text, message):
    with pytest.raises(config.SettingError, match=message):
        config.set_value("report_timeliness_by", text, by=None)
    assert config.get("report_timeliness_by") == "responses"


def test_the_command_refuses_a_bad_measure_with_the_message(db):
    with pytest.raises(CommandError) as error:
        call_command("config", "set", "report_timeliness_by", "quarters")
    assert str(error.value) == (
        "'quarters' is not a way to measure timeliness: the annual report leads with the "
        "'responses' issued in the year against the longest timescale (as Birmingham's "
        "report), or with the complaints received in the year against each one's own "
        "'deadline', extended where agreed (as Sandwell's report)."
    )


def test_the_setting_reaches_the_report(figures):
    config.set_value("report_timeliness_by", " Deadline ", by=None)
    assert config.get("report_timeliness_by") == "deadline"
    assert report_settings().timeliness_by == "deadline"
    prepared = prepare_report(period=YEAR, as_of=AS_OF)
    assert prepared.document is not None
    assert timeliness_headline(prepared.document).startswith(
        "66.7% of the 3 stage 1 complaints received in 2021-22 and answered by 31 May 2022"
    )
