import datetime
from decimal import Decimal

import factory

from redress.complaints.models import (
    Appointment,
    Aspect,
    Complaint,
    Extension,
    Hold,
    LearningAction,
    Mediation,
    Payment,
    Stage,
)
from redress.complaints.state import refresh_complaints
from redress.organisations.tests.factories import ServiceAreaFactory
from redress.people.tests.factories import PersonFactory
from redress.procedures.models import Procedure
from redress.taxonomies.tests.factories import shipped_term


class ComplaintFactory(factory.django.DjangoModelFactory):
    """A complaint with its stage 1 (received the same day). `ComplaintFactory(stage1=None)`
    makes one without any stage."""

    class Meta:
        model = Complaint
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"CSC-2021-{n:05d}")
    received_date = datetime.date(2021, 6, 7)
    procedure = factory.LazyFunction(lambda: Procedure.objects.get(code="statutory"))
    method = "email"
    complainant = factory.SubFactory(PersonFactory)
    complainant_type = "parent"
    advocate = "none"
    service_area = factory.SubFactory(ServiceAreaFactory)

    @factory.post_generation
    def stage1(obj, create, extracted, **kwargs):  # noqa: N805
        if not create:
            return
        if extracted is False:
            refresh_complaints([obj.pk])  # its search text, as the services keep it
            return
        StageFactory(complaint=obj, number=1, received_date=obj.received_date, **kwargs)


class StageFactory(factory.django.DjangoModelFactory):
    """A stage, with its complaint's stored state worked out as the services would. A test
    that changes a stage with `.update()` calls `refresh_complaints` itself."""

    class Meta:
        model = Stage
        skip_postgeneration_save = True

    complaint = factory.SubFactory(ComplaintFactory, stage1=False)
    number = 1
    received_date = factory.LazyAttribute(lambda o: o.complaint.received_date)

    @factory.post_generation
    def state(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            refresh_complaints([obj.complaint_id])
            obj.refresh_from_db(fields=["status", "due_date", "held_days"])


class ExtensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Extension
        skip_postgeneration_save = True

    stage = factory.SubFactory(StageFactory)
    extended_to_days = 20
    reason = "Complex case"

    @factory.post_generation
    def state(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            refresh_complaints([obj.stage.complaint_id])


class HoldFactory(factory.django.DjangoModelFactory):
    """A hold (running unless given an `end_date`), with its stage's stored state worked out
    again as the services would."""

    class Meta:
        model = Hold
        skip_postgeneration_save = True

    stage = factory.SubFactory(StageFactory)
    start_date = factory.LazyAttribute(lambda o: o.stage.received_date)
    reason = "Court proceedings"

    @factory.post_generation
    def state(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            refresh_complaints([obj.stage.complaint_id])


class AspectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Aspect

    stage = factory.SubFactory(StageFactory)
    category = factory.LazyFunction(lambda: shipped_term("Service Quality"))
    subcategory = factory.LazyFunction(
        lambda: shipped_term("Service Quality", "Poor Communication")
    )


class AppointmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appointment

    stage = factory.SubFactory(StageFactory, number=2)
    role = "investigating_officer"
    name = factory.Faker("name", locale="en_GB")


class MediationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mediation

    complaint = factory.SubFactory(ComplaintFactory)
    after_stage = 1
    offered_date = datetime.date(2021, 7, 1)


class PaymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Payment

    date = datetime.date(2021, 7, 1)
    stage = "1"
    kind = "compensation"
    amount = Decimal("100.00")


class LearningActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearningAction

    complaint = factory.SubFactory(ComplaintFactory)
    description = "Remind social workers to share meeting minutes promptly."
    raised_date = datetime.date(2021, 7, 1)
    due_date = datetime.date(2021, 9, 30)
