import threading

import pytest
from django.db import connection

from redress.complaints.models import Complaint
from redress.complaints.services import (
    complaint_link_related,
    complaint_record,
    complaint_update_details,
)
from redress.complaints.tests.factories import AspectFactory, ComplaintFactory
from redress.core import config, sequences
from redress.organisations.tests.factories import (
    LocalityFactory,
    OrganisationFactory,
    ServiceAreaFactory,
)
from redress.people.tests.factories import PersonFactory
from redress.procedures import rules
from redress.taxonomies.tests.factories import shipped_term, shipped_theme

from .helpers import D, complaint_with, nothing_written, only_event, procedure

pytestmark = pytest.mark.django_db


def record(**kwargs):
    kwargs.setdefault("received_on", D("2021-06-07"))
    kwargs.setdefault("procedure", procedure("statutory"))
    kwargs.setdefault("service_area", ServiceAreaFactory(name="South Safeguarding"))
    kwargs.setdefault("by", None)
    return complaint_record(**kwargs)


class TestComplaintRecord:
    def test_numbers_references_by_year_received(self, officer):
        first = record(by=officer)
        second = record(by=officer)
        next_year = record(by=officer, received_on=D("2022-01-04"))
        assert [first.reference, second.reference, next_year.reference] == [
            "CSC-2021-0001",
            "CSC-2021-0002",
            "CSC-2022-0001",
        ]

    def test_prefix_comes_from_the_settings(self, manager):
        config.set_value("reference_prefix", "BCT", by=manager)
        assert record().reference == "BCT-2021-0001"

    def test_references_can_count_by_reporting_year(self, manager):
        config.set_value("reference_year", "reporting", by=manager)
        ComplaintFactory(reference="CSC-2020-0041")
        assert record(received_on=D("2021-03-31")).reference == "CSC-2020-0042"
        assert record(received_on=D("2021-04-01")).reference == "CSC-2021-0001"
        config.set_value("financial_year_start", "01-01", by=manager)
        assert record(received_on=D("2021-03-31")).reference == "CSC-2021-0002"

    def test_next_number_follows_the_highest_numeric_reference(self):
        ComplaintFactory(reference="CSC-2021-0009")
        ComplaintFactory(reference="CSC-2021-00012")  # an imported, wider number
        ComplaintFactory(reference="CSC-2021-0099a")  # not a generated form: ignored
        ComplaintFactory(reference="CSC-2020-0500")
        assert record().reference == "CSC-2021-0013"

    def test_opens_stage_one_and_audits_both(self, officer):
        area = ServiceAreaFactory(
            name="North Assessment",
            locality=LocalityFactory(name="North"),
            organisation=OrganisationFactory(name="Sandwell Children's Trust"),
        )
        complaint = record(by=officer, service_area=area, method="email", summary=" Contact ")
        stage = complaint.stages.get()
        assert (stage.number, stage.received_date) == (1, D("2021-06-07"))
        assert stage.organisation.name == "Sandwell Children's Trust"
        assert complaint.locality.name == "North"
        assert complaint.summary == "Contact"
        event = only_event("complaint.record")
        assert event.actor == officer
        assert event.complaint == complaint
        assert event.before is None
        assert event.after["reference"] == "CSC-2021-0001"
        assert event.after["received_date"] == "2021-06-07"
        opened = only_event("stage.open")
        assert opened.after["number"] == 1
        assert opened.actor_label == "Olive Tester (Complaints officer)"

    def test_records_the_reasons_on_stage_one(self):
        category = shipped_term("Delay")
        sub = shipped_term("Delay", "Make a Decision")
        complaint = record(aspects=[(category, sub), (shipped_term("Staff Conduct"), None)])
        aspects = list(complaint.stages.get().aspects.all())
        assert [(a.category.name, a.subcategory and a.subcategory.name) for a in aspects] == [
            ("Delay", "Make a Decision"),
            ("Staff Conduct", None),
        ]
        assert [a.order for a in aspects] == [0, 1]

    def test_a_given_reference_must_be_free(self):
        ComplaintFactory(reference="CSC-2021-0001")
        with nothing_written(), pytest.raises(rules.ReferenceTaken) as err:
            record(reference="CSC-2021-0001")
        assert err.value.message == "There is already a complaint with the reference CSC-2021-0001."
        assert err.value.field == "reference"

    def test_not_received_in_the_future(self):
        with nothing_written(), pytest.raises(rules.DateInFuture) as err:
            record(received_on=D("2022-01-11"))
        assert err.value.message == "The received date, 11 January 2022, is in the future."

    def test_service_area_must_be_in_use_when_received(self):
        area = ServiceAreaFactory(name="Old Team", valid_to=D("2021-03-31"))
        with nothing_written(), pytest.raises(rules.ServiceAreaNotInUse) as err:
            record(service_area=area)
        assert err.value.message == (
            "Old Team was not in use on 7 June 2021 (in use until 31 March 2021)."
        )

    def test_unknown_codes_are_named(self):
        with nothing_written(), pytest.raises(rules.NotAChoice) as err:
            record(method="fax")
        assert err.value.message.startswith("'fax' is not a valid method. Choose one of: email,")

    def test_a_reasons_taxonomy_is_not_a_theme(self):
        with nothing_written(), pytest.raises(rules.TermNotForUse):
            record(theme=shipped_term("Delay"))
        assert record(theme=shipped_theme("Decision Making")).theme.name == "Decision Making"

    def test_a_bad_reason_leaves_no_complaint_behind(self):
        with nothing_written(), pytest.raises(rules.SubcategoryNotUnderCategory):
            record(aspects=[(shipped_term("Delay"), shipped_term("Staff Conduct", "Bias"))])

    def test_a_clash_with_a_concurrent_save_takes_the_next_number(self, monkeypatch):
        ComplaintFactory(reference="CSC-2021-0001")
        real = sequences.next_number
        calls = []

        def stale_then_real(*args, **kwargs):
            calls.append(1)
            # The first look misses the row another transaction has just written.
            return 1 if len(calls) == 1 else real(*args, **kwargs)

        monkeypatch.setattr(sequences, "next_number", stale_then_real)
        assert record().reference == "CSC-2021-0002"
        assert len(calls) == 2
        assert Complaint.objects.filter(reference__startswith="CSC-2021-").count() == 2


