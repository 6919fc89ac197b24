"""assemble's faster paths (issue 5, round 3) build exactly what the code before
them built: the same frames (values, types, index, columns), letters, extra
columns and structure report, and the same settings, levels, themes and
dependencies. The code before is kept here, as the reference."""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plan_xl import contract as c
from plan_xl.core import assemble_settings
from plan_xl.core.assemble import (
    _all_text_with_content,
    _blank_rows,
    _header_text,
    _object_grid,
    _runs,
    assemble,
    sheet_table,
    year_of_header,
)
from plan_xl.core.plan import (
    RawTable,
    RawWorkbook,
    SheetTable,
    StructureReport,
    column_letter,
)
from plan_xl.core.values import CellError

# --- the code before round 3 ----------------------------------------------------


def _old_blank_rows(data: np.ndarray, inputs: list[int]) -> np.ndarray:
    candidates = np.arange(len(data))
    for j in inputs:
        if not len(candidates):
            break
        values = data[candidates, j]
        null = pd.isna(values)
        nulls = np.flatnonzero(null)
        if len(nulls):
            null[nulls] = [v is None or isinstance(v, float) for v in values[nulls]]
        rest = np.flatnonzero(~null)
        if len(rest):
            null[rest] = [v.__class__ is str and not v.strip() for v in values[rest]]
        candidates = candidates[null]
    blank = np.zeros(len(data), dtype=bool)
    blank[candidates] = True
    return blank


def _old_sheet_table(spec: c.TableSpec, raw: RawTable, structure: StructureReport) -> SheetTable:
    wanted = {c.normalise_header(col): col for col in spec.fixed_columns}
    first_col = raw.first_column
    positions: dict[str | int, int] = {}
    extra: list[str] = []
    unmatched: list[str] = []
    for i, header in enumerate(raw.header):
        text = _header_text(header)
        year = year_of_header(header) if spec.has_years else None
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
    data = np.full((length, len(order)), None, dtype=object)
    taken = [(j, pos) for j, key in enumerate(order) if (pos := positions.get(key)) is not None]
    taken = [(j, pos) for j, pos in taken if pos < grid.shape[1]]
    for target, source, width in _runs(taken):
        data[:, target : target + width] = grid[:, source : source + width]
    header_row = raw.header_row
    index = pd.RangeIndex(header_row + 1, header_row + 1 + length)
    inputs = [j for j, col in enumerate(order) if col not in spec.owned and col in positions]
    keep = ~_old_blank_rows(data, inputs)
    frame = pd.DataFrame(data, index=index, columns=pd.Index(order), dtype=object, copy=False)
    if not keep.all():
        frame = frame.loc[keep]
    frame.index.name = "row"
    letters = {col: column_letter(first_col + positions[col]) for col in order if col in positions}
    return SheetTable(
        spec=spec, sheet=raw.sheet, ref=raw.ref, frame=frame, letters=letters, extra_columns=extra
    )


def _old_rows(table: SheetTable | None, *columns: str) -> list[tuple[int, list[Any]]]:
    if table is None:
        return []
    frame = table.frame
    values = [
        frame[col].tolist() if col in frame.columns else [None] * len(frame) for col in columns
    ]
    return [(int(row), [v[i] for v in values]) for i, row in enumerate(frame.index)]


# --- what readers hand over -------------------------------------------------------

CELLS = st.one_of(
    st.none(),
    st.sampled_from(["", " ", "\t \n", "\u00a0", "Portaal", "ICT-01", "12.500,00", "#N/A"]),
    st.text(max_size=4),
    st.booleans(),
    st.integers(min_value=-3, max_value=3),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([CellError("#REF!"), dt.date(2027, 1, 5), dt.datetime(2027, 1, 5, 8, 30)]),
)
# Rows that are mostly filled text, to reach the all-text shortcut too.
TEXT_CELLS = st.one_of(st.sampled_from(["Portaal", "ICT-01", " x "]), CELLS)


def _headers(spec: c.TableSpec) -> st.SearchStrategy[list[Any]]:
    """Contract headers (any case and spacing, some missing), years as text,
    numbers or floats, unknown and duplicate headers, in any order."""
    fixed = [col for col in spec.fixed_columns]
    variants = st.sampled_from(fixed).flatmap(
        lambda col: st.sampled_from([col, col.upper(), f"  {col} ", col.replace(" ", "  ")])
    )
    years = st.sampled_from(["2026", 2027, 2028.0, " 2029 ", 1850, "20260"])
    other = st.sampled_from(["Opmerking", "Extra", None, "", 3.5, "Omschrijvin"])
    in_order = st.just(spec.headers([2026, 2027, 2028]))
    mixed = st.lists(st.one_of(variants, years, other), min_size=1, max_size=len(fixed) + 4)
    return st.one_of(in_order, mixed, st.permutations(spec.headers([2027, 2026])))


