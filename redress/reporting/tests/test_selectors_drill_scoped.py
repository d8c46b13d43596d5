"""A drill-down into a scalar of a report for one locality follows its publication rule:
someone who reads only the published version (a participation worker) cannot open a count
that version withholds (South's 2 stage 1 complaints), since its records give it back; the
complaints team can. Counts of the whole authority, and counts of 5 or more, open as before."""

import pytest

from redress.accounts.models import Role, User
from redress.reporting.selectors import WithheldError
from redress.reporting.selectors.drill import figure_drill

from .document_fixtures import AS_OF, YEAR, make_small_year

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_year(db, settings):
    settings.REDRESS_TODAY = AS_OF
    make_small_year()


@pytest.fixture
def participation_worker(db):
    return User.objects.create_user(username="pw", role=Role.PARTICIPATION_WORKER)


def drill(user, figure_id, **scope):
    return figure_drill(
        figure_id=figure_id, period=YEAR, as_of=AS_OF, service=None, user=user, **scope
    )


def test_a_withheld_count_of_a_locality_is_refused_to_the_published_version_s_readers(
    small_year, participation_worker
):
    with pytest.raises(WithheldError, match=r"'received\.stage1' is a count withheld"):
        drill(participation_worker, "received.stage1", locality="South")


def test_the_complaints_team_opens_it(small_year, officer):
    opened = drill(officer, "received.stage1", locality="South")
    assert opened.value == 2


def test_the_whole_authority_s_count_is_not_withheld(small_year, participation_worker):
    assert drill(participation_worker, "received.stage1").value == 4
