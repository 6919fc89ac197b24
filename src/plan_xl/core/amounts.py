"""Vectorised reading of amounts and text cells, computed once per plan.

Checks and budget summaries work on the same interpretation of the raw cells:
per year column a float frame (NaN when blank or unusable) and a kind frame
(:class:`plan_xl.core.values.AmountKind` values), plus normalised text
columns. :func:`parsed_plan` caches that work per :class:`PlanData` object so
rules and summaries never parse twice. Python loops only touch the cells that
are not plain numbers (text, errors, dates), which are rare in real plans.
"""

from __future__ import annotations

import math
import sys
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

import numpy as np
import pandas as pd

from plan_xl import contract as c
from plan_xl.contract import normalise_header
from plan_xl.core.plan import PlanData, SheetTable
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
    if _POINTERS_ARE_IDS:
        # None is one object: its cells are the array slots that point at it. The
        # array's buffer read as integers compares them in numpy (~0.02 ms for the
        # 30,000 year cells of 5,000 lines, against ~0.3 ms for pd.isna and its check).
        pointers = np.frombuffer(np.ascontiguousarray(raw), dtype=np.intp)
        return np.flatnonzero(pointers != id(None))
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


# In CPython id() is the object's address, which is what an object array stores.
_POINTERS_ARE_IDS = sys.implementation.name == "cpython"


def parse_amounts(table: SheetTable, years: Iterable[int] | None = None) -> AmountFrame:
    """Amounts of ``years`` (default: every year column) of ``table``."""
    return _parse_amounts(table, years, _UNKNOWN)


_UNKNOWN = np.empty(0)  # "the grid is not known yet" (None means: the frame has none)


