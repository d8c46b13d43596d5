from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.generic import TemplateView

from . import sso, views
from .middleware import second_factor_not_required

app_name = "accounts"
urlpatterns = [
    path("login/", views.SignInView.as_view(), name="login"),
    path(
        "logout/confirm/",
        second_factor_not_required(TemplateView.as_view(template_name="accounts/logout.html")),
        name="logout_confirm",
    ),
    path("logout/", second_factor_not_required(auth_views.LogoutView.as_view()), name="logout"),
    # The second factor (redress.accounts.second_factor)
    path("two-step/", views.overview, name="second_factor"),
    path("two-step/set-up/", views.set_up, name="second_factor_setup"),
    path("two-step/code/", views.verify, name="second_factor_verify"),
    path("two-step/backup-codes/", views.backup_codes, name="backup_codes"),
    # Single sign-on (redress.accounts.sso): not found unless configured
    path("sso/start/", sso.start, name="sso_start"),
    path("sso/callback/", sso.callback, name="sso_callback"),
]
