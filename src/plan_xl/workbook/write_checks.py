"""Rewrite the ``Controles`` sheet: one row of ``tblControles`` per finding.

Rows above and including the table header stay as they are (titles, the
header itself); everything below is replaced. The ``Cel`` column links to
the finding's cell through an internal hyperlink (no relationship needed).
"""

from __future__ import annotations

from lxml import etree

from plan_xl.core.annotations import ChecksSheet
from plan_xl.core.plan import column_index, column_letter, split_cell, split_range
from plan_xl.workbook.xlsx_package import XlsxPackage, q, xml_text
from plan_xl.workbook.xlsx_sheet import (
    FormulaRemovals,
    child,
    index_rows,
    new_cell,
    place_child,
    set_dimension,
    set_value,
)


def write_checks_sheet(pkg: XlsxPackage, part: str, checks: ChecksSheet) -> FormulaRemovals:
    removals = FormulaRemovals()
    root = pkg.xml(part)
    sheet_data = child(root, "sheetData")
    if sheet_data is None:
        sheet_data = place_child(root, etree.Element(q("sheetData")))
    table_part = _find_table(pkg, part, checks.table)
    table = pkg.xml(table_part) if table_part else None
    if table is not None:
        header_row, first_col, _, _ = split_range(table.get("ref", "A1"))
    else:
        header_row, first_col = 1, 1
    width = len(checks.header)
    rows = index_rows(sheet_data)
    styles = _data_styles(rows.get(header_row + 1), first_col, width)
    for number, row in rows.items():
        if number > header_row:
            for cell in row.iterchildren(q("c")):
                removals.note(cell)
            sheet_data.remove(row)
    if table is None:
        header = rows.get(header_row)
        if header is None:
            header = etree.SubElement(sheet_data, q("row"))
            header.set("r", str(header_row))
        for cell in list(header):
            header.remove(cell)
        for j, text in enumerate(checks.header):
            cell = etree.SubElement(header, q("c"))
            cell.set("r", f"{column_letter(first_col + j)}{header_row}")
            set_value(cell, text, removals)

    links: list[tuple[str, str, str]] = []
    for i, check in enumerate(checks.rows):
        number = header_row + 1 + i
        row = etree.SubElement(sheet_data, q("row"))
        row.set("r", str(number))
        for j, value in enumerate(check.values()):
            ref = f"{column_letter(first_col + j)}{number}"
            cell = new_cell(ref, styles[j])
            row.append(cell)
            set_value(cell, value, removals)
            if j == checks.link_index and check.target:
                links.append((ref, check.target, value or check.target))
    data_rows = max(len(checks.rows), 1)
    if not checks.rows:
        # A table needs one data row; keep it empty but styled.
        row = etree.SubElement(sheet_data, q("row"))
        row.set("r", str(header_row + 1))
        for j in range(width):
            row.append(new_cell(f"{column_letter(first_col + j)}{header_row + 1}", styles[j]))

    _write_hyperlinks(root, links)
    last_row = header_row + data_rows
    area = (1, 1, last_row, first_col + width - 1)
    set_dimension(root, [area], keep_old=False)
    pkg.touch(part)
    if table is not None and table_part is not None:
        _extend_formats(root, header_row, first_col, last_row, width)
        _resize_table(table, header_row, first_col, last_row, width)
        pkg.touch(table_part)
    return removals


def _find_table(pkg: XlsxPackage, sheet_part: str, name: str) -> str | None:
    for table_name, table_part in pkg.tables_of(sheet_part).items():
        if table_name.casefold() == name.casefold():
            return table_part
    return None


def _data_styles(row: etree._Element | None, first_col: int, width: int) -> list[str | None]:
    """The style of each table column's first data cell, so rewritten rows look the same."""
    styles: list[str | None] = [None] * width
    if row is None:
        return styles
    for cell in row.iterchildren(q("c")):
        ref = cell.get("r")
        if not ref:
            continue
        j = column_index(split_cell(ref)[0]) - first_col
        if 0 <= j < width:
            styles[j] = cell.get("s")
    return styles


def _write_hyperlinks(root: etree._Element, links: list[tuple[str, str, str]]) -> None:
    old = child(root, "hyperlinks")
    if old is not None:
        root.remove(old)
    if not links:
        return
    element = place_child(root, etree.Element(q("hyperlinks")))
    for ref, location, display in links:
        link = etree.SubElement(element, q("hyperlink"))
        link.set("ref", ref)
        link.set("location", xml_text(location))
        link.set("display", xml_text(display))


def _extend_formats(
    root: etree._Element, header_row: int, first_col: int, last_row: int, width: int
) -> None:
    """Conditional formats over the table's rows reach at least its new last row.

    Formats starting at the first data row over the table's columns grow with
    the table and never shrink (the template colours rows far below the table;
    blank rows stay uncoloured). Only ``sqref`` changes, so re-runs never add rules.
    """
    first_row, last_col = header_row + 1, first_col + width - 1
    for cf in root.iterchildren(q("conditionalFormatting")):
        sqref = cf.get("sqref", "").strip()
        if not sqref or " " in sqref:
            continue  # several ranges: the user's own format, left alone
        try:
            top, left, bottom, right = split_range(sqref)
        except ValueError:
            continue
        if (top, left, right) != (first_row, first_col, last_col):
            continue
        if bottom < last_row:
            area = f"{column_letter(left)}{top}:{column_letter(right)}{max(last_row, top)}"
            cf.set("sqref", area)


def _resize_table(
    table: etree._Element, header_row: int, first_col: int, last_row: int, width: int
) -> None:
    ref = f"{column_letter(first_col)}{header_row}:{column_letter(first_col + width - 1)}{last_row}"
    table.set("ref", ref)
    table.attrib.pop("totalsRowCount", None)
    auto_filter = table.find(q("autoFilter"))
    if auto_filter is not None:
        auto_filter.set("ref", ref)
    sort_state = table.find(q("sortState"))
    if sort_state is not None:
        table.remove(sort_state)
