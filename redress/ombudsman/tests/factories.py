import datetime

import factory

from redress.ombudsman.models import Enquiry, Remedy


class EnquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enquiry

    lgo_reference = factory.Sequence(lambda n: f"21 {n:03d} 001")
    received_date = datetime.date(2021, 8, 2)


class RemedyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Remedy

    enquiry = factory.SubFactory(EnquiryFactory)
    kind = "apology"
    due_date = datetime.date(2021, 10, 1)
