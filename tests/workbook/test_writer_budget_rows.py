"""Budgetoverzicht rows are written as text: the same cells set_value makes in a tree."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from plan_xl import contract as c
from plan_xl.workbook.write_budget import grid_xml
from plan_xl.workbook.writer import write_annotations
from plan_xl.workbook.xlsx_package import NS_MAIN, q
from plan_xl.workbook.xlsx_sheet import FormulaRemovals, cell_xml, new_cell, set_value
from tests.support.writer_workbooks import build_plan_workbook
from tests.workbook.test_writer import (
    _with_extra_parts,
    annotations_for,
    sheet_parts,
    with_calc_chain,
)

VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(),  # any unicode: escapes, \r, control characters XML cannot carry
)


def canonical(xml: bytes) -> bytes:
    return etree.tostring(etree.fromstring(xml), method="c14n")


def wrapped(cells: str) -> bytes:
    return f'<row xmlns="{NS_MAIN}">{cells}</row>'.encode()


@settings(max_examples=300, deadline=None)
@given(value=VALUES, style=st.sampled_from([None, "3"]))
def test_a_cell_written_as_text_equals_the_tree_cell(value: Any, style: str | None) -> None:
    row = etree.Element(q("row"), nsmap={None: NS_MAIN})
    cell = new_cell("B7", style)
    row.append(cell)
    set_value(cell, value, FormulaRemovals())
    assert canonical(wrapped(cell_xml("B7", style, value))) == canonical(etree.tostring(row))


def test_grid_rows_skip_blank_rows_and_cells_and_keep_positions() -> None:
    grid: list[list[Any]] = [
        ["Titel"],
        [],
        [None, ""],
        ["Thema", 2026, None, "Totaal"],
        ["Toepassingen", 1.5],
    ]
    xml = grid_xml(grid, lambda row, col, value: "9" if col > 1 else None)
    root = etree.fromstring(wrapped(xml.decode()))
    rows = {r.get("r"): [(cell.get("r"), cell.get("s")) for cell in r] for r in root}
    assert rows == {
        "1": [("A1", None)],
        "4": [("A4", None), ("B4", "9"), ("D4", "9")],
        "5": [("A5", None), ("B5", "9")],
    }


def test_formulas_on_the_old_budget_sheet_drop_the_calc_chain(tmp_path: Path) -> None:
    built = build_plan_workbook(tmp_path / "plan.xlsx")
    part = sheet_parts(built.path)[c.SHEET_BUDGET]
    with zipfile.ZipFile(built.path) as z:
        xml = z.read(part).decode()
    # An old Budgetoverzicht row with a formula (as a previous tool might have left it).
    row = '<row r="40"><c r="B40"><f>SUM(B2:B39)</f><v>0</v></c></row>'
    xml = xml.replace("</sheetData>", row + "</sheetData>").replace(
        "<sheetData/>", f"<sheetData>{row}</sheetData>"
    )
    assert row in xml
    chain = f'<calcChain xmlns="{NS_MAIN}"><c r="B40" i="1"/></calcChain>'
    edits, extra = with_calc_chain(built.path, chain)
    source = _with_extra_parts(
        built.path, tmp_path / "calc.xlsx", {**edits, part: xml.encode()}, extra
    )
    out = write_annotations(source, tmp_path / "out.xlsx", annotations_for(built, {}))
    with zipfile.ZipFile(out) as z:
        assert "xl/calcChain.xml" not in z.namelist()
    ws = openpyxl.load_workbook(out)[c.SHEET_BUDGET]
    assert ws["B40"].value is None
    assert any(r[0] == "Toepassingen" for r in ws.iter_rows(values_only=True))
