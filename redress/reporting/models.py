"""Records the reports draw on beyond the complaints themselves."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from redress.core.models import TimeStampedModel
from redress.reporting.periods import Period


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


class EditionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class ReportEdition(TimeStampedModel):
    """One written report: a period (and optionally one service area or one locality), with the
    complaints team's narrative for each section. Publishing it freezes the date its figures are
    read at and the report profile and voice it is built with, so every later download shows the
    report that was published."""

    title = models.CharField(max_length=200)
    period_start = models.DateField()
    period_end = models.DateField()
    period_label = models.CharField(max_length=40, help_text="e.g. 2021-22, 2021-22 Q1, 2021-07.")
    service_area_name = models.CharField(
        max_length=200,
        blank=True,
        help_text="Blank: the whole authority. A name covers every version of the service area.",
    )
    locality_name = models.CharField(
        max_length=200,
        blank=True,
        help_text="A locality's edition: the service areas in it during the period (or the same "
        "period a year before) are counted. Blank: not a locality's.",
    )
    status = models.CharField(
        max_length=16, choices=EditionStatus.choices, default=EditionStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(null=True, blank=True)
    as_of = models.DateField(
        null=True, blank=True, help_text="The date the published figures were read at."
    )
    # The report profile and voice it was published with (settings report_sections,
    # report_reasons_by, report_timeliness_by, report_voice, as stored in the settings): every
    # later download is built with them, whatever the settings say by then. Empty for a draft,
    # which follows the current settings.
    published_settings = models.JSONField(
        default=dict,
        blank=True,
        help_text="The report profile and voice the edition was published with.",
    )

    class Meta:
        ordering = ["-period_start", "period_end", "service_area_name", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="edition_period_in_order",
            ),
            models.CheckConstraint(
                condition=Q(status=EditionStatus.DRAFT)
                | Q(as_of__isnull=False, published_at__isnull=False),
                name="edition_published_has_as_of",
            ),
            models.CheckConstraint(
                condition=Q(service_area_name="") | Q(locality_name=""),
                name="edition_service_or_locality",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def period(self) -> Period:
        return Period(self.period_start, self.period_end, self.period_label)

    @property
    def service(self) -> str | None:
        return self.service_area_name or None

    @property
    def locality(self) -> str | None:
        return self.locality_name or None

    @property
    def covers(self) -> str | None:
        """Whom the edition is for, as the report's title says: "Fostering", "South locality";
        None for the whole authority."""
        if self.locality_name:
            named = self.locality_name.casefold().endswith("locality")
            return self.locality_name if named else f"{self.locality_name} locality"
        return self.service

    @property
    def is_published(self) -> bool:
        return self.status == EditionStatus.PUBLISHED


class SectionNarrative(models.Model):
    """The complaints team's Markdown for one section of one edition."""

    edition = models.ForeignKey(ReportEdition, on_delete=models.CASCADE, related_name="narratives")
    section = models.CharField(max_length=48, help_text="A section key of the report document.")
    text = models.TextField(blank=True)
    left_out = models.BooleanField(
        default=False, help_text="Left out of this edition on purpose: not shown in any format."
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["edition", "section"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "section"], name="narrative_per_section"),
        ]

    def __str__(self) -> str:
        return f"{self.edition}: {self.section}"


class ExcerptSource(models.TextChoices):
    """The free texts a report can quote, each of one kind of record and one of its fields."""

    COMPLIMENT = "compliment", "Compliment"
    COMPLAINT = "complaint", "Complaint"
    LEARNING_ACTION = "learning_action", "Learning action"
    YOU_SAID = "you_said", "Learning action: you said"
    WE_DID = "we_did", "Learning action: we did"
    ENQUIRY = "enquiry", "Ombudsman enquiry"


# The field of each kind of record a report quotes.
EXCERPT_FIELDS = {
    ExcerptSource.COMPLIMENT: "text",
    ExcerptSource.COMPLAINT: "summary",
    ExcerptSource.LEARNING_ACTION: "description",
    ExcerptSource.YOU_SAID: "you_said",
    ExcerptSource.WE_DID: "we_did",
    ExcerptSource.ENQUIRY: "summary",
}
# The foreign key of an excerpt naming the record it is written from: a learning action has
# three texts a report quotes (its description, "you said" and "we did").
EXCERPT_RECORDS = {
    ExcerptSource.COMPLIMENT: "compliment",
    ExcerptSource.COMPLAINT: "complaint",
    ExcerptSource.LEARNING_ACTION: "learning_action",
    ExcerptSource.YOU_SAID: "learning_action",
    ExcerptSource.WE_DID: "learning_action",
    ExcerptSource.ENQUIRY: "enquiry",
}
_RECORD_KEYS = ("compliment", "complaint", "learning_action", "enquiry")


def _of_one_record() -> Q:
    """Each kind of excerpt names its one record and no other."""
    condition = Q()
    for source, key in EXCERPT_RECORDS.items():
        condition |= Q(source=source, **{f"{k}__isnull": k != key for k in _RECORD_KEYS})
    return condition


class PublishableExcerpt(TimeStampedModel):
    """Words a complaints manager wrote from one record's free text (a compliment's words, a
    complaint's summary, a learning action's description, "you said" or "we did", an Ombudsman
    enquiry's summary) for the versions of the report that
    leave the complaints team. Those versions print no record's free text, only excerpts
    approved and not withdrawn. A record has at most one live (not withdrawn) excerpt; a
    withdrawn one is kept, with who withdrew it and when."""

    source = models.CharField(max_length=24, choices=ExcerptSource.choices)
    field = models.CharField(max_length=40, help_text="The record's field it is written from.")
    compliment = models.ForeignKey(
        "feedback.Compliment",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="publishable_excerpts",
    )
    complaint = models.ForeignKey(
        "complaints.Complaint",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="publishable_excerpts",
    )
    learning_action = models.ForeignKey(
        "complaints.LearningAction",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="publishable_excerpts",
    )
    enquiry = models.ForeignKey(
        "ombudsman.Enquiry",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="publishable_excerpts",
    )
    text = models.TextField(help_text="What may be published, as the manager wrote it.")
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    written_at = models.DateTimeField(default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    withdrawn = models.BooleanField(default=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["source", "written_at", "id"]
        constraints = [
            models.CheckConstraint(condition=_of_one_record(), name="excerpt_of_one_record"),
            models.CheckConstraint(
                condition=Q(withdrawn=False) | Q(withdrawn_at__isnull=False),
                name="excerpt_withdrawn_has_when",
            ),
            models.UniqueConstraint(
                fields=["compliment"],
                condition=Q(withdrawn=False),
                name="excerpt_live_per_compliment",
            ),
            models.UniqueConstraint(
                fields=["complaint"],
                condition=Q(withdrawn=False),
                name="excerpt_live_per_complaint",
            ),
            models.UniqueConstraint(
                fields=["learning_action", "source"],
                condition=Q(withdrawn=False),
                name="excerpt_live_per_learning_action",
            ),
            models.UniqueConstraint(
                fields=["enquiry"],
                condition=Q(withdrawn=False),
                name="excerpt_live_per_enquiry",
            ),
        ]

    def __str__(self) -> str:
        return f"Excerpt of {self.get_source_display().lower()} {self.record_id}"

    @property
    def record_id(self) -> int | None:
        return getattr(self, f"{EXCERPT_RECORDS[ExcerptSource(self.source)]}_id")

    @property
    def is_approved(self) -> bool:
        """Approved and not withdrawn: printed in the versions outside the team."""
        return self.approved_at is not None and not self.withdrawn
