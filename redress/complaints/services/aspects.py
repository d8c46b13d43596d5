"""The reasons for complaint recorded on a stage, and the finding on each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models, transaction

from redress.complaints.choices import Finding
from redress.complaints.models import Aspect, Stage
from redress.complaints.state import complaint_changed
from redress.core import audit
from redress.procedures import rules
from redress.taxonomies.models import TaxonomyKind

from .checks import choice, ensure_open, lock_stage, term_of_kind

if TYPE_CHECKING:
    from redress.accounts.models import User
    from redress.taxonomies.models import Term

REASON_KINDS = (TaxonomyKind.CATEGORIES, TaxonomyKind.THEMES)


def check_reason(*, category: Term, subcategory: Term | None) -> None:
    """A reason is a top-level category of a reasons or themes taxonomy and, optionally, one
    of its own sub-categories (never one from another branch of the tree)."""
    if category.parent is not None:
        raise rules.CategoryNotTopLevel(category=category.name, parent=category.parent.name)
    term_of_kind(category, REASON_KINDS, described="reasons for complaint or themes")
    if subcategory is not None and subcategory.parent_id != category.pk:
        raise rules.SubcategoryNotUnderCategory(
            subcategory=subcategory.name, category=category.name
        )


def add_aspect(
    *, stage: Stage, category: Term, subcategory: Term | None, by: User | None
) -> Aspect:
    """Validate and write one aspect on a stage the caller has already locked and checked."""
    check_reason(category=category, subcategory=subcategory)
    if stage.aspects.filter(category=category, subcategory=subcategory).exists():
        label = f"{category.name} / {subcategory.name}" if subcategory else category.name
        raise rules.DuplicateAspect(stage=stage.number, aspect=label)
    last = stage.aspects.aggregate(last=models.Max("order"))["last"]
    aspect = Aspect.objects.create(
        stage=stage,
        category=category,
        subcategory=subcategory,
        order=0 if last is None else last + 1,
    )
    audit.record(
        action="aspect.add",
        obj=aspect,
        by=by,
        after=audit.snapshot(aspect),
        complaint=stage.complaint,
    )
    complaint_changed(stage.complaint, stage=stage)
    return aspect


@transaction.atomic
def aspect_add(
    *, stage: Stage, category: Term, subcategory: Term | None = None, by: User | None
) -> Aspect:
    """Add a reason for complaint (a category and, where the taxonomy has them, a
    sub-category; or a single theme) to an open stage."""
    stage = lock_stage(stage)
    ensure_open(stage)
    return add_aspect(stage=stage, category=category, subcategory=subcategory, by=by)


@transaction.atomic
def aspect_remove(*, aspect: Aspect, by: User | None) -> None:
    """Remove a reason recorded by mistake from an open stage."""
    stage = lock_stage(aspect.stage)
    ensure_open(stage)
    before = audit.snapshot(aspect)
    audit.record(
        action="aspect.remove", obj=aspect, by=by, before=before, complaint=stage.complaint
    )
    complaint_changed(stage.complaint, stage=stage)
    aspect.delete()


@transaction.atomic
def aspect_record_finding(*, aspect: Aspect, finding: str, by: User | None) -> Aspect:
    """Record whether one reason was upheld, partially upheld or not upheld (blank clears it).
    Findings made with the response can be given to `stage_respond` instead."""
    stage = lock_stage(aspect.stage)
    ensure_open(stage)
    choice(finding, Finding, what="finding", blank=True)
    aspect = Aspect.objects.select_related("category", "subcategory").get(pk=aspect.pk)
    # The stage is in the snapshot so the timeline names it ("Finding recorded on stage 1"),
    # and the note names the reason, so two findings of one save can be told apart.
    fields = ["stage", "finding"]
    before = audit.snapshot(aspect, fields)
    aspect.finding = finding
    aspect.save(update_fields=["finding"])
    audit.record(
        action="aspect.record_finding",
        obj=aspect,
        by=by,
        before=before,
        after=audit.snapshot(aspect, fields),
        complaint=stage.complaint,
        note=f"Reason: {aspect}",
    )
    complaint_changed(stage.complaint, stage=stage)
    return aspect
