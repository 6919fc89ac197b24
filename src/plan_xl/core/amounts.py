"""Vectorised reading of amounts, and how amounts and names are shown and compared.

Checks and budget summaries work on the same interpretation of the raw cells:
per year column a float matrix (NaN when blank or unusable) and a kind code
per cell (:class:`plan_xl.core.values.AmountKind`). Python loops only touch
the cells that are not plain numbers (text, errors, dates), which are rare in
real plans. Text columns are factorised in :mod:`plan_xl.core.coded`; both are
computed once per plan by :func:`plan_xl.core.parsed_plan.parsed_plan`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

import numpy as np
import pandas as pd

from plan_xl.contract import normalise_header
from plan_xl.core.identity import slots_holding
from plan_xl.core.plan import SheetTable
from plan_xl.core.values import AmountKind, CellError, as_text, parse_amount

NO_THEME = "(geen thema)"
NO_ACTION = "(geen actie)"
NO_VALUE = "(leeg)"

_NUMBER_TYPES = (int, float, np.integer, np.floating)
_NUMBER_KINDS = (AmountKind.BLANK, AmountKind.NUMBER, AmountKind.NOT_A_NUMBER)
_OBJECT_DTYPE = np.dtype(object)


@dataclass(frozen=True)
class AmountFrame:
    """Amounts of the year columns of one table.

    ``matrix`` holds floats (NaN for blank or unusable cells) and ``codes`` the
    :class:`AmountKind` code (:data:`KIND_CODES`) of every cell, one row per
    table row and one column per year of ``columns``; :attr:`values` and
    :attr:`kinds` give the same as frames indexed by Excel row with the year
    (int) as column label (built on first use).
    """

    index: pd.Index
    columns: list[int]
    matrix: np.ndarray
    codes: np.ndarray

    @classmethod
    def empty(cls) -> AmountFrame:
        return cls(pd.RangeIndex(0), [], np.empty((0, 0)), np.empty((0, 0), dtype=np.int8))

    @cached_property
    def values(self) -> pd.DataFrame:
        return pd.DataFrame(self.matrix, index=self.index, columns=self.columns, dtype=float)

    @cached_property
    def kinds(self) -> pd.DataFrame:
        return pd.DataFrame(
            _KIND_VALUES[self.codes], index=self.index, columns=self.columns, dtype=object
        )

    @property
    def years(self) -> list[int]:
        return [int(y) for y in self.columns]

    @cached_property
    def rows(self) -> np.ndarray:
        """The Excel row of every matrix row."""
        return np.asarray(self.index, dtype=np.int64)

    def filled(self) -> pd.DataFrame:
        """Amounts with blank and unusable cells as 0.0."""
        return self.values.fillna(0.0)

    @cached_property
    def filled_matrix(self) -> np.ndarray:
        """:attr:`matrix` with blank and unusable cells as 0.0 (do not modify)."""
        return np.where(np.isnan(self.matrix), 0.0, self.matrix)

    def positions(self, years: Iterable[int]) -> list[int]:
        """Matrix column of each of ``years`` (all must be present)."""
        where = {y: j for j, y in enumerate(self.columns)}
        return [where[y] for y in years]

    def of_kind(self, *kinds: AmountKind) -> np.ndarray:
        """Boolean matrix: cells of one of ``kinds``."""
        return kind_mask(self.codes, *kinds)

    def cells_of_kind(self, *kinds: AmountKind) -> list[tuple[int, int]]:
        """(row, year) of every cell of one of ``kinds``, row-major order."""
        rows, cols = np.nonzero(self.of_kind(*kinds))
        excel_rows = self.rows[rows].tolist()
        columns = self.columns
        return [(r, int(columns[k])) for r, k in zip(excel_rows, cols.tolist(), strict=True)]


def kind_mask(codes: np.ndarray, *kinds: AmountKind) -> np.ndarray:
    """Which of the kind ``codes`` (:data:`KIND_CODES`) are one of ``kinds``
    (one table lookup per cell; ``np.isin`` costs tens of µs per call)."""
    wanted = np.zeros(len(KIND_CODES), dtype=bool)
    wanted[[KIND_CODES[k] for k in kinds]] = True
    return wanted[codes]


class _TypeClass(dict[type, int]):
    """Cell type -> 0 (blank: None), 1 (a number), 2 (anything else: parsed one by
    one) or 3 (a spreadsheet error: what :func:`parse_amount` makes of every CellError)."""

    def __missing__(self, kind: type) -> int:
        if kind is type(None):
            found = 0
        elif issubclass(kind, bool | np.bool_):
            found = 2
        elif issubclass(kind, CellError):
            found = 3
        else:
            found = 1 if issubclass(kind, _NUMBER_TYPES) else 2
        self[kind] = found
        return found


_TYPE_CLASS = _TypeClass()


_KIND_CODES = {kind.value: code for code, kind in enumerate(AmountKind)}
_KIND_VALUES = np.array([kind.value for kind in AmountKind], dtype=object)
KIND_CODES: dict[AmountKind, int] = {kind: code for code, kind in enumerate(AmountKind)}
_BLANK, _NUMBER, _NOT_A_NUMBER = (_KIND_CODES[k.value] for k in _NUMBER_KINDS)
_ERROR = _KIND_CODES[AmountKind.ERROR.value]


def parse_amount_column(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(values, kinds) arrays for one column of raw amount cells.

    Numbers take a bulk path (one C-level pass classifies the cell types);
    only the other cells (text, errors, dates, booleans) are parsed one by one.
    """
    values, codes = parse_amount_codes(column)
    return values, _KIND_VALUES[codes]


