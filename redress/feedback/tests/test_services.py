import pytest

from redress.complaints.tests.services.helpers import (
    D,
    complaint_with,
    frozen_today,
    nothing_written,
    only_event,
)
from redress.feedback.models import Compliment, InformalFeedback, SatisfactionAnswer
from redress.feedback.services import (
    compliment_record,
    informal_feedback_record,
    satisfaction_record_answers,
)
from redress.feedback.tests.factories import SatisfactionAnswerFactory
from redress.organisations.tests.factories import LocalityFactory, ServiceAreaFactory
from redress.procedures import rules
from redress.taxonomies.tests.factories import shipped_term, shipped_theme

pytestmark = pytest.mark.django_db

ANSWERED = {
    "received_date": D("2021-04-01"),
    "responded_date": D("2021-04-15"),
    "outcome": "upheld",
}


@pytest.fixture(autouse=True)
def _today():
    with frozen_today():
        yield


class TestCompliment:
    def test_records_a_compliment(self, officer):
        area = ServiceAreaFactory(name="Fostering", locality=LocalityFactory(name="West"))
        compliment = compliment_record(
            received_on=D("2021-05-04"),
            service_area=area,
            staff_member="Sam Smith",
            consent_to_publish=True,
            source="foster_carer",
            external=True,
            text=" Thank you ",
            by=officer,
        )
        assert (compliment.locality.name, compliment.text, compliment.consent_to_publish) == (
            "West",
            "Thank you",
            True,
        )
        event = only_event("compliment.record")
        assert event.actor == officer
        assert event.after["source"] == "foster_carer"

    def test_consent_needs_someone_named(self):
        compliment = compliment_record(
            received_on=D("2021-05-04"),
            service_area=ServiceAreaFactory(),
            consent_to_publish=True,
            by=None,
        )
        assert compliment.consent_to_publish is False

    def test_a_known_source(self):
        with pytest.raises(rules.NotAChoice, match="'neighbour' is not a valid source"):
            compliment_record(
                received_on=D("2021-05-04"),
                service_area=ServiceAreaFactory(),
                source="neighbour",
                by=None,
            )
        assert not Compliment.objects.exists()

    def test_the_service_must_be_in_use(self):
        area = ServiceAreaFactory(valid_from=D("2022-01-01"))
        with pytest.raises(rules.ServiceAreaNotInUse):
            compliment_record(received_on=D("2021-05-04"), service_area=area, by=None)
        assert not Compliment.objects.exists()


class TestInformalFeedback:
    def test_records_a_childs_feedback(self, officer):
        feedback = informal_feedback_record(
            received_on=D("2021-05-04"),
            from_child=True,
            advocate=True,
            satisfied=True,
            theme=shipped_theme("Communication"),
            summary="Wanted more contact",
            by=officer,
        )
        assert (feedback.from_child, feedback.satisfied) == (True, True)
        assert only_event("informal_feedback.record").after["theme"] == feedback.theme_id

    def test_theme_from_a_theme_set(self):
        with pytest.raises(rules.TermNotForUse):
            informal_feedback_record(
                received_on=D("2021-05-04"), theme=shipped_term("Delay"), by=None
            )
        assert not InformalFeedback.objects.exists()


class TestSatisfaction:
    def test_records_and_replaces_answers(self, officer):
        complaint = complaint_with(ANSWERED)
        SatisfactionAnswerFactory(complaint=complaint, question="on_time", answer="no")
        saved = satisfaction_record_answers(
            complaint=complaint,
            answers={"on_time": "partly", "taken_seriously": "yes", "things_improved": ""},
            by=officer,
        )
        assert {a.question: a.answer for a in saved} == {
            "on_time": "partly",
            "taken_seriously": "yes",
            "things_improved": "",
        }
        assert SatisfactionAnswer.objects.count() == 3
        event = only_event("satisfaction.record_answers")
        assert event.before == {"on_time": "no"}
        assert event.after == {"on_time": "partly", "taken_seriously": "yes", "things_improved": ""}

    def test_unknown_questions_and_answers(self):
        complaint = complaint_with(ANSWERED)
        with nothing_written(), pytest.raises(rules.NotAChoice, match="not a valid question"):
            satisfaction_record_answers(complaint=complaint, answers={"mood": "yes"}, by=None)
        with nothing_written(), pytest.raises(rules.NotAChoice, match="'maybe' is not a valid"):
            satisfaction_record_answers(complaint=complaint, answers={"on_time": "maybe"}, by=None)
        assert not SatisfactionAnswer.objects.exists()

    def test_only_once_answered(self):
        complaint = complaint_with(reference="CSC-2021-0003")
        with pytest.raises(rules.ComplaintNotAnswered) as err:
            satisfaction_record_answers(complaint=complaint, answers={"on_time": "yes"}, by=None)
        assert err.value.message == (
            "Closing-the-loop questions are asked once a complaint has been responded to; "
            "CSC-2021-0003 has no response yet."
        )
        assert not SatisfactionAnswer.objects.exists()
