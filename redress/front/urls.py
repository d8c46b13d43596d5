"""The public side, under /public/: forms without an account and following a complaint. Every
view here is `login_not_required` and uses the public layout (front/_layout.html)."""

from django.urls import path

from .journeys import JOURNEYS
from .views import journey, start

app_name = "front"
urlpatterns = [
    path("", start.start, name="start"),
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
