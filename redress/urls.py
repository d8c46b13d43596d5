from django.contrib import admin
from django.urls import include, path

from redress.complaints.views.home import home

# "My work", the complaints app's home page, at `/`. It keeps the name `core:home` that every
# page's header, the error pages and the sign-in redirect use; `core` itself has no views (it
# is the bottom layer, importing no app above it).
HOME = ([path("", home, name="home")], "core")

admin.site.site_header = "Redress administration"
admin.site.site_title = "Redress"

urlpatterns = [
    path("", include(HOME)),
    path("accounts/", include("redress.accounts.urls")),
    path("complaints/", include("redress.complaints.urls")),
    path("complaints/", include("redress.retention.urls")),
    path("complaints/", include("redress.documents.urls")),
    path("ombudsman/", include("redress.ombudsman.urls")),
    path("learning/", include("redress.complaints.urls_learning")),
    path("feedback/", include("redress.feedback.urls")),
    path("people/", include("redress.people.urls")),
    path("reports/", include("redress.reporting.urls")),
    path("messages/", include("redress.notifications.urls")),
    path("complaints/", include("redress.letters.urls")),
    path("letters/templates/", include("redress.letters.urls_templates")),
    path("", include("redress.surveys.urls")),  # /survey/… (public) and /complaints/<pk>/survey/…
    path("public/", include("redress.front.urls")),
    path("triage/", include("redress.front.urls_triage")),
    path("admin/", admin.site.urls),
]
