"""Whether the authority did what the Ombudsman asked (`lgo.remedies.*`): the decisions of the
period that set a date to comply with remedies by, done by that date, late, or outstanding
(and overdue) on as_of."""

import pytest

from .builders import AS_OF, FactsBuilder, compute, covers, expect


def remedies() -> FactsBuilder:
    b = FactsBuilder()
    complaint = b.stage1("2021-04-06").complaint_id
    # Decided in 2021-22 with a date to comply by.
    b.enquiry(  # done on the day: on time
        "2021-04-20",
        decided="2021-06-01",
        decision="fault_found",
        complaint_id=complaint,
        remedy_due="2021-07-01",
        remedy_completed="2021-07-01",
    )
    b.enquiry(  # done early: on time
        "2021-05-01",
        decided="2021-08-02",
        decision="fault_found",
        remedy_due="2021-09-30",
        remedy_completed="2021-09-01",
    )
    b.enquiry(  # done a day late
        "2021-06-01",
        decided="2021-09-01",
        decision="fault_found",
        remedy_due="2021-10-01",
        remedy_completed="2021-10-02",
    )
    b.enquiry(  # outstanding and overdue on 31 May 2022
        "2021-08-01",
        decided="2022-01-10",
        decision="fault_found",
        remedy_due="2022-03-10",
    )
    b.enquiry(  # outstanding, due after as_of: not overdue
        "2021-10-01",
        decided="2022-03-20",
        decision="fault_found",
        remedy_due="2022-06-20",
    )
    # Not counted: no remedies asked for; decided the year before; decided after the year.
    b.enquiry("2021-05-01", decided="2021-07-01", decision="no_fault")
    b.enquiry(
        "2020-06-01",
        decided="2021-03-01",
        decision="fault_found",
        remedy_due="2021-05-01",
        remedy_completed="2021-06-01",
    )
    b.enquiry(
        "2022-01-15",
        decided="2022-04-20",
        decision="fault_found",
        remedy_due="2022-05-20",
    )
    return b


@pytest.fixture(scope="module")
def figures(calendar):
    return compute(remedies(), calendar)


@covers(
    "lgo.remedies.due",
    "lgo.remedies.on_time",
    "lgo.remedies.on_time.pct",
    "lgo.remedies.late",
    "lgo.remedies.outstanding",
    "lgo.remedies.overdue",
)
def test_remedies_done_on_time_late_and_outstanding(figures):
    assert AS_OF.isoformat() == "2022-05-31"
    expect(
        figures,
        {
            "lgo.remedies.due": 5,
            "lgo.remedies.on_time": 2,  # on the day counts as on time
            "lgo.remedies.on_time.pct": 40.0,
            "lgo.remedies.late": 1,
            "lgo.remedies.outstanding": 2,
            "lgo.remedies.overdue": 1,  # due 10 March 2022; the other falls due in June
        },
    )


def test_the_remedy_counts_drill_down_to_the_enquiries_complaint(figures):
    rows = figures.evidence["lgo.remedies.on_time"]
    assert rows.height == 2
    assert rows["remedy_due"].to_list()[0].isoformat() == "2021-07-01"


def test_no_remedies_no_rate(calendar):
    b = FactsBuilder()
    b.enquiry("2021-05-01", decided="2021-07-01", decision="no_fault")
    figures = compute(b, calendar)
    assert figures.figures["lgo.remedies.due"] == 0
    assert figures.figures["lgo.remedies.on_time.pct"] is None
