"""The complaint record: complaints, their stages, extensions, aspects and findings, the people
appointed to them, mediation, payments and learning actions.

Models hold data and invariants; every change of state goes through `complaints.services`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from redress.core.models import TimeStampedModel

from .choices import (
    CYP_COMPLAINANT_TYPES,
    Advocacy,
    AppointmentRole,
    ComplainantType,
    Finding,
    MediationOutcome,
    Method,
    Outcome,
    PaymentKind,
    PaymentStage,
    StageStatus,
)


class Complaint(TimeStampedModel):
    reference = models.CharField(max_length=64, unique=True)
    received_date = models.DateField(help_text="When the complaint was first received.")
    procedure = models.ForeignKey(
        "procedures.Procedure", on_delete=models.PROTECT, related_name="complaints"
    )
    method = models.CharField(max_length=16, choices=Method.choices, blank=True)
    complainant = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="complaints"
    )
    complainant_type = models.CharField(max_length=24, choices=ComplainantType.choices, blank=True)
    on_behalf_of = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints_on_behalf",
        help_text="The child or young person the complaint is about, where not the complainant.",
    )
    advocate = models.CharField(max_length=16, choices=Advocacy.choices, blank=True)
    advocate_person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints_advocated",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
        help_text="The organisation responsible for stage 1, where several share the procedure.",
    )
    service_area = models.ForeignKey(
        "organisations.ServiceArea", on_delete=models.PROTECT, related_name="complaints"
    )
    locality = models.ForeignKey(
        "organisations.Locality",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
        help_text="Blank: citywide.",
    )
    theme = models.ForeignKey(
        "taxonomies.Term", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    summary = models.TextField(blank=True)
    desired_outcome = models.TextField(
        blank=True, help_text="What the complainant says would put things right."
    )
    children = models.ManyToManyField(
        "people.Person",
        blank=True,
        related_name="complaints_about",
        help_text="Every child or young person the complaint is about.",
    )
    advocacy_offered = models.BooleanField(
        null=True, blank=True, help_text="Whether an advocate was offered. Blank: not recorded."
    )
    advocate_organisation = models.CharField(max_length=200, blank=True)
    advocacy_referred_on = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the child was referred to the authority's advocacy provider.",
    )
    # The current stage's state, kept by the services in the same transaction as the change
    # (`complaints.state`), so lists filter, sort and count on indexed columns (ADR 0015).
    stage_reached = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    status = models.CharField(
        max_length=8, choices=StageStatus.choices, default=StageStatus.OPEN, editable=False
    )
    due_date = models.DateField(
        null=True, blank=True, editable=False, help_text="The current open stage's deadline."
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    # What the list's search looks in (reference, names, Ombudsman references), kept with the
    # stored state (`complaints.state.search_text`; trigram-indexed on PostgreSQL).
    search_text = models.TextField(blank=True, default="", editable=False)
    related_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="follow_ons"
    )
    custom_data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-received_date", "reference"]
        indexes = [
            models.Index(fields=["received_date"], name="complaint_received_idx"),
            models.Index(fields=["received_date", "reference"], name="complaint_list_idx"),
            models.Index(fields=["status", "due_date", "reference"], name="complaint_due_idx"),
            models.Index(fields=["stage_reached", "received_date"], name="complaint_stage_idx"),
            # The list sorted by due date (ADR 0015), walked from a keyset cursor.
            models.Index(fields=["due_date", "reference"], name="complaint_due_sort_idx"),
            # The open, on-hold and overdue lists newest first: the open complaints alone.
            models.Index(
                fields=["received_date", "reference", "status", "due_date"],
                condition=models.Q(status__in=["open", "on_hold"]),
                name="complaint_open_list_idx",
            ),
            # The open complaints at a stage under a procedure (the stage 2s of an independent
            # investigation waiting for appointments): read once, not a lookup per stage.
            models.Index(
                fields=["stage_reached", "procedure", "id"],
                condition=models.Q(status__in=["open", "on_hold"]),
                name="complaint_open_stage_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_cyp(self) -> bool:
        return self.complainant_type in CYP_COMPLAINANT_TYPES


class Stage(TimeStampedModel):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="stages")
    number = models.PositiveSmallIntegerField()
    received_date = models.DateField(help_text="The request (stage 1: the complaint) received.")
    acknowledged_date = models.DateField(null=True, blank=True)
    statement_agreed_date = models.DateField(
        null=True, blank=True, help_text="Stage 2: the statement of complaint agreed."
    )
    responded_date = models.DateField(
        null=True, blank=True, help_text="The response (stage 3: the authority's final response)."
    )
    outcome = models.CharField(
        max_length=24, choices=Outcome.choices, blank=True, help_text="Blank while outstanding."
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="stages",
    )
    io_report_date = models.DateField(
        null=True, blank=True, help_text="Stage 2: the investigating officer's report."
    )
    ip_report_date = models.DateField(
        null=True, blank=True, help_text="Stage 2: the independent person's report."
    )
    adjudication_date = models.DateField(
        null=True, blank=True, help_text="Stage 2: the adjudication on the reports."
    )
    panel_date = models.DateField(null=True, blank=True)
    panel_report_date = models.DateField(null=True, blank=True)
    panel_recommendations = models.TextField(blank=True)
    closed_reason = models.TextField(
        blank=True, help_text="Why the stage was withdrawn or found outside jurisdiction."
    )
    # Kept by the services (`complaints.state`): see ADR 0015.
    status = models.CharField(
        max_length=8, choices=StageStatus.choices, default=StageStatus.OPEN, editable=False
    )
    due_date = models.DateField(
        null=True, blank=True, editable=False, help_text="The applicable deadline, holds included."
    )
    held_days = models.PositiveSmallIntegerField(
        default=0, editable=False, help_text="Working days on hold (ended holds)."
    )
    allocated_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="allocated_stages",
    )
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    custom_data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["complaint", "number"]
        constraints = [
            models.UniqueConstraint(fields=["complaint", "number"], name="stage_unique_number"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=3), name="stage_number_1_to_3"
            ),
        ]
        indexes = [
            models.Index(fields=["number", "received_date"], name="stage_received_idx"),
            models.Index(fields=["responded_date"], name="stage_responded_idx"),
            models.Index(fields=["status", "due_date"], name="stage_due_idx"),
            models.Index(fields=["allocated_to", "status", "due_date"], name="stage_allocated_idx"),
            # ADR 0015: the open stages alone (a few thousand at a million complaints), with what
            # My work and the team's work count as keys (SQLite has no INCLUDE), so counting
            # them reads no table rows: the id too, which counting and the appointments asked
            # of each stage read.
            models.Index(
                fields=[
                    "allocated_to",
                    "number",
                    "due_date",
                    "status",
                    "complaint",
                    "acknowledged_date",
                    "statement_agreed_date",
                    "id",
                ],
                condition=models.Q(status__in=["open", "on_hold"]),
                name="stage_open_idx",
            ),
            # A person's complaints (who may see what), without reading their stages' rows.
            models.Index(fields=["allocated_to", "complaint", "number"], name="stage_person_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.complaint.reference} stage {self.number}"

    @property
    def is_open(self) -> bool:
        return self.responded_date is None and self.outcome == ""

    def clean(self) -> None:
        errors = {}
        for field in (
            "acknowledged_date",
            "statement_agreed_date",
            "responded_date",
            "io_report_date",
            "ip_report_date",
            "adjudication_date",
            "panel_date",
        ):
            value = getattr(self, field)
            if value and self.received_date and value < self.received_date:
                errors[field] = "This date is before the stage was received."
        if self.panel_report_date and self.panel_date and self.panel_report_date < self.panel_date:
            errors["panel_report_date"] = "The panel's report cannot come before the panel."
        if errors:
            raise ValidationError(errors)


class Hold(TimeStampedModel):
    """A stage put on hold: its clock stops from `start_date` until `end_date` (blank while it
    is still on hold), e.g. while court proceedings or a criminal investigation would be
    prejudiced. Every deadline moves by the working days held."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="holds")
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    reason = models.TextField()
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["stage", "start_date", "id"]

    def __str__(self) -> str:
        return f"{self.stage} on hold from {self.start_date}"


