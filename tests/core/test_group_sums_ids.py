"""Sums straight by row id (the budget per action) equal pandas' groupby sums
over the same rows, bit for bit, for whole amounts."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from plan_xl.core.group_sums import exact_sums, sums_by_id


@settings(max_examples=80, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.integers(-1, 5), st.lists(st.integers(-(10**9), 10**9), min_size=2, max_size=2)
        ),
        max_size=40,
    ),
    extra=st.integers(0, 3),
)
def test_sums_by_row_id_equal_pandas_groupby_sums(
    rows: list[tuple[int, list[int]]], extra: int
) -> None:
    ids = np.array([i for i, _ in rows], dtype=np.int64)
    values = np.asfortranarray(np.array([v for _, v in rows], dtype=float).reshape(-1, 2))
    count = 6 + extra  # ids 0..5 may have rows, the extra ones never do
    assert exact_sums(values)
    got = sums_by_id(ids, count, values)
    frame = pd.DataFrame(values[ids >= 0], columns=[0, 1])
    expected = frame.groupby(ids[ids >= 0]).sum().reindex(range(count)).fillna(0.0)
    assert got.shape == (count, 2)
    assert np.array_equal(got, expected.to_numpy())


def test_rows_with_id_minus_one_count_nowhere() -> None:
    values = np.array([[5.0], [7.0], [11.0]])
    assert sums_by_id(np.array([0, -1, 0]), 2, values).tolist() == [[16.0], [0.0]]
