"""The complaints team's triage of what the public sent (staff pages, under /triage/)."""

from django.urls import path

from .views import triage

app_name = "triage"
urlpatterns = [
    path("", triage.queue, name="queue"),
    path("<int:pk>/", triage.record, name="record"),
    path("<int:pk>/files/<int:file_pk>/", triage.file, name="file"),
    path("<int:pk>/accept/", triage.accept, name="accept"),
    path("<int:pk>/informal/", triage.informal, name="informal"),
    path("<int:pk>/compliment/", triage.compliment, name="compliment"),
    path("<int:pk>/next-stage/", triage.next_stage, name="next_stage"),
    path("<int:pk>/not-a-complaint/", triage.decline, name="decline"),
]
