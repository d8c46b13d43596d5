"""Reflow and focus (WCAG 1.4.10 and 1.4.11), in Chromium: every kind of staff page, 320 CSS
pixels wide (a 1280 px screen zoomed to 400%), must not scroll sideways: wide tables scroll
inside their own labelled, focusable box instead. And that box shows where the focus is."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from .support import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# The elements that stick out past the window's right edge, for the failure message.
OVERFLOWING = """(width) => {
    const found = [];
    for (const element of document.querySelectorAll('body *')) {
        const box = element.getBoundingClientRect();
        if (box.right > width + 0.5 && box.width > 0) {
            let scrolls = false;
            for (let up = element.parentElement; up && up !== document.body;
                 up = up.parentElement) {
                const overflow = getComputedStyle(up).overflowX;
                if (['auto', 'scroll', 'hidden'].includes(overflow)) { scrolls = true; break; }
            }
            if (!scrolls) {
                const name = element.tagName.toLowerCase() + (element.id ? '#' + element.id : '')
                    + (element.className && typeof element.className === 'string'
                       ? '.' + element.className.trim().split(/\\s+/).join('.') : '');
                found.push(name + ' (right edge ' + Math.round(box.right) + ')');
            }
        }
    }
    return found.slice(0, 8);
}"""

# Words (up to 14 letters: longer ones, like an email address, may break) split across two
# lines: a table squeezed into the page rather than scrolling in its pane.
BROKEN_WORDS = r"""() => {
    const found = [];
    const main = document.querySelector('main');
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const words = /[^\s\-–]+/g;
        let word;
        while ((word = words.exec(node.data))) {
            if (word[0].length > 14) continue;
            const range = document.createRange();
            range.setStart(node, word.index);
            range.setEnd(node, word.index + word[0].length);
            const lines = new Set([...range.getClientRects()].filter(r => r.width > 0)
                .map(r => Math.round(r.top)));
            if (lines.size > 1) found.push(word[0]);
        }
    }
    return found.slice(0, 8);
}"""

LONG_SERVICE = "Children with Disabilities Short Breaks and Family Support"
LONG_NAME = "Alexandra Montgomery-Fitzwilliam"


@pytest.fixture
def demo_like(settings, officer, responding_manager, investigator):
    """Records as the demo has them, with the long names that stretch a page: a complaint at
    each stage (one at stage 3 after a stage 2 with appointments, holds and extensions), an
    Ombudsman enquiry with remedies and payments, learning actions, compliments, feedback and a
    report edition, all around 31 May 2022 (the demo's today)."""
    from redress.complaints.tests.factories import (
        AppointmentFactory,
        AspectFactory,
        ComplaintFactory,
        ExtensionFactory,
        LearningActionFactory,
        MediationFactory,
        PaymentFactory,
        StageFactory,
    )
    from redress.core import audit
    from redress.feedback.tests.factories import ComplimentFactory, InformalFeedbackFactory
    from redress.ombudsman.tests.factories import EnquiryFactory, RemedyFactory
    from redress.organisations.tests.factories import (
        LocalityFactory,
        OrganisationFactory,
        ServiceAreaFactory,
    )
    from redress.people.tests.factories import PersonFactory
    from redress.reporting import services as reporting
    from redress.reporting.periods import financial_year

    settings.REDRESS_TODAY = datetime.date(2022, 5, 31)
    day = datetime.date.fromisoformat
    for user in (officer, responding_manager, investigator):
        user.first_name, user.last_name = LONG_NAME.split(" ")
        user.save()
    north = LocalityFactory(name="North and West Kingsmoor")
    council = OrganisationFactory(name="Kingsmoor Children's Trust Safeguarding Partnership")
    service = ServiceAreaFactory(name=LONG_SERVICE, locality=north, organisation=council)
    complainant = PersonFactory(
        name=LONG_NAME, email="alexandra.montgomery-fitzwilliam@example.org"
    )
    common = {
        "service_area": service,
        "locality": north,
        "organisation": council,
        "complainant": complainant,
        "summary": "Meetings about contact arrangements were cancelled at short notice "
        "several times, and nobody explained why or offered another date.",
    }
    complaints = []
    for number, received in enumerate(["2022-04-04", "2022-05-03", "2022-05-24"], start=1):
        complaint = ComplaintFactory(
            reference=f"KCT-2022-{number:04d}", received_date=day(received), **common
        )
        complaint.stages.update(allocated_to=officer)
        AspectFactory(stage=complaint.stages.get())
        complaints.append(complaint)
    deep = ComplaintFactory(reference="KCT-2021-0417", received_date=day("2021-06-01"), **common)
    deep.stages.update(responded_date=day("2021-06-14"), outcome="partially_upheld")
    AspectFactory(stage=deep.stages.get(), finding="upheld")
    stage2 = StageFactory(
        complaint=deep, number=2, received_date=day("2021-07-01"), allocated_to=responding_manager
    )
    ExtensionFactory(stage=stage2, extended_to_days=65, reason="The investigation is complex")
    AppointmentFactory(stage=stage2, user=investigator, name=LONG_NAME)
    AppointmentFactory(
        stage=stage2, role="independent_person", name="Bartholomew Okonkwo-Lindqvist"
    )
    AspectFactory(stage=stage2, finding="upheld")
    deep.stages.filter(number=2).update(responded_date=day("2021-09-30"), outcome="upheld")
    stage3 = StageFactory(
        complaint=deep, number=3, received_date=day("2021-10-20"), allocated_to=officer
    )
    for role in ("panel_chair", "panel_member", "panel_member"):
        AppointmentFactory(stage=stage3, role=role, name="Philippa Worthington-Smythe")
    MediationFactory(complaint=deep, offered_date=day("2021-06-20"))
    enquiry = EnquiryFactory(complaint=deep, received_date=day("2022-01-10"))
    remedy = RemedyFactory(enquiry=enquiry, description="Apologise in writing and pay £500.")
    PaymentFactory(complaint=deep, enquiry=enquiry, amount=Decimal("12345.67"), kind="compensation")
    PaymentFactory(complaint=deep, stage="2", kind="investigating_officer", amount=Decimal("3500"))
    action = LearningActionFactory(
        complaint=deep,
        owner=LONG_NAME,
        description="Make sure every cancelled meeting is followed by a letter giving the "
        "reason and a new date, within two working days.",
    )
    audit.record(
        action="stage.acknowledge",
        obj=stage2,
        by=officer,
        before={"acknowledged_date": None},
        after={"acknowledged_date": "2021-07-02"},
        complaint=deep,
    )
    compliment = ComplimentFactory(service_area=service, staff_member=LONG_NAME)
    informal = InformalFeedbackFactory(service_area=service)
    edition = reporting.edition_create(period=financial_year("2021-22"), service=None, by=officer)
    return SimpleNamespace(
        new=complaints[0],
        deep=deep,
        enquiry=enquiry,
        remedy=remedy,
        action=action,
        compliment=compliment,
        informal=informal,
        edition=edition,
    )


REPORT = "from=2021-04-01&to=2022-03-31&as_of=2022-05-31"
PREVIEW = "/reports/?action=preview&period=year:2021-22&fmt=pdf"
FIGURE = "/reports/figures/received.stage1/"


def staff_pages(d: SimpleNamespace) -> dict[str, str]:
    """One page of each kind an officer uses."""
    deep, new = d.deep.pk, d.new.pk
    return {
        "home": "/",
        "the team's work": "/complaints/team/",
        "complaints list": "/complaints/",
        "complaint summary": f"/complaints/{deep}/",
        "stages": f"/complaints/{deep}/stages/",
        "timeline": f"/complaints/{deep}/timeline/",
        "people": f"/complaints/{deep}/people/",
        "payments and learning": f"/complaints/{deep}/payments-and-learning/",
        "a stage 1 complaint's stages": f"/complaints/{new}/stages/",
        "acknowledge form": f"/complaints/{new}/stages/1/acknowledge/",
        "respond form": f"/complaints/{new}/stages/1/respond/",
        "stage 3 panel form": f"/complaints/{deep}/stages/3/panel/",
        "recording a complaint": "/complaints/new/",
        "Ombudsman list": "/ombudsman/",
        "Ombudsman enquiry": f"/ombudsman/{d.enquiry.pk}/",
        "learning list": "/learning/",
        "learning action": f"/learning/{d.action.pk}/",
        "compliments": "/feedback/compliments/",
        "a compliment": f"/feedback/compliments/{d.compliment.pk}/",
        "informal feedback": "/feedback/informal/",
        "a piece of feedback": f"/feedback/informal/{d.informal.pk}/",
        "reports": "/reports/",
        "report preview": PREVIEW,
        "report editions": "/reports/editions/",
        "a report edition": f"/reports/editions/{d.edition.pk}/",
        "an edition's preview": f"/reports/editions/{d.edition.pk}/preview/",
        "an edition's section": f"/reports/editions/{d.edition.pk}/sections/volumes/",
        "figure drill-down": f"{FIGURE}?{REPORT}",
        "table drill-down": f"/reports/tables/received.by_service/0/?{REPORT}",
    }


def _too_wide(page, url: str, width: int) -> str | None:
    page.goto(url)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > width:
        return f"{url}: {scroll_width} px wide; sticking out: {page.evaluate(OVERFLOWING, width)}"
    if broken := page.evaluate(BROKEN_WORDS):
        return f"{url}: squeezed, these words broken across lines: {broken}"
    return None


def test_no_staff_page_scrolls_sideways_at_320_pixels(page, officer, demo_like):
    page.set_viewport_size({"width": 320, "height": 720})
    sign_in(page, officer.username)
    too_wide = []
    for what, url in staff_pages(demo_like).items():
        problem = _too_wide(page, url, 320)
        if problem:
            too_wide.append(f"{what} {problem}")
    assert not too_wide, "Pages wider than the window at 320 px, or squeezed:\n" + "\n".join(
        too_wide
    )


def test_the_home_pages_do_not_scroll_sideways_at_640_pixels(page, officer, demo_like):
    page.set_viewport_size({"width": 640, "height": 720})
    sign_in(page, officer.username)
    too_wide = [p for url in ("/", "/complaints/team/") if (p := _too_wide(page, url, 640))]
    assert not too_wide, "\n".join(too_wide)


FOCUS_STYLE = """(selector) => {
    const box = document.querySelector(selector);
    box.focus();
    const style = getComputedStyle(box);
    return {
        focused: document.activeElement === box,
        width: parseFloat(style.outlineWidth),
        style: style.outlineStyle,
        colour: style.outlineColor,
        offset: parseFloat(style.outlineOffset),
        shadow: style.boxShadow,
    };
}"""


@pytest.mark.parametrize(
    ("what", "url", "selector"),
    [
        ("the complaints list's table", "/complaints/", ".moj-scrollable-pane"),
        ("the team's table", "/complaints/team/", ".moj-scrollable-pane"),
        ("a report table", PREVIEW, ".rd-table-wrap"),
        ("a drill-down's records", f"{FIGURE}?{REPORT}", ".moj-scrollable-pane"),
    ],
)
def test_a_scroll_box_shows_its_focus(page, officer, demo_like, what, url, selector):
    """GOV.UK's focus for a box: a 4 px black outline (21:1 against the white page) around
    a yellow ring, drawn where no overflowing parent clips it."""
    sign_in(page, officer.username)
    page.goto(url)
    focus = page.evaluate(FOCUS_STYLE, selector)
    assert focus["focused"], what
    assert focus["width"] >= 3, (what, focus)
    assert focus["style"] == "solid", (what, focus)
    assert focus["colour"] == "rgb(11, 12, 12)", (what, focus)
    assert "rgb(255, 221, 0)" in focus["shadow"], (what, focus)
    # No parent that clips its overflow (as MOJ's filter layout did) cuts the ring off: the
    # ring, outline offset and width beyond the box, lies inside every such parent.
    clipped = page.evaluate(
        """(selector) => {
            const box = document.querySelector(selector);
            const ring = box.getBoundingClientRect();
            const reach = parseFloat(getComputedStyle(box).outlineOffset)
                + parseFloat(getComputedStyle(box).outlineWidth);
            for (let up = box.parentElement; up && up !== document.body; up = up.parentElement) {
                const style = getComputedStyle(up);
                if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
                const clip = up.getBoundingClientRect();
                if (ring.left - reach < clip.left || ring.right + reach > clip.right
                    || ring.top - reach < clip.top || ring.bottom + reach > clip.bottom) {
                    return up.tagName + '.' + up.className;
                }
            }
            return null;
        }""",
        selector,
    )
    assert clipped is None, f"{what}: its focus ring is clipped by {clipped}"


def test_the_back_link_is_inside_a_landmark(page, officer, demo_like):
    """axe's region rule: all content sits in a landmark, the back link too."""
    from .support import load_axe

    sign_in(page, officer.username)
    for url in (f"/complaints/{demo_like.deep.pk}/", f"/reports/editions/{demo_like.edition.pk}/"):
        page.goto(url)
        load_axe(page)
        violations = page.evaluate(
            """async () => (await axe.run(document, {runOnly: {type: 'rule', values: ['region']}}))
                .violations.flatMap(v => v.nodes.map(n => n.target.join(' ')))"""
        )
        assert not violations, f"{url}: outside every landmark: {violations}"
        assert page.locator("main .govuk-back-link").count() == 1, url
