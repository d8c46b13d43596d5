"""Each authority setting carries its own help (what it does, its valid values, its default and
an example), built from the definitions its parser checks, and shown where settings are set:
the admin's add and change pages (no script), its list, and `redress config list`."""

import html
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from redress.core import config
from redress.core.models import AuditEvent, AuthoritySetting
from redress.reporting.document.sections import SECTION_KEYS

pytestmark = pytest.mark.django_db

ADD = reverse("admin:core_authoritysetting_add")
WITH_CHOICES = [k for k, s in config.SETTINGS.items() if s.choices]


def change_url(key: str) -> str:
    return reverse(
        "admin:core_authoritysetting_change", args=[AuthoritySetting.objects.get(key=key).pk]
    )


def text(response) -> str:
    """The page as a reader sees its words: tags dropped, entities read."""
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def value_help(response) -> str:
    """The words of the help shown beside the value."""
    page = response.content.decode()
    start = page.index('id="id_text_helptext"')
    end = page.index("</fieldset>", start)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page[start:end])))


@pytest.fixture
def manager_admin(staff_manager_client):
    return staff_manager_client


# -- the definitions ----------------------------------------------------------------------------


@pytest.mark.parametrize("key", list(config.SETTINGS))
def test_every_setting_says_what_it_does_what_it_may_be_its_default_and_an_example(key):
    help_ = config.describe(key)
    assert help_.what
    assert help_.valid
    assert help_.default
    assert help_.example
    # The example is a value the setting takes, as typed.
    config.SETTINGS[key].parse(help_.example)


@pytest.mark.parametrize("key", WITH_CHOICES)
def test_a_setting_s_choices_are_what_its_parser_takes_and_refuses_with(key):
    """Help and validation cannot drift: every choice in the help is taken, and a value that
    is not one is refused with a message naming every choice."""
    setting = config.SETTINGS[key]
    for value in config.valid_values(key):
        assert setting.parse(f" {value.upper()} ") == value
        assert f"'{value}'" in config.describe(key).valid
    with pytest.raises(config.SettingError) as error:
        setting.parse("nonsense")
    for value in config.valid_values(key):
        assert f"'{value}'" in str(error.value)


def test_the_voice_s_choices_and_meaning():
    help_ = config.describe("report_voice")
    assert config.valid_values("report_voice") == ("we", "authority")
    assert help_.valid.startswith("'we' (we offered an advocate; how quickly we respond); or ")
    assert (help_.default, help_.example) == ("we", "authority")


def test_the_report_s_sections_are_listed_in_their_default_order():
    help_ = config.describe("report_sections")
    assert config.valid_values("report_sections") == SECTION_KEYS
    assert ", ".join(SECTION_KEYS) + " (the default order)" in help_.valid
    assert help_.default == config.EVERY_SECTION
    # The refusal lists the same keys in the same order.
    with pytest.raises(config.SettingError, match=re.escape(", ".join(SECTION_KEYS))):
        config.SETTINGS["report_sections"].parse("colour")


def test_a_range_is_the_same_in_the_help_and_the_refusal():
    low, high = config.THRESHOLD_RANGE
    assert f"a whole number from {low} to {high}" == config.describe("suppression_threshold").valid
    with pytest.raises(config.SettingError, match=f"between {low} and {high}"):
        config.SETTINGS["suppression_threshold"].parse(str(high + 1))
    assert config.describe("suppression_threshold").default == "5"
    low, high = config.REMINDER_RANGE
    assert f"from {low} to {high}" in config.describe("reminder_days_before").valid
    with pytest.raises(config.SettingError, match=f"between {low} and {high}"):
        config.SETTINGS["reminder_days_before"].parse(str(high + 1))


def test_a_blank_default_says_blank():
    assert config.describe("letter_address").default == "blank"
    assert config.describe("closure_days").default == "(none)"


# -- the admin -----------------------------------------------------------------------------------


