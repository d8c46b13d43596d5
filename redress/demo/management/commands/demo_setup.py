from django.core.management.base import BaseCommand

from redress.core import config
from redress.demo.documents import add_demo_documents

DEMO_SETTINGS = {
    "authority_name": "Kingsmoor Children's Trust",
    # Stage 2 investigation spending divided by the investigations it paid for, in the demo year.
    "stage2_average_cost": "3500",
    "suppression_threshold": "5",
    # Complaints recorded in the demo are numbered as its records are: KCT-2022-0042, counted
    # within each reporting year, after the highest number already used.
    "reference_prefix": "KCT",
    "reference_year": "reporting",
}


class Command(BaseCommand):
    help = (
        "Configure the demo authority (name, average stage 2 cost, suppression threshold, and "
        "complaint references numbered like its records), and add a few generated documents."
    )

    def handle(self, *args, **options):
        for key, value in DEMO_SETTINGS.items():
            config.set_value(key, value, by=None)
            self.stdout.write(f"{key} = {config.show(key)}")
        added = add_demo_documents()
        self.stdout.write(f"{added} demo documents added")