@st.composite
def raw_tables(draw: st.DrawFn) -> tuple[c.TableSpec, RawTable, bool]:
    spec = draw(st.sampled_from(c.INPUT_TABLES))
    header = draw(_headers(spec))
    width = len(header) + draw(st.sampled_from([0, 0, 1, -1]))
    width = max(width, 0)
    cells = draw(st.sampled_from([CELLS, TEXT_CELLS]))
    rows = draw(st.lists(st.lists(cells, min_size=width, max_size=width), max_size=12))
    first_row, first_col = draw(st.integers(1, 30)), draw(st.integers(1, 5))
    last_col = first_col + max(len(header), 1) - 1
    ref = f"{column_letter(first_col)}{first_row}:{column_letter(last_col)}{first_row + len(rows)}"
    as_array = draw(st.booleans()) and width > 0
    if as_array:
        values = np.empty((len(rows), width), dtype=object)
        for i, row in enumerate(rows):
            values[i, :] = row
        return spec, RawTable(spec.name, spec.sheet, ref, header, values=values), as_array
    return spec, RawTable(spec.name, spec.sheet, ref, header, [list(r) for r in rows]), as_array


def _copy(raw: RawTable) -> RawTable:
    values = raw.values()
    if values is not None:
        return RawTable(raw.name, raw.sheet, raw.ref, list(raw.header), values=values.copy())
    return RawTable(raw.name, raw.sheet, raw.ref, list(raw.header), [list(r) for r in raw.rows])


def _same_cells(a: list[Any], b: list[Any]) -> bool:
    """Same values of the same types; NaN equals NaN."""
    if len(a) != len(b):
        return False
    for x, y in zip(a, b, strict=True):
        if type(x) is not type(y):
            return False
        if isinstance(x, float) and x != x:
            if y == y:
                return False
        elif x != y:
            return False
    return True


def assert_same_table(new: SheetTable, old: SheetTable) -> None:
    a, b = new.frame, old.frame
    assert type(a.index) is type(b.index)
    assert a.index.equals(b.index) and a.index.name == b.index.name == "row"
    assert a.index.dtype == b.index.dtype
    assert a.columns.equals(b.columns) and a.columns.dtype == b.columns.dtype
    assert [type(col) for col in a.columns] == [type(col) for col in b.columns]
    assert a.dtypes.tolist() == b.dtypes.tolist()
    for col in b.columns:
        assert _same_cells(a[col].tolist(), b[col].tolist()), col
    assert (new.spec, new.sheet, new.ref) == (old.spec, old.sheet, old.ref)
    assert new.letters == old.letters and list(new.letters) == list(old.letters)
    assert new.extra_columns == old.extra_columns


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw_tables())
def test_a_sheet_table_equals_the_one_built_before(
    case: tuple[c.TableSpec, RawTable, bool],
) -> None:
    spec, raw, _ = case
    before = _copy(raw)
    new_structure, old_structure = StructureReport(), StructureReport()
    new = sheet_table(spec, raw, new_structure)
    old = _old_sheet_table(spec, _copy(raw), old_structure)
    assert_same_table(new, old)
    assert new_structure == old_structure
    # The raw table is left as it was, whether or not the frame took its array.
    assert _same_cells(
        [v for row in raw.rows for v in row], [v for row in before.rows for v in row]
    )


def test_a_template_table_frame_takes_the_readers_array_without_copying_it() -> None:
    spec = c.PROJECT_LINES_TABLE
    header = spec.headers([2026, 2027])
    values = np.full((3, len(header)), None, dtype=object)
    values[:, 0] = ["Portaal", "Licentie", "Cloud"]
    ref = f"A4:{column_letter(len(header))}7"
    raw = RawTable(spec.name, spec.sheet, ref, header, values=values)
    frame = sheet_table(spec, raw, StructureReport()).frame
    assert np.shares_memory(frame.to_numpy(), values)
    assert frame.index.tolist() == [5, 6, 7]
    assert frame[c.COL_PROJECT].tolist() == ["Portaal", "Licentie", "Cloud"]
    values[2, 0] = None  # a blank row is dropped: the frame is then a copy
    raw = RawTable(spec.name, spec.sheet, ref, header, values=values)
    frame = sheet_table(spec, raw, StructureReport()).frame
    assert frame.index.tolist() == [5, 6]
    assert not np.shares_memory(frame.to_numpy(), values)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(TEXT_CELLS, min_size=3, max_size=3), max_size=20))
