"""The annual report's profile settings: `report_sections` (which sections, in which order) and
`report_reasons_by` (category or theme), checked as `redress config set` and the admin check
them, stored, read back and shown."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from redress.core import config
from redress.core.models import AuditEvent
from redress.reporting.document.sections import SECTION_KEYS
from redress.reporting.selectors import report_settings

pytestmark = pytest.mark.django_db
KEYS = ", ".join(SECTION_KEYS)


def test_every_section_in_the_default_order_unless_set():
    assert config.get("report_sections") == ()
    assert config.show("report_sections") == "(every section, in the default order)"
    assert config.get("report_reasons_by") == "category"
    settings = report_settings()
    assert (settings.sections, settings.reasons_by) == ((), "category")


def test_a_chosen_list_is_stored_in_its_order_and_read_by_the_report():
    stored = config.set_value(
        "report_sections", " Summary, volumes ,reasons,,appendix_reasons ", by=None
    )
    assert stored == ("summary", "volumes", "reasons", "appendix_reasons")
    assert config.get("report_sections") == stored
    assert config.show("report_sections") == "summary,volumes,reasons,appendix_reasons"
    config.set_value("report_reasons_by", "Theme", by=None)
    settings = report_settings()
    assert settings.sections == stored
    assert settings.reasons_by == "theme"
    event = AuditEvent.objects.filter(action="config.set").last()
    assert event.after == {"report_reasons_by": "theme"}


def test_blank_or_the_default_as_shown_means_every_section_again():
    config.set_value("report_sections", "summary,volumes", by=None)
    assert config.set_value("report_sections", "  ", by=None) == ()
    config.set_value("report_sections", "summary", by=None)
    # The admin shows the default in words and may post it back unchanged.
    assert config.set_value("report_sections", config.EVERY_SECTION, by=None) == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "summary,volumes,colour",
            f"'colour' is not a section of the annual report. Sections: {KEYS}.",
        ),
        (
            "summary,themes,appendix_z",
            f"These are not sections: 'themes', 'appendix_z' of the annual report. "
            f"Sections: {KEYS}.",
        ),
        (
            "summary,volumes,Summary",
            "A section can be in the report once: 'summary' is named more than once.",
        ),
        (
            "summary,volumes,summary,volumes",
            "A section can be in the report once: 'summary', 'volumes' are named more than once.",
        ),
        (
            " , ,",
            "The list of report sections is empty: name at least one section, separated by "
            "commas, or leave it blank for every section in the default order. "
            f"Sections: {KEYS}.",
        ),
    ],
)
def test_a_bad_list_is_refused_naming_what_is_wrong(text, message):
    with pytest.raises(config.SettingError) as error:
        config.set_value("report_sections", text, by=None)
    assert str(error.value) == message
    assert config.get("report_sections") == ()
    assert not AuditEvent.objects.exists()


def test_reasons_are_by_category_or_theme():
    with pytest.raises(config.SettingError) as error:
        config.set_value("report_reasons_by", "subject", by=None)
    assert str(error.value) == (
        "'subject' is not a way to report reasons: the annual report gives reasons by "
        "'category' (category and sub-category) or by 'theme' (one theme per complaint)."
    )
    assert config.get("report_reasons_by") == "category"


def test_the_command_refuses_a_bad_list_with_the_message():
    with pytest.raises(CommandError) as error:
        call_command("config", "set", "report_sections", "summary,nope")
    assert str(error.value).startswith("'nope' is not a section of the annual report.")
