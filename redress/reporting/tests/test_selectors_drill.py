"""Drill-down lists exactly the records a figure counted: as many rows as its value, for
every counted figure, for table rows, and only what the user may see."""

import pytest

from redress.reporting.figures import SCALARS
from redress.reporting.periods import financial_year
from redress.reporting.selectors import (
    NoRecordsError,
    Ref,
    UnknownFigureError,
    drill_target,
    figure_drill,
    report_figures,
    table_drill,
)
from redress.reporting.selectors.listing import Records
from redress.reporting.selectors.records import records
from redress.reporting.tests.casebook import AS_OF, build_casebook

pytestmark = pytest.mark.django_db
YEAR = financial_year("2021-22")


@pytest.fixture
def casebook(db):
    return build_casebook()


@pytest.fixture
def figures(casebook):
    return report_figures(period=YEAR, as_of=AS_OF, keep_evidence=True)


def drill(user, figure_id, period=YEAR, service=None):
    return figure_drill(figure_id=figure_id, period=period, as_of=AS_OF, service=service, user=user)


def row_drill(user, table_id, row, service=None):
    return table_drill(
        table_id=table_id, row=row, period=YEAR, as_of=AS_OF, service=service, user=user
    )


def references(listed):
    return sorted(
        ref.text
        for row in listed.records.rows
        for cell in row
        if isinstance(cell, tuple)
        for ref in cell
    )


def test_every_counted_figure_lists_as_many_records_as_it_counts(figures):
    assert len(figures.evidence) > 80
    for figure_id, frame in figures.evidence.items():
        listed = records(frame, visible=None, timeliness=figure_id.startswith("timeliness"))
        assert len(listed.rows) == figures.figures[figure_id], figure_id
        assert listed.hidden == 0


@pytest.mark.parametrize(
    ("figure_id", "expected"),
    [
        ("received.stage1", ["0001", "0002", "0003", "0004", "0005", "0006"]),
        ("outcome.stage1.upheld", ["0001", "0005"]),
        ("outcome.stage1.outstanding", ["0004"]),
        # Withdrawn (0003) and outstanding (0004) stages are not in the cohort.
        ("timeliness.stage1.cohort", ["0001", "0002", "0005", "0006"]),
        ("timeliness.stage1.within_applicable", ["0001", "0005", "0006"]),
        ("cyp.stage1.received", ["0005"]),
        ("received.stage2", ["0002"]),
        ("actions.total", ["0002"]),
        ("lgo.enquiries", ["0002"]),
    ],
)
def test_a_figure_lists_its_own_records(casebook, officer, figure_id, expected):
    listed = drill(officer, figure_id)
    assert references(listed) == [f"CSC-2021-{r}" for r in expected]
    assert listed.value == len(expected)
    assert listed.records.total == len(expected)
    assert listed.definition == SCALARS[figure_id].definition


def test_a_timeliness_list_shows_working_days_and_deadlines(casebook, officer):
    listed = drill(officer, "timeliness.stage1.cohort")
    columns = [c.label for c in listed.records.columns]
    assert columns[-3:] == ["Working days taken", "Deadline (working days)", "In time"]
    late = next(r for r in listed.records.rows if r[0][0].text == "CSC-2021-0002")
    assert late[1:] == (
        "1",
        "South Safeguarding",
        "5 Jul 2021",
        "16 Aug 2021",
        "Not upheld",
        "30",
        "10",
        "No",
    )
    assert "Working days taken" not in [
        c.label for c in drill(officer, "received.stage1").records.columns
    ]


def test_each_reference_links_to_its_complaint(casebook, officer):
    listed = drill(officer, "outcome.stage1.upheld")
    links = [cell[0] for cell in (row[0] for row in listed.records.rows)]
    assert links == [
        Ref("CSC-2021-0001", casebook.complaints["0001"].pk),
        Ref("CSC-2021-0005", casebook.complaints["0005"].pk),
    ]


def test_repeat_complainants_are_listed_as_people(casebook, officer):
    listed = drill(officer, "repeat_complainants.stage1.people")
    assert listed.value == 1
    [(person, complaints, refs)] = listed.records.rows
    parent = casebook.complaints["0001"].complainant
    assert person == parent.key  # named by their key, not their name or their id
    assert complaints == "3"
    assert [r.text for r in refs] == ["CSC-2021-0001", "CSC-2021-0002", "CSC-2021-0006"]
    assert listed.records.plural == "complainants"


def test_compliments_and_payments_are_listed_as_themselves(casebook, officer, figures):
    compliments = drill(officer, "compliments.received")
    assert compliments.records.noun == "compliment"
    assert sorted(r[4] for r in compliments.records.rows) == ["Ellen Connolly", "Joel Davison"]
    costs = figures.tables["costs"]
    row = next(i for i, r in enumerate(costs) if (r["kind"], r["stage"]) == ("compensation", "1"))
    payments = row_drill(officer, "costs", row)
    assert payments.records.noun == "payment"
    [(date, refs, stage, _kind, amount)] = payments.records.rows
    assert (date, stage, amount) == ("1 Jul 2021", "Stage 1", "£250.00")
    assert refs[0].text == "CSC-2021-0001"


