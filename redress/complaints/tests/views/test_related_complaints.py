"""A complaint's earlier and later complaints are named only to someone who may see them
(issue 8, point 10: a team manager saw "Follows on from KCT-…" for a complaint they may not
see). An earlier one they may not see is mentioned (that this complaint follows on from one is
its own record), a later one not at all (that is another complaint's fact)."""

import datetime

import pytest
from django.urls import reverse

from redress.complaints.services.records import complaint_link_related
from redress.complaints.tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db
D = datetime.date
HIDDEN_EARLIER = "KCT-2020-0007"
HIDDEN_LATER = "KCT-2022-0003"


@pytest.fixture
def chain(responding_manager, officer):
    """2020's complaint (not theirs) → 2021's (allocated to the responding manager) → 2022's
    two: one theirs, one not."""
    earlier = ComplaintFactory(reference=HIDDEN_EARLIER, received_date=D(2020, 6, 1))
    theirs = ComplaintFactory(reference="KCT-2021-0001", received_date=D(2021, 6, 1))
    complaint_link_related(complaint=theirs, related_to=earlier, by=officer)
    later_theirs = ComplaintFactory(
        reference="KCT-2022-0002", received_date=D(2022, 1, 4), related_to=theirs
    )
    ComplaintFactory(reference=HIDDEN_LATER, received_date=D(2022, 2, 4), related_to=theirs)
    for complaint in (theirs, later_theirs):
        complaint.stages.update(allocated_to=responding_manager)
    return theirs, earlier


def _page(client, name, complaint):
    response = client.get(reverse(f"complaints:{name}", args=[complaint.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_team_manager_is_not_shown_a_complaint_they_may_not_see(chain, responding_manager_client):
    theirs, earlier = chain
    page = _page(responding_manager_client, "summary", theirs)
    assert HIDDEN_EARLIER not in page
    assert HIDDEN_LATER not in page
    assert f'href="/complaints/{earlier.pk}/"' not in page
    assert "An earlier complaint that you cannot see" in page
    assert ">KCT-2022-0002</a>\n" in page or ">KCT-2022-0002</a><" in page
    assert "later complaint" not in page


def test_nor_in_the_timeline(chain, responding_manager_client):
    theirs, _ = chain
    page = _page(responding_manager_client, "timeline", theirs)
    assert "Linked to an earlier complaint" in page
    assert HIDDEN_EARLIER not in page
    assert "a complaint that you cannot see" in page


def test_the_complaints_team_sees_every_one(chain, officer_client):
    theirs, earlier = chain
    page = _page(officer_client, "summary", theirs)
    assert f'<a class="govuk-link" href="/complaints/{earlier.pk}/">{HIDDEN_EARLIER}</a>' in page
    assert ">KCT-2022-0002</a>" in page
    assert f">{HIDDEN_LATER}</a>" in page
    assert "cannot see" not in page
    assert HIDDEN_EARLIER in _page(officer_client, "timeline", theirs)
