"""Raw tables -> plan data: find contract columns by header, keep cell positions.

Pure: no files, no Excel. Serves every reader (file, live workbook). Never
raises on bad cell content; structural problems (missing sheets, tables,
columns) are recorded in :class:`~plan_xl.core.plan.StructureReport` for the
WB rules to report.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

import numpy as np
import pandas as pd

from plan_xl import contract as c
from plan_xl.core.assemble_settings import (
    read_dependencies,
    read_levels,
    read_settings,
    read_themes,
)
from plan_xl.core.plan import (
    PlanData,
    RawTable,
    RawWorkbook,
    SheetTable,
    StructureReport,
    column_letter,
    split_range,
)
from plan_xl.core.values import as_error, as_text

_YEAR = re.compile(r"^(19|2\d)\d\d$")


def raw_table_from_grid(name: str, sheet: str, ref: str, grid: list[list[Any]]) -> RawTable:
    """A table read as one 2-D range including its header row (live Excel).

    Error values that arrive as text (``"#N/A"``) become :class:`CellError`;
    empty strings become None; short rows are padded to the header width.
    """
    rows = [list(r) if isinstance(r, list | tuple) else [r] for r in grid]
    if not rows:
        rows = [[]]
    _, first_col, _, last_col = split_range(ref)
    width = max(last_col - first_col + 1, max(len(r) for r in rows))
    cleaned = [[_clean(v) for v in r] + [None] * (width - len(r)) for r in rows]
    return RawTable(name=name, sheet=sheet, ref=ref, header=cleaned[0], rows=cleaned[1:])


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        if value == "":
            return None
        error = as_error(value)
        return error if error is not None else value
    return value


def year_of_header(header: Any) -> int | None:
    """A year column's header (``"2027"``, ``2027`` or ``2027.0``) as int, else None."""
    try:
        text = as_text(header)
    except Exception:  # noqa: BLE001 - arbitrary user objects must never break reading
        return None
    return int(text) if _YEAR.match(text) else None


def _header_text(header: Any) -> str:
    try:
        return as_text(header)
    except Exception:  # noqa: BLE001
        return ""


def sheet_table(spec: c.TableSpec, raw: RawTable, structure: StructureReport) -> SheetTable:
    """Match a raw table's headers to the contract and build its frame of raw values."""
    wanted = {c.normalise_header(col): col for col in spec.fixed_columns}
    first_col = raw.first_column
    positions: dict[str | int, int] = {}
    extra: list[str] = []
    unmatched: list[str] = []
    has_years = spec.has_years
    for i, header in enumerate(raw.header):
        text = _header_text(header)
        year = int(text) if has_years and _YEAR.match(text) else None  # year_of_header
        key: str | int | None = year if year is not None else wanted.get(c.normalise_header(text))
        if key is not None and key not in positions:
            positions[key] = i
        elif text:
            extra.append(text)
            unmatched.append(text)
    years = sorted(k for k in positions if isinstance(k, int))
    structure.year_columns[spec.name] = years
    for col in spec.fixed_columns:
        if col not in positions:
            close = difflib.get_close_matches(col, unmatched, n=1, cutoff=0.6)
            structure.missing_columns.append((spec.name, col, close[0] if close else ""))

    order: list[str | int] = []
    for col in spec.columns:
        order.extend(years if col == c.YEARS_MARKER else [col])
    values = raw.values()
    grid = values if values is not None else _object_grid(raw.rows, len(raw.header))
    length = len(grid)
    taken = [(j, pos) for j, key in enumerate(order) if (pos := positions.get(key)) is not None]
    taken = [(j, pos) for j, pos in taken if pos < grid.shape[1]]
    runs = _runs(taken)
    if runs == [(0, 0, len(order))] and grid.shape[1] == len(order):
        # The table holds exactly the contract columns, in contract order (the
        # template's own tables): the frame takes the reader's array as it is.
        # A copy would cost more than everything else here at 5,000 lines, most
        # of it the fresh memory it touches. Nothing writes to either afterwards.
        data = grid
    else:
        # Only the contract columns, in contract order; absent ones stay None.
        data = np.full((length, len(order)), None, dtype=object)
        for target, source, width in runs:  # slices: no fancy-indexed temporary
            data[:, target : target + width] = grid[:, source : source + width]
    header_row = raw.header_row
    index = pd.RangeIndex(header_row + 1, header_row + 1 + length, name="row")
    inputs = [j for j, col in enumerate(order) if col not in spec.owned and col in positions]
    keep = ~_blank_rows(data, inputs)
    # No copy (pandas 3 copies arrays by default): ``data`` is this frame's own
    # or the reader's, which nothing writes to.
    frame = pd.DataFrame(data, index=index, columns=pd.Index(order), dtype=object, copy=False)
    if not keep.all():
        frame = frame.loc[keep]  # keeps the index's name
    letters = {col: column_letter(first_col + positions[col]) for col in order if col in positions}
    return SheetTable(
        spec=spec, sheet=raw.sheet, ref=raw.ref, frame=frame, letters=letters, extra_columns=extra
    )


