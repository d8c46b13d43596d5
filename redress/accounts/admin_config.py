"""The Django admin's app configuration, naming Redress's admin site (its own module: an
`apps.py` with two configurations would leave Django unable to choose the accounts app's)."""

from django.contrib.admin.apps import AdminConfig


class RedressAdminConfig(AdminConfig):
    """The Django admin, on a site that asks for the second factor and signs in on Redress's
    own sign-in page (redress.accounts.admin_site)."""

    default_site = "redress.accounts.admin_site.RedressAdminSite"
