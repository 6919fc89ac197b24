"""Write :class:`~plan_xl.core.annotations.Annotations` into an open workbook.

The same pure structure the file writer uses, applied through xlwings with a
constant number of Excel round-trips: each ``Waarschuwingen`` column is one
2-D column write, ``Controles`` one block write plus one table resize,
``Budgetoverzicht`` one clear and one block write (plus one euro number format
per summary block and its charts). Colours
come from the template's conditional formats, never from per-cell formatting.
Sheets protected without password are unprotected for the write and
protected again with the same permissions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from plan_xl.core.annotations import Annotations, Area, BudgetSheet, ChartSpec, ChecksSheet
from plan_xl.core.plan import column_letter
from plan_xl.excel.live_reader import LiveWorkbook, RoundTrips, TableLocation
from plan_xl.excel.protection import unprotected
from plan_xl.template.styles import EURO_FORMAT

# Text Excel would turn into a formula, number or date when assigned as a value, or
# whose leading apostrophe Excel would take as the text prefix and hide.
_NOT_PLAIN_TEXT = re.compile(r"^['=+\-@]|^\s*[\d.,]+\s*$|^\d{1,4}[/-]\d{1,2}([/-]\d{1,4})?$")
CHART_KINDS = {"clustered": "column_clustered", "stacked": "column_stacked"}
# Default Excel cell size in points, to size charts from their anchor area.
_COLUMN_POINTS = 48.0
_ROW_POINTS = 15.0


def as_cell_value(value: Any) -> Any:
    """A value as it must be assigned so Excel stores exactly it.

    Text that Excel would parse (``=…``, ``001``, ``1/2``) gets the apostrophe
    prefix that marks a cell as text; blanks become None (an empty cell).
    """
    if value is None or value == "":
        return None
    if isinstance(value, str) and _NOT_PLAIN_TEXT.search(value):
        return "'" + value
    return value


def hyperlink_formula(target: str, text: str) -> str:
    """An internal link written as a formula, so all links go in the block write."""
    safe_text = text.replace('"', '""')
    return f'=HYPERLINK("#{target}","{safe_text}")'


def _rectangle(rows: Sequence[Sequence[Any]], width: int) -> list[list[Any]]:
    return [[as_cell_value(v) for v in row] + [None] * (width - len(row)) for row in rows]


# Waarschuwingen -------------------------------------------------------------------


def write_warning_columns(book: Any, annotations: Annotations, trips: RoundTrips) -> None:
    """Each table's Waarschuwingen column in one write (rows without findings cleared)."""
    for column in annotations.warning_columns:
        sheet = book.sheets[column.sheet]
        values = [[as_cell_value(text)] for _row, text in column.cells()]
        address = f"{column.column}{column.first_row}:{column.column}{column.last_row}"
        with unprotected(sheet):
            sheet.range(address).value = values
        trips.writes += 1


# Controles --------------------------------------------------------------------------


def checks_block(checks: ChecksSheet, old_body_rows: int) -> list[list[Any]]:
    """The data rows of tblControles, padded with blank rows over the old ones."""
    width = len(checks.header)
    block: list[list[Any]] = []
    for row in checks.rows:
        values: list[Any] = [as_cell_value(v) for v in row.values()]
        if row.target and values[checks.link_index] is not None:
            values[checks.link_index] = hyperlink_formula(
                row.target, str(row.values()[checks.link_index])
            )
        block.append(values)
    rows_needed = max(len(block), 1, old_body_rows)
    block.extend([None] * width for _ in range(rows_needed - len(block)))
    return block


