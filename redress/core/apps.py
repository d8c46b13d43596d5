from django.apps import AppConfig
from django.db.backends.signals import connection_created


class CoreConfig(AppConfig):
    name = "redress.core"
    label = "core"

    def ready(self) -> None:
        from .append_only import register_sqlite_function

        connection_created.connect(register_sqlite_function, dispatch_uid="redress_audit_sqlite")
