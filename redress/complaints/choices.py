"""The coded values of a complaint record. Their values are the codes of `redress.import/1`."""

from django.db import models


class Method(models.TextChoices):
    EMAIL = "email", "Email"
    ONLINE_FORM = "online_form", "Online form"
    TELEPHONE = "telephone", "Telephone"
    LETTER = "letter", "Letter"
    IN_PERSON = "in_person", "In person"
    ADVOCATE = "advocate", "Through an advocate"
    VIA_WORKER = "via_worker", "Through a worker"
    OTHER = "other", "Other"


class ComplainantType(models.TextChoices):
    PARENT = "parent", "Parent"
    OTHER_FAMILY = "other_family", "Other family member"
    CHILD_YOUNG_PERSON = "child_young_person", "Child or young person"
    CARE_LEAVER = "care_leaver", "Care leaver"
    FOSTER_CARER = "foster_carer", "Foster carer"
    SPECIAL_GUARDIAN = "special_guardian", "Special guardian"
    ADVOCATE = "advocate", "Advocate"
    PROFESSIONAL = "professional", "Professional"
    MEMBER_OF_PUBLIC = "member_of_public", "Member of the public"
    OTHER = "other", "Other"


CYP_COMPLAINANT_TYPES = frozenset({ComplainantType.CHILD_YOUNG_PERSON, ComplainantType.CARE_LEAVER})


class Advocacy(models.TextChoices):
    NONE = "none", "No advocate"
    INTERNAL = "internal", "Internal advocate"
    EXTERNAL = "external", "External advocate"


class Outcome(models.TextChoices):
    UPHELD = "upheld", "Upheld"
    PARTIALLY_UPHELD = "partially_upheld", "Partially upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"
    INCONCLUSIVE = "inconclusive", "Inconclusive"
    OUTSIDE_JURISDICTION = "outside_jurisdiction", "Outside jurisdiction"
    WITHDRAWN = "withdrawn", "Withdrawn"


# Stages that ended with one of these are left out of timeliness figures.
OUTCOMES_EXCLUDED_FROM_TIMELINESS = frozenset({Outcome.OUTSIDE_JURISDICTION, Outcome.WITHDRAWN})


class Finding(models.TextChoices):
    UPHELD = "upheld", "Upheld"
    PARTIALLY_UPHELD = "partially_upheld", "Partially upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"


class AppointmentRole(models.TextChoices):
    INVESTIGATING_OFFICER = "investigating_officer", "Investigating officer"
    INDEPENDENT_PERSON = "independent_person", "Independent person"
    ADJUDICATOR = "adjudicator", "Adjudicating officer"
    PANEL_CHAIR = "panel_chair", "Review panel chair"
    PANEL_MEMBER = "panel_member", "Review panel member"


PANEL_ROLES = frozenset({AppointmentRole.PANEL_CHAIR, AppointmentRole.PANEL_MEMBER})


class MediationOutcome(models.TextChoices):
    RESOLVED = "resolved", "Resolved"
    ESCALATED = "escalated", "Escalated to the next stage"
    OMBUDSMAN = "ombudsman", "Referred to the Ombudsman"
    PAUSED = "paused", "Paused"
    DECLINED = "declined", "Declined"


class PaymentStage(models.TextChoices):
    STAGE1 = "1", "Stage 1"
    STAGE2 = "2", "Stage 2"
    STAGE3 = "3", "Stage 3"
    LGO = "lgo", "Ombudsman"


class PaymentKind(models.TextChoices):
    COMPENSATION = "compensation", "Compensation or financial remedy"
    INVESTIGATING_OFFICER = "investigating_officer", "Investigating officer"
    INDEPENDENT_PERSON = "independent_person", "Independent person"
    REVIEW_PANEL = "review_panel", "Review panel"
    OTHER_COST = "other_cost", "Other cost"


class StageStatus(models.TextChoices):
    """Where a stage (and a complaint, by its current stage) stands, as lists filter on it."""

    OPEN = "open", "Open"
    ON_HOLD = "on_hold", "On hold"
    CLOSED = "closed", "Closed"
