from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "redress.documents"
    label = "documents"
    verbose_name = "Documents"
