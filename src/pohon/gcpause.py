"""Keeping Python's cyclic garbage collector off a big loaded tree.

:func:`paused_gc` pauses it around bulk work that makes the objects (loading, checking);
:func:`frozen_heap` keeps it running for new objects but off everything that exists already
(rendering, which makes many short-lived objects while the tree stays alive).

Loading a 50,000-node tree creates millions of long-lived objects. With the collector running,
it re-scans them again and again (a plain `yaml.load` of such a file spends three quarters of
its time there). Merely disabling the collector defers the bill: when it is re-enabled, the
youngest generation holds every object made meanwhile, and the next collections scan them all.
So on the way out the survivors are promoted straight to the oldest generation
(``gc.freeze()`` + ``gc.unfreeze()``); cyclic garbage among them is still collected by the next
full collection, so nothing leaks.
"""

from __future__ import annotations

import gc

# context managers written as classes: contextlib costs ~0.5 ms to import, on every check


class paused_gc:  # noqa: N801 - used as a function: ``with paused_gc():``
    """The collector off inside the block (left alone when a caller has paused it already)."""

    __slots__ = ("_resume",)

    def __enter__(self) -> None:
        self._resume = gc.isenabled()  # already paused by a caller: leave the state to it
        if self._resume:
            gc.disable()

    def __exit__(self, *exc) -> bool:
        if self._resume:
            if gc.get_freeze_count() == 0:  # never thaw objects someone else froze on purpose
                gc.freeze()
                gc.unfreeze()
            gc.enable()
        return False


class frozen_heap:  # noqa: N801 - used as a function: ``with frozen_heap():``
    """Collect only objects made inside the block; the existing heap is not rescanned."""

    __slots__ = ()

    def __enter__(self) -> None:
        gc.freeze()

    def __exit__(self, *exc) -> bool:
        gc.unfreeze()
        return False
