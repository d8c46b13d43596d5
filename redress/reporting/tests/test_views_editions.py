"""Report editions in the staff app: the list, a new edition, writing a section's narrative
with a preview, publishing (complaints managers only), and downloads."""

import datetime
import html
import io
import json
import re
import zipfile

import pytest
from django.urls import reverse

from redress.reporting import services
from redress.reporting.models import EditionStatus, ReportEdition, SectionNarrative
from redress.reporting.periods import financial_year
from redress.reporting.tests.casebook import build_casebook
from redress.reporting.tests.factories import write_the_empty_sections

pytestmark = pytest.mark.django_db
YEAR = financial_year("2021-22")


@pytest.fixture(autouse=True)
def _today(settings):
    settings.REDRESS_TODAY = datetime.date(2022, 6, 10)


@pytest.fixture
def draft(officer):
    return services.edition_create(period=YEAR, service=None, by=officer)


@pytest.fixture
def published(manager):
    edition = services.edition_create(
        period=YEAR, service=None, title="Published annual report", by=manager
    )
    as_of = datetime.date(2022, 5, 31)
    write_the_empty_sections(edition, as_of=as_of, by=manager)
    return services.edition_publish(edition=edition, as_of=as_of, by=manager)


def section_url(edition, section="volumes"):
    return reverse("reporting:edition_section", args=[edition.pk, section])


def test_the_team_sees_every_edition(officer_client, draft, published):
    page = officer_client.get(reverse("reporting:editions")).content.decode()
    assert "Complaints annual report 2021-22" in page
    assert "Published annual report" in page
    assert "Create an edition" in page


@pytest.mark.parametrize("client_name", ["executive_client", "responding_manager_client"])
def test_others_see_only_published_editions(request, client_name, draft, published):
    client = request.getfixturevalue(client_name)
    page = client.get(reverse("reporting:editions")).content.decode()
    assert "Published annual report" in page
    assert "Complaints annual report 2021-22" not in page
    assert "Create an edition" not in page
    assert client.get(reverse("reporting:edition", args=[draft.pk])).status_code == 404
    assert client.get(reverse("reporting:edition", args=[published.pk])).status_code == 200
    assert client.get(reverse("reporting:edition_new")).status_code == 403


def test_creating_an_edition(officer_client, officer):
    build_casebook()
    response = officer_client.post(
        reverse("reporting:edition_new"),
        {"period": "quarter:2021-22-Q4", "service": "Fostering", "title": ""},
    )
    edition = ReportEdition.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reporting:edition", args=[edition.pk])
    assert edition.title == "Complaints report 2021-22 Q4: Fostering"
    assert (edition.period_start, edition.period_end) == (
        datetime.date(2022, 1, 1),
        datetime.date(2022, 3, 31),
    )
    assert edition.created_by == officer
    page = officer_client.get(response["Location"]).content.decode()
    assert "created. Write its narrative below." in page


def test_an_edition_with_a_mistake_is_not_created(officer_client):
    response = officer_client.post(reverse("reporting:edition_new"), {"period": "dates"})
    assert "Enter the first day of the period" in response.content.decode()
    assert not ReportEdition.objects.exists()


def test_the_edition_page_lists_every_section_and_the_downloads(officer_client, draft):
    page = officer_client.get(reverse("reporting:edition", args=[draft.pk])).content.decode()
    assert "Volumes and trends" in page
    assert "Annex: figures withheld to protect children" in page
    assert page.count("Not written") == 25
    assert section_url(draft) in page
    assert f"/reports/editions/{draft.pk}/download/?format=pdf&amp;version=internal" in page
    assert f"/reports/editions/{draft.pk}/download/?format=docx&amp;version=published" in page
    # Only a complaints manager publishes.
    assert reverse("reporting:edition_publish", args=[draft.pk]) not in page


