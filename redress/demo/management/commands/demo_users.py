from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from redress.demo.users import create_demo_users


class Command(BaseCommand):
    help = "Create the demo users (one per role) and print where and how to sign in."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/", help="Where the demo runs.")

    def handle(self, *args, url: str, **options):
        users = create_demo_users()
        width = max(len(spec.username) for spec, _ in users)
        lines = [
            "",
            "Redress demo is ready.",
            f"Sign in at {url.rstrip('/')}/accounts/login/ with one of these:",
            "",
        ]
        lines += [
            f"  {spec.username:<{width}}  {password:<30}  {spec.role.label}"
            for spec, password in users
        ]
        lines += [
            "",
            f"The admin is at {url.rstrip('/')}/admin/ (sign in as 'manager').",
            "Passwords are new each time `make demo` runs; they are also in var/demo/logins.txt.",
            "",
        ]
        text = "\n".join(lines)
        logins = Path(settings.VAR_DIR) / "demo" / "logins.txt"
        logins.parent.mkdir(parents=True, exist_ok=True)
        logins.write_text(text)
        logins.chmod(0o600)
        self.stdout.write(text)
