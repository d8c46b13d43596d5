"""The stage 2 pages for a stage that is not an independent investigation (the local
procedure's stage 2, a review by a manager): no appointments, reports or adjudication are
offered, and their pages say why instead of showing a form. The statutory stage 2 keeps them."""

import pytest
from django.urls import reverse

from redress.complaints.tests.factories import AppointmentFactory, ComplaintFactory, StageFactory
from redress.core.models import AuditEvent
from redress.procedures.models import Procedure

pytestmark = pytest.mark.django_db

INVESTIGATION_PAGES = [
    "stage2_appoint",
    "stage2_io_report",
    "stage2_ip_report",
    "stage2_adjudication",
]
EVERY_STAGE_2 = ["stage2_statement", "stage2_reasons"]
ROWS = ["Investigating officer&#39;s report", "Independent person&#39;s report", "Adjudication"]


def _url(name, complaint, *more):
    return reverse(f"complaints:{name}", args=[complaint.pk, *more])


def _at_stage2(d, code):
    complaint = ComplaintFactory(
        received_date=d("2021-04-12"), procedure=Procedure.objects.get(code=code)
    )
    complaint.stages.update(responded_date=d("2021-04-23"), outcome="not_upheld")
    return StageFactory(complaint=complaint, number=2, received_date=d("2021-06-14")).complaint


@pytest.fixture
def review(d):
    """A local procedure complaint at stage 2 (received 14 June 2021)."""
    return _at_stage2(d, "local")


@pytest.fixture
def investigation(d):
    """A statutory complaint at stage 2 (received 14 June 2021)."""
    return _at_stage2(d, "statutory")


def test_the_stages_page_offers_no_investigation_steps_on_a_review(officer_client, review):
    page = officer_client.get(_url("stages", review)).content.decode()
    for name in INVESTIGATION_PAGES:
        assert _url(name, review) not in page
    for row in ROWS:
        assert row not in page
    assert "People appointed" not in page
    assert "Appoint someone to stage 2" not in page
    # The statement of complaint and the reasons belong to every stage 2.
    for name in EVERY_STAGE_2:
        assert _url(name, review) in page
    assert "Statement of complaint agreed" in page


def test_the_stages_page_offers_the_investigation_steps_on_the_statutory_stage_2(
    officer_client, investigation
):
    page = officer_client.get(_url("stages", investigation)).content.decode()
    for name in INVESTIGATION_PAGES + EVERY_STAGE_2:
        assert _url(name, investigation) in page
    for row in ROWS:
        assert row in page
    assert "People appointed" in page
    assert "Appoint someone to stage 2" in page


def test_dates_recorded_before_on_a_review_are_still_shown_without_a_link(
    officer_client, review, d
):
    """An import of older records may hold them; the page shows what is recorded."""
    stage = review.stages.get(number=2)
    review.stages.filter(number=2).update(io_report_date=d("2021-06-18"))
    AppointmentFactory(stage=stage, role="investigating_officer", name="Sam Lee")
    page = officer_client.get(_url("stages", review)).content.decode()
    assert "Investigating officer&#39;s report" in page
    assert "18 June 2021" in page
    assert _url("stage2_io_report", review) not in page
    # Whoever was appointed is shown, and can be taken off.
    assert "Sam Lee" in page
    appointment = stage.appointments.get()
    assert _url("appointment_remove", review, 2, appointment.pk) in page
    assert _url("stage2_appoint", review) not in page


@pytest.mark.parametrize(
    ("name", "what"),
    [
        ("stage2_appoint", "investigating officer, independent person or adjudicating officer"),
        ("stage2_io_report", "investigating officer&#39;s report"),
        ("stage2_ip_report", "independent person&#39;s report"),
        ("stage2_adjudication", "adjudication"),
    ],
)
def test_each_investigation_page_says_why_instead_of_a_form(officer_client, review, name, what):
    response = officer_client.get(_url(name, review))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Stage 2 has no independent investigation" in page
    assert (
        "Stage 2 of the local complaints procedure is not an independent investigation, so it "
        f"has no {what}: its stage rule does not have &#34;Independent investigation&#34; set."
    ) in page
    assert "<form" not in page.split("<main", 1)[1]
    assert _url("stages", review) in page


@pytest.mark.parametrize("name", INVESTIGATION_PAGES)
def test_a_post_to_an_investigation_page_writes_nothing(officer_client, review, name, d):
    data = {
        "role": "investigating_officer",
        "name": "Sam Lee",
        **{
            f"{field}-{part}": value
            for field in ("appointed_on", "received_on", "adjudicated_on")
            for part, value in (("day", "18"), ("month", "6"), ("year", "2021"))
        },
    }
    response = officer_client.post(_url(name, review), data)
    assert response.status_code == 200
    assert "Stage 2 has no independent investigation" in response.content.decode()
    stage = review.stages.get(number=2)
    assert not stage.appointments.exists()
    assert (stage.io_report_date, stage.ip_report_date, stage.adjudication_date) == (None,) * 3
    assert not AuditEvent.objects.exists()


def test_the_statement_of_complaint_is_agreed_on_a_review(officer_client, review):
    url = _url("stage2_statement", review)
    data = {"agreed_on-day": "16", "agreed_on-month": "6", "agreed_on-year": "2021"}
    response = officer_client.post(url, data, follow=True)
    assert "Statement of complaint agreed on 16 June 2021" in response.content.decode()
    assert str(review.stages.get(number=2).statement_agreed_date) == "2021-06-16"


@pytest.mark.parametrize("name", INVESTIGATION_PAGES)
def test_the_statutory_stage_2_pages_show_their_forms(officer_client, investigation, name):
    page = officer_client.get(_url(name, investigation)).content.decode()
    assert "Stage 2 has no independent investigation" not in page
    assert "<form" in page
