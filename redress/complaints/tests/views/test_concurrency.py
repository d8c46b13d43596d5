"""Two people changing the same complaint: the second save is refused, showing what the first
changed, and nothing is lost or silently overwritten (optimistic concurrency, ADR 0016)."""

import re
import threading

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from redress.complaints.models import Complaint, Extension
from redress.core.models import AuditEvent

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'name="complaint_version" value="([0-9.]+)"')


def _date(name, day, month, year):
    return {f"{name}-day": str(day), f"{name}-month": str(month), f"{name}-year": str(year)}


def _token(page: str) -> str:
    match = TOKEN.search(page)
    assert match, "the form carries the complaint's version"
    return match.group(1)


def _extend(reason: str, days: int = 20):
    return {"extended_to_days": str(days), "reason": reason, **_date("agreed_on", 18, 6, 2021)}


def test_the_second_of_two_conflicting_saves_is_refused_and_keeps_what_was_typed(
    officer_client, manager_client, caseload
):
    complaint = caseload.due_today
    extend = reverse("complaints:extend", args=[complaint.pk, 1])
    acknowledge = reverse("complaints:acknowledge", args=[complaint.pk, 1])
    # Both open a form on the same complaint before either saves.
    officer_token = _token(officer_client.get(acknowledge).content.decode())
    manager_token = _token(manager_client.get(extend).content.decode())
    assert officer_token == manager_token

    first = officer_client.post(
        acknowledge, {**_date("acknowledged_on", 8, 6, 2021), "complaint_version": officer_token}
    )
    assert first.status_code == 302

    second = manager_client.post(
        extend, {**_extend("Waiting for the school's records"), "complaint_version": manager_token}
    )
    assert second.status_code == 200
    page = second.content.decode()
    assert "Someone else changed this complaint while you had this page open" in page
    assert "Acknowledged" in page  # what the other person did
    assert "Olive Tester" in page
    assert "Waiting for the school&#39;s records" in page  # what was typed is still there
    assert not Extension.objects.exists()  # nothing of the second save was written
    stage = complaint.stages.get()
    assert str(stage.acknowledged_date) == "2021-06-08"  # the first save is intact

    # Having seen the change, the manager saves again: it goes through.
    again = manager_client.post(
        extend, {**_extend("Waiting for the school's records"), "complaint_version": _token(page)}
    )
    assert again.status_code == 302
    assert Extension.objects.get().reason == "Waiting for the school's records"
    assert AuditEvent.objects.filter(action="stage.extend").count() == 1


def test_a_save_without_a_change_in_between_goes_through(officer_client, caseload):
    complaint = caseload.due_today
    url = reverse("complaints:acknowledge", args=[complaint.pk, 1])
    token = _token(officer_client.get(url).content.decode())
    response = officer_client.post(
        url, {**_date("acknowledged_on", 8, 6, 2021), "complaint_version": token}
    )
    assert response.status_code == 302
    assert Complaint.objects.get(pk=complaint.pk).version > int(token.split(".")[0])


def test_errors_keep_the_version_the_form_was_opened_with(officer_client, manager_client, caseload):
    """A form shown again with errors still carries the original version, so a change made
    while the person corrects their mistake is caught too."""
    complaint = caseload.due_today
    url = reverse("complaints:extend", args=[complaint.pk, 1])
    token = _token(officer_client.get(url).content.decode())
    wrong = officer_client.post(url, {"extended_to_days": "20", "complaint_version": token})
    assert _token(wrong.content.decode()) == token
    manager_client.post(
        reverse("complaints:acknowledge", args=[complaint.pk, 1]),
        _date("acknowledged_on", 8, 6, 2021),
    )
    refused = officer_client.post(url, {**_extend("Complex"), "complaint_version": token})
    assert "Someone else changed this complaint" in refused.content.decode()
    assert not Extension.objects.exists()


@pytest.mark.skipif(
    "sqlite" in settings.DATABASES["default"]["ENGINE"],
    reason="SQLite's in-memory test database is not shared between threads",
)
# Serialized rollback, like the browser tests: the flush after this test must leave the
# migrations' data (procedures, taxonomies) for the tests after it.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_saves_at_the_same_moment_one_wins(officer, manager, caseload):
    """Two requests racing with the same version: the complaint row is locked while the
    version is compared, so exactly one save is written (PostgreSQL runs them truly at once;
    SQLite serialises writers, which gives the same answer)."""
    complaint = caseload.due_today
    url = reverse("complaints:extend", args=[complaint.pk, 1])
    clients = []
    for user in (officer, manager):
        client = Client()
        client.force_login(user)
        clients.append(client)
    token = _token(clients[0].get(url).content.decode())
    results: list[int] = []
    start = threading.Barrier(2)

    def save(client: Client, reason: str) -> None:
        start.wait()
        try:
            response = client.post(url, {**_extend(reason), "complaint_version": token})
            results.append(response.status_code)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(clients[0], "First reason")),
        threading.Thread(target=save, args=(clients[1], "Second reason")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [200, 302]
    assert Extension.objects.count() == 1
