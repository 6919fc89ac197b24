"""The parsed view of one plan: amounts, coded text columns and derived
results, computed once per :class:`~plan_xl.core.plan.PlanData` object and
shared by every rule and summary (:func:`parsed_plan`)."""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from plan_xl import contract as c
from plan_xl.core.amounts import (
    NO_THEME,
    AmountFrame,
    grid_column,
    key_of,
    object_grid,
    parse_amounts_from,
)
from plan_xl.core.coded import (
    CodedColumn,
    KeyGroups,
    blank_cells,
    code_column,
    key_groups_of,
    object_array,
)
from plan_xl.core.plan import PlanData, SheetTable
from plan_xl.core.values import as_text


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
                found = CodedColumn(frame.index, np.full(len(frame), -1), object_array([]))
            self._coded[key] = found
        return self._coded[key]

    def raw_column(self, table: SheetTable, column: str | int) -> np.ndarray:
        """The raw values of a column of ``table`` by row position, as
        ``frame[column].to_numpy(dtype=object)`` gives them (do not modify).

        Read from the table's object grid (:func:`object_grid`, made once per
        table) when it has one. ``column`` must be in the frame.
        """
        frame = table.frame
        found = grid_column(self.grid_of(table), frame, column)
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
            found = self.memo[key] = key_groups_of(self.coded(table, column))
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

    def amounts_of(self, table: SheetTable) -> AmountFrame:
        """The parsed year columns of ``table``."""
        if table is self.plan.actions:
            return self.action_amounts
        if table is self.plan.project_lines:
            return self.line_amounts
        if table.spec.name not in self._other_amounts:
            grid = self.grid_of(table) if table.year_columns else None
            self._other_amounts[table.spec.name] = parse_amounts_from(table, None, grid)
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
        per_value = object_array([self.canonical_theme(t) or t for t in texts])
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
        per_group = object_array([theme_by_key.get(k, "") for k in line_groups.keys])
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
        parsed.action_amounts = parse_amounts_from(plan.actions, None, parsed.grid_of(plan.actions))
    if plan.project_lines is not None:
        lines = plan.project_lines
        parsed.line_amounts = parse_amounts_from(lines, None, parsed.grid_of(lines))
    return parsed
