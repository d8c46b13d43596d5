from django.urls import path

from . import views

app_name = "retention"
urlpatterns = [
    path("<int:pk>/legal-hold/", views.legal_hold, name="legal_hold"),
]
