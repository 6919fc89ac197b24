"""The amount parser's filled cells (found by pointer) are the cells that are not None."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from plan_xl.core import amounts, identity
from plan_xl.core.values import CellError

cells = st.one_of(
    st.none(),
    st.text(max_size=3),
    st.floats(allow_nan=True),
    st.integers(),
    st.booleans(),
    st.sampled_from([CellError("#REF!"), float("nan"), pd.NaT, np.nan]),
)


@given(st.lists(st.lists(cells, min_size=3, max_size=3), max_size=30), st.integers(0, 2))
def test_filled_cells_are_the_cells_that_are_not_none(rows: list[list[Any]], column: int) -> None:
    grid = np.empty((len(rows), 3), dtype=object)
    for i, row in enumerate(rows):
        grid[i, :] = row
    # A whole block read row by row (contiguous) and one column of it (strided).
    for raw in (grid.ravel(), grid[:, column]):
        expected = [i for i, value in enumerate(raw.tolist()) if value is not None]
        assert amounts._not_none(raw).tolist() == expected


def test_without_pointer_ids_the_cells_are_compared(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(identity, "POINTERS_ARE_IDS", False)
    raw = np.array([None, 1.0, float("nan"), "", None, CellError("#N/A"), pd.NaT], dtype=object)
    assert amounts._not_none(raw).tolist() == [1, 2, 3, 5, 6]
