from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "redress.letters"
    label = "letters"
    verbose_name = "Letters"
