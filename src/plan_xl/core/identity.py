"""Which slots of an object array hold one given object, found by its address.

An object array stores pointers, and in CPython ``id()`` is the object's
address: comparing the array's buffer, read as integers, with ``id(obj)``
finds every slot that is ``obj`` itself in one numpy pass (~0.02 ms for
30,000 cells, where one Python comparison per cell costs ~0.3-0.6 ms). Used
for objects CPython keeps one of: ``None`` and the empty ``str``. Elsewhere
:func:`slots_holding` answers None and the caller compares as it otherwise
would.
"""

from __future__ import annotations

import sys

import numpy as np

# In CPython id() is the object's address, which is what an object array stores.
POINTERS_ARE_IDS = sys.implementation.name == "cpython"


def slots_holding(cells: np.ndarray, obj: object) -> np.ndarray | None:
    """Boolean mask of the slots of the 1-D object array ``cells`` that are ``obj``
    itself (identity, not equality); None where ``id()`` is not an address."""
    if not POINTERS_ARE_IDS:
        return None
    return np.frombuffer(np.ascontiguousarray(cells), dtype=np.intp) == id(obj)
