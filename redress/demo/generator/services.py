"""The demo authority's structure: its areas and services, after the Birmingham report's.

A service without a locality is reported as "Citywide". The report's service names say "North
West Central"; its area is "North, West & Central", which is what the locality column holds.
"""

from __future__ import annotations

from dataclasses import dataclass

CITYWIDE = "Citywide"
EAST = "East"
NWC = "North, West & Central"
SOUTH = "South"


@dataclass(frozen=True)
class Service:
    name: str
    locality: str  # blank: citywide
    statutory_share: float  # of its stage 1 complaints, handled under the statutory procedure
    cyp_weight: float  # how likely a complaint about it comes from a child or young person
    open_cases: int | None  # 2021-22 context figure; None for services that hold no cases

    @property
    def area(self) -> str:
        return self.locality or CITYWIDE


SERVICES = (
    Service("East ASTI", EAST, 0.70, 0.6, 410),
    Service("East Safeguarding", EAST, 0.72, 0.6, 690),
    Service("East Child in Care", EAST, 0.75, 3.0, 640),
    Service("North West Central ASTI", NWC, 0.70, 0.6, 450),
    Service("North West Central Safeguarding", NWC, 0.72, 0.6, 720),
    Service("North West Central Child in Care", NWC, 0.75, 3.0, 910),
    Service("South ASTI", SOUTH, 0.70, 0.6, 430),
    Service("South Safeguarding", SOUTH, 0.72, 0.6, 760),
    Service("South Child in Care", SOUTH, 0.75, 3.0, 700),
    Service("Disabled Children's Social Care", "", 0.65, 0.5, 980),
    Service("CASS / EDT / MASH", "", 0.45, 0.3, 350),
    Service("Care Leavers, UASC & Homelessness", "", 0.70, 4.0, 1450),
    Service("Mainstream Fostering", "", 0.25, 0.2, 520),
    Service("Adoption", "", 0.45, 0.2, 140),
    Service("Families Together Service", "", 0.55, 0.5, 600),
    Service("Youth Offending Service", "", 0.40, 3.0, 310),
    Service("Independent Review", "", 0.55, 1.5, 1890),
    Service("Participation & Engagement", "", 0.50, 3.0, None),
    Service("Complaints & Information", "", 0.10, 0.2, None),
)
SERVICE = {s.name: s for s in SERVICES}
