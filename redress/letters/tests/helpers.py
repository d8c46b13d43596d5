"""What the letters tests share: a complaint like the demo's, answered at stage 1 on a Friday
before Christmas (so the next-stage window runs over the bank holidays), with an advocate and a
child it is about."""

import datetime

from redress.complaints.state import refresh_complaints
from redress.complaints.tests.factories import ComplaintFactory, ExtensionFactory
from redress.core import config
from redress.people.tests.factories import PersonFactory


def letterhead(by=None) -> None:
    config.set_value("authority_name", "Kingsmoor Children's Trust", by=by)
    config.set_value("letter_address", "Kingsmoor House, 1 Market Street, Kingsmoor KM1 1AA", by=by)
    config.set_value("complaints_phone", "0300 123 4567", by=by)
    config.set_value("complaints_email", "complaints@kingsmoor.example", by=by)


def answered_complaint(**kwargs):
    """Stage 1 received 6 December 2021, extended to 20 days, answered (partially upheld) on
    Friday 17 December 2021."""
    kwargs.setdefault("reference", "KCT-2021-0042")
    complaint = ComplaintFactory(
        received_date=datetime.date(2021, 12, 6),
        complainant=PersonFactory(
            name="Jordan Smith",
            email="jordan@example.com",
            address="12 Example Road\nKingsmoor\nKM2 3BB",
        ),
        on_behalf_of=PersonFactory(name="Sam Smith"),
        advocate_person=PersonFactory(name="Alex Advocate", email="alex@advocacy.example"),
        summary="Meetings were cancelled at short notice.",
        **kwargs,
    )
    stage = complaint.stages.get()
    ExtensionFactory(
        stage=stage, extended_to_days=20, reason="We need to speak to staff who are away."
    )
    complaint.stages.update(responded_date=datetime.date(2021, 12, 17), outcome="partially_upheld")
    refresh_complaints([complaint.pk])
    return complaint
