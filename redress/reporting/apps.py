from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "redress.reporting"
    label = "reporting"

    def ready(self) -> None:
        from redress.core import config

        from .document.sections import SECTION_KEYS

        # `redress config set report_sections …` names these keys (core knows no app above it).
        config.register_values("report_sections", SECTION_KEYS)
