from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "redress.notifications"
    label = "notifications"
    verbose_name = "Messages and reminders"
