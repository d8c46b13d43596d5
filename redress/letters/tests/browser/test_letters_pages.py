"""The letters pages in Chromium, on a complaint like the demo's that has been through all three
stages: every shipped letter is produced through the pages (axe finds no WCAG 2.2 AA problem on
them), its Word document downloaded, and every Word letter opened in LibreOffice
(`soffice --headless --convert-to pdf` must succeed). A letter is produced, emailed and marked
posted with JavaScript off, and a template with an unknown field is refused on its page.

LibreOffice must be installed (`make browser` installs it): without `soffice` this fails, never
skips.
"""

import datetime
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core import mail

from redress.complaints.state import refresh_complaints
from redress.complaints.tests.factories import (
    AppointmentFactory,
    ComplaintFactory,
    ExtensionFactory,
    StageFactory,
)
from redress.core.models import AuditEvent
from redress.letters.defaults import DEFAULTS
from redress.letters.models import Letter, LetterTemplate
from redress.letters.tests.helpers import letterhead
from redress.people.tests.factories import PersonFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
TODAY = datetime.date(2022, 5, 31)  # the demo's today
# Which stage each shipped letter is written about on the complaint below, and to whom.
STAGE_FOR = {
    "acknowledgement-stage-1": 1,
    "acknowledgement-stage-2": 2,
    "acknowledgement-stage-3": 3,
    "extension": 2,
    "response": 2,
    "stage2-invitation": 1,
    "stage3-invitation": 2,
    "panel-invitation": 3,
    "ombudsman": 3,
    "acknowledgement-child": 1,
    "extension-child": 2,
    "response-child": 1,
    "panel-invitation-child": 3,
    "ombudsman-child": 3,
}


@pytest.fixture(autouse=True)
def _demo_day(settings):
    settings.REDRESS_TODAY = TODAY
    settings.REDRESS_NOTIFICATIONS_CHANNEL = "email"


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.fail(
            "The letters' browser test opens every Word letter in LibreOffice, and `soffice` "
            "is not installed: install it with `make browser` (apt-get install "
            "libreoffice-writer-nogui).",
            pytrace=False,
        )
    return found


def _complaint():
    """A statutory complaint about a child, with an advocate: stage 1 answered, stage 2
    extended and answered, and a review panel set with its chair."""
    day = datetime.date.fromisoformat
    complaint = ComplaintFactory(
        reference="KCT-2022-0123",
        received_date=day("2022-01-10"),
        complainant=PersonFactory(
            name="Jordan Smith",
            email="jordan@example.com",
            address="12 Example Road, Kingsmoor, KM2 3BB",
        ),
        on_behalf_of=PersonFactory(name="Sam Smith", address="4 Hill View, Kingsmoor, KM3 1CC"),
        advocate_person=PersonFactory(name="Alex Advocate", email="alex@advocacy.example"),
        summary="Meetings were cancelled at short notice.",
    )
    complaint.stages.update(responded_date=day("2022-01-21"), outcome="partially_upheld")
    stage2 = StageFactory(complaint=complaint, number=2, received_date=day("2022-02-01"))
    ExtensionFactory(stage=stage2, extended_to_days=65, reason="Staff we need to speak to are away")
    AppointmentFactory(stage=stage2, name="Ivan Ino", role="investigating_officer")
    AppointmentFactory(stage=stage2, name="Irene Ip", role="independent_person")
    complaint.stages.filter(number=2).update(responded_date=day("2022-04-08"), outcome="not_upheld")
    stage3 = StageFactory(complaint=complaint, number=3, received_date=day("2022-04-20"))
    AppointmentFactory(stage=stage3, name="Patricia Chair", role="panel_chair")
    complaint.stages.filter(number=3).update(panel_date=day("2022-06-08"))
    refresh_complaints([complaint.pk])
    return complaint


def _produce(page, complaint, code: str, tmp_path: Path, *, check: bool) -> Path:
    template = LetterTemplate.objects.get(code=code)
    page.goto(f"/complaints/{complaint.pk}/letters/")
    page.get_by_role("button", name="Write a letter").click()
    page.get_by_role("heading", name="Write a letter").wait_for()
    if check:
        from redress.core.tests.browser.support import assert_accessible

        assert_accessible(page, "choosing a letter")
    page.get_by_label(template.name, exact=True).check()
    page.locator(f"input[name='stage'][value='{STAGE_FOR[code]}']").check()
    who = "The child or young person" if template.audience == "child" else "The complainant"
    page.get_by_label(who, exact=False).check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name=template.name, exact=True).wait_for()
    preview = page.get_by_role("region", name="Preview of the letter")
    assert "Kingsmoor Children's Trust" in preview.inner_text()
    assert "{{" not in preview.inner_text()
    if check:
        from redress.core.tests.browser.support import assert_accessible

        assert_accessible(page, f"the letter {code}")
    page.get_by_role("button", name="Produce the letter").click()
    page.get_by_text("Word and PDF produced").wait_for()
    letter = Letter.objects.filter(template=template).latest("pk")
    with page.expect_download() as download:
        page.get_by_role("link", name=f"{letter.word.name} (download").click()
    saved = tmp_path / letter.word.name
    download.value.save_as(saved)
    return saved