def write_checks(
    book: Any,
    checks: ChecksSheet,
    location: TableLocation | None,
    table: Any | None,
    trips: RoundTrips,
) -> None:
    """tblControles rewritten with one block write and one resize."""
    sheet_names = {str(s.name).casefold() for s in book.sheets}
    if checks.sheet.casefold() not in sheet_names:
        return
    sheet = book.sheets[checks.sheet]
    width = len(checks.header)
    header_row = location.header_row if location else 1
    first_col = location.first_column if location else 1
    old_body = location.body_rows if location else 0
    block = checks_block(checks, old_body)
    if location is None:
        block = [list(checks.header), *block]
        top = header_row
    else:
        top = header_row + 1
    first = column_letter(first_col)
    last = column_letter(first_col + width - 1)
    with unprotected(sheet):
        sheet.range(f"{first}{top}:{last}{top + len(block) - 1}").value = block
        trips.writes += 1
        if table is not None:
            last_row = header_row + max(len(checks.rows), 1)
            table.resize(sheet.range(f"{first}{header_row}:{last}{last_row}"))
            trips.writes += 1


# Budgetoverzicht --------------------------------------------------------------------


def write_budget(book: Any, budget: BudgetSheet, trips: RoundTrips) -> None:
    """Budgetoverzicht replaced: unmerge, clear, one block write, charts redrawn."""
    sheet_names = {str(s.name).casefold() for s in book.sheets}
    if budget.sheet.casefold() not in sheet_names:
        return
    sheet = book.sheets[budget.sheet]
    grid = _rectangle(budget.grid, max(budget.width, 1))
    with unprotected(sheet):
        sheet.cells.unmerge()
        sheet.clear_contents()
        trips.writes += 2
        if grid:
            last = column_letter(max(budget.width, 1))
            sheet.range(f"A1:{last}{len(grid)}").value = grid
            trips.writes += 1
        for area in budget.amount_areas():
            _area_range(sheet, area).number_format = EURO_FORMAT
            trips.writes += 1
        _replace_charts(sheet, budget.charts, trips)


def _area_range(sheet: Any, area: Area) -> Any:
    return sheet.range(area.a1(absolute=False))


def _replace_charts(sheet: Any, charts: Sequence[ChartSpec], trips: RoundTrips) -> None:
    existing = list(sheet.charts)
    for chart in reversed(existing):
        chart.delete()
        trips.writes += 1
    for spec in charts:
        if not spec.series:
            continue
        first_series = spec.series[0][1]
        last_series = spec.series[-1][1]
        source = Area(first_series.first_row, 1, last_series.last_row, first_series.last_col)
        anchor = spec.anchor
        chart = sheet.charts.add(
            width=(anchor.last_col - anchor.first_col + 1) * _COLUMN_POINTS,
            height=(anchor.last_row - anchor.first_row + 1) * _ROW_POINTS,
            chart_type=CHART_KINDS.get(spec.kind, "column_clustered"),
            source=_area_range(sheet, source),
            plot_by="rows",
            name=f"plan-xl {spec.key}",
            anchor=sheet.range(f"{column_letter(anchor.first_col)}{anchor.first_row}"),
        )
        # Years are numbers: give them as categories so they are not a series.
        chart.set_x_axis_values(_area_range(sheet, spec.categories))
        chart.title = spec.title
        trips.writes += 3


# All owned parts ----------------------------------------------------------------------


def write_annotations(
    book: Any,
    live: LiveWorkbook,
    annotations: Annotations,
    trips: RoundTrips,
    *,
    warnings: bool = True,
    checks: bool = True,
    budget: bool = True,
) -> None:
    """Apply the chosen owned parts of ``annotations`` to the open ``book``."""
    if warnings:
        write_warning_columns(book, annotations, trips)
    if checks:
        location = live.locations.get(annotations.checks.table)
        table = _table(book, location) if location else None
        write_checks(book, annotations.checks, location, table, trips)
    if budget:
        write_budget(book, annotations.budget, trips)


def _table(book: Any, location: TableLocation) -> Any | None:
    sheet = book.sheets[location.sheet]
    for table in sheet.tables:
        if str(table.name).casefold() == location.name.casefold():
            return table
    return None
