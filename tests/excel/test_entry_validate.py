"""Valideer on a live workbook gives what `plan-xl validate` gives for the same file.

The Books are real xlwings Books (remote-interpreter engine) built from .xlsx
files read independently with openpyxl; assertions are on the actions xlwings
would apply in Excel. The file path's annotated copy is read back with openpyxl.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils.cell import column_index_from_string, range_boundaries

from plan_xl.excel.entry import validate_workbook
from plan_xl.validate import validate_file, write_annotated_copy
from tests.excel.conftest import (
    ERROR_AMOUNT_CELL,
    MISSING_CONTACT_CELL,
    TEXT_AMOUNT_CELL,
    actions,
    set_values_on,
    written_cells,
)

BookFactory = Callable[[Path], Any]


@pytest.fixture(scope="module")
def file_result(defective_xlsx: Path) -> Any:
    return validate_file(defective_xlsx)


@pytest.fixture(scope="module")
def annotated_copy(
    file_result: Any, defective_xlsx: Path, tmp_path_factory: pytest.TempPathFactory
) -> openpyxl.Workbook:
    out = tmp_path_factory.mktemp("annotated") / "gebreken.gecontroleerd.xlsx"
    write_annotated_copy(file_result, defective_xlsx, out)
    return openpyxl.load_workbook(out)


@pytest.fixture
def validated(book_from_xlsx: BookFactory, defective_xlsx: Path) -> tuple[Any, Any]:
    book = book_from_xlsx(defective_xlsx)
    return book, validate_workbook(book)


def _table_column(wb: openpyxl.Workbook, sheet: str, table: str, header: str) -> dict[int, Any]:
    """row -> value of one table column, read with openpyxl."""
    ws = wb[sheet]
    min_col, min_row, max_col, max_row = range_boundaries(ws.tables[table].ref)
    headers = [ws.cell(min_row, col).value for col in range(min_col, max_col + 1)]
    col = min_col + headers.index(header)
    return {row: ws.cell(row, col).value for row in range(min_row + 1, max_row + 1)}


def _written_column(book: Any, sheet: str, column: str) -> dict[int, Any]:
    col = column_index_from_string(column)
    cells: dict[int, Any] = {}
    for action in set_values_on(book, sheet):
        if action["column_count"] == 1 and action["start_column"] + 1 == col:
            cells.update({row: v for (row, _c), v in written_cells(action).items()})
    return cells


def test_live_validation_finds_exactly_what_the_command_line_finds(
    validated: tuple[Any, Any], file_result: Any
) -> None:
    _book, run = validated
    assert run.ok, run.message
    live = [f.to_dict("nl") for f in run.result.findings]
    assert live == [f.to_dict("nl") for f in file_result.findings]
    assert run.result.budget.to_json() == file_result.budget.to_json()


def test_injected_defects_are_found_where_they_were_typed(validated: tuple[Any, Any]) -> None:
    _book, run = validated
    located = {(f.code, f.sheet, f.cell) for f in run.result.findings}
    assert ("ACT006", *MISSING_CONTACT_CELL) in located
    assert ("WB004", *ERROR_AMOUNT_CELL) in located
    assert ("WB006", *TEXT_AMOUNT_CELL) in located


@pytest.mark.parametrize(
    ("sheet", "table", "column"),
    [
        ("Maturiteit", "tblThemas", "G"),
        ("Meerjarenplan", "tblActies", "R"),
        ("Projectplannen", "tblProjectlijnen", "P"),
    ],
)
def test_warning_column_matches_the_annotated_copy_row_by_row(
    validated: tuple[Any, Any],
    annotated_copy: openpyxl.Workbook,
    sheet: str,
    table: str,
    column: str,
) -> None:
    book, _run = validated
    expected = _table_column(annotated_copy, sheet, table, "Waarschuwingen")
    assert _written_column(book, sheet, column) == expected


def test_missing_contact_person_is_warned_on_its_own_row_only(
    validated: tuple[Any, Any],
) -> None:
    book, _run = validated
    sheet, cell = MISSING_CONTACT_CELL
    row = int(cell[1:])
    warnings = _written_column(book, sheet, "R")
    assert "ACT006" in (warnings[row] or "")
    assert all("ACT006" not in (text or "") for r, text in warnings.items() if r != row)


def test_each_warning_column_is_written_in_one_action_covering_every_row(
    validated: tuple[Any, Any],
) -> None:
    book, _run = validated
    column_writes = [
        a
        for sheet in ("Maturiteit", "Meerjarenplan", "Projectplannen")
        for a in set_values_on(book, sheet)
    ]
    # tblThemas has 8 themes, tblActies 15 actions, tblProjectlijnen 48 rows (example).
    assert sorted(a["row_count"] for a in column_writes) == [8, 15, 48]
    assert all(a["column_count"] == 1 and a["start_row"] == 1 for a in column_writes)


def test_controles_rows_match_the_annotated_copy(
    validated: tuple[Any, Any], annotated_copy: openpyxl.Workbook, file_result: Any
) -> None:
    book, _run = validated
    (block,) = set_values_on(book, "Controles")
    written = written_cells(block)
    ws = annotated_copy["Controles"]
    rows = len(file_result.findings)
    assert block["row_count"] == rows and block["column_count"] == 6
    for r in range(2, rows + 2):
        for col in range(1, 7):
            assert written[(r, col)] == ws.cell(r, col).value, (r, col)
    resize = [a for a in actions(book) if a["func"] == "resizeTable"]
    assert [a["args"] for a in resize] == [[0, f"$A$1:$F${rows + 1}"]]


def test_controles_cells_link_to_the_cell_they_are_about(validated: tuple[Any, Any]) -> None:
    book, _run = validated
    (block,) = set_values_on(book, "Controles")
    sheet, cell = ERROR_AMOUNT_CELL
    link = f'=HYPERLINK("#\'{sheet}\'!{cell}","{cell}")'
    assert any(row[3] == link and row[1] == "WB004" for row in block["values"])


def test_budget_overview_matches_the_annotated_copy(
    validated: tuple[Any, Any], annotated_copy: openpyxl.Workbook
) -> None:
    book, _run = validated
    (grid,) = set_values_on(book, "Budgetoverzicht")
    assert grid["start_row"] == 0 and grid["start_column"] == 0
    ws = annotated_copy["Budgetoverzicht"]
    for (row, col), value in written_cells(grid).items():
        expected = ws.cell(row, col).value
        if isinstance(value, float) or isinstance(expected, float):
            assert value == pytest.approx(expected), (row, col)
        else:
            assert value == expected, (row, col)


def test_budget_by_theme_adds_up_the_project_lines_typed_in_the_workbook(
    validated: tuple[Any, Any], defective_xlsx: Path
) -> None:
    """Hand check: Processen in 2026 is the sum of the project lines on that theme
    (a line without theme counts under its action's theme), read with openpyxl."""
    book, _run = validated
    wb = openpyxl.load_workbook(defective_xlsx, data_only=True)
    actions_ws, lines_ws = wb["Meerjarenplan"], wb["Projectplannen"]
    action_theme = {r[0]: r[5] for r in actions_ws.iter_rows(min_row=2, values_only=True) if r[0]}
    expected = 0.0
    for r in lines_ws.iter_rows(min_row=2, values_only=True):
        theme = r[3] or action_theme.get(r[2])
        if theme == "Processen" and isinstance(r[8], int | float):
            expected += r[8]
    (grid,) = set_values_on(book, "Budgetoverzicht")
    rows = grid["values"]
    header_at = next(i for i, row in enumerate(rows) if row[0] == "Thema")
    processen = next(row for row in rows[header_at:] if row[0] == "Processen")
    assert processen[rows[header_at].index(2026)] == pytest.approx(expected)
    assert expected > 0


def test_charts_are_redrawn_from_the_summary_blocks(validated: tuple[Any, Any]) -> None:
    book, _run = validated
    added = [a for a in actions(book) if a["func"] == "addChart"]
    assert [a["args"][0] for a in added] == ["plan-xl by_theme", "plan-xl by_cost_type"]
    assert all(a["args"][2] == "Budgetoverzicht" for a in added)


def test_the_user_sees_a_short_dutch_summary(validated: tuple[Any, Any]) -> None:
    book, run = validated
    alert = actions(book)[-1]
    assert alert["func"] == "alert"
    counts = run.result.counts
    assert alert["args"][0].startswith(f"Plan-XL: {counts['error']} fout(en)")
    assert alert["args"][1] == "Plan-XL"


def test_english_workbook_language_on_request(
    book_from_xlsx: BookFactory, defective_xlsx: Path
) -> None:
    book = book_from_xlsx(defective_xlsx)
    run = validate_workbook(book, lang="en")
    (block,) = set_values_on(book, "Controles")
    assert {row[0] for row in block["values"]} <= {"Error", "Warning", "Info"}
    assert actions(book)[-1]["args"][0].startswith("Plan-XL: ")
    assert "error(s)" in run.message
