"""Charts drawn as SVG by vl-convert: in this process, or ahead in a process of their own.

vl-convert holds Python's lock for the whole of each drawing (about 55 ms a chart), so nothing
else in the process runs meanwhile, and a thread cannot draw beside other work (ADR 0034's
measurement). The printed report has 11 charts: 0.6 s of a PDF. Drawn ahead in a second process,
they are made on the machine's other core while WeasyPrint reads and styles the page, and are
ready, or nearly, when it asks for them (ADR 0037).

The chart process is started on first use and lives as long as this one (it ends when its
input closes). It is a plain Python that imports only vl-convert (`chart_worker.py`), not a
`multiprocessing` child, which would import this process's main script again. If it cannot be
started, fails, or is switched off (`REDRESS_CHART_PROCESS=0`), charts are drawn here as before:
drawing ahead only ever changes when a chart is drawn, never what is drawn.
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import struct
import subprocess
import sys
import threading
import weakref
from collections import OrderedDict, deque
from collections.abc import Iterable
from concurrent.futures import Future
from pathlib import Path

import vl_convert
from django.conf import settings

from .chart_worker import HEADER, VEGA_LITE_VERSION

# How long a chart drawn ahead is waited for before it is drawn here instead.
WAIT_SECONDS = 30
WORKER = Path(__file__).with_name("chart_worker.py")

logger = logging.getLogger(__name__)


def draw(spec_json: str) -> str:
    """The chart of a Vega-Lite spec (as JSON) as an SVG document, drawn in this process."""
    return vl_convert.vegalite_to_svg(spec_json, vl_version=VEGA_LITE_VERSION)


class ChartProcessError(RuntimeError):
    """The chart process could not draw a chart (it is drawn here instead)."""


class _Worker:
    """One run of the chart process: what is sent to it (by a thread writing its standard
    input) and the charts waiting for its answers (settled in turn by a thread reading its
    standard output), so that nothing that asks for a chart waits on a pipe."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - this interpreter, our own script
            [sys.executable, "-I", str(WORKER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        self.outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self.waiting: deque[Future[str]] = deque()
        for target in (self._write, self._read):
            threading.Thread(target=target, name="chart-process", daemon=True).start()

    def _write(self) -> None:
        specs = self.process.stdin
        assert specs is not None
        try:
            while (message := self.outbox.get()) is not None:
                specs.write(message)
                specs.flush()
        except OSError:
            chart_process.stop(self, "the chart process stopped reading")
        finally:
            with contextlib.suppress(OSError):
                specs.close()

    def _read(self) -> None:
        answers = self.process.stdout
        assert answers is not None
        size = struct.calcsize(HEADER)
        while len(header := answers.read(size)) == size:
            failed, length = struct.unpack(HEADER, header)
            text = answers.read(length).decode()
            with chart_process.lock:
                if not self.waiting:
                    break
                future = self.waiting.popleft()
            if failed:
                future.set_exception(ChartProcessError(text))
            else:
                future.set_result(text)
        chart_process.stop(self, "the chart process stopped")


class _ChartProcess:
    """The one process charts are drawn ahead in, started when first asked for."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self._worker: _Worker | None = None

    def submit(self, spec_json: str) -> Future[str] | None:
        """The chart being drawn in the chart process; None if there is none to draw it."""
        if not settings.REDRESS_CHART_PROCESS:
            return None
        payload = spec_json.encode()
        future: Future[str] = Future()
        with self.lock:
            worker = self._worker
            if worker is None:
                try:
                    worker = self._worker = _Worker()
                except OSError as error:
                    logger.warning("Charts are drawn in this process: %s", error)
                    return None
            worker.waiting.append(future)
            worker.outbox.put(struct.pack(HEADER, 0, len(payload)) + payload)
        return future

    def restart(self, reason: str) -> None:
        """End the current run (a chart took too long): the charts waiting for it are drawn
        here, and the next chart starts another."""
        with self.lock:
            worker = self._worker
        if worker is not None:
            self.stop(worker, reason)

    def stop(self, worker: _Worker, reason: str) -> None:
        """Fail the charts waiting for this run (they are drawn here), end it, and let the
        next chart start another."""
        with self.lock:
            if self._worker is worker:
                self._worker = None
            waiting = list(worker.waiting)
            worker.waiting.clear()
        worker.outbox.put(None)
        with contextlib.suppress(OSError):
            worker.process.kill()
        worker.process.wait()
        for future in waiting:
            future.set_exception(ChartProcessError(reason))


chart_process = _ChartProcess()
_drawings: weakref.WeakSet[Drawings] = weakref.WeakSet()


def _after_fork() -> None:
    """In a forked child (a server forking its workers): the parent's chart process, its
    threads and the charts it was drawing are the parent's. The child starts its own."""
    chart_process.lock = threading.Lock()
    chart_process._worker = None
    for drawings in list(_drawings):
        drawings._lock = threading.Lock()
        drawings._ahead.clear()


os.register_at_fork(after_in_child=_after_fork)


class Drawings:
    """The last charts drawn, by their spec's JSON (the same spec always gives the same SVG),
    and the charts being drawn ahead. Called with a spec's JSON, it gives its SVG: kept, drawn
    ahead (waited for) or drawn now."""

    def __init__(self, size: int = 256) -> None:
        self._size = size
        self._svgs: OrderedDict[str, str] = OrderedDict()
        self._ahead: dict[str, Future[str]] = {}
        self._lock = threading.Lock()
        _drawings.add(self)

    def __call__(self, spec_json: str) -> str:
        with self._lock:
            if (svg := self._svgs.get(spec_json)) is not None:
                self._svgs.move_to_end(spec_json)
                return svg
            ahead = self._ahead.pop(spec_json, None)
        svg = self._drawn_ahead(ahead) if ahead is not None else None
        if svg is None:
            svg = draw(spec_json)
        with self._lock:
            svg = self._svgs.setdefault(spec_json, svg)
            while len(self._svgs) > self._size:
                self._svgs.popitem(last=False)
        return svg

    def ahead(self, spec_jsons: Iterable[str]) -> int:
        """Start drawing these charts in the chart process, unless kept or already started.
        The number started."""
        started = 0
        for spec_json in spec_jsons:
            with self._lock:
                if spec_json in self._svgs or spec_json in self._ahead:
                    continue
            future = chart_process.submit(spec_json)
            if future is None:
                break
            with self._lock:
                self._ahead[spec_json] = future
                while len(self._ahead) > self._size:  # asked for and never fetched
                    del self._ahead[next(iter(self._ahead))]
            started += 1
        return started

    def cache_clear(self) -> None:
        """Forget every chart drawn (and those being drawn ahead: their answers are dropped)."""
        with self._lock:
            self._ahead.clear()
            self._svgs.clear()

    @staticmethod
    def _drawn_ahead(future: Future[str]) -> str | None:
        try:
            return future.result(timeout=WAIT_SECONDS)
        except ChartProcessError as error:
            # Drawn here instead, where a fault in the chart itself raises.
            logger.warning("A chart drawn ahead failed; drawing it here: %s", error)
        except TimeoutError:
            # Hung: ended, so that the charts after it are drawn here at once, not each
            # waited for in turn.
            logger.warning("The chart process took over %s s; drawing here", WAIT_SECONDS)
            chart_process.restart(f"no answer in {WAIT_SECONDS} s")
        return None
