"""Subject access: everything held about one person as a ZIP, other people's names listed for
redaction, from `redress sar` and the staff page, audited, for the complaints team only."""

from __future__ import annotations

import csv
import datetime
import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from redress.complaints.tests.factories import (
    AppointmentFactory,
    AspectFactory,
    ComplaintFactory,
    ExtensionFactory,
    HoldFactory,
    LearningActionFactory,
    MediationFactory,
    PaymentFactory,
    StageFactory,
)
from redress.core import audit, clock
from redress.core.models import AuditEvent
from redress.feedback.tests.factories import SatisfactionAnswerFactory
from redress.ombudsman.tests.factories import EnquiryFactory, RemedyFactory
from redress.people.models import Person
from redress.people.sar import ACTION
from redress.people.services import person_update
from redress.people.tests.factories import PersonFactory
from redress.retention.holds import legal_hold_place

pytestmark = pytest.mark.django_db
day = datetime.date.fromisoformat


@pytest.fixture
def world(officer):
    """Alice Subject complains about her son Bobby (complaint `own`, with everything a complaint
    can hold) and is a child in a complaint her mother made (`about`); a stranger's complaint
    (`other`) named her as complainant and as a child until it was corrected; a fourth has
    nothing to do with her."""
    alice = PersonFactory(name="Alice Subject", key="S000101", email="alice@example.org")
    bobby = PersonFactory(name="Bobby Subject", key="S000102")
    carol = PersonFactory(name="Carol Advocate", key="S000103")
    mother = PersonFactory(name="Margaret Parent", key="S000104")
    frank = PersonFactory(name="Frank Neighbour", key="S000105")  # named only in free text
    PersonFactory(name="Zed Unmentioned", key="S000106")
    own = ComplaintFactory(
        reference="KCT-2021-00001",
        received_date=day("2021-06-07"),
        complainant=alice,
        on_behalf_of=bobby,
        advocate="independent",
        advocate_person=carol,
        summary="Frank Neighbour was told about Bobby's placement before I was.",
        desired_outcome='=HYPERLINK("http://evil.example","click")',
    )
    own.children.set([bobby])
    stage1 = own.stages.get(number=1)
    AspectFactory(stage=stage1)
    ExtensionFactory(stage=stage1, reason="Waiting for the social worker's notes")
    HoldFactory(stage=stage1, start_date=day("2021-06-10"), end_date=day("2021-06-14"))
    stage2 = StageFactory(complaint=own, number=2, received_date=day("2021-08-02"))
    AppointmentFactory(stage=stage2, name="Ivy Investigator")
    MediationFactory(complaint=own, notes="Alice agreed to meet.")
    PaymentFactory(complaint=own, amount=Decimal("150.00"), description="Time and trouble")
    LearningActionFactory(complaint=own, you_said="Tell parents first.")
    SatisfactionAnswerFactory(complaint=own)
    enquiry = EnquiryFactory(complaint=own, lgo_reference="21 001 234")
    RemedyFactory(enquiry=enquiry, description="Apologise to Alice.")
    PaymentFactory(enquiry=enquiry, amount=Decimal("300.00"), description="Ombudsman remedy")
    about = ComplaintFactory(
        reference="KCT-2021-00002",
        received_date=day("2021-09-01"),
        complainant=mother,
        complainant_type="relative",
        summary="My granddaughter Alice was moved without notice.",
    )
    about.children.set([alice])
    other = ComplaintFactory(reference="KCT-2021-00003", summary="Nothing about Alice.")
    unrelated = ComplaintFactory(reference="KCT-2021-00004")
    audit.record(
        action="complaint.record",
        obj=own,
        by=officer,
        after=audit.snapshot(own),
        complaint=own,
    )
    audit.record(
        action="complaint.change_details",
        obj=other,
        by=officer,
        before={"complainant": alice.pk},
        after={"complainant": other.complainant_id},
        complaint=other,
    )
    audit.record(
        action="complaint.change_details",
        obj=other,
        by=officer,
        before={"children": [alice.pk, bobby.pk]},
        after={"children": [bobby.pk]},
        complaint=other,
    )
    audit.record(
        action="complaint.record",
        obj=unrelated,
        by=officer,
        after={"children": [bobby.pk], "complainant": unrelated.complainant_id},
        complaint=unrelated,
    )
    person_update(person=alice, by=officer, phone="0121 496 0000")
    legal_hold_place(complaint=own, reason="Her subject access request", by=officer)
    return SimpleNamespace(
        alice=alice, bobby=bobby, carol=carol, mother=mother, frank=frank, own=own, about=about
    )


