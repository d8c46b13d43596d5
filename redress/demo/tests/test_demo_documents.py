import pytest

from redress.complaints.tests.factories import ComplaintFactory, StageFactory
from redress.demo.documents import add_demo_documents
from redress.documents import services
from redress.documents.models import Document

pytestmark = pytest.mark.django_db


def test_the_demo_complaints_get_documents_once():
    open_complaint = ComplaintFactory()
    investigated = ComplaintFactory()
    investigated.stages.update(responded_date=investigated.received_date, outcome="upheld")
    stage2 = StageFactory(complaint=investigated, number=2)
    assert add_demo_documents() == 4
    assert sorted(open_complaint.documents.values_list("name", "content_type")) == [
        ("Complaint letter.pdf", "application/pdf"),
        ("Email with the complaint.eml", "message/rfc822"),
    ]
    report = Document.objects.get(kind="io_report")
    assert (report.complaint, report.stage) == (investigated, stage2)
    with services.storage().open(report.stored_name) as stored:
        assert stored.read().startswith(b"%PDF-")
    assert add_demo_documents() == 0
