"""People behind complaints: complainants, children and young people, advocates.

One person can be behind many complaints, which is how repeat complainants are counted.
"""

from django.db import models

from redress.core.models import TimeStampedModel


class Person(TimeStampedModel):
    key = models.CharField(
        max_length=64,
        unique=True,
        help_text="Stable identifier, e.g. the complainant_id of an import. Never a name.",
    )
    name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["key"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name or self.key
