"""Report editions follow the authority's report profile (setting report_sections, ADR 0028):
the edition's page lists the profile's sections in its order with the appendices lettered as
the report letters them; a section outside the profile cannot be written (its page says why);
publishing names the unwritten sections by those titles; every format has only the profile's
sections, in its order."""

import datetime
import html
import io
import re
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from redress.core import config
from redress.reporting import services
from redress.reporting.models import SectionNarrative
from redress.reporting.periods import financial_year

pytestmark = pytest.mark.django_db
YEAR = financial_year("2021-22")
PROFILE = "summary,volumes,appendix_learning,next_steps,appendix_reasons"


@pytest.fixture(autouse=True)
def _today(settings):
    settings.REDRESS_TODAY = datetime.date(2022, 6, 10)


@pytest.fixture
def profile():
    config.set_value("report_sections", PROFILE, by=None)


@pytest.fixture
def draft(officer):
    return services.edition_create(period=YEAR, service=None, by=officer)


def section_url(edition, section):
    return reverse("reporting:edition_section", args=[edition.pk, section])


def positions(page: str, titles: list[str]) -> list[int]:
    return [page.index(title) for title in titles]


def test_the_edition_page_lists_the_profiles_sections_in_its_order(officer_client, profile, draft):
    page = html.unescape(
        officer_client.get(reverse("reporting:edition", args=[draft.pk])).content.decode()
    )
    titles = [
        "Executive summary",
        "Volumes and trends",
        "Appendix A: learning and improvements",
        "Next steps",
        "Appendix B: reasons for complaint",
        "Annex: figures withheld to protect children",
    ]
    found = positions(page, titles)
    assert found == sorted(found)
    assert page.count("Not written") == len(titles)
    assert "Mediation" not in page
    assert section_url(draft, "mediation") not in page
    assert "Appendix C" not in page


def test_a_section_left_out_of_the_edition_moves_the_letters(officer_client, profile, draft):
    officer_client.post(section_url(draft, "appendix_learning"), {"action": "leave_out"})
    page = html.unescape(
        officer_client.get(reverse("reporting:edition", args=[draft.pk])).content.decode()
    )
    assert "Appendix: learning and improvements" in page
    assert "Appendix A: reasons for complaint" in page


def test_a_section_outside_the_profile_cannot_be_written(officer_client, officer, profile, draft):
    response = officer_client.get(section_url(draft, "mediation"))
    assert response.status_code == 302
    assert response["Location"] == reverse("reporting:edition", args=[draft.pk]) + "#sections"
    page = html.unescape(officer_client.get(response["Location"]).content.decode())
    assert (
        "'Mediation' is not in this authority's report: the setting report_sections leaves it "
        "out, so it has no narrative to write."
    ) in page
    officer_client.post(section_url(draft, "mediation"), {"narrative": "Written", "action": "save"})
    assert not SectionNarrative.objects.exists()
    with pytest.raises(services.NotInReport) as error:
        services.narrative_save(edition=draft, section="mediation", text="Written", by=officer)
    assert str(error.value).startswith("'Mediation' is not in this authority's report")
    with pytest.raises(services.NotInReport):
        services.narrative_leave_out(edition=draft, section="costs", left_out=True, by=officer)
    # Not a section at all: still not found.
    assert officer_client.get(section_url(draft, "volume")).status_code == 404


def test_a_narrative_written_before_the_profile_changed_is_kept(officer, draft):
    services.narrative_save(edition=draft, section="mediation", text="Kept.", by=officer)
    config.set_value("report_sections", PROFILE, by=None)
    prepared = services.prepare_report(period=YEAR, as_of=datetime.date(2022, 5, 31), edition=draft)
    assert "mediation" not in [s.key for s in prepared.document.sections]
    assert SectionNarrative.objects.get(edition=draft, section="mediation").text == "Kept."
    config.set_value("report_sections", "", by=None)
    prepared = services.prepare_report(period=YEAR, as_of=datetime.date(2022, 5, 31), edition=draft)
    assert prepared.document.section("mediation").narrative.text == "Kept."


def test_publishing_names_only_the_profiles_unwritten_sections(manager_client, profile, draft):
    as_of = datetime.date(2022, 5, 31)
    unwritten = services.unwritten_sections(draft, as_of=as_of)
    assert set(unwritten) <= set(PROFILE.split(","))
    assert "next_steps" in unwritten
    publish_url = reverse("reporting:edition_publish", args=[draft.pk])
    date = {"as_of-day": "31", "as_of-month": "5", "as_of-year": "2022"}
    page = html.unescape(manager_client.post(publish_url, date).content.decode())
    refusal = re.search(r"Nothing is written for [^<]*", page).group(0)
    assert "'Next steps'" in refusal
    assert "Mediation" not in refusal