def _parse_amounts(
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
        raw = _grid_column(grid, frame, year)
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


def _grid_column(grid: np.ndarray | None, frame: pd.DataFrame, column: str | int) -> Any:
    """Column ``column`` of ``grid`` (None when there is no grid or the label is not unique)."""
    if grid is None:
        return None
    loc = frame.columns.get_loc(column)
    return grid[:, loc] if isinstance(loc, int) else None


@dataclass(frozen=True)
class CodedColumn:
    """A column factorised once: ``codes`` per row (-1 for blanks) into distinct
    values; their text and comparison keys are computed once per distinct value."""

    index: pd.Index
    codes: np.ndarray
    uniques: np.ndarray  # distinct raw values
    _cache: dict[str, np.ndarray] = field(default_factory=dict)

    def texts(self) -> np.ndarray:
        """Text per distinct value, plus '' last (what code -1 picks)."""
        if "text" not in self._cache:
            uniques = self.uniques.tolist()
            texts = _texts_of_strings(uniques)
            if texts is None:
                texts = [_text_of(u) for u in uniques]
            self._cache["text"] = _object_array([*texts, ""])
        return self._cache["text"]

    def keys(self) -> np.ndarray:
        """Comparison key (:func:`key_of`) per distinct value, plus '' last."""
        if "key" not in self._cache:
            self._cache["key"] = _object_array(_keys_of_texts(self.texts().tolist()))
        return self._cache["key"]

    def text(self) -> pd.Series:
        return pd.Series(self.texts()[self.codes], index=self.index, dtype=object)

    def blank(self) -> pd.Series:
        """Rows whose text is '' (without computing the text of every distinct value)."""
        return pd.Series(self.blank_mask(), index=self.index, dtype=bool)

    def blank_mask(self) -> np.ndarray:
        """:meth:`blank` as a boolean array by row position."""
        if "text" in self._cache:
            blank_unique = self._cache["text"] == ""
        elif pd.api.types.infer_dtype(self.uniques, skipna=False) == "string":
            # Text only: blank when empty or all whitespace (what as_text makes '').
            n = len(self.uniques)
            empty = np.fromiter(map(len, self.uniques), dtype=np.int64, count=n) == 0
            spaces = np.fromiter(map(str.isspace, self.uniques), dtype=bool, count=n)
            blank_unique = np.append(empty | spaces, True)
        else:
            blank_unique = np.fromiter(
                (not u.strip() if u.__class__ is str else as_text(u) == "" for u in self.uniques),
                dtype=bool,
                count=len(self.uniques),
            )
            blank_unique = np.append(blank_unique, True)
        return np.asarray(blank_unique[self.codes], dtype=bool)

    def key(self) -> pd.Series:
        return pd.Series(self.keys()[self.codes], index=self.index, dtype=object)


def _text_of(value: Any) -> str:
    """:func:`as_text` (text is trimmed with its inner runs of spaces made one)."""
    if value.__class__ is str:
        return " ".join(value.split())  # what as_text gives for str, blanks included
    return as_text(value)


def _key_of_text(text: str) -> str:
    """:func:`key_of` of a text made by :func:`as_text`.

    Such a text has no leading, trailing or repeated whitespace and no other
    whitespace than single spaces (no no-break space), so ``normalise_header``
    comes down to its apostrophe replacement and ``casefold``.
    """
    return text.replace("\u2019", "'").casefold()


# Joins the distinct values of a column so that str methods run once over all
# of them (a column of 500 action codes: one call instead of 500). It is not
# whitespace, so split() and strip() leave it alone; a value that holds it
# makes the joined text split into more parts, and the caller notices.
_SEPARATOR = "\x00"


def _split_joined(joined: str, count: int) -> list[str] | None:
    """``joined`` split at :data:`_SEPARATOR` into ``count`` parts, None if it has more."""
    parts = joined.split(_SEPARATOR)
    return parts if len(parts) == count else None


def _texts_of_strings(values: list[Any]) -> list[str] | None:
    """:func:`_text_of` of every value when all are plain ``str`` (None otherwise).

    Collapsing the whitespace of the joined text collapses it inside every
    value; a value's own leading or trailing run becomes one space next to a
    separator, which ``strip`` removes (as ``" ".join(value.split())`` would).
    """
    if not values or set(map(type, values)) != {str}:
        return None
    parts = _split_joined(" ".join(_SEPARATOR.join(values).split()), len(values))
    return None if parts is None else list(map(str.strip, parts))


def _keys_of_texts(texts: list[str]) -> list[str]:
    """:func:`_key_of_text` of every text (texts made by :func:`as_text`).

    ``casefold`` and ``replace`` work character by character, so running them
    once over the joined texts gives every text's own result.
    """
    joined = _SEPARATOR.join(texts).replace("\u2019", "'").casefold()
    parts = _split_joined(joined, len(texts)) if texts else []
    return parts if parts is not None else [_key_of_text(t) for t in texts]


def blank_cells(raw: np.ndarray) -> np.ndarray:
    """Cells whose text (:func:`as_text`) is '', by position, without factorising.

    Plain non-blank text is settled by one test per cell; only the other cells
    (None, '', spaces, numbers, dates ...) go through :func:`as_text`.
    """
    cells = raw.tolist()
    n = len(cells)
    try:  # text only, none of it all spaces (any() stops early only on a space cell) ...
        spaced = any(map(str.isspace, cells))
    except TypeError:  # something else than text (None, numbers ...)
        spaced = True
    mask = np.zeros(n, dtype=bool)
    if not spaced and all(cells):  # ... and none of it '': nothing is blank
        return mask
    for i, v in enumerate(cells):
        if not (v.__class__ is str and v and not v.isspace()) and as_text(v) == "":
            mask[i] = True
    return mask


def _object_array(items: list[Any]) -> np.ndarray:
    out = np.empty(len(items), dtype=object)
    out[:] = items
    return out


def _merges_booleans(uniques: np.ndarray) -> bool:
    """True when factorising may have merged True/False with 1/0 (equal hashes)."""
    if pd.api.types.infer_dtype(uniques, skipna=True) in ("string", "empty"):
        return False
    return any(
        u.__class__ is bool or (isinstance(u, _NUMBER_TYPES) and (u == 0 or u == 1))
        for u in uniques
    )


def code_column(raw: np.ndarray, index: pd.Index) -> CodedColumn:
    """Factorise raw cell values (booleans kept apart from 1/0, as their text differs)."""
    try:
        codes, uniques = pd.factorize(raw, use_na_sentinel=True)
        if _merges_booleans(uniques):
            # Booleans hash equal to 1/0, so they are turned into text before factorising.
            fixed = _object_array([as_text(v) if isinstance(v, bool) else v for v in raw])
            codes, uniques = pd.factorize(fixed, use_na_sentinel=True)
    except TypeError:  # unhashable raw values: every row its own value
        codes, uniques = np.arange(len(raw)), _object_array(list(raw))
    return CodedColumn(index, np.asarray(codes), np.asarray(uniques, dtype=object))


def map_unique(series: pd.Series, fn: Callable[[Any], Any]) -> pd.Series:
    """``fn`` applied once per distinct value (columns repeat a few values a lot).

    The result keeps object dtype (plain Python values, fast to iterate).
    """
    if series.empty:
        return series.copy()
    raw = series.to_numpy(dtype=object)
    try:
        codes, uniques = pd.factorize(raw, use_na_sentinel=False)
    except TypeError:
        return pd.Series([fn(v) for v in raw], index=series.index, dtype=object)
    if _merges_booleans(uniques):
        mapping = {value: fn(value) for value in pd.unique(raw)}
        return pd.Series(series.map(mapping), index=series.index, dtype=object)
    mapped = _object_array([fn(u) for u in uniques])
    return pd.Series(mapped[codes], index=series.index, dtype=object)


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


@dataclass(frozen=True)
class KeyGroups:
    """The rows of a column grouped by comparison key (:func:`key_of` of the text).

    ``ids[i]`` is the group of row position ``i``; ``keys[g]`` the key of group
    ``g`` (blank cells have key ''). A group may have no rows.
    """

    ids: np.ndarray
    keys: list[str]

    def mask(self, predicate: Callable[[str], bool]) -> np.ndarray:
        """Rows whose key satisfies ``predicate`` (called once per key)."""
        per_key = np.fromiter(map(predicate, self.keys), dtype=bool, count=len(self.keys))
        return per_key[self.ids]

    def first_positions(self) -> np.ndarray:
        """Row position of the first row of every group that has rows, in row order."""
        _, first = np.unique(self.ids, return_index=True)
        first.sort()
        return first


def _key_groups(coded: CodedColumn) -> KeyGroups:
    keys_per_value = coded.keys()  # distinct values, '' (blank) last
    # Keys are plain str (never missing): groups in order of first appearance.
    per_value, keys = pd.factorize(keys_per_value)
    codes = coded.codes
    ids = np.asarray(per_value, dtype=np.int64)[np.where(codes < 0, len(keys_per_value) - 1, codes)]
    return KeyGroups(ids, keys.tolist())


@dataclass
class ParsedPlan:
    """Everything rules and summaries derive from the raw cells, parsed once.

    It refers to its plan weakly so the cache never keeps a plan alive.
    """

    plan_ref: weakref.ref[PlanData]
    action_amounts: AmountFrame
    line_amounts: AmountFrame
    themes_by_key: dict[str, str] = field(default_factory=dict)
    _texts: dict[tuple[str, str], pd.Series] = field(default_factory=dict)
    _coded: dict[tuple[str, str], CodedColumn] = field(default_factory=dict)
    _cells: dict[tuple[str, str | int], dict[int, Any]] = field(default_factory=dict)
    _row_texts: dict[tuple[str, str], dict[int, str]] = field(default_factory=dict)
    _other_amounts: dict[str, AmountFrame] = field(default_factory=dict)
    memo: dict[str, Any] = field(default_factory=dict)  # derived results, e.g. the budget

    @property
    def plan(self) -> PlanData:
        plan = self.plan_ref()
        if plan is None:
            raise ReferenceError("the plan of this ParsedPlan no longer exists")
        return plan

    def coded(self, table: SheetTable, column: str) -> CodedColumn:
        """A column of ``table`` factorised once (cached)."""
        key = (table.spec.name, column)
        if key not in self._coded:
            frame = table.frame
            if column in frame:
                found = code_column(self.raw_column(table, column), frame.index)
            else:
                found = CodedColumn(frame.index, np.full(len(frame), -1), _object_array([]))
            self._coded[key] = found
        return self._coded[key]

    def raw_column(self, table: SheetTable, column: str | int) -> np.ndarray:
        """The raw values of a column of ``table`` by row position, as
        ``frame[column].to_numpy(dtype=object)`` gives them (do not modify).

        Read from the table's object grid (:func:`object_grid`, made once per
        table) when it has one. ``column`` must be in the frame.
        """
        frame = table.frame
        found = _grid_column(self.grid_of(table), frame, column)
        return frame[column].to_numpy(dtype=object) if found is None else found

    def grid_of(self, table: SheetTable) -> np.ndarray | None:
        """:func:`object_grid` of the table's frame (cached per frame)."""
        frame = table.frame
        key = f"grid:{table.spec.name}"
        cached = self.memo.get(key)
        if not (isinstance(cached, tuple) and cached[0] is frame):
            cached = self.memo[key] = (frame, object_grid(frame))
        grid: np.ndarray | None = cached[1]
        return grid

    def rows_of(self, table: SheetTable) -> np.ndarray:
        """The Excel row of every row position of ``table`` (cached; do not modify)."""
        key = f"rows:{table.spec.name}"
        found = self.memo.get(key)
        if not isinstance(found, np.ndarray) or len(found) != len(table.frame):
            found = self.memo[key] = np.asarray(table.frame.index, dtype=np.int64)
        return found

    def coded_if_known(self, table: SheetTable, column: str) -> CodedColumn | None:
        """The factorised column when some rule or summary needed it already."""
        return self._coded.get((table.spec.name, column))

    def key_groups(self, table: SheetTable, column: str) -> KeyGroups:
        """The rows of ``column`` grouped by comparison key (cached)."""
        key = f"key_groups:{table.spec.name}:{column}"
        found = self.memo.get(key)
        if not isinstance(found, KeyGroups):
            found = self.memo[key] = _key_groups(self.coded(table, column))
        return found

    def list_entries(self, table: SheetTable, column: str) -> list[list[tuple[str, str]]]:
        """Per distinct text of a list column (``coded(...).texts()`` order, '' last):
        its ';'-separated entries, trimmed, blanks dropped, each with its key
        (:func:`key_of`); cached. Several rules read Neventhema's and Stakeholders."""
        memo_key = f"entries:{table.spec.name}:{column}"
        found = self.memo.get(memo_key)
        if isinstance(found, list):
            return found
        key_by_entry: dict[str, str] = {}  # entries repeat across the distinct texts
        found = []
        for text in self.coded(table, column).texts().tolist():
            entries = []
            for part in text.split(c.LIST_SEPARATOR):
                entry = part.strip()
                if entry:
                    key = key_by_entry.get(entry)
                    if key is None:
                        key = key_by_entry[entry] = key_of(entry)
                    entries.append((entry, key))
            found.append(entries)
        self.memo[memo_key] = found
        return found

    def texts_at(self, table: SheetTable, column: str, positions: Iterable[int]) -> list[str]:
        """:meth:`text_at` of the rows at ``positions`` (row positions, not Excel rows)."""
        if column not in table.frame:
            return ["" for _ in positions]
        if (table.spec.name, column) in self._coded:
            coded = self._coded[(table.spec.name, column)]
            texts, codes = coded.texts(), coded.codes
            return [str(texts[codes[p]]) for p in positions]
        raw = self.raw_column(table, column)
        return [as_text(raw[p]) for p in positions]

    def text(self, table: SheetTable | None, column: str) -> pd.Series:
        """A text column of ``table`` (cached), empty when the table is absent."""
        if table is None:
            return pd.Series([], dtype=object)
        key = (table.spec.name, column)
        if key not in self._texts:
            self._texts[key] = self.coded(table, column).text()
        return self._texts[key]

    def keys(self, table: SheetTable | None, column: str) -> pd.Series:
        """A text column as comparison keys (:func:`key_of`), cached."""
        if table is None:
            return pd.Series([], dtype=object)
        key = (table.spec.name, "key:" + column)
        if key not in self._texts:
            self._texts[key] = self.coded(table, column).key()
        return self._texts[key]

    def blank(self, table: SheetTable, column: str) -> pd.Series:
        """Rows of ``table`` whose ``column`` reads as '' (blank or only spaces)."""
        key = (table.spec.name, column)
        if key in self._texts:
            return self._texts[key] == ""
        return self.coded(table, column).blank()

    def blank_mask(self, table: SheetTable, column: str) -> np.ndarray:
        """:meth:`blank` as a boolean array by row position."""
        key = (table.spec.name, column)
        if key in self._coded:
            return self._coded[key].blank_mask()
        if column not in table.frame:
            return np.ones(len(table.frame), dtype=bool)
        return blank_cells(self.raw_column(table, column))

    def text_at(self, table: SheetTable | None, column: str, row: int) -> str:
        """The text of one cell ('' when the table, column or row is absent).

        For naming the subject of a finding: only the rows that fire pay for
        their text; a column whose text is computed anyway is looked up.
        """
        if table is None:
            return ""
        key = (table.spec.name, column)
        texts = self._row_texts.get(key)
        if texts is None and key not in self._cells and column not in table.frame:
            return ""
        if texts is None and key in self._texts:
            series = self._texts[key]
            texts = dict(zip(series.index.tolist(), series.tolist(), strict=True))
            self._row_texts[key] = texts
        if texts is not None:
            return str(texts.get(row, ""))
        return as_text(self.raw_at(table, column, row))

    def raw_at(self, table: SheetTable, column: str | int, row: int) -> Any:
        """The raw value of one cell (None when the column or row is absent)."""
        key = (table.spec.name, column)
        cells = self._cells.get(key)
        if cells is None:
            frame = table.frame
            if column not in frame:
                return None
            values = self.raw_column(table, column).tolist()
            cells = self._cells[key] = dict(zip(frame.index.tolist(), values, strict=True))
        return cells.get(row)

    def raw_cells(self, table: SheetTable, cells: list[tuple[int, str | int]]) -> list[Any]:
        """:meth:`raw_at` of many (row, column) cells, without a dict of every row of
        their columns (a few error cells among 50,000 lines)."""
        frame = table.frame
        if not frame.index.is_unique:
            return [self.raw_at(table, column, row) for row, column in cells]
        found: list[Any] = [None] * len(cells)
        by_column: dict[str | int, list[int]] = {}
        for i, (_, column) in enumerate(cells):
            by_column.setdefault(column, []).append(i)
        for column, picks in by_column.items():
            if column not in frame:
                continue
            values = self.raw_column(table, column)
            positions = frame.index.get_indexer([cells[i][0] for i in picks])
            for i, position in zip(picks, positions.tolist(), strict=True):
                found[i] = values[position] if position >= 0 else None
        return found

    def raw_by_position(self, table: SheetTable, cells: list[tuple[int, str | int]]) -> list[Any]:
        """The raw values of (row position, column) cells (None when the column is absent)."""
        frame = table.frame
        arrays: dict[str | int, np.ndarray | None] = {}
        found: list[Any] = []
        for position, column in cells:
            if column not in arrays:
                arrays[column] = self.raw_column(table, column) if column in frame else None
            values = arrays[column]
            found.append(None if values is None else values[position])
        return found

    def action_col(self, column: str) -> pd.Series:
        return self.text(self.plan.actions, column)

    def line_col(self, column: str) -> pd.Series:
        return self.text(self.plan.project_lines, column)

    def amounts_of(self, table: SheetTable) -> AmountFrame:
        """The parsed year columns of ``table``."""
        if table is self.plan.actions:
            return self.action_amounts
        if table is self.plan.project_lines:
            return self.line_amounts
        if table.spec.name not in self._other_amounts:
            grid = self.grid_of(table) if table.year_columns else None
            self._other_amounts[table.spec.name] = _parse_amounts(table, None, grid)
        return self._other_amounts[table.spec.name]

    def canonical_theme(self, text: str) -> str | None:
        """The tblThemas name ``text`` stands for, or None when unknown."""
        return self.themes_by_key.get(key_of(text))

    @property
    def common_years(self) -> list[int]:
        """Plan years present as columns in both tblActies and tblProjectlijnen."""
        in_actions = set(self.action_amounts.years)
        in_lines = set(self.line_amounts.years)
        return [y for y in self.plan.years if y in in_actions and y in in_lines]

    def action_keys(self) -> pd.Series:
        """Normalised action code per tblActies row."""
        return self.keys(self.plan.actions, c.COL_CODE)

    def line_action_keys(self) -> pd.Series:
        """Normalised Actiecode per tblProjectlijnen row."""
        return self.keys(self.plan.project_lines, c.COL_ACTION_CODE)

    def first_action_positions(self) -> np.ndarray:
        """Row position in tblActies of the first row of every non-blank action key."""
        cached = self.memo.get("first_action_positions")
        if isinstance(cached, np.ndarray):
            return cached
        actions = self.plan.actions
        if actions is None:
            result = np.empty(0, dtype=np.int64)
        else:
            groups = self.key_groups(actions, c.COL_CODE)
            first = groups.first_positions()
            blank = groups.keys.index("") if "" in groups.keys else -1
            result = first[groups.ids[first] != blank]
        self.memo["first_action_positions"] = result
        return result

    def first_action_rows(self) -> pd.Series:
        """Action key -> Excel row of its first tblActies row (non-blank codes)."""
        cached = self.memo.get("first_action_rows")
        if isinstance(cached, pd.Series):
            return cached
        row_of = self.first_action_row_of()
        result = pd.Series(list(row_of.values()), index=list(row_of), dtype=np.int64)
        self.memo["first_action_rows"] = result
        return result

    def first_action_row_of(self) -> dict[str, int]:
        """:meth:`first_action_rows` as a plain dict (fast lookups per finding)."""
        cached = self.memo.get("first_action_row_of")
        if isinstance(cached, dict):
            return cached
        result: dict[str, int] = {}
        actions = self.plan.actions
        if actions is not None:
            positions = self.first_action_positions()
            groups = self.key_groups(actions, c.COL_CODE)
            keys = [groups.keys[g] for g in groups.ids[positions].tolist()]
            rows = np.asarray(actions.frame.index, dtype=np.int64)[positions].tolist()
            result = dict(zip(keys, rows, strict=True))
        self.memo["first_action_row_of"] = result
        return result

    def _canonical_themes(self, table: SheetTable) -> np.ndarray:
        """Per row: its Thema as the tblThemas name when known, else as typed ('' blank)."""
        coded = self.coded(table, c.COL_THEME)
        texts = coded.texts().tolist()
        per_value = _object_array([self.canonical_theme(t) or t for t in texts])
        return per_value[np.where(coded.codes < 0, len(texts) - 1, coded.codes)]

    def line_themes(self) -> pd.Series:
        """The theme each project line counts under (budget per theme).

        The line's own Thema (canonical name when known, else as typed); a line
        without theme counts under its action's Thema; else :data:`NO_THEME`.
        """
        cached = self.memo.get("line_themes")
        if isinstance(cached, pd.Series):
            return cached
        lines, actions = self.plan.project_lines, self.plan.actions
        if lines is None:
            self.memo["line_themes"] = pd.Series([], dtype=object)
            return self.memo["line_themes"]
        own = self._canonical_themes(lines)
        theme_by_key: dict[str, str] = {}
        if actions is not None:
            first = self.first_action_positions()
            groups = self.key_groups(actions, c.COL_CODE)
            themes = self._canonical_themes(actions)[first].tolist()
            keys = [groups.keys[g] for g in groups.ids[first].tolist()]
            theme_by_key = dict(zip(keys, themes, strict=True))
        line_groups = self.key_groups(lines, c.COL_ACTION_CODE)
        per_group = _object_array([theme_by_key.get(k, "") for k in line_groups.keys])
        theme = np.where(own != "", own, per_group[line_groups.ids])
        theme = np.where(theme != "", theme, NO_THEME)
        result = pd.Series(theme, index=lines.frame.index, dtype=object)
        self.memo["line_themes"] = result
        return result


_CACHE: dict[int, tuple[weakref.ref[PlanData], ParsedPlan]] = {}


def parsed_plan(plan: PlanData) -> ParsedPlan:
    """The parsed view of ``plan``; computed once per plan object."""
    key = id(plan)
    hit = _CACHE.get(key)
    if hit is not None and hit[0]() is plan:
        return hit[1]
    parsed = _parse(plan)
    _CACHE[key] = (weakref.ref(plan), parsed)
    weakref.finalize(plan, _CACHE.pop, key, None)
    return parsed


def _parse(plan: PlanData) -> ParsedPlan:
    empty = AmountFrame.empty()
    themes: dict[str, str] = {}
    for theme in plan.themes:
        if theme.name:
            themes.setdefault(key_of(theme.name), theme.name)
    parsed = ParsedPlan(weakref.ref(plan), empty, empty, themes_by_key=themes)
    if plan.actions is not None:
        parsed.action_amounts = _parse_amounts(plan.actions, None, parsed.grid_of(plan.actions))
    if plan.project_lines is not None:
        lines = plan.project_lines
        parsed.line_amounts = _parse_amounts(lines, None, parsed.grid_of(lines))
    return parsed


def amount_text(value: Any) -> str:
    """A raw cell as shown in a message (the value the user typed)."""
    text = as_text(value)
    return text if text else NO_VALUE
