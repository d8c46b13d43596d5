from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "redress.reporting"
    label = "reporting"
