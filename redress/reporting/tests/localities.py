"""The casebook (casebook.py) with localities restructured on 1 January 2022, for the tests of
quarterly, monthly and locality reports.

| service area (version)         | locality      | in use                   |
| ------------------------------ | ------------- | ------------------------ |
| South Safeguarding             | South         | always                   |
| Early Help (old)               | South         | until 31 December 2021   |
| Early Help (new)               | West          | from 1 January 2022      |
| Youth Offending                | South         | until 30 June 2021       |
| Fostering (from 2022)          | West          | from 1 January 2022      |
| Family Hub                     | West          | from 1 February 2022     |
| Fostering (until 2021)         | none          | until 31 December 2021   |

West is a locality from 1 January 2022; North was one until 31 March 2020; East has no service
areas. Besides the casebook's complaints (0004 and 0005 at Fostering's new version in February
and March 2022; 0006 at South Safeguarding on 14 March 2022):

| ref  | service area (version) | received   |
| ---- | ---------------------- | ---------- |
| EH01 | Early Help (old)       | 2021-02-10 |
| EH02 | Early Help (old)       | 2021-03-05 |
| YO01 | Youth Offending        | 2021-03-20 |
| EH03 | Early Help (old)       | 2021-11-10 |
| EH04 | Early Help (new)       | 2022-01-20 |
| FH01 | Family Hub             | 2022-02-15 |
| FH02 | Family Hub             | 2022-03-20 |

So in Q4 2021-22 (January to March 2022) West received 5 stage 1 complaints (0004, 0005, EH04,
FH01, FH02) and none a year before (it did not exist); South received 1 (0006) against 3 in Q4
2020-21 (EH01, EH02, YO01); in March 2022 South received 1 against 2 in March 2021.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from redress.complaints.models import Complaint
from redress.organisations.models import Locality, ServiceArea
from redress.organisations.tests.factories import LocalityFactory, ServiceAreaFactory

from .casebook import Casebook, _complaint

d = datetime.date.fromisoformat


@dataclass
class Restructure:
    casebook: Casebook
    south: Locality
    west: Locality
    early_help_old: ServiceArea
    early_help_new: ServiceArea
    youth_offending: ServiceArea
    family_hub: ServiceArea
    complaints: dict[str, Complaint]

    @property
    def west_areas(self) -> set[int]:
        """The service area versions in West in Q4 2021-22 (and none a year before)."""
        return {self.casebook.fostering_new.pk, self.early_help_new.pk, self.family_hub.pk}

    @property
    def south_areas(self) -> set[int]:
        """The service area versions in South in Q4 2021-22 or Q4 2020-21."""
        return {self.casebook.south.pk, self.early_help_old.pk, self.youth_offending.pk}


def build_restructure(casebook: Casebook) -> Restructure:
    south = Locality.objects.get(name="South")
    west = LocalityFactory(name="West", valid_from=d("2022-01-01"))
    LocalityFactory(name="North", valid_to=d("2020-03-31"))
    LocalityFactory(name="East")
    ServiceArea.objects.filter(pk=casebook.fostering_new.pk).update(locality=west)
    casebook.fostering_new.refresh_from_db()
    early_old = ServiceAreaFactory(name="Early Help", locality=south, valid_to=d("2021-12-31"))
    early_new = ServiceAreaFactory(name="Early Help", locality=west, valid_from=d("2022-01-01"))
    youth = ServiceAreaFactory(name="Youth Offending", locality=south, valid_to=d("2021-06-30"))
    hub = ServiceAreaFactory(name="Family Hub", locality=west, valid_from=d("2022-02-01"))
    complaints = {
        ref: _complaint(ref, area, received)
        for ref, area, received in (
            ("EH01", early_old, "2021-02-10"),
            ("EH02", early_old, "2021-03-05"),
            ("YO01", youth, "2021-03-20"),
            ("EH03", early_old, "2021-11-10"),
            ("EH04", early_new, "2022-01-20"),
            ("FH01", hub, "2022-02-15"),
            ("FH02", hub, "2022-03-20"),
        )
    }
    return Restructure(casebook, south, west, early_old, early_new, youth, hub, complaints)
