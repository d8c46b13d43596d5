"""Names and codes resolve against configuration on the record's date; --create-missing adds
what is not configured."""

import pytest

from redress.complaints.models import Aspect, Complaint, LearningAction
from redress.feedback.models import Compliment, InformalFeedback
from redress.imports.services import import_dataset
from redress.organisations.models import Locality, Organisation, ServiceArea
from redress.organisations.tests.factories import LocalityFactory, ServiceAreaFactory
from redress.reporting.models import ContextFigure
from redress.taxonomies.models import Taxonomy, Term
from redress.taxonomies.tests.factories import TaxonomyFactory, TermFactory, shipped_term

from .helpers import import_events, lines

NO_STAGES = "reference,stage,received_date\n"

pytestmark = pytest.mark.django_db


def test_service_areas_and_localities_resolve_to_the_version_in_effect(folder, d):
    old = ServiceAreaFactory(name="Localities", valid_to=d("2021-12-31"))
    new = ServiceAreaFactory(name="Localities", valid_from=d("2022-01-01"))
    north_old = LocalityFactory(name="North", valid_to=d("2021-12-31"))
    north_new = LocalityFactory(name="North", valid_from=d("2022-01-01"))
    complaints = """
        reference,received_date,procedure,service_area,locality
        CSC-1,2021-12-31,statutory,localities,NORTH
        CSC-2,2022-01-01,statutory,Localities,north
    """
    import_dataset(path=folder(complaints=complaints, stages=NO_STAGES))

    assert dict(Complaint.objects.values_list("reference", "service_area")) == {
        "CSC-1": old.pk,
        "CSC-2": new.pk,
    }
    assert dict(Complaint.objects.values_list("reference", "locality")) == {
        "CSC-1": north_old.pk,
        "CSC-2": north_new.pk,
    }


def test_codes_are_case_insensitive_and_stored_as_codes(folder, configured):
    complaints = """
        reference,received_date,procedure,service_area,method,complainant_type,advocate
        CSC-1,2021-05-04,Statutory,Fostering,Online_Form,PARENT,External
    """
    import_dataset(path=folder(complaints=complaints, stages=NO_STAGES))
    complaint = Complaint.objects.get()
    assert (complaint.procedure.code, complaint.method, complaint.complainant_type) == (
        "statutory",
        "online_form",
        "parent",
    )
    assert complaint.advocate == "external"


def test_taxonomy_terms_come_from_the_taxonomy_in_effect_on_the_stage_date(folder, configured, d):
    reasons_2022 = TaxonomyFactory(
        code="reasons-2022", kind="categories", valid_from=d("2022-01-01")
    )
    TermFactory(taxonomy=reasons_2022, name="Digital Access")
    complaints = """
        reference,received_date,procedure,service_area
        CSC-1,2021-12-01,statutory,Fostering
    """
    stages = """
        reference,stage,received_date,responded_date
        CSC-1,1,2021-12-01,2021-12-10
        CSC-1,2,2022-01-04,
    """
    aspects = """
        reference,stage,category,subcategory
        CSC-1,1,Digital Access,
        CSC-1,2,digital access,
        CSC-1,1,Staff Conduct,Rude or Aggressive Behaviour
    """
    result = import_dataset(path=folder(complaints=complaints, stages=stages, aspects=aspects))
    assert lines(result) == [
        "aspects row 2, column category, value 'Digital Access': 'Digital Access' is not a "
        "reason in Reasons for complaint (Birmingham Appendix B) (in effect on 2021-12-01); "
        "add it, or import with --create-missing to create it",
    ]

    fixed = aspects.replace("CSC-1,1,Digital Access,\n", "")
    import_dataset(path=folder("fixed", complaints=complaints, stages=stages, aspects=fixed))
    terms = list(Aspect.objects.order_by("stage__number").values_list("category", "subcategory"))
    assert terms == [
        (
            shipped_term("Staff Conduct").pk,
            shipped_term("Staff Conduct", "Rude or Aggressive Behaviour").pk,
        ),
        (Term.objects.get(name="Digital Access").pk, None),
    ]


