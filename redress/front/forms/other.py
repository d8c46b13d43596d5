"""The compliment form's pages, and the child's feedback form's (plain words, as the
child-friendly complaint form: it is in the reading-age test)."""

from __future__ import annotations

from django import forms

from redress.feedback.models import ComplimentSource

from .public import PublicForm, ServiceChoiceField, _text, _yes_no, service_choices

# The compliment (kind `compliment`).


class ComplimentServiceForm(PublicForm):
    heading = "Who would you like to thank?"
    shown = {"service_area": "radios", "staff_member": "input"}
    hints = {"staff_member": "Leave this blank to thank a whole team."}
    service_area = ServiceChoiceField(
        label="Which service?",
        error_messages={"required": "Select the service, or ‘I’m not sure’"},
    )
    staff_member = _text("The worker’s name (optional)", required=False, max_length=200)

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["service_area"].choices = service_choices()  # type: ignore[attr-defined]


class ComplimentWhatForm(PublicForm):
    heading = "What did they do?"
    shown = {"what": "textarea"}
    what = _text("What did they do?", missing="Enter what they did")


class ComplimentShareForm(PublicForm):
    heading = "May we share your thanks?"
    shown = {"consent_to_share": "radios"}
    hints = {
        "consent_to_share": "We tell the worker and their manager either way. With your "
        "agreement, we may also name the worker in our annual report."
    }
    consent_to_share = _yes_no(
        "May we name the worker when we share your thanks?",
        "Select yes if we may name the worker",
    )


class ComplimentFromForm(PublicForm):
    heading = "About you"
    shown = {"source": "radios", "name": "input", "email": "email"}
    hints = {"email": "We will only use it to thank you."}
    source = forms.ChoiceField(
        label="Who are you?",
        choices=ComplimentSource.choices,
        error_messages={"required": "Select who you are", "invalid_choice": "Select who you are"},
    )
    name = _text("Your name (optional)", required=False, max_length=200)
    email = forms.EmailField(
        label="Your email address (optional)",
        required=False,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )


# A child's or young person's feedback (kind `feedback`).

LOOP = (("yes", "Yes"), ("partly", "A bit"), ("no", "No"))


class FeedbackAboutForm(PublicForm):
    heading = "What do you want to tell us about?"
    shown = {"about": "input"}
    hints = {"about": "It can be a worker, a team, a meeting, or where you live."}
    about = _text(
        "What do you want to tell us about?", missing="Tell us what it is about", max_length=200
    )


class FeedbackWhatForm(PublicForm):
    heading = "What do you want to tell us?"
    shown = {"what": "textarea"}
    hints = {"what": "It can be something good, or something that could be better."}
    what = _text("What do you want to tell us?", missing="Tell us what you want to say")


class FeedbackBetterForm(PublicForm):
    heading = "What would make it better?"
    shown = {"better": "textarea"}
    hints = {"better": "You can leave this blank."}
    better = _text("What would make it better? (optional)", required=False)


class FeedbackLoopForm(PublicForm):
    heading = "A few quick questions"
    shown = {"taken_seriously": "radios", "advocacy_aware": "radios", "advocate": "radios"}
    hints = {"advocacy_aware": "An advocate is a person who helps you say what you think."}
    taken_seriously = forms.ChoiceField(
        label="Do you feel we listen to you?",
        choices=LOOP,
        error_messages={"required": "Tell us if you feel we listen to you"},
    )
    advocacy_aware = forms.ChoiceField(
        label="Do you know you can have an advocate?",
        choices=LOOP,
        error_messages={"required": "Tell us if you know you can have an advocate"},
    )
    advocate = _yes_no(
        "Did an advocate help you fill this in?", "Tell us if an advocate helped you"
    )


def loop_answers(answers: dict) -> dict:  # type: ignore[type-arg]
    """The closing-the-loop answers together, as `front.answers` keeps them."""
    loop = {q: answers.pop(q) for q in ("taken_seriously", "advocacy_aware") if q in answers}
    return answers | {"loop": loop}
