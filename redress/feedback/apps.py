from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "redress.feedback"
    label = "feedback"
