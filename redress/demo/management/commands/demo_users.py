from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from redress.accounts.models import User
from redress.accounts.second_factor import required_for
from redress.demo.users import create_demo_users, set_up_second_factor


class Command(BaseCommand):
    help = "Create the demo users (one per role) and print where and how to sign in."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/", help="Where the demo runs.")

    def handle(self, *args, url: str, **options):
        with transaction.atomic():
            users = create_demo_users()
            second_factors = [
                set_up_second_factor(user)
                for user in User.objects.filter(username__in=[s.username for s, _ in users])
                if required_for(user)
            ]
        width = max(len(spec.username) for spec, _ in users)
        lines = [
            "",
            "Redress demo is ready.",
            f"The public pages (complain, compliment, follow a complaint; no sign-in) are at "
            f"{url.rstrip('/')}/public/",
            "",
            f"Staff sign in at {url.rstrip('/')}/accounts/login/ with one of these:",
            "",
        ]
        lines += [
            f"  {spec.username:<{width}}  {password:<30}  {spec.role.label}"
            for spec, password in users
        ]
        for demo in second_factors:
            lines += [
                "",
                f"After the password, '{demo.username}' gives a code from an authenticator app.",
                "Add this key to an app (a time-based key, 6-digit codes):",
                f"    {demo.key}",
                "or, without an app, give one of these backup codes (each works once):",
                f"    {' '.join(demo.backup_codes)}",
            ]
        lines += [
            "",
            f"The admin is at {url.rstrip('/')}/admin/ (sign in as 'manager').",
            "Passwords, key and codes are new each time `make demo` runs; they are also in "
            "var/demo/logins.txt.",
            "",
        ]
        text = "\n".join(lines)
        logins = Path(settings.VAR_DIR) / "demo" / "logins.txt"
        logins.parent.mkdir(parents=True, exist_ok=True)
        logins.write_text(text)
        logins.chmod(0o600)
        self.stdout.write(text)
