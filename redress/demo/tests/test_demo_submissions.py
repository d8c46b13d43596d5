import datetime

import pytest

from redress.complaints.state import refresh_complaints
from redress.complaints.tests.factories import ComplaintFactory
from redress.demo.submissions import add_demo_submissions, complaint_to_follow
from redress.front import answers as contract
from redress.front.models import Submission
from redress.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

D = datetime.date.fromisoformat


def test_the_demo_sends_one_of_each_form_and_a_late_request_once(settings):
    settings.REDRESS_TODAY = D("2022-05-31")
    person = PersonFactory(name="Ruth Example", email="ruth@example.org")
    answered = ComplaintFactory(reference="KCT-2021-0007", complainant=person)
    answered.stages.update(responded_date=D("2021-07-01"), outcome="not_upheld")
    refresh_complaints([answered.pk])
    open_one = ComplaintFactory(reference="KCT-2022-0001", complainant=person)

    assert add_demo_submissions() == 5
    assert add_demo_submissions() == 0  # run again while they wait: nothing more
    kinds = sorted(Submission.objects.values_list("kind", flat=True))
    assert kinds == sorted(["complaint", "child_complaint", "compliment", "feedback", "next_stage"])
    assert all(s.waiting and s.received_date == D("2022-05-31") for s in Submission.objects.all())
    late = Submission.objects.get(kind="next_stage")
    assert late.complaint == answered
    assert late.answers["late_reason"]
    child = Submission.objects.get(kind="child_complaint")
    assert child.answers["advocate"] == contract.ADVOCATE_WANTED
    assert complaint_to_follow() == open_one
