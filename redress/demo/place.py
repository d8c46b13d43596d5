"""Where the demo authority is, as its settings say (demo_setup sets them first): its town for
made-up addresses, its postcode area and its email domain. So the second demo authority's
people live in Brackenford, not Kingsmoor."""

from __future__ import annotations

import re

from redress.core import config


def town() -> str:
    """The first word of the authority's name: "Kingsmoor Children's Trust" -> "Kingsmoor"."""
    return str(config.get("authority_name")).split(" ")[0] or "Kingsmoor"


def postcode_area() -> str:
    """The letters of the letterhead's postcode: "…, Kingsmoor, KM1 1AA" -> "KM"."""
    found = re.search(r"\b([A-Z]{1,2})\d", str(config.get("letter_address")).split(",")[-1])
    return found.group(1) if found else "KM"


def email_domain() -> str:
    """The complaints team's email domain: "complaints@kingsmoor.example" -> "kingsmoor.example"."""
    return str(config.get("complaints_email")).rpartition("@")[2] or "kingsmoor.example"
