"""Local Government and Social Care Ombudsman (LGSCO) enquiries, decisions and remedies."""

from django.db import models

from redress.core.models import TimeStampedModel


class Decision(models.TextChoices):
    PREMATURE = "premature", "Premature: referred back to the authority"
    CLOSED_AFTER_INITIAL_ENQUIRIES = (
        "closed_after_initial_enquiries",
        "Closed after initial enquiries",
    )
    NOT_INVESTIGATED = "not_investigated", "Not investigated"
    OUTSIDE_JURISDICTION = "outside_jurisdiction", "Outside jurisdiction"
    FAULT_FOUND = "fault_found", "Investigated: fault found"
    NO_FAULT = "no_fault", "Investigated: no fault"


INVESTIGATED_DECISIONS = frozenset({Decision.FAULT_FOUND, Decision.NO_FAULT})


class Enquiry(TimeStampedModel):
    lgo_reference = models.CharField(max_length=64, unique=True)
    complaint = models.ForeignKey(
        "complaints.Complaint",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ombudsman_enquiries",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ombudsman_enquiries",
        help_text="Where several organisations share the procedure (a trust and its council), "
        "the one that handles the enquiry.",
    )
    received_date = models.DateField()
    response_due_date = models.DateField(
        null=True, blank=True, help_text="When the Ombudsman asked for our response by."
    )
    response_sent_date = models.DateField(null=True, blank=True)
    summary = models.TextField(
        blank=True, help_text="A short, anonymised summary of the case, for the annual report."
    )
    decision_date = models.DateField(null=True, blank=True)
    decision = models.CharField(
        max_length=32, choices=Decision.choices, blank=True, help_text="Blank: pending."
    )
    recommendations = models.TextField(blank=True)
    remedy_due_date = models.DateField(
        null=True, blank=True, help_text="When the remedies must be complied with."
    )
    remedy_completed_date = models.DateField(
        null=True, blank=True, help_text="When the last remedy was complied with."
    )
    custom_data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["received_date", "lgo_reference"]
        verbose_name_plural = "enquiries"

    def __str__(self) -> str:
        return self.lgo_reference


class RemedyKind(models.TextChoices):
    APOLOGY = "apology", "Apology"
    PAYMENT = "payment", "Payment"
    SERVICE_IMPROVEMENT = "service_improvement", "Service improvement"
    START_STAGE = "start_stage", "Consider under the complaints procedure"
    OTHER = "other", "Other"


class Remedy(TimeStampedModel):
    """One thing the Ombudsman asked the authority to do, and the evidence it was done."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="remedies")
    kind = models.CharField(max_length=24, choices=RemedyKind.choices)
    description = models.TextField(blank=True)
    due_date = models.DateField(null=True, blank=True)
    completed_date = models.DateField(null=True, blank=True)
    evidence = models.TextField(blank=True, help_text="Evidence of compliance.")
    custom_data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["enquiry", "due_date", "id"]
        verbose_name_plural = "remedies"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.enquiry}"
