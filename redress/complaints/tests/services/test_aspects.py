import pytest

from redress.complaints.models import Aspect
from redress.complaints.services import aspect_add, aspect_record_finding, aspect_remove
from redress.complaints.tests.factories import AspectFactory
from redress.procedures import rules
from redress.taxonomies.models import Term
from redress.taxonomies.tests.factories import shipped_term, shipped_theme

from .helpers import D, complaint_with, nothing_written, only_event, stage_of

pytestmark = pytest.mark.django_db

CLOSED = {"responded_date": D("2021-04-15"), "outcome": "upheld"}


@pytest.fixture
def stage():
    return stage_of(complaint_with(), 1)


def test_add_a_category_and_subcategory(officer, stage):
    aspect = aspect_add(
        stage=stage,
        category=shipped_term("Delay"),
        subcategory=shipped_term("Delay", "Make a Decision"),
        by=officer,
    )
    assert str(aspect) == "Delay / Make a Decision"
    event = only_event("aspect.add")
    assert event.actor == officer
    assert event.after["category"] == shipped_term("Delay").pk
    assert event.complaint == stage.complaint


def test_add_a_theme(stage):
    aspect = aspect_add(stage=stage, category=shipped_theme("Decision Making"), by=None)
    assert aspect.subcategory is None


def test_later_aspects_come_after(stage):
    aspect_add(stage=stage, category=shipped_term("Delay"), by=None)
    second = aspect_add(stage=stage, category=shipped_term("Staff Conduct"), by=None)
    assert second.order == 1


def test_subcategory_must_be_under_the_category(stage):
    with nothing_written(stage), pytest.raises(rules.SubcategoryNotUnderCategory) as err:
        aspect_add(
            stage=stage,
            category=shipped_term("Delay"),
            subcategory=shipped_term("Staff Conduct", "Bias"),
            by=None,
        )
    assert err.value.message == "'Bias' is not a sub-category of 'Delay'."


def test_category_is_top_level(stage):
    with nothing_written(stage), pytest.raises(rules.CategoryNotTopLevel) as err:
        aspect_add(stage=stage, category=shipped_term("Staff Conduct", "Bias"), by=None)
    assert err.value.message == (
        "'Bias' is a sub-category; choose its category 'Staff Conduct' and then it."
    )


def test_learning_themes_are_not_reasons(stage):
    learning = Term.objects.get(taxonomy__code="learning-themes-2021", name="Recording")
    with nothing_written(stage), pytest.raises(rules.TermNotForUse) as err:
        aspect_add(stage=stage, category=learning, by=None)
    assert err.value.message.endswith("which is not a set of reasons for complaint or themes.")


def test_no_duplicates(stage):
    aspect_add(stage=stage, category=shipped_term("Delay"), by=None)
    with nothing_written(stage), pytest.raises(rules.DuplicateAspect) as err:
        aspect_add(stage=stage, category=shipped_term("Delay"), by=None)
    assert err.value.message == "Stage 1 already has the reason 'Delay'."


def test_not_on_a_closed_stage():
    stage = stage_of(complaint_with(CLOSED), 1)
    with nothing_written(stage), pytest.raises(rules.AlreadyResponded):
        aspect_add(stage=stage, category=shipped_term("Delay"), by=None)


def test_remove(officer, stage):
    aspect = AspectFactory(stage=stage)
    aspect_remove(aspect=aspect, by=officer)
    assert not Aspect.objects.exists()
    event = only_event("aspect.remove")
    assert event.before["subcategory"] == aspect.subcategory_id
    assert event.after is None


def test_remove_not_on_a_closed_stage():
    aspect = AspectFactory(stage=stage_of(complaint_with(CLOSED), 1))
    with nothing_written(aspect), pytest.raises(rules.AlreadyResponded):
        aspect_remove(aspect=aspect, by=None)


def test_record_a_finding(officer, stage):
    aspect = aspect_record_finding(aspect=AspectFactory(stage=stage), finding="upheld", by=officer)
    assert aspect.finding == "upheld"
    event = only_event("aspect.record_finding")
    assert (event.before, event.after) == (
        {"stage": stage.pk, "finding": ""},
        {"stage": stage.pk, "finding": "upheld"},
    )
    # The timeline can name the stage and the reason: two findings of one save differ.
    assert event.note == f"Reason: {aspect}"


def test_a_finding_is_one_of_the_findings(stage):
    aspect = AspectFactory(stage=stage)
    with nothing_written(aspect), pytest.raises(rules.NotAChoice) as err:
        aspect_record_finding(aspect=aspect, finding="withdrawn", by=None)
    assert err.value.message == (
        "'withdrawn' is not a valid finding. Choose one of: upheld, partially_upheld, not_upheld."
    )
