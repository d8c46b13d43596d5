from django.urls import path

from .views import learning

app_name = "learning"
urlpatterns = [
    path("", learning.action_list_view, name="list"),
    path("new/", learning.raise_action, name="raise"),
    path("complaints/<int:pk>/new/", learning.raise_for_complaint, name="raise_for_complaint"),
    path("<int:pk>/", learning.action_page, name="action"),
    path("<int:pk>/complete/", learning.complete, name="complete"),
]
