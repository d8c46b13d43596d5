"""Configurable, versioned sets of reasons and themes.

A taxonomy is either two-level categories (the Birmingham category / sub-category set) or a flat
list of themes (the Sandwell style, also used for informal feedback and learning). Taxonomies are
versioned by the dates they apply to, so a year's records keep the set they were coded with.
"""

import datetime

from django.db import models
from django.db.models import Q


class TaxonomyKind(models.TextChoices):
    CATEGORIES = "categories", "Reasons: category and sub-category"
    THEMES = "themes", "Themes"
    LEARNING = "learning", "Learning themes"


class TaxonomyQuerySet(models.QuerySet):
    def effective_on(self, day: datetime.date) -> "TaxonomyQuerySet":
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )


class Taxonomy(models.Model):
    code = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=TaxonomyKind.choices)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    description = models.TextField(blank=True)

    objects = TaxonomyQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "valid_from", "code"]
        verbose_name_plural = "taxonomies"

    def __str__(self) -> str:
        return self.name


class Term(models.Model):
    """A category, a sub-category (with a parent) or a theme."""

    taxonomy = models.ForeignKey(Taxonomy, on_delete=models.CASCADE, related_name="terms")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    name = models.CharField(max_length=200)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["taxonomy", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["taxonomy", "parent", "name"], name="term_unique_under_parent"
            ),
            models.UniqueConstraint(
                fields=["taxonomy", "name"],
                condition=Q(parent__isnull=True),
                name="term_unique_top_level",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.parent.name} / {self.name}" if self.parent is not None else self.name
