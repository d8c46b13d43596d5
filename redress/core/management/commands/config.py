"""`redress config list | get KEY | set KEY VALUE`: the authority's settings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from redress.core import config

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser as User  # core imports no app above it


class Command(BaseCommand):
    help = (
        "Show and change the authority's settings. 'list' shows every key, its value, what it "
        "means, its valid values, default and an example; 'get KEY' prints one value; 'set KEY "
        "VALUE' validates and stores one (audited as the system, or as --by USERNAME)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["list", "get", "set"])
        parser.add_argument("key", nargs="?", help="The setting, e.g. stage2_average_cost.")
        parser.add_argument(
            "value",
            nargs="*",
            help="The new value (words are joined with spaces, so quotes are optional).",
        )
        parser.add_argument(
            "--by", metavar="USERNAME", help="The complaints manager making the change."
        )

    def handle(self, *args: Any, action: str, key: str | None, value: list[str], **options: Any):
        if action == "list":
            if key:
                raise CommandError("'list' takes no key; use 'get KEY' for one setting.")
            self._list()
            return
        if not key:
            raise CommandError(f"Say which setting: redress config {action} KEY.")
        try:
            if action == "get":
                if value:
                    raise CommandError("'get' takes only a key; use 'set KEY VALUE' to change it.")
                self.stdout.write(config.show(key))
                return
            if not value:
                raise CommandError(
                    f'Give the new value: redress config set {key} VALUE (use "" to clear).'
                )
            by = self._user(options["by"])
            stored = config.set_value(key, " ".join(value), by=by)
        except config.SettingError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"{key} = {config.SETTINGS[key].show(stored)}")

    def _list(self) -> None:
        for setting, shown in config.listing():
            help_ = config.describe(setting.key)
            self.stdout.write(f"{setting.key} = {shown}")
            self.stdout.write(f"    {setting.label}. {help_.what}")
            self.stdout.write(
                f"    Valid values: {help_.valid}. Default: {help_.default}. "
                f"Example: {help_.example}"
            )

    @staticmethod
    def _user(username: str | None) -> User | None:
        if username is None:
            return None
        user = get_user_model()._default_manager.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user called '{username}'.")
        if not getattr(user, "configures", False):
            raise CommandError(
                f"{username} is not a complaints manager, so cannot change settings."
            )
        return user