def test_every_format_has_the_profiles_sections_in_its_order(officer_client, profile, draft):
    base = reverse("reporting:edition_download", args=[draft.pk])
    page = html.unescape(
        officer_client.get(base, {"format": "html", "version": "internal"}).content.decode()
    )
    titles = [
        "Executive summary",
        "Volumes and trends",
        "Appendix A: learning and improvements",
        "Next steps",
        "Appendix B: reasons for complaint",
    ]
    found = positions(page, titles)
    assert found == sorted(found)
    for absent in ("How quickly we respond", "Mediation", "Complaint costs", "Appendix C"):
        assert absent not in page

    docx = officer_client.get(base, {"format": "docx", "version": "internal"}).content
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        xml = archive.read("word/document.xml").decode()
    text = html.unescape(re.sub(r"<[^>]+>", "", xml))
    found = [text.rindex(title) for title in titles]  # after the contents
    assert found == sorted(found)
    assert "Mediation" not in text

    xlsx = officer_client.get(base, {"format": "xlsx", "version": "internal"}).content
    workbook = load_workbook(io.BytesIO(xlsx))
    # The spreadsheet keeps every table of the figure set (it is the figures, not the prose):
    # those the report shows come first, in its order.
    assert workbook.sheetnames[:2] == ["Contents", "Figures"]
    assert len(workbook.sheetnames) > 2


def test_the_excerpts_lists_name_the_appendices_as_the_report_letters_them(
    manager_client, manager, draft
):
    base = reverse("reporting:edition_excerpts", args=[draft.pk])
    page = html.unescape(manager_client.get(base).content.decode())
    assert "Children’s complaints (Appendix C)" in page
    assert "Learning actions (Appendix D)" in page
    config.set_value("report_sections", PROFILE, by=None)
    page = html.unescape(manager_client.get(base).content.decode())
    assert "Learning actions (Appendix A)" in page
    assert "We did (Appendix A)" in page
    # The voice of the child is not in this report: its list names no appendix.
    assert "Children’s complaints (" not in page
    assert "Children’s complaints" in page


def test_a_report_by_theme_from_recorded_complaints_with_the_shipped_themes(officer):
    """The whole path: complaints recorded under the shipped Sandwell-style theme taxonomy, the
    settings read from the authority's configuration, the document as editions make it."""
    from redress.complaints.tests.factories import ComplaintFactory, StageFactory
    from redress.taxonomies.tests.factories import shipped_theme

    outcomes = {
        "Actions / Conduct of Worker": ["upheld", "upheld", "not_upheld"],
        "Communication": ["not_upheld", "partially_upheld"],
        "Delay": ["not_upheld"],
    }
    for theme, results in outcomes.items():
        for n, outcome in enumerate(results):
            received = datetime.date(2021, 6, 7 + n)
            complaint = ComplaintFactory(
                received_date=received, stage1=False, theme=shipped_theme(theme)
            )
            StageFactory(
                complaint=complaint,
                number=1,
                received_date=received,
                responded_date=received + datetime.timedelta(days=7),
                outcome=outcome,
            )
    config.set_value("report_reasons_by", "theme", by=None)
    config.set_value("report_sections", "reasons,appendix_reasons", by=None)
    draft = services.edition_create(period=YEAR, service=None, by=officer)
    prepared = services.prepare_report(period=YEAR, as_of=datetime.date(2022, 5, 31), edition=draft)
    document = prepared.document
    assert [s.title for s in document.sections] == [
        "What people complain about",
        "Appendix A: themes of complaints",
    ]
    said = [b.plain for b in document.section("reasons").blocks if hasattr(b, "plain")]
    assert said[0] == (
        "Each stage 1 complaint is given one theme. The themes raised most often in 2021-22 "
        "were actions or conduct of worker (3 complaints); communication (2); and delay (1)."
    )
    assert said[1] == (
        "Of the three largest themes, more complaints were upheld or partially upheld than in "
        "2020-21 in two: actions or conduct of worker (2, against none) and communication "
        "(1, against none); the same number in one: delay (none in both)."
    )
    assert said[-1] == "Appendix A gives every theme."
