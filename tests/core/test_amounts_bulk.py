"""Bulk paths of the parsed plan (round 3) give what the one-value-at-a-time
definitions give: texts and keys of a column's distinct values computed over
their joined text, columns read from the table's object grid, amounts parsed
from it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from plan_xl.core.amounts import key_of, object_grid, parse_amount_codes, parse_amounts
from plan_xl.core.coded import code_column
from plan_xl.core.parsed_plan import parsed_plan
from plan_xl.core.plan import SheetTable
from plan_xl.core.values import AmountKind, CellError, as_text
from tests.rules.factory import base_plan

# Whitespace of every kind (also the ones split() knows and strip() too), the
# separator the bulk path joins with, and letters whose casefold grows or
# depends on nothing but the letter itself.
tricky_text = st.text(
    alphabet=" \t\n\r\x0b\x0c\x1c\x1f\x85\u00a0\u2009\u3000\u200b\x00\u2019'ßİΣσςﬁAbc;#",
    max_size=8,
)
cells = st.one_of(
    tricky_text,
    st.text(max_size=6),
    st.none(),
    st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True, width=16),
    st.integers(-3, 3),
    st.sampled_from([CellError("#REF!"), dt.date(2027, 1, 5)]),
)


def _array(values: list[Any]) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


@settings(max_examples=400, deadline=None)
@given(st.lists(tricky_text, max_size=25))
def test_texts_and_keys_of_a_text_column_are_those_of_each_distinct_value(
    values: list[str],
) -> None:
    coded = code_column(_array(values), pd.RangeIndex(len(values)))
    uniques = coded.uniques.tolist()
    assert coded.texts().tolist() == [as_text(u) for u in uniques] + [""]
    assert coded.keys().tolist() == [key_of(as_text(u)) for u in uniques] + [""]
    assert coded.text().tolist() == [as_text(v) for v in values]


@settings(max_examples=300, deadline=None)
@given(st.lists(cells, max_size=25))
def test_texts_and_keys_of_a_mixed_column_are_those_of_each_value(values: list[Any]) -> None:
    coded = code_column(_array(values), pd.RangeIndex(len(values)))
    assert coded.text().tolist() == [as_text(v) for v in values]
    assert coded.key().tolist() == [key_of(as_text(v)) for v in values]


def test_a_value_holding_the_separator_does_not_shift_its_neighbours() -> None:
    values = ["a\x00b", " c ", "D\x00"]
    coded = code_column(_array(values), pd.RangeIndex(3))
    assert coded.texts().tolist() == ["a\x00b", "c", "D\x00", ""]
    assert coded.keys().tolist() == ["a\x00b", "c", "d\x00", ""]


def test_a_str_subclass_is_read_through_its_own_str() -> None:
    class Shown(str):
        def __str__(self) -> str:
            return "anders"

    coded = code_column(_array([Shown("x"), "y"]), pd.RangeIndex(2))
    assert coded.texts().tolist() == [as_text(Shown("x")), "y", ""]


def _table_with(frame: pd.DataFrame) -> SheetTable:
    plan = base_plan()
    table = plan.project_lines
    assert table is not None
    table.frame = frame
    return table


def test_columns_read_from_the_grid_equal_the_frame_columns() -> None:
    plan = base_plan()
    parsed = parsed_plan(plan)
    for table in (plan.actions, plan.project_lines):
        assert table is not None
        assert object_grid(table.frame) is not None  # assembled tables are one object block
        for column in table.frame.columns:
            expected = table.frame[column].to_numpy(dtype=object)
            got = parsed.raw_column(table, column)
            assert got.dtype == object and got.tolist() == expected.tolist()


def test_a_typed_column_is_read_through_its_series() -> None:
    frame = pd.DataFrame(
        {"Project": ["A", "B", None], 2026: [1.5, np.nan, 3.0]},
        index=pd.RangeIndex(5, 8),
    )
    frame[2027] = pd.array([1, None, 3], dtype="Int64")
    assert object_grid(frame) is None
    table = _table_with(frame)
    plan = base_plan()
    parsed = parsed_plan(plan)
    for column in frame.columns:
        got = parsed.raw_column(table, column).tolist()
        assert list(map(repr, got)) == list(map(repr, frame[column].to_numpy(dtype=object)))
    amounts = parse_amounts(table, [2026, 2027])
    for j, year in enumerate([2026, 2027]):
        values, codes = parse_amount_codes(frame[year])
        np.testing.assert_array_equal(amounts.matrix[:, j], values)
        assert amounts.codes[:, j].tolist() == codes.tolist()


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(cells, cells, cells), max_size=20),
    st.sampled_from([["Project", 2026, 2027], [2026, "Project", 2027]]),  # adjacent or not
)
def test_amounts_parsed_from_the_grid_equal_those_parsed_per_column(
    rows: list[tuple[Any, Any, Any]], labels: list[Any]
) -> None:
    data = np.empty((len(rows), 3), dtype=object)
    for i, row in enumerate(rows):
        data[i, :] = row
    frame = pd.DataFrame(data, columns=pd.Index(labels, dtype=object), dtype=object, copy=False)
    table = _table_with(frame)
    amounts = parse_amounts(table, [2026, 2027])
    assert amounts.matrix.flags.c_contiguous and amounts.codes.flags.c_contiguous
    for j, year in enumerate([2026, 2027]):
        values, codes = parse_amount_codes(pd.Series(data[:, labels.index(year)], dtype=object))
        np.testing.assert_array_equal(amounts.matrix[:, j], values)
        assert amounts.codes[:, j].tolist() == codes.tolist()


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.floats(allow_nan=True, allow_infinity=True)
        | st.integers(-(10**15), 10**15).map(float)
        | st.sampled_from([-0.0, 0.005, -0.005, 1234.5, 12500.0]),
        max_size=12,
    )
)
def test_amounts_formatted_together_read_as_each_formatted_alone(amounts: list[float]) -> None:
    from plan_xl.core.amounts import format_eur, format_eur_all

    assert format_eur_all(amounts) == [format_eur(a) for a in amounts]


odd_cells = st.sampled_from(
    [
        pd.NA,
        pd.NaT,
        np.datetime64("NaT"),
        float("nan"),
        np.float64("nan"),
        Decimal("NaN"),
        CellError("#N/A"),
        True,
        np.int64(3),
        "12.500,00",
        " ",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(cells | odd_cells, max_size=30), st.lists(cells | odd_cells, max_size=30))
def test_amount_cells_read_in_bulk_as_each_cell_alone(first: list[Any], second: list[Any]) -> None:
    from plan_xl.core.amounts import KIND_CODES, _parse_object_codes
    from plan_xl.core.values import parse_amount

    read: dict[str, tuple[int, float]] = {}  # shared by two columns, as for a table
    for values in (first, second):
        got_values, got_codes = _parse_object_codes(_array(values), read)
        for value, number, code in zip(
            values, got_values.tolist(), got_codes.tolist(), strict=True
        ):
            amount = parse_amount(value)
            assert code == KIND_CODES[amount.kind]
            assert repr(number) == repr(float("nan") if amount.value is None else amount.value)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(0, len(AmountKind) - 1), max_size=30),
    st.sets(st.sampled_from(list(AmountKind)), min_size=1),
)
def test_a_kind_mask_marks_the_cells_of_those_kinds(
    codes: list[int], kinds: set[AmountKind]
) -> None:
    from plan_xl.core.amounts import KIND_CODES, kind_mask

    matrix = np.array(codes, dtype=np.int8).reshape(-1, 1)
    wanted = {KIND_CODES[k] for k in kinds}
    assert kind_mask(matrix, *kinds).ravel().tolist() == [code in wanted for code in codes]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=" ;\u00a0aAbß\u2019'", max_size=10) | st.none(), max_size=20))
def test_the_entries_of_a_list_column_are_its_trimmed_parts_with_their_keys(
    values: list[str | None],
) -> None:
    from plan_xl.core.values import split_list

    plan = base_plan()
    actions = plan.actions
    assert actions is not None
    frame = pd.DataFrame({"Neventhema's": _array(values)}, dtype=object)
    actions.frame = frame
    parsed = parsed_plan(plan)
    entries = parsed.list_entries(actions, "Neventhema's")
    texts = parsed.coded(actions, "Neventhema's").texts().tolist()
    assert entries == [[(e, key_of(e)) for e in split_list(t)] for t in texts]
    assert texts[-1] == "" and entries[-1] == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-(2**54), 2**54).map(float) | st.just(-0.0), min_size=1, max_size=12))
def test_whole_euros_formatted_together_read_as_each_formatted_alone(amounts: list[float]) -> None:
    from plan_xl.core.amounts import format_eur, format_eur_all

    assert format_eur_all(amounts) == [format_eur(a) for a in amounts]
    assert format_eur_all([12500.0, -0.0, 2.0**53]) == [
        "€ 12.500,00",
        "€ 0,00",
        "€ 9.007.199.254.740.992,00",
    ]
