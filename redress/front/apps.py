from django.apps import AppConfig


class FrontConfig(AppConfig):
    name = "redress.front"
    label = "front"
    verbose_name = "Public forms and follow my complaint"
