import pytest

from redress.ombudsman.selectors import EnquiryFilters, enquiries_visible_to, enquiry_list

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def refs(user, **filters):
    return [
        e.lgo_reference
        for e in enquiry_list(user=user, filters=EnquiryFilters(**filters), today=TODAY)
    ]


def test_the_team_sees_every_enquiry_newest_first(enquiries, officer, manager):
    assert refs(officer) == ["21 004 101", "21 002 202", "20 009 303"]
    assert refs(manager) == refs(officer)


def test_others_see_the_enquiries_on_complaints_they_see(
    enquiries, responding_manager, investigator, executive
):
    assert refs(responding_manager) == ["21 002 202"]
    assert refs(investigator) == []
    assert refs(executive) == []
    assert not enquiries_visible_to(executive).exists()


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"decision": "pending"}, ["21 004 101"]),
        ({"decision": "no_fault"}, ["20 009 303"]),
        ({"response": "awaiting"}, ["21 004 101", "20 009 303"]),
        ({"response": "overdue"}, ["21 004 101"]),
        ({"response": "sent"}, ["21 002 202"]),
        ({"remedies": "outstanding"}, ["21 002 202"]),
        ({"remedies": "overdue"}, ["21 002 202"]),
        ({"remedies": "complied"}, []),
        ({"reference": "002"}, ["21 002 202"]),
        ({"reference": " 21 00 "}, ["21 004 101", "21 002 202"]),
        ({"decision": "pending", "response": "sent"}, []),
    ],
)
def test_filters(enquiries, officer, filters, expected):
    assert refs(officer, **filters) == expected


def test_remedy_counts(enquiries, officer):
    decided = enquiry_list(
        user=officer, filters=EnquiryFilters(reference="21 002 202"), today=TODAY
    ).get()
    assert (decided.remedy_count, decided.remedies_outstanding, decided.remedies_overdue) == (
        2,
        1,
        1,
    )