# serialized_rollback puts back the procedures and taxonomies the flush afterwards removes.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises writers; the race needs PostgreSQL"
)
def test_references_stay_unique_under_concurrent_calls():
    area = ServiceAreaFactory(name="Race Team")
    statutory = procedure("statutory")
    barrier = threading.Barrier(8)
    made, errors = [], []

    def worker():
        try:
            barrier.wait()
            made.append(
                complaint_record(
                    received_on=D("2021-06-07"), procedure=statutory, service_area=area, by=None
                ).reference
            )
        except Exception as exc:  # any failure in a thread is reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(made) == [f"CSC-2021-{n:04d}" for n in range(1, 9)]


class TestUpdateDetails:
    def test_changes_only_what_is_given_and_audits_the_difference(self, officer):
        complaint = ComplaintFactory(method="email", summary="Old", complainant_type="parent")
        complaint_update_details(complaint=complaint, by=officer, method="letter", summary="Old")
        complaint.refresh_from_db()
        assert (complaint.method, complaint.summary) == ("letter", "Old")
        event = only_event("complaint.update_details")
        assert event.before == {"method": "email"}
        assert event.after == {"method": "letter"}

    def test_no_change_writes_no_event(self, officer):
        complaint = ComplaintFactory(method="email")
        with nothing_written(complaint):
            complaint_update_details(complaint=complaint, by=officer, method="email")

    def test_bad_values_change_nothing(self, officer):
        complaint = ComplaintFactory()
        with nothing_written(complaint), pytest.raises(rules.NotAChoice):
            complaint_update_details(
                complaint=complaint, by=officer, summary="New", complainant_type="alien"
            )
        with nothing_written(complaint), pytest.raises(rules.RequiredValueMissing):
            complaint_update_details(complaint=complaint, by=officer, service_area=None)


class TestLinkRelated:
    def test_links_and_unlinks(self, officer):
        earlier, later = ComplaintFactory(), ComplaintFactory()
        complaint_link_related(complaint=later, related_to=earlier, by=officer)
        later.refresh_from_db()
        assert later.related_to == earlier
        event = only_event("complaint.link_related")
        assert event.before == {"related_to": None}
        assert event.after == {"related_to": earlier.pk}
        complaint_link_related(complaint=later, related_to=None, by=officer)
        later.refresh_from_db()
        assert later.related_to is None

    def test_not_to_itself(self):
        complaint = ComplaintFactory()
        with nothing_written(complaint), pytest.raises(rules.RelatedToItself) as err:
            complaint_link_related(complaint=complaint, related_to=complaint, by=None)
        assert err.value.message == "A complaint cannot follow on from itself."

    def test_not_in_a_loop(self):
        first = ComplaintFactory(reference="CSC-2021-0001")
        second = ComplaintFactory(reference="CSC-2021-0002", related_to=first)
        third = ComplaintFactory(reference="CSC-2021-0003", related_to=second)
        with nothing_written(first), pytest.raises(rules.RelatedCycle) as err:
            complaint_link_related(complaint=first, related_to=third, by=None)
        assert err.value.message == (
            "CSC-2021-0003 already follows on from CSC-2021-0001, so CSC-2021-0001 cannot "
            "follow on from it."
        )


