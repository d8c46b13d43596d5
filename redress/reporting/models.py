"""Records the reports draw on beyond the complaints themselves."""

from django.db import models
from django.db.models import Q


class Measure(models.TextChoices):
    REFERRALS = "referrals", "Referrals received"
    FAMILY_ASSESSMENTS = "family_assessments", "Family assessments completed"
    OPEN_CASES = "open_cases", "Open cases"


class ContextFigure(models.Model):
    """A figure complaints are read against, e.g. referrals received in 2021-22."""

    period = models.CharField(max_length=16, help_text="Financial year, e.g. 2021-22.")
    measure = models.CharField(max_length=24, choices=Measure.choices)
    service_area = models.ForeignKey(
        "organisations.ServiceArea",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text="Blank: the whole authority.",
    )
    value = models.DecimalField(max_digits=14, decimal_places=2)
    custom_data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["period", "measure"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "measure", "service_area"],
                condition=Q(service_area__isnull=False),
                name="context_unique_per_service",
            ),
            models.UniqueConstraint(
                fields=["period", "measure"],
                condition=Q(service_area__isnull=True),
                name="context_unique_authority",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period} {self.get_measure_display()}: {self.value}"