def test_blank_rows_equal_the_ones_found_before(rows: list[list[Any]]) -> None:
    data = np.full((len(rows), 3), None, dtype=object)
    for i, row in enumerate(rows):
        data[i, :] = row
    for inputs in ([0, 1], [1], [0, 1, 2], []):
        assert _blank_rows(data, inputs).tolist() == _old_blank_rows(data, inputs).tolist()


class _Text(str):
    """Text of a subclass: never blank before, so never blank now."""


def test_only_text_with_content_settles_a_column_at_once() -> None:
    def column(*values: Any) -> np.ndarray:
        array = np.empty(len(values), dtype=object)
        array[:] = list(values)
        return array

    assert _all_text_with_content(column("a", " b ", "ICT"))
    assert not _all_text_with_content(column("a", " ", "b"))
    assert not _all_text_with_content(column("a", ""))
    assert not _all_text_with_content(column("a", None))
    assert not _all_text_with_content(column(1.5, "a"))
    assert not _all_text_with_content(column("a", float("nan")))
    blank_subclass = column("a", _Text(" "))
    assert _blank_rows(blank_subclass[:, None], [0]).tolist() == [False, False]


ROWS_CASES: list[tuple[c.TableSpec, list[list[Any]]]] = [
    (c.SETTINGS_TABLE, [["Organisatie", "Gemeente"], [" startjaar", 2027.0], ["x", None]]),
    (c.LEVELS_TABLE, [["Basis", 1, "b"], ["Ontwikkeling", "3", None]]),
    (c.THEMES_TABLE, [["Data", "d", "q", "Basis", "Ontwikkeling", "Jan", None]]),
    (c.DEPENDENCIES_TABLE, [["Data", "Infra", 2.0], ["Data", None, "x"]]),
]


def test_the_small_tables_rows_equal_the_ones_read_before() -> None:
    for spec, rows in ROWS_CASES:
        header = spec.headers([])
        raw = RawTable(spec.name, spec.sheet, f"B3:{column_letter(1 + len(header))}9", header, rows)
        table = sheet_table(spec, raw, StructureReport())
        missing = "Niet in de tabel"
        for columns in (spec.fixed_columns, (*spec.fixed_columns[::-1], missing)):
            assert assemble_settings._rows(table, *columns) == _old_rows(table, *columns)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(raw_tables(), max_size=4))
def test_plan_data_equals_the_plan_data_built_before(cases: list[Any]) -> None:
    """Settings, levels, themes and dependencies read through the new paths
    equal those read through the old table builder and row reader."""
    import plan_xl.core.assemble as module

    tables = {spec.name: raw for spec, raw, _ in cases}
    copies = {name: _copy(raw) for name, raw in tables.items()}
    sheets = list(c.SHEET_ORDER)
    new = assemble(RawWorkbook("x.xlsx", sheets, tables))
    saved = module.sheet_table, assemble_settings._rows
    try:
        module.sheet_table = _old_sheet_table  # type: ignore[assignment]
        assemble_settings._rows = _old_rows
        old = assemble(RawWorkbook("x.xlsx", sheets, copies))
    finally:
        module.sheet_table, assemble_settings._rows = saved
    assert new.settings == old.settings
    assert new.levels == old.levels
    assert new.themes == old.themes
    assert new.dependencies == old.dependencies
    assert new.structure == old.structure
    for name in ("actions", "project_lines", "settings_table", "themes_table"):
        a, b = getattr(new, name), getattr(old, name)
        assert (a is None) == (b is None)
        if a is not None:
            assert_same_table(a, b)


def test_a_frame_sharing_the_raw_array_reads_like_one_of_lists() -> None:
    spec = c.ACTIONS_TABLE
    header = spec.headers([2026])
    rows = [["A1", "Doel", None, "Actie", "Ja", "Data", None, None, None, None, 5.0, None, None]]
    rows.append([None] * len(header))
    values = np.empty((2, len(header)), dtype=object)
    values[:] = rows
    ref = f"A1:{column_letter(len(header))}3"
    from_array = RawTable(spec.name, spec.sheet, ref, header, values=values)
    from_lists = RawTable(spec.name, spec.sheet, ref, header, rows)
    shared = sheet_table(spec, from_array, StructureReport())
    listed = sheet_table(spec, from_lists, StructureReport())
    assert_same_table(shared, listed)
    assert shared.frame.at[2, 2026] == 5.0
