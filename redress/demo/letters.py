"""The demo's letters: a few made from the shipped templates on the complaints the demo users
look at first (acknowledgements of the latest open stage 1s and stage 2 investigations, and
the response covering letters of the latest stage 1s answered), produced through the letters
service like any other: Word and PDF on the complaint's documents, and on its timeline."""

from __future__ import annotations

from redress.complaints.models import Complaint, Stage
from redress.letters import selectors
from redress.letters.models import Letter, LetterTemplate
from redress.letters.services import letter_produce


def _latest(stages, count: int) -> list[Stage]:
    return list(stages.order_by("-received_date", "-pk")[:count])


def _produce(stage: Stage, code: str) -> bool:
    complaint = Complaint.objects.get(pk=stage.complaint_id)
    if Letter.objects.filter(complaint=complaint).exists() or complaint.complainant is None:
        return False
    stage = next(s for s in complaint.stages.all() if s.pk == stage.pk)
    template = LetterTemplate.objects.get(code=code)
    recipient = selectors.recipient(complaint, "complainant")
    assert recipient is not None
    draft = selectors.letter_draft(
        complaint=complaint, stage=stage, template=template, recipient=recipient, officer=None
    )
    letter_produce(
        complaint=complaint,
        stage=stage,
        template=template,
        recipient_role=recipient.role,
        subject=draft.subject,
        body=draft.body,
        by=None,
    )
    return True


def add_demo_letters() -> int:
    """Add the letters to complaints that have none yet (run again, it adds nothing); returns
    how many were added."""
    statutory = Stage.objects.filter(complaint__procedure__code="statutory")
    open_stage1 = statutory.filter(number=1, responded_date__isnull=True, outcome="")
    answered_stage1 = statutory.filter(number=1, responded_date__isnull=False).exclude(
        outcome__in=["withdrawn", "outside_jurisdiction"]
    )
    stage2 = statutory.filter(number=2)
    plan = [
        *((s, "acknowledgement-stage-1") for s in _latest(open_stage1, 3)),
        *((s, "acknowledgement-stage-2") for s in _latest(stage2, 1)),
        # (a complaint already given a letter above is passed over)
        *((s, "response") for s in _latest(answered_stage1, 3)),
    ]
    return sum(_produce(stage, code) for stage, code in plan)