class Extension(TimeStampedModel):
    """An agreed extension: the stage's deadline becomes `extended_to_days` working days."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="extensions")
    agreed_date = models.DateField(null=True, blank=True)
    extended_to_days = models.PositiveSmallIntegerField()
    reason = models.TextField(blank=True)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["stage", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.stage} extended to {self.extended_to_days} working days"


class Aspect(models.Model):
    """One reason for complaint at one stage, with the finding on it."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="aspects")
    category = models.ForeignKey("taxonomies.Term", on_delete=models.PROTECT, related_name="+")
    subcategory = models.ForeignKey(
        "taxonomies.Term", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    finding = models.CharField(max_length=24, choices=Finding.choices, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    custom_data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["stage", "order", "id"]

    def __str__(self) -> str:
        return str(self.subcategory or self.category)


class Appointment(TimeStampedModel):
    """Someone appointed to a stage: investigating officer, independent person, panellist."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="appointments")
    role = models.CharField(max_length=24, choices=AppointmentRole.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appointments",
    )
    name = models.CharField(max_length=200, help_text="As they are known to the complainant.")
    appointed_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["stage", "role", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class Mediation(TimeStampedModel):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="mediations")
    after_stage = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="The stage whose response the complainant was unhappy with.",
    )
    offered_date = models.DateField()
    held_date = models.DateField(null=True, blank=True)
    outcome = models.CharField(
        max_length=16, choices=MediationOutcome.choices, blank=True, help_text="Blank: pending."
    )
    mediator = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True)
    custom_data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["offered_date", "id"]

    def __str__(self) -> str:
        return f"Mediation on {self.complaint} offered {self.offered_date}"


class Payment(TimeStampedModel):
    """A cost of handling complaints or a compensation payment, in pounds and pence."""

    complaint = models.ForeignKey(
        Complaint, null=True, blank=True, on_delete=models.PROTECT, related_name="payments"
    )
    enquiry = models.ForeignKey(
        "ombudsman.Enquiry",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="payments",
    )
    date = models.DateField()
    stage = models.CharField(max_length=3, choices=PaymentStage.choices)
    kind = models.CharField(max_length=24, choices=PaymentKind.choices)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    description = models.CharField(max_length=300, blank=True)
    custom_data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["date"], name="payment_date_idx")]

    def __str__(self) -> str:
        return f"£{self.amount} {self.get_kind_display()} ({self.get_stage_display()})"


class LearningAction(TimeStampedModel):
    """What a complaint taught, and the action taken on it."""

    complaint = models.ForeignKey(
        Complaint, null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    description = models.TextField()
    theme = models.ForeignKey(
        "taxonomies.Term", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    owner = models.CharField(max_length=200, blank=True)
    stage_number = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The stage whose response prompted the action."
    )
    you_said = models.TextField(blank=True, help_text='"You said": what the complaint told us.')
    we_did = models.TextField(blank=True, help_text='"We did": what changed as a result.')
    raised_date = models.DateField()
    due_date = models.DateField(null=True, blank=True)
    completed_date = models.DateField(null=True, blank=True)
    completion_evidence = models.TextField(blank=True)
    custom_data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["raised_date", "id"]

    def __str__(self) -> str:
        return self.description[:60]
