from django.urls import path

from .views import actions, enquiries

app_name = "ombudsman"
urlpatterns = [
    path("", enquiries.enquiry_list_view, name="list"),
    path("new/", actions.record, name="record"),
    path("new/complaint/<int:pk>/", actions.record_for_complaint, name="record_for_complaint"),
    path("<int:pk>/", enquiries.enquiry_view, name="enquiry"),
    path("<int:pk>/response/", actions.response, name="response"),
    path("<int:pk>/organisation/", actions.organisation, name="organisation"),
    path("<int:pk>/decision/", actions.decide, name="decide"),
    path("<int:pk>/remedies/new/", actions.remedy_add, name="remedy_add"),
    path(
        "<int:pk>/remedies/<int:remedy_pk>/complete/",
        actions.remedy_complete,
        name="remedy_complete",
    ),
]
