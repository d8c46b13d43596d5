"""Facts: the records a report counts, extracted once per run as Polars frames."""

from .extract import extract_facts
from .frames import Facts

__all__ = ["Facts", "extract_facts"]
