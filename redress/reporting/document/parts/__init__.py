"""The builders of the report's sections, one per section key of `sections.py`, each returning
the section's blocks."""

from __future__ import annotations

from collections.abc import Callable

from ..context import BuildContext
from .appendices import annex_suppressions, appendix_figures, appendix_reasons
from .children import appendix_voice, children
from .common import Blocks
from .learning import appendix_learning, learning, next_steps
from .money import compliments, costs
from .reasons import complainants, methods, outcomes, reasons
from .routes import mediation, ombudsman
from .summary import headlines, procedure, summary
from .surveys import what_complainants_told_us
from .timeliness import appendix_responsiveness, timeliness
from .volumes import escalation, rates, services, volumes

BUILDERS: dict[str, Callable[[BuildContext], Blocks]] = {
    "summary": summary,
    "procedure": procedure,
    "volumes": volumes,
    "rates": rates,
    "services": services,
    "escalation": escalation,
    "timeliness": timeliness,
    "reasons": reasons,
    "outcomes": outcomes,
    "methods": methods,
    "complainants": complainants,
    "what_complainants_told_us": what_complainants_told_us,
    "children": children,
    "mediation": mediation,
    "ombudsman": ombudsman,
    "learning": learning,
    "costs": costs,
    "compliments": compliments,
    "next_steps": next_steps,
    "appendix_responsiveness": appendix_responsiveness,
    "appendix_reasons": appendix_reasons,
    "appendix_voice": appendix_voice,
    "appendix_learning": appendix_learning,
    "appendix_figures": appendix_figures,
    "annex_suppressions": annex_suppressions,
}

__all__ = ["BUILDERS", "headlines"]
