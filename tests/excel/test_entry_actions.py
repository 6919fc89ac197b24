"""Budgetoverzicht, Wis waarschuwingen and Over on a live workbook."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import plan_xl
from plan_xl.excel.entry import about, budget_summary, clear_warnings
from plan_xl.excel.live_writer import as_cell_value, hyperlink_formula
from plan_xl.validate import validate_file, write_annotated_copy
from tests.excel.conftest import actions, displayed, sheet_position, write_actions

BookFactory = Callable[[Path], Any]


@pytest.fixture(scope="module")
def annotated_xlsx(defective_xlsx: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workbook that was validated before: warnings and Controles rows are filled."""
    out = tmp_path_factory.mktemp("annotated") / "gebreken.gecontroleerd.xlsx"
    return write_annotated_copy(validate_file(defective_xlsx), defective_xlsx, out)


def test_budget_summary_only_touches_the_budget_sheet(
    book_from_xlsx: BookFactory, defective_xlsx: Path
) -> None:
    book = book_from_xlsx(defective_xlsx)
    run = budget_summary(book)
    assert run.ok, run.message
    budget_sheet = sheet_position(book, "Budgetoverzicht")
    writes = write_actions(book)
    assert writes and {a["sheet_position"] for a in writes} == {budget_sheet}
    assert not [a for a in actions(book) if a["func"] == "resizeTable"]
    assert run.message == "Plan-XL: het budgetoverzicht is bijgewerkt."


def test_clear_warnings_empties_every_warning_cell_and_the_checks_table(
    book_from_xlsx: BookFactory, annotated_xlsx: Path
) -> None:
    book = book_from_xlsx(annotated_xlsx)
    # The annotated copy really has warnings and check rows to clear.
    plan_sheet = book.sheets["Meerjarenplan"]
    before = plan_sheet.range("R2:R16").value
    assert any(before)
    old_checks = book.sheets["Controles"].tables["tblControles"].range.value
    assert len(old_checks) > 2

    run = clear_warnings(book)
    assert run.ok, run.message
    by_sheet = {
        book.sheets[a["sheet_position"]].name: a for a in actions(book) if a["func"] == "setValues"
    }
    assert set(by_sheet) == {"Maturiteit", "Meerjarenplan", "Projectplannen", "Controles"}
    for action in by_sheet.values():
        assert all(displayed(v) is None for row in action["values"] for v in row)
    # The blank block covers every old Controles row, then the table shrinks to one row.
    assert by_sheet["Controles"]["row_count"] == len(old_checks) - 1
    resize = [a["args"] for a in actions(book) if a["func"] == "resizeTable"]
    assert resize == [[0, "$A$1:$F$2"]]
    assert by_sheet["Meerjarenplan"]["row_count"] == 15


def test_about_names_the_version_and_the_log_file(
    book_from_xlsx: BookFactory, example_xlsx: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.setenv("PLAN_XL_LOG_DIR", str(tmp_path))
    book = book_from_xlsx(example_xlsx)
    run = about(book)
    assert run.ok
    (alert,) = actions(book)
    assert alert["func"] == "alert"
    assert f"Plan-XL {plan_xl.__version__}" in alert["args"][0]
    assert "Sjabloonversie 1" in alert["args"][0]
    assert str(tmp_path / "plan-xl.log") in alert["args"][0]
    assert write_actions(book) == []


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        ("L7", "L7"),
        ("Fout", "Fout"),
        ("001", "'001"),
        ("12.500,00", "'12.500,00"),
        ("=SUM(A1:A3)", "'=SUM(A1:A3)"),
        ("-A1", "'-A1"),
        ("'quoted' text", "''quoted' text"),
        ("1/2", "'1/2"),
        ("", None),
        (None, None),
        (12500.0, 12500.0),
    ],
)
def test_text_is_stored_as_text_never_as_a_formula_or_number(value: Any, stored: Any) -> None:
    assert as_cell_value(value) == stored


def test_link_text_with_quotes_stays_a_valid_formula() -> None:
    assert hyperlink_formula("'Blad'!A1", 'A "1"') == '=HYPERLINK("#\'Blad\'!A1","A ""1""")'


def test_old_charts_on_the_budget_sheet_are_replaced_not_piled_up(
    remote_engine: None, example_xlsx: Path
) -> None:
    import xlwings as xw

    from tests.excel.conftest import book_json_from_xlsx

    description = book_json_from_xlsx(example_xlsx)
    budget = next(s for s in description["sheets"] if s["name"] == "Budgetoverzicht")
    budget["charts"] = [{"name": "plan-xl by_theme"}, {"name": "plan-xl by_cost_type"}]
    book = xw.Book(json=description)
    assert budget_summary(book).ok
    funcs = [a["func"] for a in actions(book) if "Chart" in a["func"]]
    assert funcs[:2] == ["deleteChart", "deleteChart"]
    assert funcs.count("addChart") == 2


def test_checks_sheet_without_its_table_gets_header_and_rows_at_a1(
    remote_engine: None, defective_xlsx: Path
) -> None:
    import xlwings as xw

    from plan_xl.excel.entry import validate_workbook
    from tests.excel.conftest import book_json_from_xlsx, set_values_on

    description = book_json_from_xlsx(defective_xlsx)
    checks = next(s for s in description["sheets"] if s["name"] == "Controles")
    checks["tables"] = []
    book = xw.Book(json=description)
    run = validate_workbook(book)
    (block,) = set_values_on(book, "Controles")
    assert (block["start_row"], block["start_column"]) == (0, 0)
    assert block["values"][0] == ["Ernst", "Code", "Blad", "Cel", "Onderwerp", "Melding"]
    assert block["row_count"] == len(run.result.findings) + 1
    assert not [a for a in actions(book) if a["func"] == "resizeTable"]
