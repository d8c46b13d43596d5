"""Imports every figure module so that each registers its figures."""

from . import (  # noqa: F401
    children,
    escalation_routes,
    feedback,
    learning,
    money,
    ombudsman_remedies,
    outcomes,
    reasons,
    surveys,
    timeliness,
    trend,
    volumes,
    who_and_how,
)
