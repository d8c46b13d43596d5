from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.generic import TemplateView

from .forms import LoginForm

app_name = "accounts"
urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html", authentication_form=LoginForm
        ),
        name="login",
    ),
    path(
        "logout/confirm/",
        TemplateView.as_view(template_name="accounts/logout.html"),
        name="logout_confirm",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]
