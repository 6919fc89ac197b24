"""Excel round-trips stay constant whatever the row count (COM calls are slow)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import xlwings as xw

from plan_xl.excel.entry import budget_summary, clear_warnings, validate_workbook
from tests.excel.conftest import (
    book_json_from_xlsx,
    set_values_on,
    with_project_lines,
    write_actions,
)


@pytest.fixture(scope="module")
def example_json(example_xlsx: Path) -> dict[str, Any]:
    return book_json_from_xlsx(example_xlsx)


def _book(example_json: dict[str, Any], rows: int) -> Any:
    return xw.Book(json=with_project_lines(example_json, rows))


@pytest.mark.parametrize("entry", [validate_workbook, budget_summary, clear_warnings])
def test_100_and_5000_project_lines_need_the_same_number_of_write_actions(
    remote_engine: None, example_json: dict[str, Any], entry: Any
) -> None:
    # One workbook at a time, as Excel calls: alerts go to the app's active book.
    small = _book(example_json, 100)
    small_run = entry(small)
    large = _book(example_json, 5000)
    large_run = entry(large)
    assert small_run.ok and large_run.ok, (small_run.message, large_run.message)
    small_writes = [a["func"] for a in write_actions(small)]
    large_writes = [a["func"] for a in write_actions(large)]
    assert small_writes == large_writes
    assert len(small.json()["actions"]) == len(large.json()["actions"])
    assert (small_run.reads, small_run.writes) == (large_run.reads, large_run.writes)


def test_every_table_is_read_once(remote_engine: None, example_json: dict[str, Any]) -> None:
    run = validate_workbook(_book(example_json, 5000))
    # tblInstellingen, tblAfhankelijkheden, tblNiveaus, tblThemas, tblActies, tblProjectlijnen
    assert run.reads == 6


def test_all_5000_warning_cells_go_out_in_one_write(
    remote_engine: None, example_json: dict[str, Any]
) -> None:
    book = _book(example_json, 5000)
    validate_workbook(book)
    (column,) = set_values_on(book, "Projectplannen")
    assert (column["row_count"], column["column_count"]) == (5000, 1)
    assert column["start_row"] == 1  # directly under the header row
