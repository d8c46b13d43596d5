from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "redress.retention"
    label = "retention"
    verbose_name = "Retention"
