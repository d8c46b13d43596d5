from django.urls import path

from .views import drill, editions, excerpts, reports

app_name = "reporting"
urlpatterns = [
    path("", reports.reports_page, name="reports"),
    path("editions/", editions.edition_list, name="editions"),
    path("editions/new/", editions.edition_new, name="edition_new"),
    path("editions/<int:pk>/", editions.edition_page, name="edition"),
    path("editions/<int:pk>/preview/", editions.edition_preview, name="edition_preview"),
    path("editions/<int:pk>/download/", editions.edition_download, name="edition_download"),
    path("editions/<int:pk>/publish/", editions.edition_publish, name="edition_publish"),
    path(
        "editions/<int:pk>/sections/<str:section>/",
        editions.edition_section,
        name="edition_section",
    ),
    path("editions/<int:pk>/excerpts/", excerpts.edition_excerpts, name="edition_excerpts"),
    path("excerpts/<str:kind>/<int:pk>/", excerpts.excerpt_page, name="excerpt"),
    path("figures/<str:figure_id>/", drill.figure_records, name="figure"),
    path("tables/<str:table_id>/<int:row>/", drill.table_records, name="table"),
]
