import datetime

import pytest
from django.core import mail

from redress.complaints.services import complaint_escalate, stage_respond, stage_withdraw
from redress.complaints.tests.factories import ComplaintFactory
from redress.core.models import AuditEvent
from redress.notifications.models import Message
from redress.people.tests.factories import PersonFactory
from redress.surveys import rules, services
from redress.surveys.models import OptOut, Survey

from .conftest import RESPONDED, closed_complaint, latest_token, token_of

pytestmark = pytest.mark.django_db

ALL_YES = {"listened": "yes", "outcome_understood": "yes", "kept_informed": "yes"} | {
    "complain_again": "yes"
}


def test_closing_a_complaint_sends_exactly_one_offer(officer):
    complaint = closed_complaint(by=officer)
    survey = Survey.objects.get()
    assert (survey.complaint, survey.stage_number, survey.service_area_id) == (
        complaint,
        1,
        complaint.service_area_id,
    )
    assert (survey.channel, survey.sends) == ("email", 1)
    message = Message.objects.get()
    assert (message.complaint, message.to, message.channel) == (
        complaint,
        "jo@example.org",
        "email",
    )
    assert message.state == "sent"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["jo@example.org"]
    assert complaint.reference in mail.outbox[0].body
    offer = AuditEvent.objects.get(action="survey.offer")
    assert (offer.complaint_id, offer.actor_id) == (complaint.pk, officer.pk)
    # On the timeline, without the token's hash or the address.
    assert set(offer.after) == {"stage_number", "channel", "sends", "expires_at"}

    # Asked again (a second service call, the same closing): nothing more is sent.
    assert services.survey_offer_on_close(complaint=complaint, by=officer) is None
    assert services.survey_offer(complaint=complaint, by=officer) == survey
    assert Message.objects.count() == 1
    assert Survey.objects.count() == 1


def test_only_a_hash_of_the_token_is_kept():
    complaint = closed_complaint()
    token = latest_token(complaint)
    survey = Survey.objects.get()
    assert len(token) >= 43  # 32 random bytes
    assert survey.token_hash == services.token_hash(token) != token
    assert token not in str(AuditEvent.objects.filter(complaint=complaint).values_list("after"))


def test_a_withdrawal_closes_the_complaint_and_offers_the_survey():
    complaint = ComplaintFactory(complainant=PersonFactory(email="jo@example.org"))
    stage_withdraw(
        stage=complaint.stages.get(), withdrawn_on=RESPONDED, reason="Sorted out", by=None
    )
    assert Survey.objects.filter(complaint=complaint, stage_number=1).count() == 1


def test_a_complaint_still_open_is_not_sent_the_survey():
    complaint = ComplaintFactory(complainant=PersonFactory(email="jo@example.org"))
    with pytest.raises(rules.SurveyComplaintOpen):
        services.survey_offer(complaint=complaint, by=None)
    assert not Survey.objects.exists()
    assert not Message.objects.exists()


def test_each_closing_stage_gets_its_own_survey(officer):
    complaint = closed_complaint(by=officer)
    stage2 = complaint_escalate(
        complaint=complaint, requested_on=datetime.date(2021, 6, 25), by=officer
    )
    assert Survey.objects.count() == 1  # open again: nothing new
    stage_respond(
        stage=stage2, responded_on=datetime.date(2021, 8, 2), outcome="not_upheld", by=officer
    )
    assert list(Survey.objects.values_list("stage_number", flat=True)) == [1, 2]
    assert Message.objects.count() == 2


def test_no_address_or_an_opt_out_sends_nothing_and_the_response_stands(officer):
    quiet = closed_complaint(reference="CSC-2021-00001", email="")
    assert quiet.status == "closed"
    person = PersonFactory(email="sam@example.org")
    OptOut.objects.create(person=person)
    complaint = ComplaintFactory(reference="CSC-2021-00002", complainant=person)
    stage_respond(stage=complaint.stages.get(), responded_on=RESPONDED, outcome="upheld", by=None)
    assert not Survey.objects.exists()
    assert not Message.objects.exists()
    with pytest.raises(rules.SurveyNoAddress):
        services.survey_offer(complaint=quiet, by=officer, resend=True)
    with pytest.raises(rules.SurveyOptedOut):
        services.survey_offer(complaint=complaint, by=officer, resend=True)


def test_a_text_message_when_that_is_how_they_prefer_to_be_contacted():
    closed_complaint(email="jo@example.org", phone="07700 900123", preferred_contact="text")
    message = Message.objects.get()
    assert (message.channel, message.to) == ("sms", "07700 900123")
    assert "https://redress.example/survey/" in message.body
    assert Survey.objects.get().channel == "sms"


