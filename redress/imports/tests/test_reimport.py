"""Importing the same file twice changes nothing; a changed row updates its record in place."""

import datetime
import hashlib

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from redress.complaints.models import Complaint, Extension, Payment, Stage
from redress.imports.services import import_dataset
from redress.people.models import Person

from .helpers import COMPLAINTS, STAGES, import_events

pytestmark = pytest.mark.usefixtures("configured")

PAYMENTS = """
    reference,date,stage,kind,amount
    CSC-1,2021-07-01,1,compensation,100
    CSC-1,2021-07-01,1,compensation,100
    ,2021-07-02,2,other_cost,35.5
"""


def test_the_first_import_audits_every_record_against_the_run(folder):
    path = folder(complaints=COMPLAINTS, stages=STAGES, payments=PAYMENTS)
    result = import_dataset(path=path)

    run = result.run
    assert run.file_name == "history"
    expected = hashlib.sha256()
    for name in ("complaints.csv", "payments.csv", "stages.csv"):
        expected.update(name.encode() + b"\0" + (path / name).read_bytes())
    assert run.checksum == expected.hexdigest()
    # 2 complaints, 3 stages, 3 payments and 1 person.
    assert result.audit_events == import_events().count() == 9
    complaint = Complaint.objects.get(reference="CSC-1")
    event = import_events().get(
        content_type=ContentType.objects.get_for_model(Complaint), object_id=str(complaint.pk)
    )
    assert event.action == "import.created"
    assert event.complaint_id == complaint.pk
    assert event.import_run_id == run.pk
    assert event.note == "Imported from history"
    assert event.after["reference"] == "CSC-1"
    assert event.after["received_date"] == "2021-05-04"
    assert event.after["complainant"] == Person.objects.get(key="P1").pk
    assert event.actor_label == "Redress (system)"


def test_importing_the_same_file_again_changes_nothing(folder):
    path = folder(complaints=COMPLAINTS, stages=STAGES, payments=PAYMENTS)
    import_dataset(path=path)
    before = {
        "complaints": list(Complaint.objects.values().order_by("id")),
        "stages": list(Stage.objects.values().order_by("id")),
        "payments": list(Payment.objects.values().order_by("id")),
        "events": import_events().count(),
    }

    again = import_dataset(path=path)

    assert again.counts["complaints"] == {
        "rows": 2,
        "created": 0,
        "updated": 0,
        "unchanged": 2,
        "rejected": 0,
    }
    assert again.counts["stages"]["unchanged"] == 3
    assert again.counts["payments"]["unchanged"] == 3
    assert again.audit_events == 0
    assert {
        "complaints": list(Complaint.objects.values().order_by("id")),
        "stages": list(Stage.objects.values().order_by("id")),
        "payments": list(Payment.objects.values().order_by("id")),
        "events": import_events().count(),
    } == before


def test_identical_rows_stay_as_many_records_as_there_are_rows(folder, tmp_path):
    import_dataset(path=folder(complaints=COMPLAINTS, stages=STAGES, payments=PAYMENTS))
    assert Payment.objects.filter(kind="compensation").count() == 2

    third = PAYMENTS + "    CSC-1,2021-07-01,1,compensation,100.00\n"
    result = import_dataset(
        path=folder("history-2", complaints=COMPLAINTS, stages=STAGES, payments=third)
    )

    assert result.counts["payments"]["created"] == 1
    assert result.counts["payments"]["unchanged"] == 3
    assert Payment.objects.filter(kind="compensation").count() == 3


def test_a_changed_row_updates_its_record_in_place_with_before_and_after(folder, configured):
    import_dataset(path=folder(complaints=COMPLAINTS, stages=STAGES))
    complaint = Complaint.objects.get(reference="CSC-2")
    stage = complaint.stages.get(number=1)

    changed = COMPLAINTS.replace(
        "CSC-2,2021-06-01,local,Safeguarding", "CSC-2,2021-06-01,local,Fostering"
    )
    stages = STAGES.replace(
        "CSC-2,1,2021-06-01,2021-06-20,not_upheld", "CSC-2,1,2021-06-01,2021-06-21,upheld"
    )
    result = import_dataset(path=folder("history-2", complaints=changed, stages=stages))

    assert result.counts["complaints"]["updated"] == 1
    assert result.counts["stages"]["updated"] == 1
    complaint.refresh_from_db()
    stage.refresh_from_db()
    assert complaint.service_area.name == "Fostering"
    assert (str(stage.responded_date), stage.outcome) == ("2021-06-21", "upheld")
    event = import_events().get(action="import.updated", object_id=str(complaint.pk))
    assert event.before == {"service_area": configured["safeguarding"].pk}
    assert event.after == {"service_area": configured["fostering"].pk}
    assert event.import_run_id == result.run.pk
    stage_event = import_events().get(action="import.updated", object_id=str(stage.pk))
    assert stage_event.before == {"responded_date": "2021-06-20", "outcome": "not_upheld"}
    assert stage_event.after == {"responded_date": "2021-06-21", "outcome": "upheld"}
    assert stage_event.complaint_id == complaint.pk


