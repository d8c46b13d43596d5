from django.apps import AppConfig


class ProceduresConfig(AppConfig):
    name = "redress.procedures"
    label = "procedures"
