"""Allocation: a stage goes to someone who responds to complaints and can sign in, or back to
the complaints team."""

import pytest

from redress.complaints.services import stage_allocate
from redress.procedures import rules

from .helpers import complaint_with, nothing_written, only_event, stage_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def stage():
    return stage_of(complaint_with(), 1)


def test_reallocated_and_taken_back(stage, officer, responding_manager, manager):
    stage_allocate(stage=stage, to=responding_manager, by=officer)
    stage = stage_allocate(stage=stage, to=manager, by=officer)
    assert stage.allocated_to == manager
    stage = stage_allocate(stage=stage, to=None, by=officer)
    assert stage.allocated_to is None


def test_an_officer_can_be_allocated(stage, officer):
    stage_allocate(stage=stage, to=officer, by=officer)
    assert only_event("stage.allocate").after == {"allocated_to": officer.pk}


def test_not_to_someone_who_does_not_respond(stage, officer, investigator):
    with nothing_written(stage), pytest.raises(rules.AllocatedUserCannotRespond) as err:
        stage_allocate(stage=stage, to=investigator, by=officer)
    assert err.value.message == (
        "Ivan Tester is an investigating officer or independent person, who does not respond "
        "to complaints. Allocate the stage to a responding manager or to the complaints team."
    )
    assert err.value.field == "to"


def test_not_to_an_account_that_cannot_sign_in(stage, officer, responding_manager):
    responding_manager.is_active = False
    responding_manager.save()
    with nothing_written(stage), pytest.raises(rules.AllocatedUserInactive) as err:
        stage_allocate(stage=stage, to=responding_manager, by=officer)
    assert err.value.message == (
        "Rita Tester can no longer sign in to Redress, so the stage cannot be allocated to them."
    )
