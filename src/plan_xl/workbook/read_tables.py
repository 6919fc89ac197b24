"""Cut contract tables out of sheet grids: by their Excel table range, or, when
a program dropped the table definitions, by finding the contract header row."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain
from typing import Any

import numpy as np

from plan_xl import contract as c
from plan_xl.core.identity import slots_holding
from plan_xl.core.plan import RawTable, column_letter, split_range
from plan_xl.core.values import CellError
from plan_xl.workbook.read_package import TablePart

Grid = list[list[Any]]
Box = tuple[int, int, int, int]  # first_row, first_col, last_row, last_col (1-based)

# Tables where users keep adding rows: rows typed directly under the table
# (which LibreOffice does not add to it) still belong to the table.
GROWING_TABLES = (c.TBL_ACTIONS, c.TBL_PROJECT_LINES)


def _cell(grid: Grid, row: int, col: int) -> Any:
    if row - 1 >= len(grid):
        return None
    values = grid[row - 1]
    if col - 1 >= len(values):
        return None
    value = values[col - 1]
    return None if value == "" else value


def _row_blank(grid: Grid, row: int, first_col: int, last_col: int) -> bool:
    if row - 1 >= len(grid):
        return True
    values = grid[row - 1][first_col - 1 : last_col]
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _inside(row: int, col: int, box: Box) -> bool:
    return box[0] <= row <= box[2] and box[1] <= col <= box[3]


_EMPTY_TEXT = ""


def _empty_text(cells: np.ndarray) -> np.ndarray:
    """Which cells of a 1-D object array of calamine values hold the empty text
    (an empty cell).

    CPython has one empty ``str`` object: every exact ``str`` of length 0 is
    that object (tested in tests/workbook/test_read_tables_fast.py), and
    calamine's values are exact ``str``, numbers, booleans, dates and times,
    none of which equals ``""`` otherwise. So the empty cells are the array
    slots that point at that object (:func:`plan_xl.core.identity.slots_holding`,
    ~0.02 ms at 5,000 lines where ``cells == ""``, one Python comparison per
    cell, costs ~0.6 ms). Other interpreters compare.
    """
    found = slots_holding(cells, _EMPTY_TEXT)
    return np.asarray(cells == _EMPTY_TEXT, dtype=bool) if found is None else found


def slice_table(
    name: str,
    sheet: str,
    grid: Grid,
    box: Box,
    *,
    header: Sequence[Any],
    errors: dict[tuple[int, int], CellError],
) -> RawTable:
    """The table at ``box`` (header row first) with its raw values; '' becomes None."""
    first_row, first_col, last_row, last_col = box
    width = last_col - first_col + 1
    height = max(last_row - first_row, 0)
    body = grid[first_row:last_row]
    # One 2-D object array for the whole block: '' -> None and the error cells
    # are set in bulk instead of cell by cell (calamine's rows are dense, so
    # they are all as wide as the sheet's used range).
    lengths = set(map(len, body))
    if len(body) == height and len(lengths) == 1 and (full := lengths.pop()) >= last_col:
        cells = np.fromiter(chain.from_iterable(body), dtype=object, count=height * full)
        cells[_empty_text(cells)] = None
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


def table_box(part: TablePart, grid: Grid, others: Sequence[Box]) -> tuple[Box, list[Any]]:
    """The range to read for a declared Excel table, and its header values."""
    first_row, first_col, last_row, last_col = split_range(part.ref)
    if part.header_rows == 0:
        first_row -= 1  # no header row in the sheet: a virtual one above the data
        header: list[Any] = list(part.columns)
    else:
        header = [
            _cell(grid, first_row, col)
            if _cell(grid, first_row, col) is not None
            else (part.columns[i] if i < len(part.columns) else None)
            for i, col in enumerate(range(first_col, last_col + 1))
        ]
    last_row -= part.totals_rows
    if c.normalise_header(part.name) in {c.normalise_header(n) for n in GROWING_TABLES}:
        last_row = _grow(grid, (first_row, first_col, last_row, last_col), others)
    return (first_row, first_col, last_row, last_col), header


_TOTAL_LABELS = frozenset({"totaal", "total", "subtotaal", "subtotal", "som", "totalen"})


def _grow(grid: Grid, box: Box, others: Sequence[Box]) -> int:
    """Last row of the table including rows typed directly under it; stops at a
    blank row, another table, or a totals line a user put under the table."""
    first_row, first_col, last_row, last_col = box
    row = last_row + 1
    while not _row_blank(grid, row, first_col, last_col) and not any(
        _inside(row, col, other) for other in others for col in (first_col, last_col)
    ):
        first_value = next(
            (v for v in grid[row - 1][first_col - 1 : last_col] if v is not None and v != ""),
            None,
        )
        if isinstance(first_value, str) and c.normalise_header(first_value) in _TOTAL_LABELS:
            break
        row += 1
    return row - 1


def find_header_block(grid: Grid, spec: c.TableSpec, taken: Sequence[Box]) -> Box | None:
    """Locate a contract table without a table definition: its header row holds the
    first contract column and at least one more, and the block runs down to the
    first blank row."""
    wanted = {c.normalise_header(col) for col in spec.fixed_columns}
    first_wanted = c.normalise_header(spec.fixed_columns[0])
    needed = min(2, len(wanted))
    for r, values in enumerate(grid, start=1):
        texts = [c.normalise_header(v) if v is not None and v != "" else "" for v in values]
        if first_wanted not in texts or sum(t in wanted for t in set(texts)) < needed:
            continue
        for start in (i + 1 for i, t in enumerate(texts) if t == first_wanted):
            if any(_inside(r, start, box) for box in taken):
                continue
            first_col, last_col = start, start
            while first_col > 1 and texts[first_col - 2]:
                first_col -= 1
            while last_col < len(texts) and texts[last_col]:
                last_col += 1
            last_row = r
            while not _row_blank(grid, last_row + 1, first_col, last_col):
                last_row += 1
            return r, first_col, last_row, last_col
    return None
