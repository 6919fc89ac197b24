"""The bulk (vectorised) paths of the read + check path give what the plain
one-cell-at-a-time definitions give (issue 5 performance work)."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from plan_xl.core.amounts import parse_amount_column
from plan_xl.core.assemble import _blank_rows
from plan_xl.core.budget_grids import plain as _plain
from plan_xl.core.budget_grids import plain_rows as _plain_rows
from plan_xl.core.coded import code_column, map_unique
from plan_xl.core.values import ERROR_LITERALS, CellError, as_text, parse_amount
from plan_xl.rules.workbook import _error_cells

# What readers hand over: text (Belgian numbers, errors typed as text, spaces),
# numbers, booleans, dates, blanks and error values.
cells = st.one_of(
    st.none(),
    st.sampled_from(["", " ", "\t", "12.500,00", "€ 12 500", "#N/A", " #ref! ", "# 3", "abc"]),
    st.text(max_size=6),
    st.booleans(),
    st.integers(min_value=-3, max_value=3),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([CellError("#REF!"), CellError("#DIV/0!"), dt.date(2027, 1, 5)]),
)


def _column(values: list[Any]) -> pd.Series:
    return pd.Series(values, index=pd.RangeIndex(5, 5 + len(values)), dtype=object)


@settings(max_examples=200, deadline=None)
@given(st.lists(cells, max_size=30))
def test_amounts_read_in_bulk_equal_amounts_read_cell_by_cell(values: list[Any]) -> None:
    read, kinds = parse_amount_column(_column(values))
    for value, number, kind in zip(values, read, kinds, strict=True):
        expected = parse_amount(value)
        if expected.kind.value == "number" and isinstance(value, float) and math.isnan(value):
            assert kind == "blank"  # NaN from a frame is an empty cell
            continue
        assert kind == expected.kind.value, value
        if expected.value is None:
            assert math.isnan(number)
        else:
            assert number == expected.value


@settings(max_examples=200, deadline=None)
@given(st.lists(cells, max_size=30))
def test_text_per_distinct_value_equals_text_per_cell(values: list[Any]) -> None:
    coded = code_column(np.array(values + [None], dtype=object)[:-1], pd.RangeIndex(len(values)))
    assert coded.text().tolist() == [as_text(v) for v in values]
    assert coded.blank().tolist() == [as_text(v) == "" for v in values]


def test_true_and_one_keep_their_own_text() -> None:
    coded = code_column(np.array([1, True, 0.0, False, "1"], dtype=object), pd.RangeIndex(5))
    assert coded.text().tolist() == ["1", "WAAR", "0", "ONWAAR", "1"]


def test_a_function_mapped_per_distinct_text_gives_plain_text_per_row() -> None:
    mapped = map_unique(_column(["ICT ", "ict", "", "ICT "]), lambda t: t.strip().upper() or "-")
    assert mapped.tolist() == ["ICT", "ICT", "-", "ICT"]
    assert mapped.dtype == object
    assert mapped.index.tolist() == [5, 6, 7, 8]


@settings(max_examples=200, deadline=None)
@given(st.lists(cells, max_size=30))
def test_error_cells_are_exactly_the_cells_whose_text_is_an_error(values: list[Any]) -> None:
    column = _column(values)
    expected = []
    for row, value in column.items():
        text = as_text(value)
        if text.startswith("#") and text.strip().upper() in ERROR_LITERALS:
            expected.append((row, text.strip().upper()))
    assert _error_cells(column) == expected


def test_error_typed_as_text_in_a_text_column_is_found() -> None:
    column = _column(["Licentie", " #n/a", "Portaal #2", None, "#REF!"])
    assert _error_cells(column) == [(6, "#N/A"), (9, "#REF!")]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(cells, min_size=3, max_size=3), max_size=20))
def test_blank_rows_are_rows_without_any_input(rows: list[list[Any]]) -> None:
    data = np.full((len(rows), 3), None, dtype=object)
    for i, row in enumerate(rows):
        data[i, :] = row

    def blank(v: Any) -> bool:
        if v is None:
            return True
        if v.__class__ is str:
            return not v.strip()
        return isinstance(v, float) and v != v

    expected = [all(blank(v) for v in row[:2]) for row in rows]  # column 2 is not an input
    assert _blank_rows(data, [0, 1]).tolist() == expected


def test_rounding_in_bulk_equals_rounding_each_amount() -> None:
    values = np.array([[1.0, 2.005, -0.125, 1e20], [np.nan, np.inf, 12500.456, -3.0]])
    assert _plain_rows(values) == [[_plain(v) for v in row] for row in values.tolist()]


def test_raw_cells_in_bulk_equal_raw_at_per_cell(tmp_path: Any) -> None:
    from pathlib import Path

    from plan_xl.core.parsed_plan import parsed_plan
    from plan_xl.template import build_workbook
    from plan_xl.workbook.reader import read_plan

    plan = read_plan(build_workbook(Path(tmp_path) / "voorbeeld.xlsx", example=True))
    lines = plan.project_lines
    assert lines is not None
    rows = lines.frame.index.tolist()
    wanted = [(row, column) for row in rows[::2] for column in list(lines.frame.columns)[:9:3]]
    wanted += [(10_000, "Project"), (rows[0], "geen kolom")]
    parsed = parsed_plan(plan)
    bulk = parsed.raw_cells(lines, wanted)
    assert bulk == [parsed.raw_at(lines, column, row) for row, column in wanted]
    assert any(v is not None for v in bulk) and bulk[-2:] == [None, None]


def test_a_mostly_empty_amount_column_reads_like_cell_by_cell() -> None:
    # Only the filled cells are classified; pd.NA (no plain truth value) takes the
    # path that classifies every cell.
    for odd in (CellError("#REF!"), pd.NA):
        values: list[Any] = [None] * 40
        values[3], values[17], values[18], values[39] = 1250.0, "12.500,00", odd, float("inf")
        read, kinds = parse_amount_column(_column(values))
        for value, number, kind in zip(values, read, kinds, strict=True):
            expected = parse_amount(value)
            assert kind == expected.kind.value, value
            assert math.isnan(number) if expected.value is None else number == expected.value
