"""Progress reporting for long imports and exports, kept out of the services' logic: a service
takes a factory that makes one bar per phase; the command passes one that draws tqdm bars."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Protocol

from tqdm import tqdm


class ProgressBar(Protocol):
    def update(self, n: int = 1) -> object: ...

    def close(self) -> None: ...


ProgressFactory = Callable[[str, int | None], ProgressBar]


class Silent:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def silent(description: str, total: int | None) -> ProgressBar:
    return Silent()


def tqdm_bars(*, enabled: bool) -> ProgressFactory:
    """tqdm bars on stderr, or silence (not a terminal, or --quiet)."""
    if not enabled:
        return silent

    def bar(description: str, total: int | None) -> ProgressBar:
        return tqdm(desc=description, total=total, unit=" rows", file=sys.stderr, leave=False)

    return bar
