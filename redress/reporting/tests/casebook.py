"""A small authority's year of records in the database, for the tests of the report services,
the `redress report` command, the reports pages and drill-down.

2021-22 (as at 31 May 2022) holds six stage 1 complaints and one stage 2:

| ref  | service (version)      | received   | responded  | outcome          | notes              |
| ---- | ---------------------- | ---------- | ---------- | ---------------- | ------------------ |
| 0001 | South Safeguarding     | 2021-06-07 | 2021-06-14 | upheld           | 5 wd; £250 paid    |
| 0002 | South Safeguarding     | 2021-07-05 | 2021-08-16 | not_upheld       | 30 wd; stage 2     |
| 0003 | Fostering (until 2021) | 2021-10-04 | 2021-10-08 | withdrawn        |                    |
| 0004 | Fostering (from 2022)  | 2022-02-01 |            | (outstanding)    |                    |
| 0005 | Fostering (from 2022)  | 2022-03-01 | 2022-03-10 | upheld           | a child, advocated |
| 0006 | South Safeguarding     | 2022-03-14 | 2022-03-18 | partially_upheld | repeat complainant |

0001, 0002 and 0006 come from the same parent. 0002's stage 2 was received 2021-09-01 and
answered 2021-10-15 (partially upheld). 0000 was received in the previous year. Fostering was
restructured on 1 January 2022: two service areas share its name, so its report covers both.
Two compliments (one naming Joel Davison, who agreed to be named; one naming Ellen Connolly, who
did not), a learning action and an Ombudsman enquiry complete the year.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from redress.complaints.models import Complaint, Stage
from redress.complaints.state import refresh_complaints
from redress.complaints.tests.factories import (
    ComplaintFactory,
    LearningActionFactory,
    PaymentFactory,
    StageFactory,
)
from redress.feedback.tests.factories import ComplimentFactory
from redress.ombudsman.tests.factories import EnquiryFactory
from redress.organisations.models import ServiceArea
from redress.organisations.tests.factories import LocalityFactory, ServiceAreaFactory
from redress.people.tests.factories import PersonFactory

AS_OF = datetime.date(2022, 5, 31)
d = datetime.date.fromisoformat


@dataclass
class Casebook:
    south: ServiceArea
    fostering_old: ServiceArea
    fostering_new: ServiceArea
    complaints: dict[str, Complaint]

    def stage(self, ref: str, number: int = 1) -> Stage:
        return self.complaints[ref].stages.get(number=number)


def _complaint(
    ref: str,
    area: ServiceArea,
    received: str,
    responded: str | None = None,
    outcome: str = "",
    **fields: object,
) -> Complaint:
    complaint = ComplaintFactory(
        reference=f"CSC-2021-{ref}",
        received_date=d(received),
        service_area=area,
        locality=area.locality,
        summary="Meetings were cancelled at short notice.",
        **fields,
    )
    if responded:
        complaint.stages.update(responded_date=d(responded), outcome=outcome)
        refresh_complaints([complaint.pk])
    return complaint


def build_casebook() -> Casebook:
    south_locality = LocalityFactory(name="South")
    south = ServiceAreaFactory(name="South Safeguarding", locality=south_locality)
    fostering_old = ServiceAreaFactory(name="Fostering", valid_to=d("2021-12-31"))
    fostering_new = ServiceAreaFactory(name="Fostering", valid_from=d("2022-01-01"))
    parent = PersonFactory(name="Pat Parent")
    complaints = {
        "0000": _complaint("0000", south, "2020-06-01", "2020-06-08", "not_upheld"),
        "0001": _complaint("0001", south, "2021-06-07", "2021-06-14", "upheld", complainant=parent),
        "0002": _complaint(
            "0002", south, "2021-07-05", "2021-08-16", "not_upheld", complainant=parent
        ),
        "0003": _complaint("0003", fostering_old, "2021-10-04", "2021-10-08", "withdrawn"),
        "0004": _complaint("0004", fostering_new, "2022-02-01"),
        "0005": _complaint(
            "0005",
            fostering_new,
            "2022-03-01",
            "2022-03-10",
            "upheld",
            complainant_type="child_young_person",
            advocate="internal",
        ),
        "0006": _complaint(
            "0006", south, "2022-03-14", "2022-03-18", "partially_upheld", complainant=parent
        ),
    }
    StageFactory(
        complaint=complaints["0002"],
        number=2,
        received_date=d("2021-09-01"),
        responded_date=d("2021-10-15"),
        outcome="partially_upheld",
    )
    PaymentFactory(complaint=complaints["0001"], date=d("2021-07-01"), amount=Decimal("250.00"))
    LearningActionFactory(complaint=complaints["0002"], raised_date=d("2021-08-20"))
    EnquiryFactory(complaint=complaints["0002"], received_date=d("2021-11-01"))
    ComplimentFactory(
        service_area=fostering_new,
        received_date=d("2022-02-10"),
        staff_member="Joel Davison",
        consent_to_publish=True,
        text="Joel Davison listened to our son and made sure he was heard at every meeting.",
    )
    ComplimentFactory(
        service_area=south,
        received_date=d("2021-09-10"),
        staff_member="Ellen Connolly",
        consent_to_publish=False,
        text="Ellen Connolly kept us informed all the way through, and we are grateful.",
    )
    return Casebook(south, fostering_old, fostering_new, complaints)
