"""Test data and checks for the figures engine: hand-built facts (`facts`), the check that
every figure id has a test (`checks`), the published Birmingham and Sandwell datasets and their
tests' module fixtures (`published`), and the records of the report's case-by-case parts
(`cases`)."""

from .checks import CLAIMS, covers, expect, expect_table, same
from .facts import AS_OF, FactsBuilder, Ref, compute, day, shipped_rules

__all__ = [
    "AS_OF",
    "CLAIMS",
    "FactsBuilder",
    "Ref",
    "compute",
    "covers",
    "day",
    "expect",
    "expect_table",
    "same",
    "shipped_rules",
]
