from typing import Any

from django.apps import AppConfig


def _refresh_due_dates(**kwargs: Any) -> None:
    from redress.complaints.state import refresh_all

    refresh_all(open_only=True)


def _refresh_search(*, person_ids: list[int], **kwargs: Any) -> None:
    from redress.complaints.state import people_changed

    people_changed(person_ids)


class ComplaintsConfig(AppConfig):
    name = "redress.complaints"
    label = "complaints"

    def ready(self) -> None:
        from redress.people.signals import people_renamed
        from redress.procedures.signals import deadline_rules_changed

        deadline_rules_changed.connect(_refresh_due_dates, dispatch_uid="complaints.state")
        people_renamed.connect(_refresh_search, dispatch_uid="complaints.search")
