"""Pause Python's cyclic garbage collector around allocation-heavy work.

Reading and checking a plan of 50,000 lines creates millions of small objects
(cell values, row lists, tuples) that hold no reference cycles. Every few
hundred allocations the collector walks all young objects, and every tenth of
those passes the older ones too: about 10 % of the read + check time at
50,000 lines (issue 5 benchmark). Reference counting still frees everything
at once; the collector resumes when the block ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run the block with the cyclic collector off (nested use is fine)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
