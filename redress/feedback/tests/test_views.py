"""The feedback pages: compliments, informal feedback and a complaint's closing-the-loop answers,
per role and per rule, seen on Monday 21 June 2021."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from redress.accounts.models import Role, User
from redress.complaints.tests.factories import ComplaintFactory
from redress.core.models import AuditEvent
from redress.feedback.models import Compliment, InformalFeedback, SatisfactionAnswer
from redress.feedback.tests.factories import (
    ComplimentFactory,
    InformalFeedbackFactory,
    SatisfactionAnswerFactory,
)
from redress.organisations.tests.factories import LocalityFactory, ServiceAreaFactory
from redress.taxonomies.tests.factories import shipped_theme

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2021, 6, 21, 11, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def participation_worker_client(db):
    user = User.objects.create_user(
        username="pat_participation", role=Role.PARTICIPATION_WORKER, first_name="Pat"
    )
    client = Client()
    client.force_login(user)
    return client


def _date(name, day, month, year):
    return {f"{name}-day": str(day), f"{name}-month": str(month), f"{name}-year": str(year)}


def heading(page):
    text = page.split('id="results-heading">')[1].split("</h2>")[0]
    return " ".join(text.split())


@pytest.fixture
def areas():
    return {
        "fostering": ServiceAreaFactory(name="Fostering", locality=LocalityFactory(name="West")),
        "safeguarding": ServiceAreaFactory(name="Safeguarding"),
        "closed": ServiceAreaFactory(name="Old Team", valid_to=D(2020, 3, 31)),
    }


@pytest.fixture
def compliments(areas):
    return [
        ComplimentFactory(
            received_date=D(2021, 4, 6),
            service_area=areas["fostering"],
            staff_member="Sam Carer",
            text="April thanks",
        ),
        ComplimentFactory(
            received_date=D(2021, 5, 4),
            service_area=areas["safeguarding"],
            staff_member="Jo Worker",
            text="May thanks",
        ),
        ComplimentFactory(
            received_date=D(2021, 6, 1),
            service_area=areas["fostering"],
            staff_member="",
            text="June thanks",
        ),
    ]


@pytest.fixture
def feedback(areas):
    return {
        "child": InformalFeedbackFactory(
            from_child=True,
            summary="Wanted to see their brother more often",
            service_area=areas["fostering"],
            theme=shipped_theme("Contact / Family Time"),
            satisfied=True,
        ),
        "adult": InformalFeedbackFactory(
            from_child=False,
            advocate=False,
            received_date=D(2021, 6, 2),
            summary="A parent's concern about letters",
        ),
    }


def _listed(page, texts):
    return [t for t in texts if t in page]


# -- compliments -------------------------------------------------------------------------------


def test_the_compliments_list_latest_first_with_its_count(officer_client, compliments):
    page = officer_client.get(reverse("feedback:compliment_list")).content.decode()
    assert heading(page) == "3 compliments"
    assert page.index("June thanks") < page.index("May thanks") < page.index("April thanks")
    assert reverse("feedback:compliment_record") in page
    assert reverse("feedback:compliment", args=[compliments[0].pk]) in page


def test_the_compliments_list_filters_by_service_and_dates(officer_client, compliments, areas):
    url = reverse("feedback:compliment_list")
    page = officer_client.get(url, {"service_area": areas["fostering"].pk}).content.decode()
    assert heading(page) == "2 compliments"
    assert _listed(page, ["April thanks", "May thanks", "June thanks"]) == [
        "April thanks",
        "June thanks",
    ]
    page = officer_client.get(
        url, {**_date("received_from", 1, 5, 2021), **_date("received_to", 31, 5, 2021)}
    ).content.decode()
    assert heading(page) == "1 compliment"
    assert _listed(page, ["April thanks", "May thanks", "June thanks"]) == ["May thanks"]
    assert "Selected filters" in page


def test_the_compliments_filter_refuses_dates_the_wrong_way_round(officer_client, compliments):
    page = officer_client.get(
        reverse("feedback:compliment_list"),
        {**_date("received_from", 1, 6, 2021), **_date("received_to", 1, 5, 2021)},
    ).content.decode()
    assert "Received to must be the same as or after received from" in page
    assert 'href="#received_to-day"' in page


def test_a_compliments_page(officer_client, compliments):
    compliment = compliments[0]
    compliment.consent_to_publish = True
    compliment.save()
    page = officer_client.get(reverse("feedback:compliment", args=[compliment.pk])).content.decode()
    assert "Compliment received 6 April 2021" in page
    assert "Fostering" in page
    assert "Sam Carer" in page
    assert "April thanks" in page
    assert "Parent" in page
    assert officer_client.get(reverse("feedback:compliment", args=[999999])).status_code == 404


def compliment_data(areas, **changes):
    return {
        **_date("received_on", 18, 6, 2021),
        "service_area": str(areas["fostering"].pk),
        "locality": "",
        "staff_member": "Sam Carer",
        "consent_to_publish": "on",
        "source": "foster_carer",
        "external": "yes",
        "said": "Sam went above and beyond",
        **changes,
    }


def test_record_a_compliment(officer_client, areas, officer):
    url = reverse("feedback:compliment_record")
    page = officer_client.get(url).content.decode()
    assert "Record a compliment" in page
    assert 'name="received_on-day" type="text" value="21"' in page
    response = officer_client.post(url, compliment_data(areas), follow=True)
    compliment = Compliment.objects.get()
    assert response.redirect_chain == [(reverse("feedback:compliment", args=[compliment.pk]), 302)]
    assert "Compliment for Fostering recorded" in response.content.decode()
    assert (compliment.received_date, compliment.locality.name, compliment.staff_member) == (
        D(2021, 6, 18),
        "West",
        "Sam Carer",
    )
    assert (compliment.consent_to_publish, compliment.source, compliment.external) == (
        True,
        "foster_carer",
        True,
    )
    assert AuditEvent.objects.get(action="compliment.record").actor == officer


def test_a_compliment_whose_origin_is_not_known(manager_client, areas):
    data = compliment_data(areas, external="unknown", source="", consent_to_publish="")
    assert manager_client.post(reverse("feedback:compliment_record"), data).status_code == 302
    compliment = Compliment.objects.get()
    assert (compliment.external, compliment.source, compliment.consent_to_publish) == (
        None,
        "",
        False,
    )


@pytest.mark.parametrize(
    ("changes", "message", "anchor"),
    [
        (
            _date("received_on", 22, 6, 2021),
            "The compliment received date, 22 June 2021, is in the future.",
            "received_on-day",
        ),
        (_date("received_on", "", "", ""), "Enter the date received", "received_on-day"),
        (
            {"service_area": ""},
            "Select the service area the compliment is about",
            "service_area",
        ),
        ("closed", "Old Team was not in use on 18 June 2021", "service_area"),
        (
            {"staff_member": " "},
            "Enter the name of the member of staff who agreed to be named",
            "staff_member",
        ),
        ({"source": "neighbour"}, "Select a valid choice", "source"),
    ],
)
def test_each_compliment_rule_is_shown_at_its_field(
    officer_client, areas, changes, message, anchor
):
    if changes == "closed":
        changes = {"service_area": str(areas["closed"].pk)}
    response = officer_client.post(
        reverse("feedback:compliment_record"), compliment_data(areas, **changes)
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert f'href="#{anchor}"' in page
    assert "Sam went above and beyond" in page  # what was typed is kept
    assert not Compliment.objects.exists()


# -- informal feedback -----------------------------------------------------------------------------


def test_the_informal_feedback_list(officer_client, feedback):
    page = officer_client.get(reverse("feedback:informal_list")).content.decode()
    assert heading(page) == "2 pieces of informal feedback"
    assert page.index("A parent&#39;s concern") < page.index("Wanted to see their brother")
    assert reverse("feedback:informal_record") in page
    page = officer_client.get(reverse("feedback:informal_list"), {"from_child": "yes"})
    page = page.content.decode()
    assert heading(page) == "1 piece of informal feedback"
    assert "A parent&#39;s concern" not in page


def test_an_informal_feedback_page(officer_client, feedback):
    url = reverse("feedback:informal", args=[feedback["child"].pk])
    page = officer_client.get(url).content.decode()
    assert "Wanted to see their brother more often" in page
    assert "Contact / Family Time" in page
    assert "Fostering" in page


def test_a_participation_worker_reads_childrens_feedback_only(
    participation_worker_client, feedback
):
    client = participation_worker_client
    page = client.get(reverse("feedback:informal_list")).content.decode()
    assert heading(page) == "1 piece of feedback from children and young people"
    assert "Wanted to see their brother" in page
    assert "A parent&#39;s concern" not in page
    assert 'name="from_child"' not in page
    assert reverse("feedback:informal_record") not in page
    assert client.get(reverse("feedback:informal", args=[feedback["child"].pk])).status_code == (
        200
    )
    assert client.get(reverse("feedback:informal", args=[feedback["adult"].pk])).status_code == (
        404
    )
    assert client.get(reverse("feedback:informal_record")).status_code == 403
    assert client.get(reverse("feedback:compliment_list")).status_code == 403
    home = client.get(reverse("core:home")).content.decode()
    assert f'href="{reverse("feedback:informal_list")}"' in home
    assert f'href="{reverse("feedback:compliment_list")}"' not in home


def feedback_data(areas, **changes):
    return {
        **_date("received_on", 18, 6, 2021),
        "from_child": "yes",
        "advocate": "yes",
        "service_area": str(areas["fostering"].pk),
        "theme": str(shipped_theme("Communication").pk),
        "summary": "Wanted their social worker to call back",
        "satisfied": "no",
        **changes,
    }


def test_record_informal_feedback(officer_client, areas, officer):
    url = reverse("feedback:informal_record")
    assert "Record informal feedback" in officer_client.get(url).content.decode()
    response = officer_client.post(url, feedback_data(areas), follow=True)
    feedback = InformalFeedback.objects.get()
    assert response.redirect_chain == [(reverse("feedback:informal", args=[feedback.pk]), 302)]
    assert "Informal feedback recorded" in response.content.decode()
    assert (feedback.from_child, feedback.advocate, feedback.satisfied) == (True, True, False)
    assert (feedback.theme.name, feedback.service_area.name) == ("Communication", "Fostering")
    assert feedback.summary == "Wanted their social worker to call back"
    assert AuditEvent.objects.get(action="informal_feedback.record").actor == officer


def test_informal_feedback_about_no_service(officer_client, areas):
    data = feedback_data(
        areas, from_child="no", advocate="unknown", satisfied="", service_area="", theme=""
    )
    assert officer_client.post(reverse("feedback:informal_record"), data).status_code == 302
    feedback = InformalFeedback.objects.get()
    assert (feedback.from_child, feedback.advocate, feedback.satisfied) == (False, None, None)
    assert (feedback.service_area, feedback.theme) == (None, None)


@pytest.mark.parametrize(
    ("changes", "message", "anchor"),
    [
        (
            _date("received_on", 22, 6, 2021),
            "The feedback received date, 22 June 2021, is in the future.",
            "received_on-day",
        ),
        (
            {"from_child": ""},
            "Select whether it came from a child or young person",
            "from_child",
        ),
        ("closed", "Old Team was not in use on 18 June 2021", "service_area"),
        ({"theme": "999999"}, "Select a theme from the list", "theme"),
    ],
)
def test_each_feedback_rule_is_shown_at_its_field(officer_client, areas, changes, message, anchor):
    if changes == "closed":
        changes = {"service_area": str(areas["closed"].pk)}
    response = officer_client.post(
        reverse("feedback:informal_record"), feedback_data(areas, **changes)
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert f'href="#{anchor}"' in page
    assert "Wanted their social worker to call back" in page
    assert not InformalFeedback.objects.exists()


def test_a_reason_is_not_offered_as_a_feedback_theme(officer_client):
    page = officer_client.get(reverse("feedback:informal_record")).content.decode()
    assert "Contact / Family Time" in page
    assert "Staff Conduct" not in page  # a reason for complaint, not a theme


# -- who may --------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["responding_manager", "investigator", "executive"])
def test_the_feedback_pages_are_the_teams(request, role, compliments, feedback, areas):
    client = request.getfixturevalue(f"{role}_client")
    for url in (
        reverse("feedback:compliment_list"),
        reverse("feedback:compliment", args=[compliments[0].pk]),
        reverse("feedback:compliment_record"),
        reverse("feedback:informal_list"),
        reverse("feedback:informal", args=[feedback["child"].pk]),
        reverse("feedback:informal_record"),
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "April thanks" not in response.content.decode()
    assert client.post(
        reverse("feedback:compliment_record"), compliment_data(areas)
    ).status_code == (403)
    assert Compliment.objects.count() == 3
    home = client.get(reverse("core:home")).content.decode()
    assert ">Compliments<" not in home
    assert ">Feedback<" not in home


def test_the_navigation_offers_compliments_and_feedback_to_the_team(officer_client):
    home = officer_client.get(reverse("core:home")).content.decode()
    assert f'href="{reverse("feedback:compliment_list")}"' in home
    assert f'href="{reverse("feedback:informal_list")}"' in home


def test_a_visitor_is_sent_to_sign_in(client):
    for url in (reverse("feedback:compliment_list"), reverse("feedback:informal_record")):
        response = client.get(url)
        assert response.status_code == 302


# -- closing-the-loop answers ----------------------------------------------------------------------


@pytest.fixture
def answered():
    complaint = ComplaintFactory(reference="CSC-2021-0100", received_date=D(2021, 5, 4))
    complaint.stages.update(responded_date=D(2021, 5, 20), outcome="upheld")
    return complaint


def test_record_the_closing_the_loop_answers(officer_client, answered, officer):
    SatisfactionAnswerFactory(complaint=answered, question="on_time", answer="no")
    url = reverse("feedback:satisfaction", args=[answered.pk])
    page = officer_client.get(url).content.decode()
    assert "Were your concerns taken seriously?" in page
    assert page.count('type="radio"') == 7 * 4
    assert 'name="on_time" type="radio" value="no" checked' in page
    assert 'name="complaint_version"' in page
    data = {"taken_seriously": "partly", "things_improved": "yes", "on_time": "none"}
    response = officer_client.post(url, data, follow=True)
    assert response.redirect_chain == [(reverse("complaints:payments", args=[answered.pk]), 302)]
    page = response.content.decode()
    assert "Closing-the-loop answers recorded" in page
    assert "Were your concerns taken seriously?" in page
    answers = dict(answered.satisfaction_answers.values_list("question", "answer"))
    assert answers == {"taken_seriously": "partly", "things_improved": "yes", "on_time": ""}
    event = AuditEvent.objects.get(action="satisfaction.record_answers")
    assert event.actor == officer
    assert event.before == {"on_time": "no"}


def test_nothing_answered_is_refused(officer_client, answered):
    page = officer_client.post(reverse("feedback:satisfaction", args=[answered.pk]), {})
    page = page.content.decode()
    assert "Answer at least one question" in page
    assert not SatisfactionAnswer.objects.exists()


def test_not_before_the_complaint_is_answered(officer_client):
    complaint = ComplaintFactory(received_date=D(2021, 6, 1))
    url = reverse("feedback:satisfaction", args=[complaint.pk])
    page = officer_client.post(url, {"taken_seriously": "yes"}).content.decode()
    assert "Closing-the-loop questions are asked once a complaint has been responded to" in page
    assert 'value="yes" checked' in page  # what was chosen is kept
    assert not SatisfactionAnswer.objects.exists()
    summary = officer_client.get(reverse("complaints:summary", args=[complaint.pk]))
    assert url not in summary.content.decode()


def test_an_unknown_answer_is_refused(officer_client, answered):
    url = reverse("feedback:satisfaction", args=[answered.pk])
    page = officer_client.post(url, {"on_time": "maybe"}).content.decode()
    assert "Select a valid choice" in page
    assert 'href="#on_time"' in page


def test_the_summary_links_the_team_to_the_answers(
    officer_client, responding_manager_client, answered
):
    url = reverse("feedback:satisfaction", args=[answered.pk])
    page = officer_client.get(reverse("complaints:summary", args=[answered.pk])).content.decode()
    assert url in page
    assert "0 of 7 questions answered" in page
    answered.stages.update(allocated_to=User.objects.get(role=Role.RESPONDING_MANAGER))
    page = responding_manager_client.get(reverse("complaints:summary", args=[answered.pk]))
    assert page.status_code == 200
    assert url not in page.content.decode()


@pytest.mark.parametrize("role", ["responding_manager", "investigator", "executive"])
def test_only_the_team_records_answers(request, role, answered):
    client = request.getfixturevalue(f"{role}_client")
    url = reverse("feedback:satisfaction", args=[answered.pk])
    assert client.post(url, {"taken_seriously": "yes"}).status_code in {403, 404}
    assert not SatisfactionAnswer.objects.exists()


def test_a_missing_complaint_answers_404(officer_client):
    assert officer_client.get(reverse("feedback:satisfaction", args=[999999])).status_code == 404
