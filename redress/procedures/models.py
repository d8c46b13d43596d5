"""Procedures as configuration: each procedure's stages and their timescales, and closure days.

The statutory children's procedure and the local procedure ship as data
(`procedures/fixtures/procedures.json`, loaded by a migration); an authority can add or adjust
procedures in the admin without a code change.
"""

from django.core.exceptions import ValidationError
from django.db import models


class Procedure(models.Model):
    code = models.SlugField(max_length=32, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name

    def stage_rule(self, number: int) -> "StageRule":
        for rule in self.stage_rules.all():
            if rule.stage == number:
                return rule
        raise StageRule.DoesNotExist(f"The {self.name} has no stage {number}.")

    @property
    def last_stage(self) -> int:
        return max(rule.stage for rule in self.stage_rules.all())


class ClockStart(models.TextChoices):
    RECEIVED = "received", "The request is received"
    STATEMENT_AGREED = "statement_agreed", "The statement of complaint is agreed"


class StageRule(models.Model):
    """The timescales of one stage of a procedure, all in working days."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="stage_rules")
    stage = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=100)
    timescale_days = models.PositiveSmallIntegerField(
        help_text="Initial timescale for the response (stage 3: request to final response)."
    )
    max_days = models.PositiveSmallIntegerField(
        help_text="The longest the procedure allows once extended (equal to the timescale when "
        "no extension is possible)."
    )
    clock_start = models.CharField(
        max_length=20, choices=ClockStart.choices, default=ClockStart.RECEIVED
    )
    acknowledgement_days = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Working days to acknowledge the request."
    )
    next_stage_request_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Working days after the response to ask for the next stage.",
    )
    panel_within_days = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Review panel: held within this many days of the request."
    )
    report_within_days = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Review panel: chair's report within this many days."
    )
    response_within_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Review panel: the authority's response within this many days of the report.",
    )
    # The statutory stage 2 is an independent investigation; the local procedure's stage 2 is a
    # review by a senior manager, with no one appointed, no reports and no adjudication.
    independent_investigation = models.BooleanField(
        "independent investigation",
        default=False,
        help_text="An Investigating Officer and an Independent Person are appointed and report, "
        "and a senior manager of the authority adjudicates on their reports (the statutory "
        "procedure's stage 2). Leave it off for a review by a manager (the local procedure's "
        "stage 2): the stage's pages then offer no appointments, reports or adjudication.",
    )

    class Meta:
        ordering = ["procedure", "stage"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "stage"], name="stage_rule_unique"),
            models.CheckConstraint(
                condition=models.Q(max_days__gte=models.F("timescale_days")),
                name="stage_rule_max_at_least_timescale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.procedure.name} stage {self.stage}: {self.name}"

    @property
    def extendable(self) -> bool:
        return self.max_days > self.timescale_days

    def clean(self) -> None:
        if (
            self.max_days is not None
            and self.timescale_days is not None
            and self.max_days < self.timescale_days
        ):
            raise ValidationError(
                {"max_days": "The maximum cannot be shorter than the initial timescale."}
            )


class ClosureDay(models.Model):
    """A day the authority is closed (beyond bank holidays); it is not a working day."""

    date = models.DateField(unique=True)
    reason = models.CharField(max_length=200, default="Authority closure day")

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.reason}"