def test_a_failing_survey_never_undoes_the_response(monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("The mail queue is down")

    monkeypatch.setattr(services, "message_send", broken)
    complaint = closed_complaint()
    assert complaint.status == "closed"
    assert complaint.stages.get().outcome == "upheld"
    assert not Survey.objects.exists()  # rolled back on its own


def test_the_link_works_once():
    complaint = closed_complaint()
    token = latest_token(complaint)
    assert services.survey_for_token(token).complaint == complaint
    survey = services.survey_answer(
        token=token, answers=ALL_YES | {"kept_informed": "partly"}, comment="  Thank you. "
    )
    survey.refresh_from_db()
    assert (survey.listened, survey.kept_informed, survey.comment) == (
        "yes",
        "partly",
        "Thank you.",
    )
    assert survey.token_hash is None
    assert survey.answered_at is not None
    with pytest.raises(rules.SurveyLinkNotValid):
        services.survey_for_token(token)
    with pytest.raises(rules.SurveyLinkNotValid):
        services.survey_answer(token=token, answers=ALL_YES | {"listened": "no"})
    survey.refresh_from_db()
    assert survey.listened == "yes"
    event = AuditEvent.objects.get(action="survey.answer")
    assert event.complaint_id == complaint.pk
    assert event.actor_id is None
    assert event.actor_label == services.RESPONDENT
    assert event.after["comment_given"] is True
    assert "Thank you" not in str(event.after)  # the comment stays on the survey
    with pytest.raises(rules.SurveyAlreadyAnswered):
        services.survey_offer(complaint=complaint, by=None, resend=True)


def test_the_link_expires(settings):
    settings.REDRESS_TODAY = datetime.date(2022, 1, 10)
    complaint = closed_complaint()
    token = latest_token(complaint)
    settings.REDRESS_TODAY = datetime.date(2022, 2, 6)  # 27 days on
    assert services.survey_for_token(token)
    settings.REDRESS_TODAY = datetime.date(2022, 2, 8)  # 29 days on
    with pytest.raises(rules.SurveyLinkNotValid):
        services.survey_for_token(token)
    with pytest.raises(rules.SurveyLinkNotValid):
        services.survey_answer(token=token, answers=ALL_YES)
    assert Survey.objects.get().answered_at is None


def test_the_link_lifetime_is_a_setting(settings):
    settings.REDRESS_SURVEY_LINK_DAYS = 3
    settings.REDRESS_TODAY = datetime.date(2022, 1, 10)
    token = latest_token(closed_complaint())
    settings.REDRESS_TODAY = datetime.date(2022, 1, 14)
    with pytest.raises(rules.SurveyLinkNotValid):
        services.survey_for_token(token)


def test_sending_again_gives_a_new_link_and_the_old_one_stops_working(officer):
    complaint = closed_complaint()
    old = latest_token(complaint)
    survey = services.survey_offer(complaint=complaint, by=officer, resend=True)
    new = latest_token(complaint)
    assert new != old
    assert survey.sends == 2
    assert Message.objects.count() == 2
    with pytest.raises(rules.SurveyLinkNotValid):
        services.survey_for_token(old)
    assert services.survey_for_token(new) == survey
    assert AuditEvent.objects.get(action="survey.resend").before["sends"] == 1


def test_unknown_used_and_expired_tokens_raise_the_same(settings):
    settings.REDRESS_TODAY = datetime.date(2022, 1, 10)
    used = latest_token(closed_complaint(reference="CSC-2021-00001"))
    services.survey_answer(token=used, answers=ALL_YES)
    expired = latest_token(closed_complaint(reference="CSC-2021-00002"))
    settings.REDRESS_TODAY = datetime.date(2022, 3, 1)
    messages = set()
    for token in (used, expired, "not-a-token", "", expired[:-1]):
        with pytest.raises(rules.SurveyLinkNotValid) as refused:
            services.survey_for_token(token)
        messages.add(refused.value.message)
    assert len(messages) == 1


def test_a_token_opens_only_its_own_complaint():
    first = closed_complaint(reference="CSC-2021-00001")
    second = closed_complaint(reference="CSC-2021-00002", email="sam@example.org")
    tokens = {m.complaint_id: token_of(m) for m in Message.objects.all()}
    assert services.survey_for_token(tokens[first.pk]).complaint == first
    assert services.survey_for_token(tokens[second.pk]).complaint == second
    services.survey_answer(token=tokens[first.pk], answers=ALL_YES)
    assert Survey.objects.get(complaint=second).answered_at is None


def test_every_question_needs_an_answer():
    token = latest_token(closed_complaint())
    with pytest.raises(rules.SurveyAnswerMissing) as refused:
        services.survey_answer(token=token, answers=ALL_YES | {"kept_informed": "maybe"})
    assert refused.value.message == (
        "Select yes, partly or no for 'Were you kept informed while we looked into it?'."
    )
    assert Survey.objects.get().answered_at is None


def test_an_opt_out_is_recorded_and_lifted_with_the_audit_trail(officer):
    complaint = closed_complaint(email="")
    person = complaint.complainant
    services.survey_opt_out(person=person, by=officer, complaint=complaint)
    services.survey_opt_out(person=person, by=officer, complaint=complaint)  # no change
    assert services.opted_out(person)
    services.survey_opt_out(person=person, by=officer, complaint=complaint, opt_out=False)
    assert not services.opted_out(person)
    actions = list(
        AuditEvent.objects.filter(complaint=complaint, action__startswith="survey.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["survey.opt_out", "survey.opt_in"]