def test_the_add_page_lists_every_setting_with_its_own_help(manager_admin):
    config.set_value("report_voice", "authority", by=None)
    response = manager_admin.get(ADD)
    assert response.status_code == 200
    page = text(response)
    for help_ in config.describe_all():
        assert f"{help_.label} ( {help_.key} )" in page, help_.key
        assert help_.what in page, help_.key
        assert f"Default: {help_.default}. Example: {help_.example}" in page, help_.key
    assert "we : we offered an advocate; how quickly we respond" in page
    assert "authority : the authority's name in the third person" in page
    assert ", ".join(SECTION_KEYS) + " (the default order)" in page
    # Each setting's link opens this page with it chosen, or its change page once it is set.
    content = response.content.decode()
    assert f'href="{ADD}?key=report_sections"' in content
    assert f'href="{change_url("report_voice")}"' in content
    # The key is chosen by its label and its key.
    assert "Voice of the annual report (report_voice)" in page


def test_the_add_page_opened_for_a_key_shows_its_help_beside_the_value(manager_admin):
    response = manager_admin.get(f"{ADD}?key=report_voice")
    assert '<option value="report_voice" selected>' in response.content.decode()
    beside = value_help(response)
    assert "How the annual report speaks of the authority" in beside
    assert "we : we offered an advocate" in beside
    assert "authority : the authority's name in the third person" in beside
    assert "Default: we. Example: authority" in beside
    assert "Sections of the annual report" not in beside  # only the chosen key's help


def test_the_change_page_shows_the_key_s_own_help(manager_admin):
    config.set_value("report_voice", "authority", by=None)
    response = manager_admin.get(change_url("report_voice"))
    assert response.status_code == 200
    beside = value_help(response)
    assert "Valid values: we : we offered an advocate; how quickly we respond" in beside
    assert "authority : the authority's name in the third person" in beside
    assert "Default: we. Example: authority" in beside
    # The list of every setting is for the add page.
    assert "Every setting: what it does" not in text(response)

    config.set_value("report_sections", "summary,volumes", by=None)
    beside = value_help(manager_admin.get(change_url("report_sections")))
    assert ", ".join(SECTION_KEYS) + " (the default order)" in beside
    assert "Default: (every section, in the default order)." in beside


def test_a_bad_value_is_refused_naming_the_key_and_its_choices_and_its_help_follows(
    manager_admin,
):
    response = manager_admin.post(ADD, {"key": "report_voice", "text": "they"})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["text"] == [
        "report_voice: The report speaks as 'we' (we offered an advocate) or as the 'authority' "
        "(the authority's name: Kingsmoor Children's Trust offered an advocate)."
    ]
    assert "Default: we. Example: authority" in value_help(response)
    assert not AuthoritySetting.objects.exists()
    assert not AuditEvent.objects.exists()

    response = manager_admin.post(ADD, {"key": "report_sections", "text": "summary,colour"})
    [message] = response.context["adminform"].form.errors["text"]
    assert message == (
        "report_sections: 'colour' is not a section of the annual report. "
        f"Sections: {', '.join(SECTION_KEYS)}."
    )
    assert ", ".join(SECTION_KEYS) + " (the default order)" in value_help(response)


def test_a_good_value_is_saved_through_the_settings_service(manager_admin):
    response = manager_admin.post(ADD, {"key": "report_voice", "text": " Authority "})
    assert response.status_code == 302
    assert config.get("report_voice") == "authority"
    assert AuditEvent.objects.get(action="config.set").after == {"report_voice": "authority"}


def test_the_list_of_settings_names_each_one_and_its_default(manager_admin):
    config.set_value("suppression_threshold", "10", by=None)
    page = text(manager_admin.get(reverse("admin:core_authoritysetting_changelist")))
    assert "suppression_threshold Suppression threshold 10 5" in page


# -- the command ---------------------------------------------------------------------------------


def test_config_list_gives_each_key_s_help():
    out = StringIO()
    call_command("config", "list", stdout=out)
    lines = out.getvalue().splitlines()
    at = lines.index("report_voice = we")
    assert lines[at + 1] == (
        "    Voice of the annual report. How the annual report speaks of the authority, the "
        "same throughout."
    )
    assert lines[at + 2] == (
        "    Valid values: 'we' (we offered an advocate; how quickly we respond); or 'authority' "
        "(the authority's name in the third person: Kingsmoor Children's Trust offered an "
        "advocate). Default: we. Example: authority"
    )
