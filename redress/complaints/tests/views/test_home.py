"""The home page ("My work") for each role."""

import pytest
from django.test import Client
from django.urls import reverse

from redress.complaints.tests.factories import ComplaintFactory, StageFactory

pytestmark = pytest.mark.django_db

HOME = reverse("core:home")


@pytest.fixture
def open_stages(d, responding_manager, investigator):
    ComplaintFactory(reference="CSC-DUE-TODAY", received_date=d("2021-06-07"))
    ComplaintFactory(reference="CSC-OVERDUE", received_date=d("2021-05-24"))
    ComplaintFactory(reference="CSC-LATER", received_date=d("2021-06-18"))
    mine = ComplaintFactory(reference="CSC-MINE", received_date=d("2021-06-16"))
    mine.stages.update(allocated_to=responding_manager)
    escalated = ComplaintFactory(reference="CSC-STAGE2", received_date=d("2021-04-12"))
    escalated.stages.update(responded_date=d("2021-04-23"), outcome="upheld")
    stage2 = StageFactory(complaint=escalated, number=2, received_date=d("2021-06-14"))
    stage2.appointments.create(role="investigating_officer", name="Ivan", user=investigator)


def _section(page, heading):
    start = page.index(f">{heading}</h2>")
    end = page.find("<h2", start + 1)
    return page[start : end if end > 0 else None]


def test_officers_see_overdue_and_due_soon_across_the_service(officer_client, open_stages):
    page = officer_client.get(HOME).content.decode()
    assert "My work" in page
    overdue = _section(page, "Overdue")
    assert "CSC-OVERDUE" in overdue
    assert "9 working days overdue" in overdue
    assert "CSC-DUE-TODAY" not in overdue
    due_soon = _section(page, "Due in the next 5 working days")
    assert "CSC-DUE-TODAY" in due_soon
    assert "Due today" in due_soon
    assert "CSC-LATER" not in due_soon  # due 2 July: 9 working days away
    assert "Nothing is allocated to you" in _section(page, "Allocated to you")


def test_counts_by_stage(officer_client, open_stages):
    page = officer_client.get(HOME).content.decode()
    counts = _section(page, "Open stages")
    assert '<span class="redress-figure">5</span> open' in counts
    assert '<span class="redress-figure">1</span> overdue' in counts
    assert '<span class="redress-figure">1</span> due in the next 5 working days' in counts
    assert "Stage 1" in counts
    assert "Stage 2" in counts


def test_a_responding_manager_sees_what_is_allocated_to_them(
    responding_manager_client, open_stages
):
    page = responding_manager_client.get(HOME).content.decode()
    mine = _section(page, "Allocated to you")
    assert "CSC-MINE" in mine
    assert "Due in 7 working days" in mine
    assert "CSC-OVERDUE" not in page
    assert ">Overdue</h2>" not in page


def test_an_investigator_sees_the_stages_they_are_appointed_to(investigator_client, open_stages):
    page = investigator_client.get(HOME).content.decode()
    assert "CSC-STAGE2" in _section(page, "Allocated to you")
    assert "CSC-MINE" not in page


def test_an_executive_sees_counts_and_no_complaint(executive_client, open_stages):
    page = executive_client.get(HOME).content.decode()
    assert "Open complaints" in page
    assert '<span class="redress-figure">5</span> open' in page
    assert "CSC-" not in page
    assert ">Complaints</a>" not in page  # no link to the list in the navigation
    assert "counts and reports, not individual complaints" in page


def test_the_navigation_links_to_complaints_and_to_the_admin_for_staff(officer_client, manager):
    page = officer_client.get(HOME).content.decode()
    assert f'href="{reverse("complaints:list")}"' in page
    assert "Admin" not in page
    manager.is_staff = True
    manager.save()
    client = Client()
    client.force_login(manager)
    assert f'href="{reverse("admin:index")}"' in client.get(HOME).content.decode()


def test_signed_out_users_are_sent_to_sign_in(client):
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
