import datetime

import pytest
from django.test import Client
from django.urls import reverse

from redress.core.models import AuditEvent
from redress.notifications.models import Message
from redress.surveys import services
from redress.surveys.models import Survey

from .conftest import closed_complaint, latest_token
from .test_services import ALL_YES

pytestmark = pytest.mark.django_db

STAFF_LINKS = ("/complaints/", "/reports/", "/accounts/logout", "Sign out", "/messages/")


def survey_url(token: str) -> str:
    return reverse("surveys:respond", args=[token])


def test_a_member_of_the_public_answers_the_survey_once(client):
    complaint = closed_complaint(reference="CSC-2021-00042")
    complaint.summary = "About Lily's placement"
    complaint.save()
    url = survey_url(latest_token(complaint))
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "CSC-2021-00042" in html
    assert "Did we listen to you?" in html
    assert "Lily" not in html  # nothing about the complaint but its reference
    for link in STAFF_LINKS:
        assert link not in html
    assert 'name="csrfmiddlewaretoken"' in html
    # The public layout's scripts only improve the page (GOV.UK Frontend), from files.
    assert html.count("<script") == html.count('<script src="/assets/redress/') + html.count(
        '<script type="module" src="/assets/redress/'
    )

    done = client.post(url, ALL_YES | {"outcome_understood": "partly", "comment": "Kind staff"})
    assert done.status_code == 302
    assert done["Location"] == reverse("surveys:done")
    assert "Thank you" in client.get(done["Location"]).content.decode()
    survey = Survey.objects.get()
    assert (survey.outcome_understood, survey.comment) == ("partly", "Kind staff")

    again = client.post(url, ALL_YES | {"listened": "no"})
    assert again.status_code == 404
    assert "This link is not valid" in again.content.decode()
    survey.refresh_from_db()
    assert survey.listened == "yes"
    assert AuditEvent.objects.filter(action="survey.answer").count() == 1


def test_errors_keep_the_answers_given(client):
    url = survey_url(latest_token(closed_complaint()))
    page = client.post(url, {"listened": "partly", "kept_informed": "no", "comment": "So slow"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "There is a problem" in html
    assert "Select if you understood the outcome of your complaint" in html
    assert "Select if you would feel able to complain again" in html
    assert 'href="#outcome_understood"' in html
    assert 'value="partly" checked' in html
    assert 'value="no" checked' in html
    assert "So slow</textarea>" in html
    assert html.count(" checked") == 2
    assert Survey.objects.get().answered_at is None


def test_unknown_used_and_expired_links_get_the_same_answer(client, settings):
    settings.REDRESS_TODAY = datetime.date(2022, 1, 10)
    used = latest_token(closed_complaint(reference="CSC-2021-00001"))
    services.survey_answer(token=used, answers=ALL_YES)
    expired = latest_token(closed_complaint(reference="CSC-2021-00002"))
    settings.REDRESS_TODAY = datetime.date(2022, 3, 1)
    answers = set()
    for token in (used, expired, "x" * 43):
        for response in (client.get(survey_url(token)), client.post(survey_url(token), ALL_YES)):
            answers.add((response.status_code, response.content))
    assert len(answers) == 1
    status, content = answers.pop()
    assert status == 404
    assert b"CSC-2021" not in content


def test_the_survey_needs_its_csrf_token():
    url = survey_url(latest_token(closed_complaint()))
    client = Client(enforce_csrf_checks=True)
    assert client.post(url, ALL_YES).status_code == 403
    assert Survey.objects.get().answered_at is None
    client.get(url)
    token = client.cookies["csrftoken"].value
    assert client.post(url, ALL_YES | {"csrfmiddlewaretoken": token}).status_code == 302


def test_the_team_sends_the_survey_again_from_the_complaint(officer_client):
    complaint = closed_complaint()
    summary = officer_client.get(reverse("complaints:summary", args=[complaint.pk]))
    html = summary.content.decode()
    assert "Satisfaction survey" in html
    assert "Not answered yet" in html
    assert reverse("surveys:send", args=[complaint.pk]) in html
    url = reverse("surveys:send", args=[complaint.pk])
    page = officer_client.get(url)
    assert "Send the survey again" in page.content.decode()
    done = officer_client.post(url, {"complaint_version": ""})
    assert done.status_code == 302
    assert Message.objects.count() == 2
    assert Survey.objects.get().sends == 2


def test_an_answered_survey_is_shown_to_the_team_and_not_sent_again(officer_client):
    complaint = closed_complaint()
    services.survey_answer(
        token=latest_token(complaint), answers=ALL_YES | {"listened": "no"}, comment="Slow"
    )
    html = officer_client.get(reverse("complaints:summary", args=[complaint.pk])).content.decode()
    assert "Answered on" in html
    assert "Slow" in html
    page = officer_client.post(reverse("surveys:send", args=[complaint.pk]), {})
    assert page.status_code == 200
    assert "already answered" in page.content.decode()
    assert Message.objects.count() == 1


def test_the_team_records_an_opt_out(officer_client):
    complaint = closed_complaint(email="")
    url = reverse("surveys:opt_out", args=[complaint.pk])
    assert officer_client.get(url).status_code == 200
    assert officer_client.post(url, {"wants": "no"}).status_code == 302
    assert services.opted_out(complaint.complainant)
    html = officer_client.get(reverse("complaints:summary", args=[complaint.pk])).content.decode()
    assert "The complainant asked not to be sent surveys" in html


@pytest.mark.parametrize("who", ["responding_manager", "investigator", "executive"])
def test_only_the_complaints_team_sends_surveys(who, request):
    user = request.getfixturevalue(who)
    client = Client()
    client.force_login(user)
    complaint = closed_complaint()
    for name in ("surveys:send", "surveys:opt_out"):
        assert client.post(reverse(name, args=[complaint.pk]), {"wants": "no"}).status_code in (
            403,
            404,
        )
    assert Message.objects.count() == 1
