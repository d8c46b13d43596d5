import pytest

from redress.complaints.tests.factories import AspectFactory, ComplaintFactory, StageFactory

pytestmark = pytest.mark.django_db


def test_complaint_factory_makes_stage_one():
    complaint = ComplaintFactory()
    assert [s.number for s in complaint.stages.all()] == [1]
    assert complaint.stages.get().received_date == complaint.received_date


def test_aspects_use_the_shipped_taxonomy():
    aspect = AspectFactory(stage=StageFactory())
    assert aspect.category.name == "Service Quality"
    assert aspect.subcategory.parent_id == aspect.category.id
