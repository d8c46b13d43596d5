"""People behind complaints: complainants, children and young people, advocates.

One person can be behind many complaints, which is how repeat complainants are counted.
"""

from django.db import models

from redress.core.models import TimeStampedModel


class AgeBand(models.TextChoices):
    UNDER_5 = "0-4", "Under 5"
    FROM_5 = "5-9", "5 to 9"
    FROM_10 = "10-15", "10 to 15"
    FROM_16 = "16-17", "16 or 17"
    CARE_LEAVER = "18-25", "18 to 25 (care leaver)"
    ADULT = "adult", "Adult"


class ContactMethod(models.TextChoices):
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone"
    LETTER = "letter", "Letter"
    TEXT = "text", "Text message"


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
    age_band = models.CharField(
        max_length=8,
        choices=AgeBand.choices,
        blank=True,
        help_text="Where the date of birth is not known.",
    )
    preferred_contact = models.CharField(max_length=8, choices=ContactMethod.choices, blank=True)
    accessibility_needs = models.TextField(blank=True)
    interpreter = models.CharField(
        max_length=100, blank=True, help_text="The language, where an interpreter is needed."
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["key"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name or self.key
