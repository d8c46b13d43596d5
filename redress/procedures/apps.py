from django.apps import AppConfig


class ProceduresConfig(AppConfig):
    name = "redress.procedures"
    label = "procedures"

    def ready(self) -> None:
        from . import config

        config.register()
