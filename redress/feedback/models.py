"""Compliments, informal feedback and the closing-the-loop answers children give."""

from django.db import models

from redress.core.models import TimeStampedModel


class ComplimentSource(models.TextChoices):
    CHILD_YOUNG_PERSON = "child_young_person", "Child or young person"
    PARENT = "parent", "Parent"
    CARER = "carer", "Carer"
    FOSTER_CARER = "foster_carer", "Foster carer"
    COURT = "court", "Court"
    SCHOOL = "school", "School"
    HEALTH = "health", "Health"
    PARTNER_AGENCY = "partner_agency", "Partner agency"
    COLLEAGUE = "colleague", "Colleague"
    OTHER = "other", "Other"


class Compliment(TimeStampedModel):
    received_date = models.DateField()
    service_area = models.ForeignKey(
        "organisations.ServiceArea", on_delete=models.PROTECT, related_name="compliments"
    )
    locality = models.ForeignKey(
        "organisations.Locality", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    staff_member = models.CharField(max_length=200, blank=True)
    consent_to_publish = models.BooleanField(
        default=False, help_text="The staff member agreed to be named in a published report."
    )
    source = models.CharField(max_length=24, choices=ComplimentSource.choices, blank=True)
    external = models.BooleanField(
        null=True, blank=True, help_text="From outside the organisation."
    )
    text = models.TextField(blank=True)
    custom_data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["received_date", "id"]

    def __str__(self) -> str:
        return f"Compliment for {self.service_area} on {self.received_date}"


class InformalFeedback(TimeStampedModel):
    """Feedback that is not a formal complaint, often from a child through an advocate."""

    received_date = models.DateField()
    from_child = models.BooleanField(default=False)
    theme = models.ForeignKey(
        "taxonomies.Term", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    service_area = models.ForeignKey(
        "organisations.ServiceArea",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="informal_feedback",
    )
    advocate = models.BooleanField(null=True, blank=True)
    satisfied = models.BooleanField(null=True, blank=True, help_text="Blank: not known.")
    summary = models.TextField(blank=True)
    custom_data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["received_date", "id"]
        verbose_name_plural = "informal feedback"

    def __str__(self) -> str:
        return f"Informal feedback on {self.received_date}"


class Question(models.TextChoices):
    RIGHTS_UNDERSTOOD = "rights_understood", "Did you understand your rights?"
    OUTCOME_UNDERSTOOD = "outcome_understood", "Do you understand what happened?"
    TAKEN_SERIOUSLY = "taken_seriously", "Were your concerns taken seriously?"
    ACTION_TAKEN = "action_taken", "Was the necessary action taken?"
    ON_TIME = "on_time", "Was the response on time?"
    THINGS_IMPROVED = "things_improved", "Have things improved?"
    ADVOCACY_AWARE = "advocacy_aware", "Were you told about advocacy and independent visitors?"


class Answer(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    PARTLY = "partly", "Partly"


class SatisfactionAnswer(TimeStampedModel):
    """A closing-the-loop answer given at the end of a complaint."""

    complaint = models.ForeignKey(
        "complaints.Complaint", on_delete=models.CASCADE, related_name="satisfaction_answers"
    )
    question = models.CharField(max_length=24, choices=Question.choices)
    answer = models.CharField(max_length=8, choices=Answer.choices, blank=True)
    custom_data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["complaint", "question"]
        constraints = [
            models.UniqueConstraint(fields=["complaint", "question"], name="answer_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.complaint}: {self.question} = {self.answer or 'no answer'}"


class InformalFeedbackAnswer(TimeStampedModel):
    """A closing-the-loop answer given with informal feedback (a child's feedback sent through
    the public pages asks some of the questions a complaint's close asks), with the words the
    form used to ask it, which were simpler than the question's own."""

    feedback = models.ForeignKey(
        InformalFeedback, on_delete=models.CASCADE, related_name="loop_answers"
    )
    question = models.CharField(max_length=24, choices=Question.choices)
    asked = models.CharField(
        "question as asked", max_length=200, blank=True, help_text="The form's own wording."
    )
    answer = models.CharField(max_length=8, choices=Answer.choices, blank=True)

    class Meta:
        ordering = ["feedback", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["feedback", "question"], name="informal_answer_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.feedback}: {self.question} = {self.answer or 'no answer'}"
