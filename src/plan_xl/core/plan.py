"""Typed plan data: what every check and summary works on.

Readers (file, live Excel) produce a :class:`RawWorkbook` — tables as grids of
raw cell values with their position — and :func:`plan_xl.core.assemble.assemble`
turns it into :class:`PlanData`. Every value keeps its sheet and cell, so any
finding can point at a cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from plan_xl import contract as c

# Raw grids (what readers hand over) -------------------------------------------


def column_letter(index: int) -> str:
    """1-based column index -> letters (1 -> A, 27 -> AA)."""
    letters = ""
    while index > 0:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: str) -> int:
    """Letters -> 1-based column index (A -> 1)."""
    index = 0
    for ch in letters.upper():
        index = index * 26 + (ord(ch) - 64)
    return index


def split_cell(ref: str) -> tuple[str, int]:
    """'AB12' -> ('AB', 12)."""
    ref = ref.replace("$", "")
    letters = "".join(ch for ch in ref if ch.isalpha())
    digits = "".join(ch for ch in ref if ch.isdigit())
    return letters.upper(), int(digits)


def split_range(ref: str) -> tuple[int, int, int, int]:
    """'B3:K20' -> (first_row, first_col, last_row, last_col), 1-based."""
    start, _, end = ref.partition(":")
    end = end or start
    c1, r1 = split_cell(start)
    c2, r2 = split_cell(end)
    return r1, column_index(c1), r2, column_index(c2)


class RawTable:
    """One Excel table as found in a workbook: header and data rows, raw values.

    ``ref`` is the table's range including its header row (``"A3:T20"``);
    ``rows[i]`` is Excel row ``header_row + 1 + i``; values are str, int,
    float, bool, date/datetime, None or :class:`plan_xl.core.values.CellError`.

    A reader may hand the rows over as one 2-D object array (``values=``)
    instead of lists: ``rows`` is then built from it when first used, and
    :meth:`values` gives the array only while nobody has used or replaced
    ``rows`` (so it always equals them).
    """

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it was

    def __init__(
        self,
        name: str,
        sheet: str,
        ref: str,
        header: list[Any],
        rows: list[list[Any]] | None = None,
        *,
        values: np.ndarray | None = None,
    ) -> None:
        self.name, self.sheet, self.ref, self.header = name, sheet, ref, header
        self._rows = rows if rows is not None or values is not None else []
        self._values = values if rows is None else None

    @property
    def rows(self) -> list[list[Any]]:
        if self._rows is None:
            values, self._values = self._values, None
            self._rows = values.tolist() if values is not None and len(values) else []
        return self._rows

    @rows.setter
    def rows(self, rows: list[list[Any]]) -> None:
        self._rows, self._values = rows, None

    def values(self) -> np.ndarray | None:
        """The rows as the reader's 2-D object array, if ``rows`` was never used."""
        return self._values

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RawTable):
            return NotImplemented
        return (self.name, self.sheet, self.ref, self.header, self.rows) == (
            other.name,
            other.sheet,
            other.ref,
            other.header,
            other.rows,
        )

    def __repr__(self) -> str:
        return (
            f"RawTable(name={self.name!r}, sheet={self.sheet!r}, ref={self.ref!r}, "
            f"header={self.header!r}, rows={self.rows!r})"
        )

    @property
    def header_row(self) -> int:
        return split_range(self.ref)[0]

    @property
    def first_column(self) -> int:
        return split_range(self.ref)[1]


@dataclass
class RawWorkbook:
    source: str
    sheet_names: list[str]
    tables: dict[str, RawTable]  # keyed by contract table name

    def table(self, name: str) -> RawTable | None:
        return self.tables.get(name)


# Assembled plan data ----------------------------------------------------------


@dataclass
class SheetTable:
    """A contract table as a DataFrame of raw values with cell positions.

    The frame's index is the Excel row number; its columns are the contract
    headers (fixed columns as ``str``, year columns as ``int``). Blank rows are
    dropped. ``letters`` maps each contract column to its sheet column.
    """

    spec: c.TableSpec
    sheet: str
    ref: str
    frame: pd.DataFrame
    letters: dict[str | int, str]
    extra_columns: list[str] = field(default_factory=list)

    def cell(self, row: int, column: str | int) -> str:
        """A1 reference of a value, e.g. ``cell(7, 2027) -> 'L7'``."""
        return f"{self.letters[column]}{row}"

    def row_cell(self, row: int) -> str:
        """The first contract column's cell of a row (to point at a row)."""
        first = next(iter(self.letters))
        return self.cell(row, first)

    @property
    def header_row(self) -> int:
        return split_range(self.ref)[0]

    @property
    def year_columns(self) -> list[int]:
        return [col for col in self.frame.columns if isinstance(col, int)]

    def has(self, column: str | int) -> bool:
        return column in self.letters


class Settings(BaseModel):
    """tblInstellingen, parsed; values that could not be read keep the default
    and are listed in ``invalid`` (parameter -> raw value)."""

    model_config = ConfigDict(frozen=True)

    organisation: str = ""
    start_year: int = c.DEFAULT_START_YEAR
    end_year: int = c.DEFAULT_END_YEAR
    template_version: int | None = c.TEMPLATE_VERSION
    tolerance_eur: float = 100.0
    tolerance_pct: float = 1.0
    max_steps: int = 2
    max_imbalance: int = 2
    language: str = "nl"
    cells: dict[str, str] = Field(default_factory=dict)  # parameter -> cell of its value
    raw: dict[str, Any] = Field(default_factory=dict)  # parameter -> raw value
    invalid: dict[str, Any] = Field(default_factory=dict)

    @property
    def years(self) -> list[int]:
        return c.plan_years(self.start_year, self.end_year)


class ThemeAssessment(BaseModel):
    """One row of tblThemas: a theme with its current maturity and ambition."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    name: str
    description: str = ""
    critical_questions: str = ""
    owner: str = ""
    current_raw: Any = None
    ambition_raw: Any = None
    current: int | None = None  # 1..5 when the level is valid
    ambition: int | None = None
    row: int
    cells: dict[str, str] = Field(default_factory=dict)  # contract column -> cell

    @property
    def has_gap(self) -> bool:
        return (
            self.current is not None and self.ambition is not None and self.ambition > self.current
        )


class Dependency(BaseModel):
    """One row of tblAfhankelijkheden."""

    model_config = ConfigDict(frozen=True)

    theme: str
    required_theme: str
    max_lag: int = 1
    row: int
    cells: dict[str, str] = Field(default_factory=dict)


class StructureReport(BaseModel):
    """What the reader found missing or odd in the workbook's structure."""

    missing_sheets: list[str] = Field(default_factory=list)
    # table name -> sheet where it was expected
    missing_tables: dict[str, str] = Field(default_factory=dict)
    # (table, column, closest existing header or "") per missing column
    missing_columns: list[tuple[str, str, str]] = Field(default_factory=list)
    # year headers actually present per table
    year_columns: dict[str, list[int]] = Field(default_factory=dict)


@dataclass
class PlanData:
    """Everything the checks and summaries need, read from one workbook."""

    source: str
    settings: Settings
    levels: dict[str, int]
    dependencies: list[Dependency]
    themes: list[ThemeAssessment]
    actions: SheetTable | None
    project_lines: SheetTable | None
    structure: StructureReport
    settings_table: SheetTable | None = None
    themes_table: SheetTable | None = None

    @property
    def years(self) -> list[int]:
        return self.settings.years

    @property
    def theme_names(self) -> list[str]:
        return [t.name for t in self.themes if t.name]
