"""Free text never leaves the complaints team (issue 8, point 2): the publication version and
the executive's version (no names at all) print no compliment's words, complaint summary or
learning action description as recorded, in HTML, PDF or Word, only the excerpts a complaints
manager approved; a withdrawn excerpt is printed no more. The team's version is unchanged."""

from __future__ import annotations

import datetime
import io
import re

import docx
import pypdf
import pytest
from django.urls import reverse
from docx.oxml.ns import qn

from redress.complaints.tests.factories import ComplaintFactory, LearningActionFactory
from redress.feedback.tests.factories import ComplimentFactory
from redress.organisations.tests.factories import ServiceAreaFactory
from redress.people.tests.factories import PersonFactory
from redress.reporting import services
from redress.reporting.excerpts.services import excerpt_save, excerpt_withdraw
from redress.reporting.periods import financial_year
from redress.reporting.tests.factories import write_the_empty_sections

pytestmark = pytest.mark.django_db

YEAR = financial_year("2021-22")
AS_OF = datetime.date(2022, 5, 31)
# What a child typed into a complaint: a third party's name, an address, a date of birth and
# an NHS number, none of them held as a person Redress could take out.
SECRETS = ("Marcus Whitfield", "14 Larch Grove", "TF3 9QX", "12/03/1987", "943 476 5919")
SUMMARY = (
    "My mum's boyfriend Marcus Whitfield (born 12/03/1987) shouts at me at 14 Larch Grove, "
    "Testford TF3 9QX. My NHS number is 943 476 5919."
)
COMPLIMENT = "Marcus Whitfield of 14 Larch Grove, TF3 9QX (born 12/03/1987, NHS 943 476 5919)."
ACTION = "Check on Marcus Whitfield at 14 Larch Grove TF3 9QX, born 12/03/1987, 943 476 5919."
EXCERPT = "A young person told us an adult at home frightened them; we acted that day."

VERSIONS = {"published": {"names": True}, "executive": {"names": False}}
FORMATS = ("html", "pdf", "docx")


@pytest.fixture
def records(db):
    fostering = ServiceAreaFactory(name="Fostering")
    complaint = ComplaintFactory(
        service_area=fostering,
        received_date=datetime.date(2021, 7, 5),
        complainant=PersonFactory(name="Jamie Smith"),
        complainant_type="child_young_person",
        summary=SUMMARY,
    )
    compliment = ComplimentFactory(
        service_area=fostering, received_date=datetime.date(2021, 8, 2), text=COMPLIMENT
    )
    action = LearningActionFactory(
        complaint=complaint, description=ACTION, raised_date=datetime.date(2021, 7, 20)
    )
    return complaint, compliment, action


def readable(fmt: str, content: bytes) -> str:
    """The text a reader of the file sees, with its whitespace made single spaces (PDF lines
    break anywhere)."""
    if fmt == "html":
        text = content.decode()
    elif fmt == "pdf":
        reader = pypdf.PdfReader(io.BytesIO(content))
        text = "\n".join(page.extract_text() for page in reader.pages)
    else:
        body = docx.Document(io.BytesIO(content)).element.body
        text = "\n".join(
            "".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p"))
        )
    return " ".join(text.split())


def outputs(version: str) -> dict[str, str]:
    prepared = services.prepare_report(
        period=YEAR, as_of=AS_OF, publish=version != "team", **VERSIONS.get(version, {})
    )
    return {
        fmt: readable(
            fmt,
            services.render_report(
                prepared, fmt=fmt, period=YEAR, published=version != "team"
            ).content,
        )
        for fmt in FORMATS
    }


def leaked(text: str) -> list[str]:
    found = [s for s in (*SECRETS, "Whitfield", "Larch") if s in text]
    if "9434765919" in re.sub(r"\D", "", text):
        found.append("the NHS number")
    return found


def test_the_team_version_still_quotes_the_records(records):
    # Not vacuous: the words do reach a report, the complaints team's own.
    html = outputs("team")["html"]
    assert "Marcus Whitfield" in html
    assert "943 476 5919" in html


@pytest.mark.parametrize("version", VERSIONS)
def test_no_free_text_from_records_reaches_a_version_outside_the_team(records, version):
    for fmt, text in outputs(version).items():
        assert leaked(text) == [], f"{version} {fmt}"
        assert "Fostering" in text, f"{version} {fmt}"  # the report itself is there


def test_an_approved_excerpt_is_printed_and_a_withdrawn_one_is_not(records, manager):
    complaint, compliment, action = records
    excerpt_save(record=complaint, text=EXCERPT, approve=True, by=manager)
    excerpt_save(record=compliment, text="Thank you for listening to us.", approve=True, by=manager)
    excerpt_save(
        record=action, text="Home visits now happen within a day.", approve=True, by=manager
    )
    for version in VERSIONS:
        for fmt, text in outputs(version).items():
            assert EXCERPT in text, f"{version} {fmt}"
            assert "“Thank you for listening to us.” — Fostering" in text, f"{version} {fmt}"
            assert "Home visits now happen within a day." in text, f"{version} {fmt}"
            assert leaked(text) == [], f"{version} {fmt}"

    excerpt_withdraw(record=complaint, by=manager)
    for fmt, text in outputs("executive").items():
        assert EXCERPT not in text, fmt
        assert "Thank you for listening to us." in text, fmt  # still approved
        assert leaked(text) == [], fmt


def test_an_excerpt_not_yet_approved_is_not_printed(records, manager):
    complaint, _, _ = records
    excerpt_save(record=complaint, text=EXCERPT, approve=False, by=manager)
    assert EXCERPT not in outputs("published")["html"]


def test_the_executive_s_download_of_a_published_edition(records, manager, executive_client):
    edition = services.edition_create(period=YEAR, service=None, by=manager)
    write_the_empty_sections(edition, as_of=AS_OF, by=manager)
    services.edition_publish(edition=edition, as_of=AS_OF, by=manager)
    url = reverse("reporting:edition_download", args=[edition.pk])
    response = executive_client.get(f"{url}?format=html&version=published")
    assert response.status_code == 200
    text = readable("html", response.content)
    assert "Fostering" in text
    assert leaked(text) == []
