"""The array paths rules use (key groups, blank masks, texts by position, kind
codes, group sums) give what the plain one-cell-at-a-time definitions give."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from plan_xl import contract as c
from plan_xl.core.amounts import AmountFrame, format_eur, key_of, parse_amount_column
from plan_xl.core.coded import blank_cells, code_column
from plan_xl.core.parsed_plan import parsed_plan
from plan_xl.core.plan import SheetTable
from plan_xl.core.values import ERROR_LITERALS, AmountKind, CellError, as_text
from plan_xl.rules.actions import _sums_by_group
from plan_xl.rules.workbook import _error_positions
from tests.rules.factory import base_plan

cells = st.one_of(
    st.none(),
    st.sampled_from(["", " ", "\t", "\u00a0", "ICT", " ict ", "#N/A", " #ref! ", "a # b", "x"]),
    st.text(max_size=5),
    st.booleans(),
    st.integers(min_value=-2, max_value=2),
    st.floats(allow_nan=True, allow_infinity=False, width=16),
    st.sampled_from([CellError("#REF!"), dt.date(2027, 1, 5)]),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(cells, max_size=30))
def test_blank_cells_are_the_cells_whose_text_is_empty(values: list[Any]) -> None:
    raw = np.array(values + [None], dtype=object)[:-1]
    assert blank_cells(raw).tolist() == [as_text(v) == "" for v in values]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=" a\t\u00a0\u3000\u200b", max_size=3), max_size=30))
def test_blank_cells_of_a_text_only_column_are_the_empty_or_all_space_ones(
    values: list[str],
) -> None:
    raw = np.array(values + [None], dtype=object)[:-1]
    assert blank_cells(raw).tolist() == [as_text(v) == "" for v in values]


@settings(max_examples=200, deadline=None)
@given(st.lists(cells, max_size=30))
def test_key_groups_give_every_row_the_key_of_its_text(values: list[Any]) -> None:
    from plan_xl.core.coded import key_groups_of

    raw = np.array(values + [None], dtype=object)[:-1]
    groups = key_groups_of(code_column(raw, pd.RangeIndex(len(values))))
    keys = [key_of(as_text(v)) for v in values]
    assert [groups.keys[g] for g in groups.ids.tolist()] == keys
    assert len(set(groups.keys)) == len(groups.keys)  # one group per key
    first_seen: dict[str, int] = {}
    for i, key in enumerate(keys):
        first_seen.setdefault(key, i)
    assert groups.first_positions().tolist() == sorted(first_seen.values())


@settings(max_examples=200, deadline=None)
@given(st.lists(cells, max_size=30))
def test_error_positions_are_the_cells_whose_text_is_an_error(values: list[Any]) -> None:
    raw = np.array(values + [None], dtype=object)[:-1]
    expected = []
    for i, value in enumerate(values):
        text = as_text(value).strip().upper()
        if text.startswith("#") and text in ERROR_LITERALS:
            expected.append((i, text))
    assert _error_positions(raw) == expected


def test_an_error_among_plain_text_and_blanks_is_found_by_position() -> None:
    raw = np.array(["Licentie", None, "", " #n/a", "Portaal #2", "#REF!"], dtype=object)
    assert _error_positions(raw) == [(3, "#N/A"), (5, "#REF!")]


def test_kind_codes_and_frames_say_the_same() -> None:
    years = [2026, 2027]
    columns = {2026: [1.0, "12.500,00", None], 2027: ["#REF!", -5.0, "abc"]}
    index = pd.Index([7, 9, 12])
    matrix = np.empty((3, 2))
    codes = np.empty((3, 2), dtype=np.int8)
    from plan_xl.core.amounts import parse_amount_codes

    for j, year in enumerate(years):
        matrix[:, j], codes[:, j] = parse_amount_codes(pd.Series(columns[year], dtype=object))
    frame = AmountFrame(index, years, matrix, codes)
    for year in years:
        values, kinds = parse_amount_column(pd.Series(columns[year], dtype=object))
        assert frame.kinds[year].tolist() == kinds.tolist()
        np.testing.assert_array_equal(frame.values[year].to_numpy(), values)
    assert frame.values.index.tolist() == [7, 9, 12]
    assert frame.cells_of_kind(AmountKind.TEXT_NUMBER, AmountKind.ERROR) == [
        (7, 2027),
        (9, 2026),
    ]
    assert frame.filled_matrix.tolist() == [[1.0, 0.0], [12500.0, -5.0], [0.0, 0.0]]
    assert frame.positions([2027]) == [1]


def test_amounts_in_euro_the_belgian_way() -> None:
    assert format_eur(12500) == "€ 12.500,00"
    assert format_eur(-1234567.5) == "€ -1.234.567,50"
    assert format_eur(0.004) == "€ 0,00"
    assert format_eur(float("inf")) == "€ inf"
    assert format_eur(np.float64(100.0)) == "€ 100,00"


def _groups(ids: list[int], size: int) -> Any:
    from plan_xl.core.coded import KeyGroups

    return KeyGroups(np.array(ids, dtype=np.int64), [str(i) for i in range(size)])


def _frame(matrix: list[list[float]]) -> AmountFrame:
    data = np.array(matrix, dtype=float)
    codes = np.zeros(data.shape, dtype=np.int8)
    return AmountFrame(pd.RangeIndex(len(data)), [2026, 2027], data, codes)


def test_sums_per_group_of_whole_euros_are_exact() -> None:
    frame = _frame([[1.0, 2.0], [np.nan, 5.0], [10.0, 2.0**40], [3.0, -1.0]])
    sums = _sums_by_group(frame, [2026, 2027], _groups([0, 2, 0, 2], 3))
    assert sums.tolist() == [[11.0, 2.0 + 2.0**40], [0.0, 0.0], [3.0, 4.0]]


def test_sums_per_group_with_cents_equal_pandas_groupby() -> None:
    rng = np.random.default_rng(5)
    values = rng.uniform(0, 1000, size=(200, 2)).round(2) + 0.1
    ids = rng.integers(0, 7, size=200)
    frame = _frame(values.tolist())
    sums = _sums_by_group(frame, [2026, 2027], _groups(ids.tolist(), 8))
    expected = pd.DataFrame(values).groupby(ids).sum()
    for g in range(8):
        if g in expected.index:
            assert sums[g].tolist() == expected.loc[g].tolist()
        else:
            assert sums[g].tolist() == [0.0, 0.0]


def test_texts_by_position_equal_text_per_row() -> None:
    plan = base_plan()
    parsed = parsed_plan(plan)
    lines = plan.project_lines
    assert isinstance(lines, SheetTable)
    lines.frame.loc[lines.frame.index[0], c.COL_PROJECT] = 2027.0
    lines.frame.loc[lines.frame.index[1], c.COL_PROJECT] = "  Portaal   nieuw "
    positions = list(range(len(lines.frame)))
    rows = lines.frame.index.tolist()
    for column in (c.COL_PROJECT, c.COL_THEME, "geen kolom"):
        expected = [parsed.text_at(lines, column, row) for row in rows]
        assert parsed.texts_at(lines, column, positions) == expected
    parsed.coded(lines, c.COL_PROJECT)  # the coded path gives the same texts
    assert parsed.texts_at(lines, c.COL_PROJECT, positions)[:2] == ["2027", "Portaal nieuw"]


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(max_size=12),
        st.text(alphabet=" \t\n\u00a0\u2019\u2009\u3000'ßİΣσςﬁAbc", max_size=12),
    )
)
def test_the_key_of_a_cell_text_is_the_header_key_of_that_text(typed: str) -> None:
    from plan_xl.core.coded import _key_of_text, _text_of

    text = _text_of(typed)
    assert text == as_text(typed)
    assert _key_of_text(text) == key_of(text)


@settings(max_examples=500, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False) | st.integers(-(10**12), 10**12))
def test_amounts_in_euro_swap_the_english_separators(amount: float) -> None:
    english = f"{abs(amount):,.2f}"
    belgian = english.replace(",", " ").replace(".", ",").replace(" ", ".")
    assert format_eur(amount) == f"€ {'-' if amount < 0 else ''}{belgian}"
