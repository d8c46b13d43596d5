from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "redress.complaints"
    label = "complaints"
