"""The public side, under /public/: forms without an account and following a complaint. Every
view here is `login_not_required` and uses the public layout (front/_layout.html)."""

from django.urls import path

from .journeys import JOURNEYS
from .views import follow, journey, start

app_name = "front"
urlpatterns = [
    path("", start.start, name="start"),
    # Follow my complaint: ask for a link, use it, then the complaint it was for.
    path("follow/", follow.start, name="follow_start"),
    path("follow/sent/", follow.sent, name="follow_sent"),
    path("follow/complaint/", follow.complaint_page, name="follow_complaint"),
    path("follow/complaint/next-stage/", follow.next_stage, name="follow_next_stage"),
    path("follow/complaint/letters/<int:letter_pk>/", follow.letter, name="follow_letter"),
    path("follow/stop/", follow.stop, name="follow_stop"),
    path("follow/<str:token>/", follow.link, name="follow_link"),
]
# Each public form: /public/<form>/ (start), /<form>/<page>/, /<form>/check/, /<form>/sent/.
for name in JOURNEYS:
    prefix = {
        "complaint": "complaint",
        "child": "young-people",
        "compliment": "compliment",
        "feedback": "have-your-say",
    }[name]
    urlpatterns += [
        path(f"{prefix}/", journey.start, {"journey": name}, name=f"{name}_start"),
        path(f"{prefix}/check/", journey.check, {"journey": name}, name=f"{name}_check"),
        path(f"{prefix}/sent/", journey.done, {"journey": name}, name=f"{name}_done"),
        path(
            f"{prefix}/<slug:slug>/", journey.question, {"journey": name}, name=f"{name}_question"
        ),
    ]
