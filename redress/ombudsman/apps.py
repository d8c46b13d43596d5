from django.apps import AppConfig


class OmbudsmanConfig(AppConfig):
    name = "redress.ombudsman"
    label = "ombudsman"
