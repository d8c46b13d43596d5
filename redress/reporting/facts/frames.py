"""The facts one report run computes from: a frame per kind of record."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import polars as pl

from . import schema


@dataclass(frozen=True)
class Facts:
    as_of: datetime.date
    stages: pl.DataFrame
    aspects: pl.DataFrame
    mediations: pl.DataFrame
    enquiries: pl.DataFrame
    payments: pl.DataFrame
    compliments: pl.DataFrame
    feedback: pl.DataFrame
    satisfaction: pl.DataFrame
    actions: pl.DataFrame
    context: pl.DataFrame
    stage_rules: pl.DataFrame
    # Satisfaction surveys (redress.surveys); empty where none are given.
    surveys: pl.DataFrame = field(default_factory=lambda: schema.empty(schema.SURVEY))
