from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "redress.imports"
    label = "imports"
