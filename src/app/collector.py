"""Python's cyclic garbage collector, paused around bulk work (any layer may use it).

Bulk work (a year's eligibility, a staff list read and matched) makes hundreds of thousands of
small objects. Each batch of new objects sets off a collection, and every so often a full one
that walks every object alive, the staff list a screen holds included: the same work again and
again for nothing, since the bulk objects are freed by reference counting anyway. Paused
meanwhile, the collector runs again afterwards and frees any cycle left over then.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

__all__ = ["collector_paused", "paused_collector"]

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def paused_collector() -> Iterator[None]:
    """The collector off inside the block, back on after it if it was on before.

    Process-wide: another thread's block ending first turns it back on, which only means some
    collections happen after all."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def collector_paused(fn: Callable[P, R]) -> Callable[P, R]:
    """``fn`` run with the collector paused (:func:`paused_collector`)."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with paused_collector():
            return fn(*args, **kwargs)

    return wrapper
