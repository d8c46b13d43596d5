import pytest

from redress.complaints.tests.factories import ComplaintFactory, StageFactory
from redress.demo.letters import add_demo_letters
from redress.letters.models import Letter

pytestmark = pytest.mark.django_db


def test_the_demo_complaints_get_letters_once():
    open_complaint = ComplaintFactory()
    answered = ComplaintFactory()
    answered.stages.update(responded_date=answered.received_date, outcome="upheld")
    investigated = ComplaintFactory()
    investigated.stages.update(responded_date=investigated.received_date, outcome="upheld")
    StageFactory(complaint=investigated, number=2)
    assert add_demo_letters() == 3
    letters = {letter.complaint_id: letter for letter in Letter.objects.all()}
    assert letters[open_complaint.pk].template.code == "acknowledgement-stage-1"
    assert letters[answered.pk].template.code == "response"
    assert letters[investigated.pk].template.code == "acknowledgement-stage-2"
    response = letters[answered.pk]
    assert "The complaints team" in response.body
    assert response.word.name.endswith(".docx")
    assert response.pdf.name.endswith(".pdf")
    assert add_demo_letters() == 0
