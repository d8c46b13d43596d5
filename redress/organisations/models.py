"""Who is responsible: organisations, and their service areas and localities over time.

Service areas and localities are effective-dated, so a mid-year restructure keeps both the old
and the new structure: a complaint stays with the service area it was recorded against.
"""

import datetime

from django.db import models
from django.db.models import Q


class OrganisationKind(models.TextChoices):
    COUNCIL = "council", "Council"
    TRUST = "trust", "Children's trust"
    OTHER = "other", "Other"


class Organisation(models.Model):
    """A body that handles one or more stages (e.g. a trust at stage 1, the council at 2 and 3)."""

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=16, choices=OrganisationKind.choices, default="council")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class EffectiveDatedQuerySet(models.QuerySet):
    def effective_on(self, day: datetime.date) -> "EffectiveDatedQuerySet":
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )


class EffectiveDated(models.Model):
    valid_from = models.DateField(null=True, blank=True, help_text="Blank: since records began.")
    valid_to = models.DateField(null=True, blank=True, help_text="Blank: still in use.")

    objects = EffectiveDatedQuerySet.as_manager()

    class Meta:
        abstract = True

    def is_effective_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class Locality(EffectiveDated):
    """An area of the authority, e.g. "South". Services without one are reported as citywide."""

    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name", "valid_from"]
        verbose_name_plural = "localities"
        constraints = [
            models.UniqueConstraint(fields=["name", "valid_from"], name="locality_unique_version"),
        ]

    def __str__(self) -> str:
        return self.name


class ServiceArea(EffectiveDated):
    """A service or team that complaints are recorded against."""

    name = models.CharField(max_length=200)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="service_areas"
    )
    locality = models.ForeignKey(
        Locality,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="service_areas",
        help_text="The locality a complaint about this service falls in unless it says otherwise.",
    )

    class Meta:
        ordering = ["name", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "valid_from"], name="service_area_unique_version"
            ),
        ]

    def __str__(self) -> str:
        return self.name
