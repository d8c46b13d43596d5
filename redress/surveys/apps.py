from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "redress.surveys"
    label = "surveys"
    verbose_name = "Satisfaction surveys"
