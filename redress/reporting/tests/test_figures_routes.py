"""Routes out of the procedure: mediation (offered, held, outcomes, the estimated saving) and the
Local Government and Social Care Ombudsman (enquiries, decisions, pending, remedy payments)."""

import datetime
from decimal import Decimal

import pytest

from redress.reporting.figures import ReportSettings

from .builders import FactsBuilder, compute, covers, expect, expect_table

d = datetime.date.fromisoformat
DECISIONS = (
    "premature",
    "closed_after_initial_enquiries",
    "not_investigated",
    "outside_jurisdiction",
    "fault_found",
    "no_fault",
)


def routes() -> FactsBuilder:
    b = FactsBuilder()
    complaint = b.stage1("2021-04-06").complaint_id
    # Mediation, by date offered.
    b.mediation(complaint, offered="2021-05-10", held="2021-06-01", outcome="resolved")
    b.mediation(complaint, offered="2021-07-01", held="2021-07-20", outcome="escalated")
    b.mediation(complaint, offered="2021-09-01", outcome="declined")
    b.mediation(complaint, offered="2021-11-01")  # no outcome yet: pending
    b.mediation(complaint, offered="2022-03-20", held="2022-04-10", outcome="resolved")
    b.mediation(complaint, offered="2021-02-01", held="2021-04-12", outcome="paused")
    # Ombudsman enquiries, by date received.
    b.enquiry("2021-04-20", decided="2021-06-01", decision="premature")
    b.enquiry("2021-05-01", decided="2021-09-01", decision="fault_found")
    b.enquiry("2021-06-01", decided="2021-07-01", decision="no_fault")
    b.enquiry("2021-08-01", decided="2021-10-01", decision="not_investigated")
    b.enquiry("2021-10-01", decided="2022-01-10", decision="closed_after_initial_enquiries")
    b.enquiry("2021-11-01", decided="2022-02-01", decision="outside_jurisdiction")
    b.enquiry("2022-01-15")  # no decision by as_of
    b.enquiry("2022-03-01", decided="2022-04-20", decision="fault_found")  # decided after
    b.enquiry("2021-02-01", decided="2021-05-05", decision="fault_found")  # received before
    b.enquiry("2020-06-01", decided="2020-09-01", decision="premature")
    # Remedy payments: compensation at the Ombudsman stage, dated in the year.
    b.payment("2021-07-01", "200.00", kind="compensation", stage="lgo")
    b.payment("2021-12-01", "150.50", kind="compensation", stage="lgo")
    b.payment("2022-04-10", "75.00", kind="compensation", stage="lgo")  # after the year
    b.payment("2021-07-01", "50.00", kind="other_cost", stage="lgo")  # not compensation
    b.payment("2021-07-01", "100.00", kind="compensation", stage="1")  # not the Ombudsman's
    return b


@pytest.fixture(scope="module")
def figures(calendar):
    settings = ReportSettings(stage2_average_cost=Decimal("3512.50"))
    return compute(routes(), calendar, settings=settings)


@covers(
    "mediation.offered",
    "mediation.held",
    "mediation.estimated_saving",
    *(
        f"mediation.outcome.{r}"
        for r in ("resolved", "escalated", "ombudsman", "paused", "declined")
    ),
)
def test_mediation_offered_held_outcomes_and_saving(figures):
    expect(
        figures,
        {
            # Offered in the year: May, July, September, November and March.
            "mediation.offered": 5,
            # Held in the year: June, July, and April 2021 (offered the year before); not the
            # one held in April 2022.
            "mediation.held": 3,
            # Outcomes of the mediations offered in the year.
            "mediation.outcome.resolved": 2,
            "mediation.outcome.escalated": 1,
            "mediation.outcome.ombudsman": 0,
            "mediation.outcome.paused": 0,
            "mediation.outcome.declined": 1,
            "mediation.estimated_saving": Decimal("7025.00"),  # 2 × £3,512.50
        },
    )


@covers(tables=["mediation.outcomes"])
def test_mediation_outcomes_table_counts_the_pending_ones_too(figures):
    expect_table(
        figures,
        "mediation.outcomes",
        [
            {"outcome": "resolved", "count": 2},
            {"outcome": "escalated", "count": 1},
            {"outcome": "ombudsman", "count": 0},
            {"outcome": "paused", "count": 0},
            {"outcome": "declined", "count": 1},
            {"outcome": "pending", "count": 1},
        ],
    )


def test_no_configured_stage2_cost_saves_nothing(calendar):
    figures = compute(routes(), calendar)
    assert figures.figures["mediation.estimated_saving"] == Decimal("0.00")


@covers(
    "lgo.enquiries",
    "lgo.enquiries.previous",
    "lgo.enquiries.change_pct",
    *(f"lgo.decision.{decision}" for decision in DECISIONS),
    "lgo.decision.pending",
    "lgo.investigated",
    "lgo.remedy_payments",
)
def test_ombudsman_enquiries_and_the_decisions_made_in_the_year(figures):
    expect(
        figures,
        {
            "lgo.enquiries": 8,
            "lgo.enquiries.previous": 2,
            "lgo.enquiries.change_pct": 300.0,
            # Decisions dated in the year, whenever the enquiry came: fault found twice (one
            # enquiry of February 2021); the one decided in April 2022 is not in the year.
            "lgo.decision.premature": 1,
            "lgo.decision.closed_after_initial_enquiries": 1,
            "lgo.decision.not_investigated": 1,
            "lgo.decision.outside_jurisdiction": 1,
            "lgo.decision.fault_found": 2,
            "lgo.decision.no_fault": 1,
            # Received in the year with no decision by as_of; the one decided in April 2022
            # had its decision by 31 May.
            "lgo.decision.pending": 1,
            "lgo.investigated": 3,  # fault found 2 + no fault 1
            "lgo.remedy_payments": Decimal("350.50"),  # £200.00 + £150.50
        },
    )


@covers(tables=["lgo.decisions", "lgo.enquiries"])
def test_ombudsman_tables_never_name_anyone(figures):
    expect_table(
        figures,
        "lgo.decisions",
        [
            {"decision": decision, "count": 2 if decision == "fault_found" else 1}
            for decision in (*DECISIONS, "pending")
        ],
    )
    expect_table(
        figures,
        "lgo.enquiries",
        [
            {"enquiry": "Enquiry 1", "received_date": d("2021-04-20"), "decision": "premature"},
            {"enquiry": "Enquiry 2", "received_date": d("2021-05-01"), "decision": "fault_found"},
            {"enquiry": "Enquiry 3", "received_date": d("2021-06-01"), "decision": "no_fault"},
            {
                "enquiry": "Enquiry 4",
                "received_date": d("2021-08-01"),
                "decision": "not_investigated",
            },
            {
                "enquiry": "Enquiry 5",
                "received_date": d("2021-10-01"),
                "decision": "closed_after_initial_enquiries",
            },
            {
                "enquiry": "Enquiry 6",
                "received_date": d("2021-11-01"),
                "decision": "outside_jurisdiction",
            },
            {"enquiry": "Enquiry 7", "received_date": d("2022-01-15"), "decision": "pending"},
            # Its decision is known at as_of, though made after the year.
            {"enquiry": "Enquiry 8", "received_date": d("2022-03-01"), "decision": "fault_found"},
        ],
    )
