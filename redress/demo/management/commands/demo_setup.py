from django.core.management.base import BaseCommand, CommandError

from redress.core import config
from redress.demo.documents import add_demo_documents
from redress.demo.generator.sandwell import shape as sandwell
from redress.demo.letters import add_demo_letters
from redress.demo.names import add_demo_names
from redress.demo.structure import apply_sandwell_structure
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

# The second demo authority (demo_generate --authority sandwell): its own name and letterhead,
# and the report profile of Sandwell's report: reasons by theme, and its sections in its order
# (background, procedure, the complaints service, stage 1 and its timeliness, children and
# young people, mediation, stages 2 and 3, the Ombudsman, themes, learning, compliments, next
# steps). It has no costs, no ratios to referrals and no appendices.
SANDWELL_SETTINGS = {
    **DEMO_SETTINGS,
    "authority_name": sandwell.AUTHORITY,
    "stage2_average_cost": sandwell.STAGE2_AVERAGE_COST,
    "reference_prefix": sandwell.PREFIX,
    "letter_address": "Brackenford Council House, Freeth Street, Brackenford, BK1 2AA",
    "complaints_phone": "0300 765 4321",
    "complaints_email": "customer.experience@brackenford.example",
    "complaints_website": "www.brackenford.example/feedback",
    "advocacy_provider_name": "Brackenford Young People's Advocacy",
    "advocacy_provider_email": "advocacy@brackenford.example",
    "report_reasons_by": "theme",
    # Timeliness over the complaints received in the year, each against its own deadline.
    "report_timeliness_by": "deadline",
    "report_sections": ",".join(
        (
            "summary",
            "procedure",
            "volumes",
            "methods",
            "complainants",
            "outcomes",
            "services",
            "timeliness",
            "children",
            "mediation",
            "escalation",
            "ombudsman",
            "reasons",
            "learning",
            "compliments",
            "next_steps",
            "annex_suppressions",
        )
    ),
}


class Command(BaseCommand):
    help = (
        "Configure the demo authority (name, average stage 2 cost, suppression threshold, and "
        "complaint references numbered like its records, the letterhead), give its people made-up "
        "names, and add a few generated documents, surveys, letters and forms sent through the "
        "public pages."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--authority",
            choices=("birmingham", "sandwell"),
            default="birmingham",
            help="The demo authority whose workbook was imported: birmingham (Kingsmoor, the "
            "default) or sandwell (Brackenford, which also sets its trust, council and the "
            "restructure's dates).",
        )

    def handle(self, *args, authority: str = "birmingham", **options):
        settings = DEMO_SETTINGS
        if authority == "sandwell":
            settings = SANDWELL_SETTINGS
            try:
                changed = apply_sandwell_structure()
            except LookupError as error:
                raise CommandError(str(error)) from None
            self.stdout.write(
                f"{changed} records of the structure set: the trust answers stage 1, the council "
                "stages 2 and 3; service areas until 31 December 2021, localities from "
                f"{sandwell.RESTRUCTURE:%-d %B %Y}"
            )
        for key, value in settings.items():
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
