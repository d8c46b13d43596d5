from django.urls import path

from .views import public, staff

app_name = "surveys"
urlpatterns = [
    # The public pages: the link a complainant is sent, and the page after answering.
    path("survey/done/", public.done, name="done"),
    path("survey/<str:token>/", public.respond, name="respond"),
    # The complaints team's, on a complaint.
    path("complaints/<int:pk>/survey/send/", staff.send, name="send"),
    path("complaints/<int:pk>/survey/opt-out/", staff.opt_out, name="opt_out"),
]