def test_every_shipped_letter_is_produced_and_opens_in_libreoffice(page, officer, tmp_path):
    soffice = _soffice()
    letterhead()
    complaint = _complaint()
    from redress.core.tests.browser.support import assert_accessible, sign_in

    sign_in(page, officer.username)
    assert {d.code for d in DEFAULTS} == set(STAGE_FOR)
    words = [
        _produce(page, complaint, d.code, tmp_path, check=n in (0, 4))
        for n, d in enumerate(DEFAULTS)
    ]
    assert Letter.objects.filter(complaint=complaint).count() == len(DEFAULTS)
    assert_accessible(page, "a produced letter")
    page.goto(f"/complaints/{complaint.pk}/letters/")
    assert_accessible(page, "the Letters tab")
    # The response letter gives the day to ask for stage 3: 20 working days after 8 April
    # 2022, past Good Friday, Easter Monday and the May Day bank holiday: 11 May 2022.
    response = Letter.objects.get(template__code="response")
    assert "by 11 May 2022, which is 20 working days" in response.body
    assert "Ivan Ino" not in response.body  # (a response letter names no one appointed)
    out = tmp_path / "converted"
    profile = tmp_path / "libreoffice-profile"
    result = subprocess.run(  # noqa: S603 (LibreOffice, on the files this test wrote)
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, words),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for word in words:
        converted = out / f"{word.stem}.pdf"
        assert converted.exists(), f"LibreOffice did not convert {word.name}: {result.stdout}"
        assert converted.read_bytes().startswith(b"%PDF-")


def test_a_letter_produced_emailed_and_posted_without_javascript(no_js_page, officer):
    from redress.core.tests.browser.support import sign_in

    complaint = _complaint()
    page = no_js_page
    sign_in(page, officer.username)
    page.goto(
        f"/complaints/{complaint.pk}/letters/new/?template=ombudsman&stage=3&recipient=advocate"
    )
    page.get_by_role("heading", name="Ombudsman signposting", exact=True).wait_for()
    page.get_by_label("Text of the letter").fill("Dear Alex Advocate,\n\nA line for this letter.")
    page.get_by_role("button", name="Preview the changes").click()
    page.get_by_text("Showing your changes").wait_for()
    assert (
        "A line for this letter."
        in page.get_by_role("region", name="Preview of the letter").inner_text()
    )
    page.get_by_role("button", name="Produce the letter").click()
    page.get_by_text("Word and PDF produced").wait_for()
    page.get_by_role("button", name="Email the letter").click()  # (a link drawn as a button)
    page.get_by_text("alex@advocacy.example").wait_for()
    page.get_by_role("button", name="Send the email").click()
    page.get_by_text("The letter is being emailed to alex@advocacy.example").wait_for()
    page.get_by_role("button", name="Mark as posted").click()  # the letter's page
    page.get_by_role("heading", name="Mark the letter as posted").wait_for()
    page.get_by_role("button", name="Mark as posted").click()
    page.get_by_text("The letter is marked as posted").wait_for()
    letter = Letter.objects.get()
    assert letter.edited
    assert letter.posted_on == TODAY
    assert mail.outbox[-1].attachments[0][0] == letter.pdf.name
    actions = set(
        AuditEvent.objects.filter(complaint_id=complaint.pk).values_list("action", flat=True)
    )
    assert {"letter.produce", "letter.send", "letter.post", "message.send"} <= actions


def test_the_manager_is_told_which_field_is_unknown(page, manager):
    from redress.core.tests.browser.support import assert_accessible, sign_in

    sign_in(page, manager.username)
    page.goto("/letters/templates/")
    assert_accessible(page, "the letter templates")
    page.get_by_role("link", name="Extension notice", exact=True).click()
    page.get_by_role("heading", name="Merge fields").wait_for()
    assert_accessible(page, "a template's page")
    page.get_by_label("Text of the letter").fill("Dear {{ recipient }},\n\n{{ reference }}")
    page.get_by_role("button", name="Save as a new version").click()
    page.get_by_role(
        "link", name="The text, line 1: 'recipient' is not a merge field.", exact=False
    ).wait_for()
    assert_accessible(page, "a template refused")
    assert LetterTemplate.objects.get(code="extension").version == 1
