"""Sheets the import tests share, and small assertions about what an import wrote."""

from redress.complaints.models import Complaint, Stage
from redress.core.models import AuditEvent
from redress.imports.models import ImportRun, ImportStatus

COMPLAINTS = """
    reference,received_date,procedure,service_area,complainant_id
    CSC-1,2021-05-04,statutory,Fostering,P1
    CSC-2,2021-06-01,local,Safeguarding,P1
"""

STAGES = """
    reference,stage,received_date,responded_date,outcome
    CSC-1,1,2021-05-04,2021-05-18,upheld
    CSC-1,2,2021-06-01,,
    CSC-2,1,2021-06-01,2021-06-20,not_upheld
"""


def import_events():
    return AuditEvent.objects.filter(import_run__isnull=False)


def last_run() -> ImportRun:
    return ImportRun.objects.order_by("-id").first()


def lines(result) -> list[str]:
    return [str(problem) for problem in result.problems]


def assert_nothing_written(result) -> None:
    assert not result.imported
    assert result.run.status == ImportStatus.REJECTED
    assert result.run.problems == len(result.problems) > 0
    assert Complaint.objects.count() == 0
    assert Stage.objects.count() == 0
    assert import_events().count() == 0