class TestRecordWhoAndWhy:
    """What a complaint records about the people in it, and what would put it right."""

    def test_records_the_children_advocacy_and_desired_outcome(self, officer):
        jo, alex = PersonFactory(name="Jo"), PersonFactory(name="Alex")
        ari = PersonFactory(name="Ari Advocate")
        complaint = record(
            by=officer,
            children=[jo],
            on_behalf_of=alex,
            advocate="external",
            advocate_person=ari,
            advocate_organisation=" Coram Voice ",
            advocacy_offered=True,
            desired_outcome=" An apology ",
        )
        assert set(complaint.children.all()) == {jo, alex}  # the one it is made for, too
        assert (complaint.advocate_organisation, complaint.advocacy_offered) == (
            "Coram Voice",
            True,
        )
        assert complaint.desired_outcome == "An apology"
        event = only_event("complaint.record")
        assert event.after["children"] == sorted([jo.pk, alex.pk])
        assert event.after["advocacy_offered"] is True

    def test_no_advocate_means_no_advocate_details(self):
        with nothing_written(), pytest.raises(rules.AdvocateNotExpected) as err:
            record(advocate="none", advocate_organisation="NYAS")
        assert err.value.field == "advocate"
        with nothing_written(), pytest.raises(rules.AdvocateNotExpected):
            record(advocate="none", advocate_person=PersonFactory())

    def test_not_on_behalf_of_the_complainant(self):
        sam = PersonFactory()
        with nothing_written(), pytest.raises(rules.OnBehalfOfComplainant):
            record(complainant=sam, on_behalf_of=sam)

    def test_the_locality_must_be_in_use_when_received(self):
        old = LocalityFactory(name="Old North", valid_to=D("2021-03-31"))
        with nothing_written(), pytest.raises(rules.LocalityNotInUse) as err:
            record(locality=old)
        assert err.value.message == (
            "Old North was not in use on 7 June 2021 (in use until 31 March 2021)."
        )


class TestCorrectDetails:
    def test_children_advocacy_and_outcome_with_one_audit_event(self, officer):
        complaint = ComplaintFactory(advocate="none")
        jo = PersonFactory(name="Jo")
        complaint_update_details(
            complaint=complaint,
            by=officer,
            children=[jo],
            on_behalf_of=jo,
            advocate="internal",
            advocate_organisation="Children's Rights Service",
            advocacy_offered=False,
            desired_outcome="A meeting",
        )
        complaint.refresh_from_db()
        assert list(complaint.children.all()) == [jo]
        assert complaint.advocacy_offered is False
        event = only_event("complaint.update_details")
        assert event.before == {
            "on_behalf_of": None,
            "advocate": "none",
            "advocacy_offered": None,
            "advocate_organisation": "",
            "desired_outcome": "",
            "children": [],
        }
        assert event.after["children"] == [jo.pk]
        assert complaint.version > 1

    def test_the_same_checks_as_a_new_complaint(self, officer):
        complaint = ComplaintFactory(advocate="none")
        with nothing_written(complaint), pytest.raises(rules.AdvocateNotExpected):
            complaint_update_details(complaint=complaint, by=officer, advocate_organisation="X")
        old = LocalityFactory(valid_to=D("2021-03-31"))
        with nothing_written(complaint), pytest.raises(rules.LocalityNotInUse):
            complaint_update_details(complaint=complaint, by=officer, locality=old)
        with nothing_written(complaint), pytest.raises(rules.OnBehalfOfComplainant):
            complaint_update_details(
                complaint=complaint, by=officer, on_behalf_of=complaint.complainant
            )

    def test_the_reasons_at_stage_one_become_those_given(self, officer):
        complaint = ComplaintFactory()
        stage = complaint.stages.get()
        AspectFactory(stage=stage)  # Service Quality / Poor Communication
        delay = (shipped_term("Delay"), shipped_term("Delay", "Make a Decision"))
        complaint_update_details(complaint=complaint, by=officer, aspects=[delay])
        assert [str(a) for a in stage.aspects.all()] == ["Delay / Make a Decision"]
        assert only_event("aspect.add").complaint == complaint
        assert only_event("aspect.remove").complaint == complaint

    def test_a_reason_from_another_branch_is_refused_and_nothing_changes(self, officer):
        complaint = ComplaintFactory()
        wrong = (shipped_term("Staff Conduct"), shipped_term("Delay", "Make a Decision"))
        with nothing_written(complaint), pytest.raises(rules.SubcategoryNotUnderCategory):
            complaint_update_details(
                complaint=complaint, by=officer, summary="New", aspects=[wrong]
            )

    def test_the_reasons_of_a_closed_stage_one_are_not_changed_here(self, officer):
        complaint = complaint_with({"responded_date": D("2021-04-10"), "outcome": "upheld"})
        with nothing_written(complaint), pytest.raises(rules.StageClosed):
            complaint_update_details(
                complaint=complaint, by=officer, aspects=[(shipped_term("Delay"), None)]
            )
