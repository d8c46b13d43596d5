"""The admin's form fields have accessible names (axe in Chromium): the fields in a tabular
inline's rows (whose labels are column headings) and the autocomplete boxes (which select2
named after their value, so an empty one had no name), in a row "Add another" adds too.

Only the rules about names are checked: the rest of the admin's look is Django's own."""

import pytest

from redress.organisations.models import Organisation, ServiceArea
from redress.taxonomies.models import Taxonomy

from .support import load_axe, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NAME_RULES = ["label", "select-name", "aria-input-field-name", "button-name", "link-name"]


def _unnamed(page) -> list[str]:
    load_axe(page)
    return page.evaluate(
        """async (rules) => (await axe.run(document, {runOnly: {type: 'rule', values: rules}}))
            .violations.flatMap(v => v.nodes.map(n => v.id + ': ' + n.target.join(' ')))""",
        NAME_RULES,
    )


def test_every_admin_field_has_a_name(page, manager):
    manager.is_staff = True
    manager.save()
    organisation = Organisation.objects.create(name="Kingsmoor Council")
    service = ServiceArea.objects.create(name="Fostering", organisation=organisation)
    taxonomy = Taxonomy.objects.order_by("pk").first()
    sign_in(page, manager.username)  # the admin signs in on Redress's page, with a code
    page.goto("/admin/")
    pages = [
        f"/admin/organisations/organisation/{organisation.pk}/change/",
        f"/admin/taxonomies/taxonomy/{taxonomy.pk}/change/",
        "/admin/procedures/procedure/1/change/",
        f"/admin/organisations/servicearea/{service.pk}/change/",
    ]
    problems = []
    for url in pages:
        page.goto(url)
        # A new row, as "Add another" makes it, is named too.
        add_row = page.locator(".add-row a").first
        if add_row.count():
            add_row.click()
        problems += [f"{url} {problem}" for problem in _unnamed(page)]
    assert not problems, "Fields without an accessible name:\n" + "\n".join(problems)
