from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("reminders/", views.preferences, name="preferences"),
    path("failed/", views.failed, name="failed"),
    path("<int:pk>/retry/", views.retry, name="retry"),
]
