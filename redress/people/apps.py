from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "redress.people"
    label = "people"
