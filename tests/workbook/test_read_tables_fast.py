"""slice_table finds calamine's empty cells by the identity of CPython's one empty
``str`` (issue 5, round 3): the raw tables equal the ones the per-cell
comparison built before, and the assumption itself is checked here, on this
interpreter and on what python-calamine really returns."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from python_calamine import CalamineWorkbook

from plan_xl.core import identity
from plan_xl.core.plan import RawTable, column_letter
from plan_xl.core.values import CellError
from plan_xl.workbook.read_tables import Box, Grid, _empty_text, slice_table


def _old_slice_table(
    name: str,
    sheet: str,
    grid: Grid,
    box: Box,
    *,
    header: Sequence[Any],
    errors: dict[tuple[int, int], CellError],
) -> RawTable:
    """slice_table before round 3: every cell compared with ``""``."""
    first_row, first_col, last_row, last_col = box
    width = last_col - first_col + 1
    height = max(last_row - first_row, 0)
    body = grid[first_row:last_row]
    lengths = set(map(len, body))
    if len(body) == height and len(lengths) == 1 and (full := lengths.pop()) >= last_col:
        cells = np.fromiter(chain.from_iterable(body), dtype=object, count=height * full)
        block = cells.reshape(height, full)[:, first_col - 1 : last_col]
    else:
        block = np.full((height, width), None, dtype=object)
        for i, values in enumerate(body):
            part = values[first_col - 1 : last_col]
            block[i, : len(part)] = part
    if block.size:
        block[block == ""] = None
    for (row, col), error in errors.items():
        if first_row < row <= last_row and first_col <= col <= last_col:
            block[row - first_row - 1, col - first_col] = error
    ref = f"{column_letter(first_col)}{first_row}:{column_letter(last_col)}{last_row}"
    return RawTable(name=name, sheet=sheet, ref=ref, header=list(header), values=block)


EMPTY = ""


def _empties() -> list[str]:
    """Empty text made in the ways text reaches a grid."""
    text = "abc"
    return [
        "",
        text[3:],
        text[:0],
        b"".decode("utf-8"),
        bytes(0).decode("latin-1"),
        str(b"", "ascii"),
        "".join([]),
        " ".strip(),
        "x".replace("x", ""),
        "%s" % "",  # noqa: UP031 - one more way to make text
        f"{''}",
        "".join(chr(c) for c in range(0)),
    ]


def test_every_empty_text_is_the_one_empty_str_object() -> None:
    assert sys.implementation.name == "cpython"  # what the project runs on
    assert all(e is EMPTY for e in _empties())  # identity is the point


def test_calamine_gives_the_one_empty_str_object_for_empty_cells(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet["A1"], sheet["C1"], sheet["B3"], sheet["E4"] = "Project", 12.5, "", "x"
    sheet["D2"] = "=1/0"  # a formula without a cached value: empty for calamine
    path = tmp_path / "empties.xlsx"
    book.save(path)
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    empties = [v for row in rows for v in row if v == ""]
    assert len(empties) >= 15  # the 5 x 4 grid minus the filled cells
    assert all(v is EMPTY for v in empties)
    assert _empty_text(np.array(list(chain.from_iterable(rows)), dtype=object)).sum() == len(
        empties
    )


CELLS = st.one_of(
    st.sampled_from(_empties()),
    st.text(max_size=3),
    st.sampled_from([" ", "0", "#N/A", "Portaal"]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-2, max_value=2),
    st.booleans(),
    st.sampled_from([dt.date(2027, 1, 5), dt.datetime(2027, 1, 5, 8, 0), dt.time(0, 0)]),
    st.sampled_from([dt.timedelta(0), dt.timedelta(hours=1)]),
)


@st.composite
def grids(draw: st.DrawFn) -> tuple[Grid, Box, dict[tuple[int, int], CellError]]:
    width = draw(st.integers(1, 6))
    height = draw(st.integers(1, 8))
    ragged = draw(st.booleans())
    grid = [
        draw(st.lists(CELLS, min_size=1 if ragged else width, max_size=width))
        for _ in range(height)
    ]
    first_row = draw(st.integers(1, height))
    last_row = draw(st.integers(first_row, height + 2))  # may run past the grid
    first_col = draw(st.integers(1, width))
    last_col = draw(st.integers(first_col, width + 1))
    errors = {
        (r, col): CellError("#REF!")
        for r, col in draw(
            st.lists(st.tuples(st.integers(1, height + 2), st.integers(1, width + 1)), max_size=4)
        )
    }
    return grid, (first_row, first_col, last_row, last_col), errors


def _same(a: RawTable, b: RawTable) -> bool:
    if (a.name, a.sheet, a.ref, a.header) != (b.name, b.sheet, b.ref, b.header):
        return False
    va, vb = a.values(), b.values()
    assert va is not None and vb is not None
    if va.shape != vb.shape:
        return False
    for x, y in zip(va.ravel().tolist(), vb.ravel().tolist(), strict=True):
        if type(x) is not type(y) or (x is not y and x != y and not (x != x and y != y)):
            return False
    return True


@settings(max_examples=400, deadline=None)
@given(grids())
def test_a_raw_table_equals_the_one_the_per_cell_comparison_built(
    case: tuple[Grid, Box, dict[tuple[int, int], CellError]],
) -> None:
    grid, box, errors = case
    header = [f"K{i}" for i in range(box[3] - box[1] + 1)]
    new = slice_table("t", "s", [list(r) for r in grid], box, header=header, errors=errors)
    old = _old_slice_table("t", "s", [list(r) for r in grid], box, header=header, errors=errors)
    assert _same(new, old)
    values = new.values()
    assert values is not None
    assert not any(v == "" for v in values.ravel().tolist() if isinstance(v, str))


def test_other_interpreters_compare_every_cell(monkeypatch: pytest.MonkeyPatch) -> None:
    cells = np.array(["", "a", 1.0, None, " ", ""], dtype=object)
    monkeypatch.setattr(identity, "POINTERS_ARE_IDS", False)  # as on another interpreter
    assert _empty_text(cells).tolist() == [True, False, False, False, False, True]
    monkeypatch.undo()
    assert _empty_text(cells).tolist() == [True, False, False, False, False, True]
