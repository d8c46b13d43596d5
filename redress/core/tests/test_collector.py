"""The cycle collector held back during a render and run once after it (core/collector.py)."""

from __future__ import annotations

import gc
import threading
import weakref

import pytest

from redress.core.collector import WHILE_WORKING, collected_once


class Node:
    """An object in a reference cycle: only the cycle collector frees it."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture(autouse=True)
def _clean_collector():
    gc.collect()
    yield
    gc.unfreeze()
    gc.collect()


def test_the_thresholds_are_raised_while_working_and_put_back_after():
    before = gc.get_threshold()
    with collected_once():
        assert gc.get_threshold() == WHILE_WORKING
        assert gc.get_freeze_count() > 0  # what existed before is not walked
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_cycles_made_during_the_work_are_freed_when_it_ends():
    with collected_once():
        made = [Node() for _ in range(1000)]
        refs = [weakref.ref(n) for n in made]
        del made
        assert any(r() is not None for r in refs)  # not collected mid-work
    assert all(r() is None for r in refs)


def test_cycles_that_existed_before_are_still_collectable_after():
    old = Node()
    ref = weakref.ref(old)
    del old
    with collected_once():
        pass
    gc.collect()
    assert ref() is None


def test_the_thresholds_are_put_back_even_when_the_work_fails():
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), collected_once():
        raise RuntimeError("the render failed")
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_overlapping_uses_put_things_back_when_the_last_ends():
    before = gc.get_threshold()
    inside, release = threading.Event(), threading.Event()

    def other() -> None:
        with collected_once():
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=other)
    thread.start()
    inside.wait(5)
    with collected_once():
        pass
    # The other thread's work is still running: held back for it.
    assert gc.get_threshold() == WHILE_WORKING
    release.set()
    thread.join(5)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
