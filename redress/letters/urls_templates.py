from django.urls import path

from .views import templates

app_name = "letter_templates"
urlpatterns = [
    path("", templates.template_list, name="list"),
    path("<slug:code>/", templates.template_edit, name="edit"),
    path("<slug:code>/history/", templates.template_history, name="history"),
]
