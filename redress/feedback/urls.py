from django.urls import path

from .views import compliments, informal, satisfaction

app_name = "feedback"
urlpatterns = [
    path("compliments/", compliments.compliment_list_view, name="compliment_list"),
    path("compliments/new/", compliments.compliment_record, name="compliment_record"),
    path("compliments/<int:pk>/", compliments.compliment_page, name="compliment"),
    path("informal/", informal.informal_list_view, name="informal_list"),
    path("informal/new/", informal.informal_record, name="informal_record"),
    path("informal/<int:pk>/", informal.informal_page, name="informal"),
    path("complaints/<int:pk>/closing-the-loop/", satisfaction.satisfaction, name="satisfaction"),
]
