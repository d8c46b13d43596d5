"""Drill-down follows the publication rules (issue 8, point 4): someone who reads only the
publication version of reports (a responding manager, a participation worker) cannot open a
table row whose counts that version withholds, since its values and records would give the
count back. The complaints team, who read the internal version, still can."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from redress.accounts.models import Role, User
from redress.complaints.tests.factories import ComplaintFactory
from redress.feedback.models import Question
from redress.feedback.tests.factories import SatisfactionAnswerFactory
from redress.taxonomies.tests.factories import shipped_theme

pytestmark = pytest.mark.django_db
REPORT = {"from": "2021-04-01", "to": "2022-03-31", "as_of": "2022-05-31"}
THEME = "Placement"


@pytest.fixture
def two_children(responding_manager):
    """Two children's complaints about placement, both answering "yes" to being dealt with on
    time: a count of 2 in `cyp.themes` and in `cyp.satisfaction`, withheld when published."""
    for day in (4, 5):
        complaint = ComplaintFactory(
            received_date=datetime.date(2021, 5, day),
            complainant_type="child_young_person",
            theme=shipped_theme(THEME),
        )
        complaint.stages.update(allocated_to=responding_manager)
        SatisfactionAnswerFactory(complaint=complaint, question="on_time", answer="yes")


def _row(client, table_id, row):
    return client.get(reverse("reporting:table", args=[table_id, row]), REPORT)


def _question_row(question):
    """A question's row in `cyp.satisfaction`: one row per question, in their order."""
    return [q.value for q in Question].index(question)


@pytest.fixture
def participation_client(db):
    user = User.objects.create_user(username="pw", role=Role.PARTICIPATION_WORKER)
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("table_id", ["cyp.themes", "cyp.satisfaction"])
def test_the_team_sees_the_count_of_two_and_its_records(two_children, officer_client, table_id):
    row = _question_row("on_time") if table_id == "cyp.satisfaction" else 0
    response = _row(officer_client, table_id, row)
    page = response.content.decode()
    assert response.status_code == 200
    assert re.search(r"2 (complaints|answers), exactly as the table row counted them", page)
    assert len(re.findall(r'href="/complaints/\d+/"', page)) == 2


@pytest.mark.parametrize("table_id", ["cyp.themes", "cyp.satisfaction"])
@pytest.mark.parametrize("who", ["responding_manager_client", "participation_client"])
def test_the_publication_readers_are_refused_a_withheld_row(two_children, request, table_id, who):
    client = request.getfixturevalue(who)
    row = _question_row("on_time") if table_id == "cyp.satisfaction" else 0
    response = _row(client, table_id, row)
    page = response.content.decode()
    assert response.status_code == 403
    assert "These records are withheld from you" in page
    assert "fewer than 5" in page
    assert not re.search(r'href="/complaints/\d+/"', page)
    assert THEME not in page


def test_a_row_the_publication_prints_in_full_still_opens(two_children, responding_manager_client):
    # `cyp.satisfaction`'s "rights understood": nobody answered, so nothing is withheld.
    row = _question_row("rights_understood")
    assert _row(responding_manager_client, "cyp.satisfaction", row).status_code == 200
    # A table the publication rules do not cut (stage 1 outcomes) opens with its small counts.
    assert _row(responding_manager_client, "outcomes", 0).status_code == 200