def _runs(taken: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """(target, source) column pairs, in target order, as runs (first target,
    first source, width) where both advance by one."""
    runs: list[tuple[int, int, int]] = []
    for target, source in taken:
        if runs and runs[-1][0] + runs[-1][2] == target and runs[-1][1] + runs[-1][2] == source:
            runs[-1] = (runs[-1][0], runs[-1][1], runs[-1][2] + 1)
        else:
            runs.append((target, source, 1))
    return runs


def _object_grid(rows: list[list[Any]], header_width: int) -> np.ndarray:
    """Rows as one 2-D object array, short rows padded with None."""
    width = max([header_width, *map(len, rows)])
    grid = np.full((len(rows), width), None, dtype=object)
    if not rows or not width:
        return grid
    if all(len(r) == width for r in rows):
        for start in range(0, len(rows), _BLOCK):  # bounded temporaries
            grid[start : start + _BLOCK] = rows[start : start + _BLOCK]
    else:
        for i, values in enumerate(rows):
            grid[i, : len(values)] = values
    return grid


_BLOCK = 65536


def _blank_rows(data: np.ndarray, inputs: list[int]) -> np.ndarray:
    """Rows whose contract input cells are all blank (None, NaN or whitespace).

    Only rows still blank so far are looked at in the next column: most rows
    are settled by their first column, and None/NaN are found in bulk.
    """
    candidates = np.arange(len(data))
    for j in inputs:
        if not len(candidates):
            break
        values = data[candidates, j]
        if _all_text_with_content(values):  # the usual first column: every row settled
            candidates = candidates[:0]
            break
        null = pd.isna(values)
        nulls = np.flatnonzero(null)
        if len(nulls):  # None and NaN only (pd.isna also knows NaT, pd.NA ...)
            null[nulls] = [v is None or isinstance(v, float) for v in values[nulls]]
        rest = np.flatnonzero(~null)
        if len(rest):
            null[rest] = [v.__class__ is str and not v.strip() for v in values[rest]]
        candidates = candidates[null]
    blank = np.zeros(len(data), dtype=bool)
    blank[candidates] = True
    return blank


def _all_text_with_content(values: np.ndarray) -> bool:
    """Whether every value is text with something other than whitespace in it.

    ``str.strip`` as a function refuses anything but text (TypeError), so a
    column of names or codes is settled in one C-level pass instead of one
    Python-level test per cell.
    """
    try:
        return all(map(str.strip, values.tolist()))
    except TypeError:  # not all text: the caller tests cell by cell
        return False


def assemble(raw: RawWorkbook) -> PlanData:
    """Plan data from the raw tables of one workbook (any reader)."""
    structure = StructureReport()
    present = {name.casefold() for name in raw.sheet_names}
    required_sheets = dict.fromkeys(spec.sheet for spec in c.INPUT_TABLES)
    structure.missing_sheets = [s for s in required_sheets if s.casefold() not in present]
    tables: dict[str, SheetTable] = {}
    for spec in c.INPUT_TABLES:
        found = _find(raw, spec.name)
        if found is None:
            structure.missing_tables[spec.name] = spec.sheet
            continue
        tables[spec.name] = sheet_table(spec, found, structure)
    settings = read_settings(tables.get(c.TBL_SETTINGS))
    levels = read_levels(tables.get(c.TBL_LEVELS))
    return PlanData(
        source=raw.source,
        settings=settings,
        levels=levels,
        dependencies=read_dependencies(tables.get(c.TBL_DEPENDENCIES)),
        themes=read_themes(tables.get(c.TBL_THEMES), levels),
        actions=tables.get(c.TBL_ACTIONS),
        project_lines=tables.get(c.TBL_PROJECT_LINES),
        structure=structure,
        settings_table=tables.get(c.TBL_SETTINGS),
        themes_table=tables.get(c.TBL_THEMES),
    )


def _find(raw: RawWorkbook, name: str) -> RawTable | None:
    table = raw.tables.get(name)
    if table is not None:
        return table
    wanted = name.casefold()
    return next((t for key, t in raw.tables.items() if key.casefold() == wanted), None)
