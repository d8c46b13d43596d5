"""Python's cycle collector held back while a large document is laid out, and run once after.

WeasyPrint builds about a million objects for an authority-year's PDF (boxes, styles, lines),
all alive until the PDF is written and most of them in reference cycles. With the default
thresholds Python collects while they are being made: about 260 young collections, 23 middle
ones and three full ones, each full one walking every object of the process (Django, the
templates, the tree so far), 0.3-0.5 s apiece, and none of them finding anything, since the
tree is still in use (ADR 0034). `collected_once` freezes what existed before (so no collection
walks it), collects the young generation rarely, never the older ones, and after the work
collects the young and middle generations once, which is where everything it made still is:
the same garbage freed, in one walk of the document's objects alone.

Nothing is left uncollected: the thresholds are put back and the frozen objects returned to the
oldest generation when the last of any overlapping uses ends (threads of one server process
share the collector).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# Young objects collected every 50,000 allocations (Python's default: 2,000); the middle and
# oldest generations not while the work runs.
WHILE_WORKING = (50_000, 1_000_000, 1_000_000)

_lock = threading.Lock()
_users = 0
_thresholds: tuple[int, int, int] = gc.get_threshold()


@contextmanager
def collected_once() -> Iterator[None]:
    """Run the body with the cycle collector held back, and collect once after it."""
    global _users, _thresholds
    with _lock:
        _users += 1
        if _users == 1:
            _thresholds = gc.get_threshold()
            gc.freeze()
            gc.set_threshold(*WHILE_WORKING)
    try:
        yield
    finally:
        with _lock:
            _users -= 1
            if _users == 0:
                gc.set_threshold(*_thresholds)
                gc.collect(1)
                gc.unfreeze()
