"""Patch the ``Waarschuwingen`` cells of a worksheet, and nothing else on it."""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from plan_xl.core.annotations import WarningColumn
from plan_xl.core.plan import column_index
from plan_xl.workbook.xlsx_package import XlsxPackage, q
from plan_xl.workbook.xlsx_sheet import (
    FormulaRemovals,
    child,
    clear_cell,
    column_styles,
    find_cell,
    get_or_add_row,
    index_rows,
    new_cell,
    set_dimension,
    set_inline_text,
    widen_spans,
)


def write_warning_columns(
    pkg: XlsxPackage, part: str, columns: Sequence[WarningColumn]
) -> FormulaRemovals:
    """Write each row's warning text into its cell of the sheet part ``part``.

    Rows without findings are cleared (style kept); missing rows and cells are
    only created when there is text to write.
    """
    removals = FormulaRemovals()
    root = pkg.xml(part)
    sheet_data = child(root, "sheetData")
    if sheet_data is None:
        return removals
    rows = index_rows(sheet_data)
    keys = sorted(rows)
    styles = column_styles(root)
    changed = False
    areas: list[tuple[int, int, int, int]] = []
    for column in columns:
        col = column_index(column.column)
        for number, text in column.cells():
            row = rows.get(number)
            if row is None and not text:
                continue
            if row is None:
                row = get_or_add_row(sheet_data, rows, number, keys)
            cell, position = find_cell(row, col)
            if not text:
                if cell is not None and (len(cell) or cell.get("t")):
                    clear_cell(cell, removals)
                    changed = True
                continue
            if cell is None:
                style = styles.get(col) or (row.get("s") if row.get("customFormat") else None)
                cell = new_cell(f"{column.column}{number}", style)
                row.insert(position, cell)
                widen_spans(row, col)
                areas.append((number, col, number, col))
            if _inline_text(cell) != text:
                set_inline_text(cell, text, removals)
                changed = True
    if removals.masters:
        removals.hand_on_masters(root)
    if areas:
        set_dimension(root, areas)
        changed = True
    if changed:
        pkg.touch(part)
    return removals


def _inline_text(cell: etree._Element) -> str | None:
    """The cell's text when it already is an inline string (so a re-run changes nothing)."""
    if cell.get("t") != "inlineStr" or cell.find(q("f")) is not None:
        return None
    parts = [t.text or "" for t in cell.iter(q("t"))]
    return "".join(parts)
