from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "redress.organisations"
    label = "organisations"