def test_create_missing_adds_what_is_not_configured_and_audits_it(folder, d):
    complaints = """
        reference,received_date,procedure,service_area,locality,organisation,theme
        CSC-1,2021-05-04,statutory,Edge of Care,Coast,Kingsmoor Trust,Sibling Contact
        CSC-2,2021-05-05,statutory,edge of care,coast,KINGSMOOR TRUST,sibling contact
    """
    stages = "reference,stage,received_date\nCSC-1,1,2021-05-04\n"
    aspects = "reference,stage,category,subcategory\nCSC-1,1,Delay,Send a Letter\n"
    actions = "reference,description,theme,raised_date\nCSC-1,Train staff,Supervision,2021-06-01\n"
    compliments = "received_date,service_area,locality\n2021-05-04,Edge of Care,Coast\n"
    feedback = "received_date,theme,service_area\n2021-05-04,Sibling Contact,Edge of Care\n"
    context = "period,measure,service_area,value\n2021-22,referrals,Edge of Care,120\n"
    path = folder(
        complaints=complaints,
        stages=stages,
        aspects=aspects,
        actions=actions,
        compliments=compliments,
        feedback=feedback,
        context=context,
    )
    assert lines(import_dataset(path=path))[:2] == [
        "complaints row 2, column organisation, value 'Kingsmoor Trust': organisation "
        "'Kingsmoor Trust' is not configured; add it, or import with --create-missing to "
        "create it",
        "complaints row 2, column service_area, value 'Edge of Care': service area 'Edge of "
        "Care' is not configured; add it, or import with --create-missing to create it",
    ]

    result = import_dataset(path=path, create_missing=True)

    assert result.imported
    area = ServiceArea.objects.get(name="Edge of Care")
    assert (area.valid_from, area.valid_to) == (None, None)
    assert Locality.objects.filter(name="Coast").count() == 1
    assert Organisation.objects.filter(name="Kingsmoor Trust").count() == 1
    sibling = Term.objects.get(name="Sibling Contact")
    assert sibling.taxonomy.code == "sandwell-themes-2021"
    delay = shipped_term("Delay")
    assert delay.children.filter(name="Send a Letter").exists()
    assert Term.objects.get(name="Supervision").taxonomy.code == "learning-themes-2021"
    assert set(Complaint.objects.values_list("service_area", "theme", "organisation")) == {
        (area.pk, sibling.pk, Organisation.objects.get().pk)
    }
    assert LearningAction.objects.get().theme.name == "Supervision"
    assert Compliment.objects.get().locality.name == "Coast"
    assert InformalFeedback.objects.get().theme == sibling
    assert ContextFigure.objects.get().service_area == area
    assert result.counts["configuration"]["created"] == 6
    created = import_events().filter(action="import.created", before__isnull=True)
    names = {e.after.get("name") for e in created if "created_by" in e.after}
    assert names == {
        "Edge of Care",
        "Coast",
        "Kingsmoor Trust",
        "Sibling Contact",
        "Send a Letter",
        "Supervision",
    }


def test_create_missing_makes_a_taxonomy_when_none_is_in_effect(folder, configured, d):
    Taxonomy.objects.filter(kind="learning").update(valid_to=d("2020-03-31"))
    actions = "reference,description,theme,raised_date\n,Train staff,Supervision,2021-06-01\n"
    path = folder(
        complaints="reference,received_date,procedure,service_area\n",
        stages=NO_STAGES,
        actions=actions,
    )
    assert lines(import_dataset(path=path)) == [
        "actions row 2, column theme, value 'Supervision': no learning themes taxonomy is in "
        "effect on 2021-06-01; add one, or import with --create-missing",
    ]

    import_dataset(path=path, create_missing=True)

    taxonomy = Taxonomy.objects.get(code="imported-learning")
    assert (taxonomy.name, taxonomy.kind) == ("Imported learning themes", "learning")
    assert LearningAction.objects.get().theme.taxonomy == taxonomy


def test_a_rejected_row_creates_nothing_even_with_create_missing(folder, configured):
    complaints = """
        reference,received_date,procedure,service_area
        CSC-1,2021-05-04,statutory,Fostering
        CSC-2,2021-13-04,statutory,Brand New Team
    """
    result = import_dataset(
        path=folder(complaints=complaints, stages=NO_STAGES), partial=True, create_missing=True
    )
    assert result.counts["complaints"]["created"] == 1
    assert not ServiceArea.objects.filter(name="Brand New Team").exists()
