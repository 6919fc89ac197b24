"""Rewrite the ``Budgetoverzicht`` sheet: the summary grid and its charts.

The sheet is owned by plan-xl: its cells, tables and drawing are replaced on
every run. The old drawing (with its charts) is removed before the new one is
added, so a re-run never duplicates parts, relationships or content types.
openpyxl's chart classes serve only to serialise chart XML.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from lxml import etree
from openpyxl.chart import BarChart, Reference
from openpyxl.xml.functions import tostring

from plan_xl.core.annotations import Area, BudgetSheet, ChartSpec, sheet_location
from plan_xl.core.plan import column_letter
from plan_xl.workbook.xlsx_package import (
    CT_CHART,
    CT_DRAWING,
    NS_REL,
    PARSER,
    REL_CHART,
    REL_DRAWING,
    REL_TABLE,
    XML_DECLARATION,
    XlsxPackage,
    q,
    xml_text,
)
from plan_xl.workbook.xlsx_rows import SheetRowScanner, StreamUnsupported
from plan_xl.workbook.xlsx_sheet import (
    FormulaRemovals,
    cell_xml,
    child,
    main_prefix,
    place_child,
    set_dimension,
)
from plan_xl.workbook.xlsx_styles import StyleBook

NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"

LABEL_WIDTH = 36  # column A: theme, action and stakeholder names
AMOUNT_WIDTH = 15  # "356.000,00 €" without ####
ROWS_MARKER = "\ue000plan-xl-budget-rows\ue000"  # replaced by the rows on saving


def write_budget_sheet(pkg: XlsxPackage, part: str, budget: BudgetSheet) -> FormulaRemovals:
    removals = FormulaRemovals()
    root, title_style = _sheet_without_rows(pkg, part, removals)
    sheet_data = place_child(root, etree.Element(q("sheetData")))
    style_of = _cell_styles(budget, StyleBook(pkg), title_style)
    # The rows (5,000 actions x 18 cells at M = 50,000) are written as text, not as a tree.
    sheet_data.text = ROWS_MARKER
    pkg.splice(part, ROWS_MARKER, grid_xml(budget.grid, style_of, main_prefix(root)))
    _set_widths(root, budget.width)
    # Stale cell-bound parts of the old content.
    for name in ("mergeCells", "hyperlinks"):
        el = child(root, name)
        if el is not None:
            root.remove(el)
    _remove_tables(pkg, part, root)
    _replace_drawing(pkg, part, root, budget)
    set_dimension(root, [(1, 1, max(len(budget.grid), 1), max(budget.width, 1))], keep_old=False)
    pkg.touch(part)
    return removals


def grid_xml(
    grid: list[list[Any]], style_of: Callable[[int, int, Any], str | None], prefix: str = ""
) -> bytes:
    """The ``<row>`` elements of the grid (row 1 first), blank rows and cells left out."""
    parts: list[str] = []
    for i, values in enumerate(grid, start=1):
        cells = [
            cell_xml(f"{column_letter(j)}{i}", style_of(i, j, value), value, prefix)
            for j, value in enumerate(values, start=1)
            if value is not None and value != ""
        ]
        if cells:
            parts.append(f'<{prefix}row r="{i}">{"".join(cells)}</{prefix}row>')
    return "".join(parts).encode("utf-8")


def _sheet_without_rows(
    pkg: XlsxPackage, part: str, removals: FormulaRemovals
) -> tuple[etree._Element, str | None]:
    """The sheet's tree without <sheetData>, and the style of its old A1 (the sheet title).

    The old rows (as many as the previous run's actions) are streamed, not parsed
    whole; their formulas are counted, since removing them stales calcChain.xml.
    """
    if pkg.is_original(part):
        try:
            root, title_style = _stream_without_rows(pkg, part, removals)
        except StreamUnsupported:
            removals.count = 0
        else:
            pkg.put_xml(part, root)
            return root, title_style
    root = pkg.xml(part)
    old = child(root, "sheetData")
    title_style = _style_of(old, "A1")
    if old is not None:
        for cell in old.iter(q("c")):
            removals.note(cell)
        root.remove(old)
    return root, title_style


def _stream_without_rows(
    pkg: XlsxPackage, part: str, removals: FormulaRemovals
) -> tuple[etree._Element, str | None]:
    title_style: str | None = None
    with pkg.open_original(part) as source:
        scanner = SheetRowScanner(source)
        head = scanner.head()
        formula = re.compile(b"<" + re.escape(head.prefix) + rb"f\b")
        for row in scanner.rows():
            removals.count += len(formula.findall(row.data))
            if row.number == 1 and title_style is None:
                first = etree.fromstring(head.wrap(row.data), PARSER)
                title_style = _style_of(first, "A1")
        tail = b"".join(scanner.tail())
    root = etree.fromstring(head.data + tail, PARSER)
    old = child(root, "sheetData")
    if old is not None:
        root.remove(old)
    return root, title_style


def _cell_styles(
    budget: BudgetSheet, styles: StyleBook, sheet_title: str | None
) -> Callable[[int, int, Any], str | None]:
    """The ``s`` of each grid cell: sheet title, block titles, header rows, euro amounts.

    Styles are looked up (or added to styles.xml) only when a cell needs them.
    """
    titles = {b.area.first_row for b in budget.blocks}
    headers = {b.header_row for b in budget.blocks}
    # Row -> (first, last) amount column; blocks never share rows. One lookup per cell.
    amounts = {
        row: (a.first_col, a.last_col)
        for a in budget.amount_areas()
        for row in range(a.first_row, a.last_row + 1)
    }

    def style_of(row: int, col: int, value: Any) -> str | None:
        if (row, col) == (1, 1):
            return sheet_title or styles.title()  # the sheet title keeps the template's look
        if row in titles:
            return styles.title()
        if row in headers:
            return styles.header()
        span = amounts.get(row)
        numeric = isinstance(value, int | float) and not isinstance(value, bool)
        if numeric and span is not None and span[0] <= col <= span[1]:
            return styles.euro()
        return None

    return style_of


def _set_widths(root: etree._Element, width: int) -> None:
    """Labels in column A, amounts after it: wide enough that no amount shows as ####."""
    old = child(root, "cols")
    if old is not None:
        root.remove(old)
    if width < 1:
        return
    cols = place_child(root, etree.Element(q("cols")))
    spans = [(1, 1, LABEL_WIDTH)]
    if width > 1:
        spans.append((2, width, AMOUNT_WIDTH))
    for first, last, chars in spans:
        col = etree.SubElement(cols, q("col"))
        col.attrib.update(
            {"min": str(first), "max": str(last), "width": str(chars), "customWidth": "1"}
        )


def _style_of(sheet_data: etree._Element | None, ref: str) -> str | None:
    if sheet_data is None:
        return None
    for cell in sheet_data.iter(q("c")):
        if cell.get("r") == ref:
            return cell.get("s")
    return None


def _remove_tables(pkg: XlsxPackage, part: str, root: etree._Element) -> None:
    parts = child(root, "tableParts")
    if parts is not None:
        root.remove(parts)
    for rel in pkg.relationships(part):
        if rel.type == REL_TABLE:
            pkg.remove_relationship(part, rel.id)
            pkg.remove_part_tree(rel.target)


def _replace_drawing(
    pkg: XlsxPackage, part: str, root: etree._Element, budget: BudgetSheet
) -> None:
    drawing_el = child(root, "drawing")
    if drawing_el is not None:
        root.remove(drawing_el)
    for rel in pkg.relationships(part):
        if rel.type == REL_DRAWING:
            pkg.remove_relationship(part, rel.id)
            if not rel.external:
                pkg.remove_part_tree(rel.target)
    if not budget.charts:
        return
    drawing_part = pkg.free_name("xl/drawings/drawing{}.xml")
    wsdr = etree.Element(q("wsDr", NS_XDR), nsmap={"xdr": NS_XDR, "a": NS_A})
    pkg.put_xml(drawing_part, wsdr)
    for number, spec in enumerate(budget.charts, start=1):
        chart_part = pkg.free_name("xl/charts/chart{}.xml")
        pkg.put(chart_part, chart_xml(budget.sheet, spec))
        pkg.set_override(chart_part, CT_CHART)
        rel_id = pkg.add_relationship(drawing_part, REL_CHART, chart_part)
        wsdr.append(_anchor(spec.anchor, rel_id, number, spec.title))
    pkg.set_override(drawing_part, CT_DRAWING)
    rel_id = pkg.add_relationship(part, REL_DRAWING, drawing_part)
    drawing_el = etree.Element(q("drawing"), nsmap={"r": NS_REL})
    drawing_el.set(q("id", NS_REL), rel_id)
    place_child(root, drawing_el)


def chart_xml(sheet: str, spec: ChartSpec) -> bytes:
    chart = BarChart()
    chart.type = "col"
    chart.title = spec.title
    if spec.kind == "stacked":
        chart.grouping = "stacked"
        chart.overlap = 100
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.y_axis.numFmt = "#,##0"
    chart.width, chart.height = 18, 9
    for (name_row, name_col), values in spec.series:
        # The series name sits just left of its values: one row = name + amounts.
        area = Area(name_row, name_col, values.last_row, values.last_col)
        chart.add_data(
            Reference(range_string=_ref(sheet, area)), from_rows=True, titles_from_data=True
        )
    chart.set_categories(Reference(range_string=_ref(sheet, spec.categories)))
    return XML_DECLARATION + tostring(chart._write())


def _ref(sheet: str, area: Area) -> str:
    return sheet_location(sheet, area.a1())


def _marker(tag: str, row: int, col: int) -> etree._Element:
    marker = etree.Element(q(tag, NS_XDR))
    for name, value in (("col", col), ("colOff", 0), ("row", row), ("rowOff", 0)):
        etree.SubElement(marker, q(name, NS_XDR)).text = str(value)
    return marker


def _anchor(area: Area, rel_id: str, number: int, title: str) -> etree._Element:
    anchor = etree.Element(q("twoCellAnchor", NS_XDR))
    anchor.set("editAs", "oneCell")
    anchor.append(_marker("from", area.first_row - 1, area.first_col - 1))
    anchor.append(_marker("to", area.last_row, area.last_col))
    frame = etree.SubElement(anchor, q("graphicFrame", NS_XDR))
    frame.set("macro", "")
    nv = etree.SubElement(frame, q("nvGraphicFramePr", NS_XDR))
    c_nv = etree.SubElement(nv, q("cNvPr", NS_XDR))
    c_nv.set("id", str(number + 1))
    c_nv.set("name", xml_text(title)[:255] or f"Chart {number}")
    etree.SubElement(nv, q("cNvGraphicFramePr", NS_XDR))
    xfrm = etree.SubElement(frame, q("xfrm", NS_XDR))
    etree.SubElement(xfrm, q("off", NS_A)).attrib.update({"x": "0", "y": "0"})
    etree.SubElement(xfrm, q("ext", NS_A)).attrib.update({"cx": "0", "cy": "0"})
    graphic = etree.SubElement(frame, q("graphic", NS_A))
    data = etree.SubElement(graphic, q("graphicData", NS_A))
    data.set("uri", NS_C)
    chart = etree.SubElement(data, q("chart", NS_C), nsmap={"c": NS_C, "r": NS_REL})
    chart.set(q("id", NS_REL), rel_id)
    etree.SubElement(anchor, q("clientData", NS_XDR))
    return anchor
