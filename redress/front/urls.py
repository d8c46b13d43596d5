"""The public side, under /public/: forms without an account and following a complaint. Every
view here is `login_not_required` and uses the public layout (front/_layout.html)."""

from django.urls import path

from .views import start

app_name = "front"
urlpatterns = [
    path("", start.start, name="start"),
]
