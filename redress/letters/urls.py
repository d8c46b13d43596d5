from django.urls import path

from .views import letters

app_name = "letters"
urlpatterns = [
    path("<int:pk>/letters/", letters.letters, name="list"),
    path("<int:pk>/letters/new/", letters.choose, name="choose"),
    path("<int:pk>/letters/new/<slug:code>/", letters.compose, name="compose"),
    path("<int:pk>/letters/<int:letter_pk>/", letters.letter, name="letter"),
    path("<int:pk>/letters/<int:letter_pk>/send/", letters.send, name="send"),
    path("<int:pk>/letters/<int:letter_pk>/posted/", letters.mark_posted, name="posted"),
]
