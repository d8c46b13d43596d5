from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Redress administration"
admin.site.site_title = "Redress"

urlpatterns = [
    path("", include("redress.core.urls")),
    path("accounts/", include("redress.accounts.urls")),
    path("complaints/", include("redress.complaints.urls")),
    path("ombudsman/", include("redress.ombudsman.urls")),
    path("learning/", include("redress.complaints.urls_learning")),
    path("feedback/", include("redress.feedback.urls")),
    path("reports/", include("redress.reporting.urls")),
    path("admin/", admin.site.urls),
]