def parse_amount_codes(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(values, kind codes) for one column: :func:`parse_amount_column` with the
    kinds as int8 codes (:data:`KIND_CODES`)."""
    if pd.api.types.is_numeric_dtype(column.dtype) and not pd.api.types.is_bool_dtype(column.dtype):
        values = np.full(len(column), np.nan)
        codes = np.full(len(column), _BLANK, dtype=np.int8)
        arr = column.to_numpy(dtype=float, na_value=np.nan)
        finite = np.isfinite(arr)
        values[finite] = arr[finite]
        codes[finite] = _NUMBER
        codes[~finite & ~np.isnan(arr)] = _NOT_A_NUMBER
        return values, codes
    return _parse_object_codes(column.to_numpy(dtype=object))


def _parse_object_codes(
    raw: np.ndarray, read: dict[str, tuple[int, float]] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`parse_amount_codes` of a 1-D object array; ``read`` caches the
    (kind code, value) of typed texts (pass one dict for the columns of a table)."""
    n = len(raw)
    values = np.full(n, np.nan)
    codes = np.full(n, _BLANK, dtype=np.int8)
    # Most amount cells are empty (None): only the others are classified by
    # type (None is class 0: blank, as preset).
    filled = _not_none(raw)
    cells = raw[filled].tolist()
    classes = np.fromiter(
        map(_TYPE_CLASS.__getitem__, map(type, cells)), dtype=np.int8, count=len(cells)
    )
    is_number = classes == 1
    if is_number.any():
        positions = filled[is_number]
        numbers = raw[positions].astype(float)
        finite = np.isfinite(numbers)
        values[positions[finite]] = numbers[finite]
        codes[positions[finite]] = _NUMBER
        codes[positions[~finite & ~np.isnan(numbers)]] = _NOT_A_NUMBER
    codes[filled[classes == 3]] = _ERROR  # value NaN, as preset
    read = {} if read is None else read  # typed text -> (kind code, value): texts repeat
    for k in np.flatnonzero(classes == 2).tolist():
        i, cell = int(filled[k]), cells[k]
        found = read.get(cell) if cell.__class__ is str else None
        if found is None:
            amount = parse_amount(cell)
            value = np.nan if amount.value is None else amount.value
            found = (_KIND_CODES[amount.kind.value], value)
            if cell.__class__ is str:
                read[cell] = found
        codes[i], values[i] = found
    return values, codes


def _not_none(raw: np.ndarray) -> np.ndarray:
    """Positions of the cells of ``raw`` that are not None."""
    nones = slots_holding(raw, None)  # None is one object (~0.02 ms at 5,000 lines)
    if nones is not None:
        return np.flatnonzero(~nones)
    # pd.isna is a C loop twice as fast as the elementwise ``!= None``, but it
    # also calls NaN, NaT and pd.NA missing: trusted only when every cell it
    # calls missing is None (one identity count).
    missing = pd.isna(raw)
    try:
        if raw[missing].tolist().count(None) == np.count_nonzero(missing):
            return np.flatnonzero(~missing)
        return np.flatnonzero(raw != None)  # noqa: E711 (elementwise, not identity)
    except (TypeError, ValueError):  # a value without a plain truth (pd.NA): classify all
        return np.arange(len(raw))


def parse_amounts(table: SheetTable, years: Iterable[int] | None = None) -> AmountFrame:
    """Amounts of ``years`` (default: every year column) of ``table``."""
    return parse_amounts_from(table, years, _UNKNOWN)


_UNKNOWN = np.empty(0)  # "the grid is not known yet" (None means: the frame has none)


def parse_amounts_from(
    table: SheetTable, years: Iterable[int] | None, grid: np.ndarray | None
) -> AmountFrame:
    """:func:`parse_amounts`, reading from ``grid`` (:func:`object_grid` of the
    frame, or :data:`_UNKNOWN`: made here when there are year columns)."""
    frame = table.frame
    columns = [y for y in (table.year_columns if years is None else years) if y in frame]
    n = len(frame)
    if grid is _UNKNOWN:
        grid = object_grid(frame) if columns else None
    read: dict[str, tuple[int, float]] = {}  # typed texts repeat across the years
    locs = [frame.columns.get_loc(year) for year in columns] if grid is not None else []
    if grid is not None and columns and all(isinstance(loc, int) for loc in locs):
        # All year columns in one pass (one set of numpy calls, not one per year),
        # row by row: the results reshape into C-ordered row x year matrices, as
        # they always were (sums along an axis depend on the order).
        first, width = locs[0], len(locs)
        adjacent = locs == list(range(first, first + width))
        block = grid[:, first : first + width] if adjacent else grid[:, locs]
        flat_values, flat_codes = _parse_object_codes(block.ravel(), read)
        matrix, codes = flat_values.reshape(n, width), flat_codes.reshape(n, width)
        return AmountFrame(frame.index, columns, matrix, codes)
    matrix = np.empty((n, len(columns)))
    codes = np.empty((n, len(columns)), dtype=np.int8)
    for j, year in enumerate(columns):
        raw = grid_column(grid, frame, year)
        if raw is None:  # not an all-object frame: numeric columns take their own path
            matrix[:, j], codes[:, j] = parse_amount_codes(frame[year])
        else:
            matrix[:, j], codes[:, j] = _parse_object_codes(raw, read)
    return AmountFrame(frame.index, columns, matrix, codes)


def object_grid(frame: pd.DataFrame) -> np.ndarray | None:
    """The frame's cells as one 2-D object array (row position x column position),
    or None when some column is not of object dtype.

    Assembled tables are one object block, so this is a read-only view, not a
    copy: a column of it costs a slice instead of a ``frame[column]`` Series
    (~5 µs each, and the checks read ~80 columns). Other frames (tests, typed
    columns) keep reading through their Series.
    """
    if not all(dtype == _OBJECT_DTYPE for dtype in frame.dtypes.tolist()):
        return None
    return frame.to_numpy(dtype=object)


def grid_column(grid: np.ndarray | None, frame: pd.DataFrame, column: str | int) -> Any:
    """Column ``column`` of ``grid`` (None when there is no grid or the label is not unique)."""
    if grid is None:
        return None
    loc = frame.columns.get_loc(column)
    return grid[:, loc] if isinstance(loc, int) else None


def key_of(text: str) -> str:
    """How names and codes are compared: case- and space-insensitive."""
    return normalise_header(text)


@lru_cache(maxsize=4096)
def format_eur(amount: float) -> str:
    """An amount the Belgian way: ``12500`` -> ``'€ 12.500,00'``."""
    if not math.isfinite(amount):
        return f"€ {amount}"
    # Grouped with '_' (as ',' groups), then '.' -> ',' and '_' -> '.': 12.500,00.
    text = f"{abs(amount):_.2f}".replace(".", ",").replace("_", ".")
    return f"€ {'-' if amount < 0 else ''}{text}"


def format_eur_all(amounts: list[float]) -> list[str]:
    """:func:`format_eur` of every amount (a rule with hundreds of findings).

    Formatted as one joined text, so the two separator swaps run once instead
    of once per amount; '|' is in no formatted amount, so it splits them apart.
    """
    if not amounts:
        return []
    values = np.asarray(amounts, dtype=float)
    if not np.isfinite(values).all():
        return [format_eur(amount) for amount in amounts]
    magnitude = np.abs(values)
    if (values == np.trunc(values)).all() and (magnitude < 2.0**53).all():
        # Whole euros (below 2**53 every one is exactly an int64): integer
        # formatting prints the same digits, faster; the cents are ",00".
        whole = magnitude.astype(np.int64).tolist()
        texts = [f"€ {'-' if a < 0 else ''}{w:_},00" for a, w in zip(amounts, whole, strict=True)]
        return "|".join(texts).replace("_", ".").split("|")
    joined = "|".join([f"€ {'-' if a < 0 else ''}{abs(a):_.2f}" for a in amounts])
    return joined.replace(".", ",").replace("_", ".").split("|")


def amount_text(value: Any) -> str:
    """A raw cell as shown in a message (the value the user typed)."""
    text = as_text(value)
    return text if text else NO_VALUE