def test_writing_a_section(officer_client, officer, draft):
    page = officer_client.get(section_url(draft)).content.decode()
    assert "govuk-character-count" in page
    assert 'data-maxlength="20000"' in page
    response = officer_client.post(
        section_url(draft), {"narrative": "Complaints **rose** by a fifth.", "action": "save"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#sections")
    narrative = SectionNarrative.objects.get()
    assert (narrative.section, narrative.text, narrative.updated_by) == (
        "volumes",
        "Complaints **rose** by a fifth.",
        officer,
    )
    page = officer_client.get(response["Location"]).content.decode()
    assert "The narrative for &#39;Volumes and trends&#39; is saved." in page
    assert page.count("Not written") == 24


def test_previewing_a_section_saves_nothing(officer_client, draft):
    response = officer_client.post(
        section_url(draft),
        {"narrative": "## Why\n\nMore **families** <script>alert(1)</script>", "action": "preview"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<h4>Why</h4>" in page  # below the preview's own h2, as in the report
    assert "More <strong>families</strong> &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)</script>" not in page
    assert "Preview (not saved yet)" in page
    assert not SectionNarrative.objects.exists()


def test_a_narrative_too_long_is_refused_on_the_page(officer_client, draft):
    response = officer_client.post(
        section_url(draft), {"narrative": "a" * 20_001, "action": "save"}
    )
    assert "The narrative must be 20,000 characters or fewer" in response.content.decode()
    assert not SectionNarrative.objects.exists()


def test_an_unknown_section_is_not_found(officer_client, draft):
    assert officer_client.get(section_url(draft, "volume")).status_code == 404


def test_a_published_edition_cannot_be_written(officer_client, published):
    page = officer_client.get(section_url(published)).content.decode()
    assert "so its narrative can no longer change" in page
    assert 'name="narrative"' not in page
    written = set(SectionNarrative.objects.values_list("section", "text"))
    response = officer_client.post(section_url(published), {"narrative": "Late", "action": "save"})
    assert "can no longer change" in response.content.decode()
    response = officer_client.post(section_url(published), {"action": "leave_out"})
    assert "can no longer change" in response.content.decode()
    assert set(SectionNarrative.objects.values_list("section", "text")) == written
    assert not SectionNarrative.objects.filter(left_out=True).exists()


@pytest.mark.parametrize("client_name", ["executive_client", "responding_manager_client"])
def test_only_the_team_writes_narratives(request, client_name, published, draft):
    client = request.getfixturevalue(client_name)
    assert client.get(section_url(published)).status_code == 403


def test_a_complaints_manager_publishes(manager_client, manager, draft):
    page = manager_client.get(reverse("reporting:edition", args=[draft.pk])).content.decode()
    publish_url = reverse("reporting:edition_publish", args=[draft.pk])
    assert publish_url in page
    write_the_empty_sections(draft, as_of=datetime.date(2022, 5, 31), by=manager)
    form = manager_client.get(publish_url).content.decode()
    assert "Sections with nothing in them" not in form
    # Today, to start with.
    assert 'name="as_of-day" type="text" value="10"' in form
    assert 'name="as_of-year" type="text" value="2022"' in form
    response = manager_client.post(
        publish_url, {"as_of-day": "31", "as_of-month": "5", "as_of-year": "2022"}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == EditionStatus.PUBLISHED
    assert draft.as_of == datetime.date(2022, 5, 31)
    assert draft.published_by == manager
    page = manager_client.get(response["Location"]).content.decode()
    assert "is published, with figures as at 31 May 2022" in page


def test_publishing_lists_the_empty_sections_and_refuses_until_each_is_written_or_left_out(
    manager_client, manager, draft
):
    as_of = datetime.date(2022, 5, 31)
    empty = services.unwritten_sections(draft, as_of=as_of)
    assert "next_steps" in empty  # a section only a narrative fills
    publish_url = reverse("reporting:edition_publish", args=[draft.pk])
    form = manager_client.get(publish_url).content.decode()
    assert "Sections with nothing in them" in form
    assert reverse("reporting:edition_section", args=[draft.pk, "next_steps"]) in form
    date = {"as_of-day": "31", "as_of-month": "5", "as_of-year": "2022"}
    page = html.unescape(manager_client.post(publish_url, date).content.decode())
    assert re.search(r"Nothing is written for [^<]*'Next steps'", page)
    assert re.search(
        r"write (each|it), or leave (each|it) out of the report, before publishing", page
    )
    draft.refresh_from_db()
    assert draft.status == EditionStatus.DRAFT

    # Next steps left out on its page; the rest written.
    response = manager_client.post(section_url(draft, "next_steps"), {"action": "leave_out"})
    assert response.status_code == 302
    assert SectionNarrative.objects.get(edition=draft, section="next_steps").left_out
    edition_page = manager_client.get(reverse("reporting:edition", args=[draft.pk]))
    assert "Left out" in edition_page.content.decode()
    for key in empty:
        if key != "next_steps":
            services.narrative_save(edition=draft, section=key, text="Written.", by=manager)
    assert manager_client.post(publish_url, date).status_code == 302
    draft.refresh_from_db()
    assert draft.status == EditionStatus.PUBLISHED
    # The published report has no placeholder and no Next steps.
    download = manager_client.get(
        reverse("reporting:edition_download", args=[draft.pk]),
        {"format": "html", "version": "published"},
    ).content.decode()
    assert "Nothing has been written" not in download
    assert "Next steps" not in download


def test_a_section_put_back_is_in_the_report_again(officer_client, draft):
    officer_client.post(section_url(draft, "next_steps"), {"action": "leave_out"})
    page = officer_client.get(section_url(draft, "next_steps")).content.decode()
    assert "This section is left out of the report" in page
    officer_client.post(section_url(draft, "next_steps"), {"action": "put_back"})
    assert not SectionNarrative.objects.get(edition=draft, section="next_steps").left_out


def test_next_steps_are_drafted_from_open_actions_and_last_years_priorities(
    officer_client, manager, draft
):
    from redress.complaints.tests.factories import LearningActionFactory

    LearningActionFactory(
        description="Train  duty workers\non call-backs.",
        owner="Head of Service",
        due_date=datetime.date(2022, 9, 30),
        completed_date=None,
    )
    LearningActionFactory(description="Done already", completed_date=datetime.date(2022, 1, 5))
    last_year = services.edition_create(period=financial_year("2020-21"), service=None, by=manager)
    services.narrative_save(
        edition=last_year, section="next_steps", text="Answer every call in a day.", by=manager
    )
    write_the_empty_sections(last_year, as_of=datetime.date(2021, 5, 31), by=manager)
    services.edition_publish(edition=last_year, as_of=datetime.date(2021, 5, 31), by=manager)

    page = html.unescape(
        officer_client.post(section_url(draft, "next_steps"), {"action": "draft"}).content.decode()
    )
    assert "- Train duty workers on call-backs (Head of Service), by 30 September 2022" in page
    assert "Done already" not in page
    assert "In 2020-21 we said our priorities would be the following." in page
    assert "&gt; Answer every call in a day." in page or "> Answer every call in a day." in page
    # A draft only: nothing is saved until the narrative is.
    assert not SectionNarrative.objects.filter(edition=draft, section="next_steps").exists()


def test_publishing_with_a_future_date_is_refused(manager_client, draft):
    response = manager_client.post(
        reverse("reporting:edition_publish", args=[draft.pk]),
        {"as_of-day": "11", "as_of-month": "6", "as_of-year": "2022"},
    )
    assert "The figures cannot be read at 11 June 2022: that is in the future." in (
        response.content.decode()
    )
    draft.refresh_from_db()
    assert draft.status == EditionStatus.DRAFT


def test_officers_cannot_publish(officer_client, draft):
    response = officer_client.post(
        reverse("reporting:edition_publish", args=[draft.pk]),
        {"as_of-day": "31", "as_of-month": "5", "as_of-year": "2022"},
    )
    assert response.status_code == 403
    assert "Only a complaints manager can publish" in response.content.decode()


def download(client, edition, fmt="json", version="internal"):
    url = reverse("reporting:edition_download", args=[edition.pk])
    return client.get(url, {"format": fmt, "version": version})


def test_a_published_edition_downloads_as_published(officer_client, executive_client, published):
    build_casebook()
    response = download(officer_client, published)
    data = json.loads(response.content)
    # The figures as at the publication date, whatever has been recorded since.
    assert data["as_of"] == "2022-05-31"
    assert data["tables"]["received.by_service"][0]["stage1"] == 3
    assert response["Content-Disposition"] == (
        'attachment; filename="complaints-report-2021-22.json"'
    )
    executive = download(executive_client, published)
    assert json.loads(executive.content)["tables"]["received.by_service"][0]["stage1"] is None
    assert executive["Content-Disposition"].endswith('-published.json"')


def test_an_unknown_format_is_not_found(officer_client, draft):
    assert download(officer_client, draft, fmt="odt").status_code == 404


def test_the_narrative_flows_into_the_preview_and_every_format(officer_client, officer, draft):
    build_casebook()
    services.narrative_save(
        edition=draft,
        section="volumes",
        text="Complaints **rose** because the service reached more families.",
        by=officer,
    )
    preview_url = reverse("reporting:edition_preview", args=[draft.pk])
    page = officer_client.get(preview_url).content.decode()
    assert "Complaints <strong>rose</strong> because the service reached more families." in page
    assert "Internal version, figures as at 10 June 2022" in page
    assert "/reports/figures/received.stage1/" in page
    published = officer_client.get(preview_url, {"version": "published"}).content.decode()
    assert "Publication version" in published
    assert "Ellen Connolly" not in published
    html = download(officer_client, draft, fmt="html").content.decode()
    assert "Complaints <strong>rose</strong> because" in html
    docx = download(officer_client, draft, fmt="docx")
    with zipfile.ZipFile(io.BytesIO(docx.content)) as word:
        body = word.read("word/document.xml").decode()
    assert "because the service reached more families." in body
    assert docx["Content-Disposition"] == 'attachment; filename="complaints-report-2021-22.docx"'


def test_an_executive_reads_a_published_edition_without_links_or_names(executive_client, published):
    build_casebook()
    page = executive_client.get(
        reverse("reporting:edition_preview", args=[published.pk])
    ).content.decode()
    assert "Publication version, figures as at 31 May 2022" in page
    assert "/reports/figures/" not in page
    assert "Joel" not in page
    assert "Show the internal version" not in page
