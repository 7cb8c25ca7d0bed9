"""The GC pause around loading: the collector is back on afterwards and nothing leaks."""

import gc
import weakref

from pohon.gcpause import paused_gc


class Cell:
    pass


def test_collector_is_paused_inside_and_enabled_after():
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_cyclic_garbage_made_while_paused_is_still_collected():
    with paused_gc():
        a, b = Cell(), Cell()
        a.other, b.other = b, a
        ref = weakref.ref(a)
        del a, b
    gc.collect()
    assert ref() is None


def test_a_pause_inside_a_pause_leaves_the_outer_one_in_charge():
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_objects_frozen_by_someone_else_stay_frozen():
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with paused_gc():
            Cell()
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
