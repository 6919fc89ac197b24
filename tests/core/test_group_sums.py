"""Group sums by bincount equal pandas' groupby sum bit for bit, and only claim to
when that is provable (whole amounts, far from 2**53).

pandas' ``groupby(sort=False).sum()`` is the independent reference: it adds up
with compensated summation in its own order; equality is checked exactly.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plan_xl.core.group_sums import (
    EXACT_LIMIT,
    exact_sums,
    groups_of,
    groups_of_codes,
    in_order,
    sum_by_group,
)

LABELS = ["Klant", "Bestuurder", "Onbekend", "(leeg)", None]


def _pandas_grid(labels: list[object], values: np.ndarray, order: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(values, columns=range(values.shape[1]))
    sums = frame.groupby(pd.Series(labels, dtype=object), sort=False).sum()
    extra = [label for label in sums.index if label not in set(order)]
    return sums.reindex(index=[*order, *extra], columns=frame.columns).fillna(0.0)


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(LABELS),
            st.lists(st.integers(-(10**9), 10**9), min_size=3, max_size=3),
        ),
        max_size=40,
    ),
    order=st.lists(st.sampled_from(["Klant", "Financieel", "Medewerker"]), unique=True),
)
def test_whole_amounts_sum_exactly_like_pandas_in_the_same_row_order(
    rows: list[tuple[object, list[int]]], order: list[str]
) -> None:
    labels = [label for label, _ in rows]
    values = np.asfortranarray(np.array([v for _, v in rows], dtype=float).reshape(-1, 3))
    assert exact_sums(values)
    groups = groups_of(labels)
    names, sums = in_order(groups, sum_by_group(groups, values), order)
    expected = _pandas_grid(labels, values, order)
    assert names == list(expected.index)
    assert np.array_equal(sums, expected.to_numpy(), equal_nan=False)


def test_amounts_with_cents_are_not_claimed_exact() -> None:
    # Plain left-to-right adding gives 0.9999999999999999 here; pandas' compensated
    # sum gives 1.0: the bincount path must not be used for such amounts.
    tenths = np.full((10, 1), 0.1)
    assert not exact_sums(tenths)
    plain = sum_by_group(groups_of(["x"] * 10), tenths)[0, 0]
    pandas_sum = pd.DataFrame(tenths).groupby(pd.Series(["x"] * 10)).sum().iloc[0, 0]
    assert plain != pandas_sum


@pytest.mark.parametrize(
    "values",
    [
        [[1.0, np.nan]],
        [[np.inf, 0.0]],
        [[EXACT_LIMIT, 1.0]],
        [[12.5, 3.0]],
    ],
)
def test_odd_or_huge_amounts_fall_back_to_pandas(values: list[list[float]]) -> None:
    assert not exact_sums(np.array(values))


def test_whole_amounts_and_an_empty_matrix_are_exact() -> None:
    assert exact_sums(np.array([[12500.0, -300.0], [0.0, -0.0]]))
    assert exact_sums(np.empty((0, 6)))


def test_codes_sharing_a_label_form_one_group_in_order_of_first_row() -> None:
    # distinct cell values: 0 "recurrent", 1 "Eenmalig", 2 "RECURRENT", 3 "??", -1 blank
    codes = np.array([1, 0, -1, 2, 3, 0, -1])
    label_of_code = ["Recurrent", "Eenmalig", "Recurrent", None, "(leeg)"]
    groups = groups_of_codes(codes, label_of_code)
    assert groups.labels == ["Eenmalig", "Recurrent", "(leeg)"]
    assert groups.ids.tolist() == [0, 1, 2, 1, -1, 1, 2]
    assert groups.row_labels().tolist() == [
        "Eenmalig", "Recurrent", "(leeg)", "Recurrent", None, "Recurrent", "(leeg)",
    ]  # fmt: skip


def test_labels_never_seen_in_a_row_are_not_groups() -> None:
    groups = groups_of_codes(np.array([0, 0]), ["A", "B", "(leeg)"])
    assert groups.labels == ["A"]
    names, sums = in_order(groups, sum_by_group(groups, np.array([[1.0], [2.0]])), ["B"])
    assert names == ["B", "A"]
    assert sums.tolist() == [[0.0], [3.0]]


def test_no_rows_give_zero_rows_of_the_order() -> None:
    groups = groups_of([])
    names, sums = in_order(groups, sum_by_group(groups, np.empty((0, 2))), ["A", "B"])
    assert names == ["A", "B"]
    assert sums.tolist() == [[0.0, 0.0], [0.0, 0.0]]


def test_many_groups_come_in_order_then_by_first_row_like_pandas() -> None:
    rng = np.random.default_rng(7)
    names = [f"ACT{i:03d}" for i in range(300)]
    labels = [names[i] for i in rng.integers(0, 300, size=2_000)]
    values = np.asfortranarray(rng.integers(-50_000, 50_000, size=(2_000, 4)).astype(float))
    order = names[::-2]  # every other code, backwards; the rest follow by first row
    groups = groups_of(labels)
    rows, sums = in_order(groups, sum_by_group(groups, values), order)
    expected = _pandas_grid(list(labels), values, order)
    assert rows == list(expected.index)
    assert np.array_equal(sums, expected.to_numpy())
