from django.urls import path

from .views import actions, lists, pages
from .views import payments as payment_views

app_name = "complaints"
urlpatterns = [
    path("", lists.complaint_list_view, name="list"),
    path("new/", actions.record, name="record"),
    path("<int:pk>/", pages.summary, name="summary"),
    path("<int:pk>/stages/", pages.stages, name="stages"),
    path("<int:pk>/timeline/", pages.timeline, name="timeline"),
    path("<int:pk>/people/", pages.people, name="people"),
    path("<int:pk>/payments-and-learning/", pages.payments, name="payments"),
    path("<int:pk>/payments/new/", payment_views.record, name="payment_record"),
    path(
        "<int:pk>/payments/<int:payment_pk>/remove/",
        payment_views.remove,
        name="payment_remove",
    ),
    path("<int:pk>/escalate/", actions.escalate, name="escalate"),
    path("<int:pk>/stages/<int:number>/acknowledge/", actions.acknowledge, name="acknowledge"),
    path("<int:pk>/stages/<int:number>/extend/", actions.extend, name="extend"),
    path("<int:pk>/stages/<int:number>/respond/", actions.respond, name="respond"),
]