def _export(tmp_path: Path, person: Person, *args: str) -> zipfile.ZipFile:
    path = tmp_path / "sar.zip"
    call_command("sar", person.key, "--output", str(path), *args, stdout=io.StringIO())
    return zipfile.ZipFile(path)


def _json(archive: zipfile.ZipFile, name: str) -> list[dict]:
    return json.loads(archive.read(f"data/{name}.json"))


def _csv(archive: zipfile.ZipFile, name: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig"))))


def _records(archive: zipfile.ZipFile, name: str) -> list[str]:
    return [row["record"] for row in _json(archive, name)]


def test_the_export_holds_everything_about_the_person(world, tmp_path):
    archive = _export(tmp_path, world.alice)
    (person,) = _json(archive, "person")
    assert person["name"] == "Alice Subject"
    assert person["email"] == "alice@example.org"
    assert person["phone"] == "0121 496 0000"
    complaints = {c["record"]: c for c in _json(archive, "complaints")}
    # the one she made, the one about her, and the one that named her until corrected: no
    # more (that one's record is not hers; its audit event is)
    assert list(complaints) == ["KCT-2021-00001", "KCT-2021-00002"]
    assert complaints["KCT-2021-00001"]["their_role"] == "complainant"
    assert complaints["KCT-2021-00002"]["their_role"] == "a child or young person it is about"
    assert complaints["KCT-2021-00001"]["children"] == "Bobby Subject (S000102)"
    assert _records(archive, "stages") == [
        "KCT-2021-00001 stage 1",
        "KCT-2021-00001 stage 2",
        "KCT-2021-00002 stage 1",
    ]
    (reason,) = _json(archive, "reasons")
    assert (reason["category"], reason["subcategory"]) == ("Service Quality", "Poor Communication")
    assert [a["name"] for a in _json(archive, "appointments")] == ["Ivy Investigator"]
    assert [e["reason"] for e in _json(archive, "extensions")] == [
        "Waiting for the social worker's notes"
    ]
    assert [(h["start_date"], h["end_date"]) for h in _json(archive, "holds")] == [
        ("2021-06-10", "2021-06-14")
    ]
    assert [m["notes"] for m in _json(archive, "mediation")] == ["Alice agreed to meet."]
    assert [a["answer"] for a in _json(archive, "closing_the_loop")] == ["Yes"]
    assert _records(archive, "ombudsman_enquiries") == ["21 001 234"]
    assert [r["description"] for r in _json(archive, "ombudsman_remedies")] == [
        "Apologise to Alice."
    ]
    assert sorted(p["amount"] for p in _json(archive, "payments")) == ["150.00", "300.00"]
    assert [a["you_said"] for a in _json(archive, "learning_actions")] == ["Tell parents first."]
    assert [h["reason"] for h in _json(archive, "legal_holds")] == ["Her subject access request"]
    actions = [(e["action"], e["complaint"]) for e in _json(archive, "audit_events")]
    assert ("complaint.record", "KCT-2021-00001") in actions
    # the complaint that named her until it was corrected: its complainant, and its children
    assert actions.count(("complaint.change_details", "KCT-2021-00003")) == 2
    assert ("person.update", "") in actions
    assert ("legal_hold.place", "KCT-2021-00001") in actions
    assert ("complaint.record", "KCT-2021-00004") not in actions
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["person"] == "S000101"
    assert manifest["records"]["complaints"] == 2
    assert manifest["documents"] == []
    assert "holds no documents" in manifest["documents_note"]
    summary = archive.read("summary.html").decode()
    assert "Everything Redress holds about Alice Subject (S000101)" in summary
    assert "Frank Neighbour was told about Bobby&#x27;s placement" in summary


def test_someone_linked_to_nothing_gets_their_record_alone(tmp_path, officer):
    lone = PersonFactory(name="Lone Person")
    archive = _export(tmp_path, lone)
    assert _records(archive, "person") == [lone.key]
    assert _json(archive, "complaints") == []
    assert '<h2 id="complaints">Complaints (0)</h2>\n<p>None held.</p>' in (
        archive.read("summary.html").decode()
    )


def test_other_peoples_names_are_listed_for_redaction(world, tmp_path):
    archive = _export(tmp_path, world.alice)
    heading, *rows = _csv(archive, "redactions.csv")
    assert heading == [
        "Name",
        "Their record key",
        "Who they are",
        "Found",
        "Record type",
        "Record",
        "Field",
    ]
    flagged = {(r[0], r[3], r[4], r[5], r[6]) for r in rows}
    relation = {r[0]: r[2] for r in rows}
    # her son, linked to her complaint, wherever his name or key is
    own = "KCT-2021-00001"
    assert ("Bobby Subject", "Bobby Subject", "complaints", own, "On behalf of") in flagged
    children = "Children and young people it is about"
    assert ("Bobby Subject", "S000102", "complaints", own, children) in flagged
    assert relation["Bobby Subject"] == (
        "the child or young person it was made on behalf of on KCT-2021-00001; "
        "a child or young person it is about on KCT-2021-00001"
    )
    assert relation["Carol Advocate"] == "advocate on KCT-2021-00001"
    mother = "Margaret Parent"
    assert (mother, mother, "complaints", "KCT-2021-00002", "Complainant") in flagged
    # a neighbour held as a person, named only in the summary (and the audit trail's copy)
    frank = "Frank Neighbour"
    assert (frank, frank, "complaints", own, "Summary") in flagged
    recorded = AuditEvent.objects.get(action="complaint.record", complaint=world.own)
    assert (frank, frank, "audit_events", f"event {recorded.pk}", "After") in flagged
    assert relation["Frank Neighbour"] == "named in the text (held as a person)"
    names = {r[0] for r in rows}
    assert "Alice Subject" not in names  # her own name is hers
    assert "Zed Unmentioned" not in names
    assert "Ivy Investigator" not in names  # staff and people appointed are disclosed
    assert json.loads(archive.read("manifest.json"))["redactions"] == len(rows)


def test_no_csv_cell_can_run_as_a_formula(world, tmp_path):
    archive = _export(tmp_path, world.alice)
    cells = [
        cell
        for name in archive.namelist()
        if name.endswith(".csv")
        for row in _csv(archive, name)
        for cell in row
    ]
    assert '\'=HYPERLINK("http://evil.example","click")' in cells
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    # JSON is not a spreadsheet: the text as it is
    (own, _) = _json(archive, "complaints")
    assert own["desired_outcome"].startswith("=HYPERLINK")


def test_the_zip_is_well_formed_and_lists_every_file(world, tmp_path):
    archive = _export(tmp_path, world.alice)
    assert archive.testzip() is None
    manifest = json.loads(archive.read("manifest.json"))
    assert sorted(archive.namelist()) == sorted(["manifest.json", *manifest["files"]])
    for name in manifest["records"]:
        rows = _json(archive, name)
        heading, *lines = _csv(archive, f"data/{name}.csv")
        assert len(lines) == len(rows) == manifest["records"][name], name
        assert all(len(line) == len(heading) for line in lines), name
        assert heading[0] == "Record"


def test_the_command_is_audited(world, tmp_path, officer):
    _export(tmp_path, world.alice, "--user", officer.username)
    event = AuditEvent.objects.get(action=ACTION)
    assert event.actor == officer
    assert event.content_type == ContentType.objects.get_for_model(Person)
    assert event.object_id == str(world.alice.pk)
    assert event.after["records"]["complaints"] == 2
    assert event.after["via"] == "from the command line"


def test_the_person_may_be_named_by_id(world, tmp_path):
    path = tmp_path / "by-id.zip"
    call_command("sar", str(world.bobby.pk), output=str(path), stdout=io.StringIO())
    assert _records(zipfile.ZipFile(path), "person") == ["S000102"]


@pytest.mark.parametrize(
    ("person", "output", "message"),
    [
        ("P999999", "sar.zip", "There is no person with the record key or id 'P999999'"),
        ("S000101", "sar.txt", "give a file name ending .zip"),
        ("S000101", "missing/sar.zip", "does not exist"),
    ],
)
def test_a_bad_request_writes_nothing(world, tmp_path, person, output, message):
    path = tmp_path / output
    with pytest.raises(CommandError, match=message):
        call_command("sar", person, output=str(path), stdout=io.StringIO())
    assert list(tmp_path.iterdir()) == []
    assert not AuditEvent.objects.filter(action=ACTION).exists()


def test_an_unknown_user_writes_nothing(world, tmp_path):
    with pytest.raises(CommandError, match="There is no user called 'nobody'"):
        call_command(
            "sar", "S000101", output=str(tmp_path / "sar.zip"), user="nobody", stdout=io.StringIO()
        )
    assert list(tmp_path.iterdir()) == []


# The staff pages ------------------------------------------------------------------------------


@pytest.mark.parametrize("client_name", ["officer_client", "manager_client"])
def test_the_team_downloads_it_audited_and_uncached(world, request, client_name):
    client: Client = request.getfixturevalue(client_name)
    page = client.get(reverse("people:subject_access", args=[world.alice.pk]))
    assert page.status_code == 200
    download = reverse("people:subject_access_download", args=[world.alice.pk])
    assert download in page.content.decode()
    assert "KCT-2021-00002" in page.content.decode()
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Cache-Control"] == "no-store"
    today = clock.today().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="subject-access-S000101-{today}.zip"'
    )
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert archive.testzip() is None
    assert _records(archive, "complaints") == ["KCT-2021-00001", "KCT-2021-00002"]
    event = AuditEvent.objects.get(action=ACTION)
    assert event.actor == response.wsgi_request.user
    assert event.object_id == str(world.alice.pk)
    assert event.after["via"] == "downloaded from the staff pages"


@pytest.mark.parametrize(
    "client_name", ["responding_manager_client", "investigator_client", "executive_client"]
)
def test_anyone_else_is_told_the_person_is_not_found(world, request, client_name):
    client: Client = request.getfixturevalue(client_name)
    for name in ("people:subject_access", "people:subject_access_download"):
        assert client.get(reverse(name, args=[world.alice.pk])).status_code == 404
    assert not AuditEvent.objects.filter(action=ACTION).exists()


def test_a_person_who_does_not_exist_is_not_found(officer_client):
    for name in ("people:subject_access", "people:subject_access_download"):
        assert officer_client.get(reverse(name, args=[999999])).status_code == 404


def test_a_visitor_is_sent_to_sign_in(world):
    response = Client().get(reverse("people:subject_access_download", args=[world.alice.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_complaints_people_page_links_to_it_for_the_team(world, officer_client):
    page = officer_client.get(reverse("complaints:people", args=[world.own.pk])).content.decode()
    for person in (world.alice, world.bobby, world.carol):
        assert reverse("people:subject_access", args=[person.pk]) in page
