from django.core.management.base import BaseCommand

from redress.core import config
from redress.demo.documents import add_demo_documents
from redress.demo.letters import add_demo_letters
from redress.demo.names import add_demo_names
from redress.demo.submissions import add_demo_submissions, complaint_to_follow
from redress.demo.surveys import add_demo_surveys

DEMO_SETTINGS = {
    "authority_name": "Kingsmoor Children's Trust",
    # Stage 2 investigation spending divided by the investigations it paid for, in the demo year.
    "stage2_average_cost": "3500",
    "suppression_threshold": "5",
    # Complaints recorded in the demo are numbered as its records are: KCT-2022-0042, counted
    # within each reporting year, after the highest number already used.
    "reference_prefix": "KCT",
    "reference_year": "reporting",
    # The letterhead and contact details of letters made from templates (redress/letters).
    "letter_address": "Kingsmoor House, 1 Market Street, Kingsmoor, KM1 1AA",
    "complaints_phone": "0300 123 4567",
    "complaints_email": "complaints@kingsmoor.example",
    "complaints_website": "www.kingsmoor.example/complaints",
    "advocacy_provider_name": "Kingsmoor Children's Advocacy Service",
    "advocacy_provider_email": "referrals@advocacy.kingsmoor.example",
}


class Command(BaseCommand):
    help = (
        "Configure the demo authority (name, average stage 2 cost, suppression threshold, and "
        "complaint references numbered like its records, the letterhead), give its people made-up "
        "names, and add a few generated documents, surveys, letters and forms sent through the "
        "public pages."
    )

    def handle(self, *args, **options):
        for key, value in DEMO_SETTINGS.items():
            config.set_value(key, value, by=None)
            self.stdout.write(f"{key} = {config.show(key)}")
        named = add_demo_names()
        self.stdout.write(f"{named} demo people given made-up names, addresses and emails")
        added = add_demo_documents()
        self.stdout.write(f"{added} demo documents added")
        surveys, link = add_demo_surveys()
        self.stdout.write(f"{surveys} demo satisfaction surveys added")
        if link:
            self.stdout.write(f"A satisfaction survey link to try, as a complainant: {link}")
        letters = add_demo_letters()
        self.stdout.write(f"{letters} demo letters produced, each as Word and PDF")
        sent = add_demo_submissions()
        self.stdout.write(f"{sent} demo forms sent through the public pages, waiting for triage")
        follow = complaint_to_follow()
        if follow is not None and follow.complainant is not None:
            self.stdout.write(
                f"To follow a complaint as its complainant at /public/follow/: reference "
                f"{follow.reference}, email address {follow.complainant.email}"
            )