@pytest.mark.parametrize(
    ("table_id", "count_of"),
    [
        ("received.by_service", lambda r: r["stage1"] + r["stage2"] + r["stage3"]),
        ("received.by_area", lambda r: r["stage1"] + r["stage2"] + r["stage3"]),
        ("outcomes", lambda r: r["count"]),
        ("timeliness.stage1.by_quarter", lambda r: r["met"] + r["missed"]),
        ("timeliness.stage1.bands_by_area", lambda r: r["count"]),
        ("method.stage1", lambda r: r["count"]),
        ("complainant.stage1", lambda r: r["count"]),
        ("compliments.by_service", lambda r: r["count"]),
        ("lgo.decisions", lambda r: r["count"]),
        ("repeat_complainants.distribution", lambda r: r["people"]),
        ("actions.by_theme", lambda r: r["total"]),
    ],
)
def test_every_row_of_a_table_lists_what_it_counted(casebook, officer, figures, table_id, count_of):
    rows = figures.tables[table_id]
    assert rows, table_id
    for index, row in enumerate(rows):
        listed = row_drill(officer, table_id, index)
        assert listed.value == row
        assert len(listed.records.rows) == count_of(row), (table_id, row)


def test_a_service_report_drills_into_that_service_only(casebook, officer):
    listed = drill(officer, "received.stage1", service="Fostering")
    assert references(listed) == ["CSC-2021-0003", "CSC-2021-0004", "CSC-2021-0005"]


def test_a_previous_period_figure_drills_into_the_previous_year(casebook, officer):
    listed = drill(officer, "received.stage1", period=YEAR.previous)
    assert references(listed) == ["CSC-2021-0000"]


def test_someone_who_sees_some_complaints_sees_only_those(casebook, responding_manager):
    stage = casebook.stage("0002")
    stage.allocated_to = responding_manager
    stage.save()
    listed = drill(responding_manager, "received.stage1")
    assert references(listed) == ["CSC-2021-0002"]
    assert listed.records.total == 6
    assert listed.records.hidden == 5
    # Compliments belong to no complaint, so only the complaints team sees them listed.
    assert drill(responding_manager, "compliments.received").records.rows == []


def test_unknown_figures_rows_and_uncounted_figures_are_refused(casebook, officer):
    with pytest.raises(UnknownFigureError, match=r"There is no figure called 'received\.stage4'"):
        drill(officer, "received.stage4")
    with pytest.raises(UnknownFigureError, match=r"There is no table called 'received\.by_team'"):
        row_drill(officer, "received.by_team", 0)
    with pytest.raises(UnknownFigureError, match="has 2 rows for this report, and no row 2"):
        row_drill(officer, "received.by_service", 2)
    with pytest.raises(NoRecordsError, match="is not a count of records"):
        drill(officer, "escalation.stage1_to_stage2.pct")


def test_where_each_number_links(figures):
    counted = set(figures.evidence)
    assert drill_target("received.stage1", counted) == ("received.stage1", False)
    assert drill_target("received.stage1.previous", counted) == ("received.stage1", True)
    assert drill_target("received.stage1.change_pct", counted) is None
    assert drill_target("outcome.stage1.upheld.pct", counted) == ("outcome.stage1.upheld", False)
    assert drill_target("timeliness.stage1.within_applicable.pct", counted) == (
        "timeliness.stage1.within_applicable",
        False,
    )
    assert drill_target("timeliness.stage1.average_working_days", counted) == (
        "timeliness.stage1.cohort",
        False,
    )
    assert drill_target("responses.stage1.average_working_days", counted) == (
        "responses.stage1.count",
        False,
    )
    assert drill_target("cyp.stage1.pct", counted) == ("cyp.stage1.received", False)
    assert drill_target("escalation.stage1_to_stage2.pct", counted) is None
    assert drill_target("costs.investigation.total", counted) is None


def test_rows_are_formatted_only_when_read(figures):
    from redress.reporting.selectors.records import Rows

    formatted = []

    def cells(row):
        formatted.append(row["complaint_id"])
        return (row["complaint_id"],)

    frame = figures.evidence["received.stage1"].sort("complaint_id")
    ids = frame["complaint_id"].to_list()
    rows = Rows(frame, cells)
    assert len(rows) == 6
    assert formatted == []
    assert rows[1:3] == [(ids[1],), (ids[2],)]
    assert formatted == ids[1:3]
    assert rows[-1] == (ids[-1],)
    with pytest.raises(IndexError):
        rows[6]


@pytest.mark.parametrize(
    ("noun", "plural"),
    [
        ("satisfaction survey", "satisfaction surveys"),
        ("Ombudsman enquiry", "Ombudsman enquiries"),
        ("stage record", "stage records"),
        ("piece of informal feedback", "pieces of informal feedback"),
    ],
)
def test_a_list_is_counted_in_its_noun_s_plural(noun, plural):
    """ "2,206 satisfaction surveys", not "surveies"."""
    assert Records(noun=noun, columns=(), rows=(), total=2, hidden=0).plural == plural
