from typing import Any

from django.apps import AppConfig


def _refresh_due_dates(**kwargs: Any) -> None:
    from redress.complaints.state import refresh_all

    refresh_all(open_only=True)


class ComplaintsConfig(AppConfig):
    name = "redress.complaints"
    label = "complaints"

    def ready(self) -> None:
        from redress.procedures.signals import deadline_rules_changed

        deadline_rules_changed.connect(_refresh_due_dates, dispatch_uid="complaints.state")