def test_x_columns_are_kept_and_a_blank_one_removes_its_value(folder):
    complaints = """
        reference,received_date,procedure,service_area,x_ward,x_Source
        CSC-1,2021-05-04,statutory,Fostering,Aston,web
    """
    stages = "reference,stage,received_date,x_room\nCSC-1,1,2021-05-04,12\n"
    import_dataset(path=folder(complaints=complaints, stages=stages))
    complaint = Complaint.objects.get()
    assert complaint.custom_data == {"ward": "Aston", "Source": "web"}
    assert complaint.stages.get().custom_data == {"room": "12"}

    import_dataset(
        path=folder("history-2", complaints=complaints.replace("Aston,web", ",web"), stages=stages)
    )
    complaint.refresh_from_db()
    assert complaint.custom_data == {"Source": "web"}


def test_extended_yes_creates_an_extension_to_the_longest_the_rule_allows(folder):
    stages = """
        reference,stage,received_date,extended,extension_reason
        CSC-1,1,2021-05-04,yes,Advocate needed
        CSC-1,2,2021-06-01,YES,
        CSC-2,1,2021-06-01,no,
    """
    import_dataset(path=folder(complaints=COMPLAINTS, stages=stages))
    extensions = Extension.objects.order_by("stage__number")
    assert [(e.stage.number, e.extended_to_days, e.reason) for e in extensions] == [
        (1, 20, "Advocate needed"),
        (2, 65, ""),
    ]

    changed = stages.replace("Advocate needed", "Complex case")
    result = import_dataset(path=folder("history-2", complaints=COMPLAINTS, stages=changed))

    assert result.counts["extensions"] == {"created": 0, "updated": 1, "unchanged": 1}
    assert Extension.objects.get(stage__number=1).reason == "Complex case"
    event = import_events().get(action="import.updated")
    assert (event.before, event.after) == (
        {"reason": "Advocate needed"},
        {"reason": "Complex case"},
    )


def test_a_follow_on_complaint_links_to_one_later_in_the_file(folder):
    complaints = """
        reference,received_date,procedure,service_area,related_to
        CSC-3,2021-08-01,statutory,Fostering,CSC-2
        CSC-2,2021-07-01,statutory,Fostering,CSC-1
        CSC-1,2021-05-04,statutory,Fostering,
    """
    no_stages = "reference,stage,received_date\n"
    result = import_dataset(path=folder(complaints=complaints, stages=no_stages))

    links = dict(Complaint.objects.values_list("reference", "related_to__reference"))
    assert links == {"CSC-1": None, "CSC-2": "CSC-1", "CSC-3": "CSC-2"}
    assert result.audit_events == 3
    again = import_dataset(path=folder("again", complaints=complaints, stages=no_stages))
    assert again.counts["complaints"]["unchanged"] == 3


def test_rows_changed_in_different_columns_keep_each_others_values(folder, configured):
    import_dataset(path=folder(complaints=COMPLAINTS, stages=STAGES))
    changed = COMPLAINTS.replace(
        "CSC-1,2021-05-04,statutory,Fostering", "CSC-1,2021-05-04,statutory,Safeguarding"
    ).replace("CSC-2,2021-06-01,local,Safeguarding,P1", "CSC-2,2021-06-02,local,Safeguarding,P1")
    result = import_dataset(
        path=folder(
            "history-2",
            complaints=changed,
            stages=STAGES.replace("CSC-2,1,2021-06-01", "CSC-2,1,2021-06-02"),
        )
    )

    assert result.counts["complaints"]["updated"] == 2
    first, second = Complaint.objects.order_by("reference")
    assert (first.service_area, str(first.received_date)) == (
        configured["safeguarding"],
        "2021-05-04",
    )
    assert (second.service_area, str(second.received_date)) == (
        configured["safeguarding"],
        "2021-06-02",
    )
    assert first.complainant == second.complainant


def test_an_import_while_today_is_pinned_is_audited_on_that_day(folder, settings):
    settings.REDRESS_TODAY = datetime.date(2022, 5, 31)
    import_dataset(path=folder(complaints=COMPLAINTS, stages=STAGES))
    days = {timezone.localdate(at) for at in import_events().values_list("at", flat=True)}
    assert days == {datetime.date(2022, 5, 31)}
