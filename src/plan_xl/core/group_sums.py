"""Sums of an amount matrix per group, bit for bit what pandas' groupby sum gives.

The budget summaries add up 50,000 project lines per theme, cost type, action
and so on. ``DataFrame.groupby(labels, sort=False).sum()`` does that with
compensated (Kahan) summation, which costs a factorisation of the labels and
a lot of pandas overhead per summary. Here the rows are coded once and every
year column is summed with one :func:`numpy.bincount` — but only when that
is provably equal to pandas' result:

- every amount is a whole number and the sum of their absolute values stays
  below 2**50. Then every partial sum is a whole number below 2**53, so each
  floating-point addition is exact, the compensation term stays 0, and any
  summation order gives the same float. :func:`exact_sums` checks this in bulk;
  callers fall back to pandas otherwise (amounts with cents, huge figures,
  NaN or infinity).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

# Far below 2**53 (where consecutive floats are 2 apart), so a float sum of
# the absolute values that is slightly off still proves every partial sum exact.
EXACT_LIMIT = 2.0**50


def exact_sums(values: np.ndarray) -> bool:
    """True when any summation order of ``values`` gives the same float (see module doc)."""
    if values.size == 0:
        return True
    if not np.isfinite(values).all():
        return False
    if not (values == np.trunc(values)).all():
        return False
    return bool(np.abs(values).sum() < EXACT_LIMIT)


@dataclass(frozen=True)
class Groups:
    """Rows coded by group: ``ids[row]`` indexes ``labels`` (-1: the row counts nowhere).

    ``labels`` are distinct and in order of first appearance among the rows,
    and every label occurs in at least one row: what ``groupby(sort=False)``
    makes of the same per-row labels (missing labels, None or NaN, drop out).
    """

    ids: np.ndarray
    labels: list[Any]

    def __len__(self) -> int:
        return len(self.ids)

    def row_labels(self) -> np.ndarray:
        """The label of every row (None where the row counts nowhere)."""
        table = np.empty(len(self.labels) + 1, dtype=object)
        table[: len(self.labels)] = self.labels
        table[-1] = None
        return table[self.ids]


def groups_of(labels: Sequence[Any] | np.ndarray) -> Groups:
    """Group the rows by their label (None and NaN count nowhere)."""
    raw = np.asarray(labels, dtype=object) if not isinstance(labels, np.ndarray) else labels
    if len(raw) == 0:
        return Groups(np.empty(0, dtype=np.int64), [])
    ids, uniques = pd.factorize(raw, use_na_sentinel=True)
    return Groups(np.asarray(ids, dtype=np.int64), list(uniques))


def groups_of_codes(codes: np.ndarray, label_of_code: Sequence[Any]) -> Groups:
    """Group rows coded into distinct values: row ``r`` has the label
    ``label_of_code[codes[r]]`` (code -1 picks the last entry). Several codes may
    share a label (spellings of one cost type); None or NaN labels count nowhere."""
    if len(codes) == 0:
        return Groups(np.empty(0, dtype=np.int64), [])
    label_ids, uniques = pd.factorize(np.asarray(label_of_code, dtype=object))
    per_row = np.asarray(label_ids, dtype=np.int64)[np.asarray(codes, dtype=np.int64)]
    ids, seen = pd.factorize(per_row)  # groups in order of first appearance among the rows
    ids, seen = np.asarray(ids, dtype=np.int64), seen.tolist()
    if -1 in seen:  # rows whose label is missing
        dropped = seen.index(-1)
        ids = np.where(ids == dropped, -1, ids - (ids > dropped))
        seen.pop(dropped)
    return Groups(ids, [uniques[i] for i in seen])


def sum_by_group(groups: Groups, values: np.ndarray) -> np.ndarray:
    """(group x column) sums of ``values`` (rows x columns); plain float sums, so
    equal to pandas' only when :func:`exact_sums` holds for ``values``."""
    return sums_by_id(groups.ids, len(groups.labels), values)


def sums_by_id(ids: np.ndarray, count: int, values: np.ndarray) -> np.ndarray:
    """(id x column) sums of ``values``: row ``r`` adds to row ``ids[r]`` of the
    result (``0 <= id < count``; -1: nowhere); ids without rows sum to 0. Plain
    float sums in row order, like :func:`sum_by_group`."""
    width = values.shape[1]
    if len(ids) and ids.min() < 0:
        keep = ids >= 0
        ids, values = ids[keep], values[keep]
    if count == 0 or width == 0:
        return np.zeros((count, width))
    sums = np.empty((count, width))
    for j in range(width):  # a column of a Fortran-ordered matrix is contiguous
        sums[:, j] = np.bincount(ids, weights=values[:, j], minlength=count)
    return sums


def in_order(
    groups: Groups, sums: np.ndarray, order: Sequence[Any]
) -> tuple[list[Any], np.ndarray]:
    """Rows ``order`` then the other labels (first appearance); absent ones are 0."""
    known = set(order)
    rows = [*order, *(label for label in groups.labels if label not in known)]
    padded = np.zeros((len(groups.labels) + 1, sums.shape[1]))
    padded[:-1] = sums
    if len(rows) > 100:  # hashing in C: 5,000 action codes
        picks = pd.Index(groups.labels, dtype=object).get_indexer(pd.Index(rows, dtype=object))
    else:
        position = {label: i for i, label in enumerate(groups.labels)}
        picks = np.array([position.get(label, -1) for label in rows], dtype=np.int64)
    return rows, padded[picks]
